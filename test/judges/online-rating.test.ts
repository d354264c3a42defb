import {describe, expect, it} from "vitest";
import {BenchstatsError, createOnlineRating, replayTopK} from "../../lib/index.js";
import {arenaBattles} from "../pairwise/fixtures.js";

describe("createOnlineRating (TrueSkill-style Gaussian skills)", () => {
  it("reproduces the TrueSkill reference numbers for one 1-vs-1 win and one draw (μ 25, σ 25/3, draw 10%)", () => {
    // The python `trueskill` package documents rate_1vs1 → (29.396, 7.171), (20.604, 7.171) and a draw → (25.000, 6.458).
    const r = createOnlineRating();
    r.update("x", "y", "a");
    const [x, y] = r.ratings();
    expect(x.model).toBe("x");
    expect(x.mu).toBeCloseTo(29.395831692991514, 9);
    expect(y.mu).toBeCloseTo(20.604168307008486, 9);
    expect(x.sigma).toBeCloseTo(7.171475807009221, 9);
    const d = createOnlineRating();
    d.update("x", "y", "tie");
    expect(d.ratings()[0].mu).toBeCloseTo(25, 12);
    expect(d.ratings()[0].sigma).toBeCloseTo(6.457515683245051, 9);
  });

  it("matchmaking prefers uncertain models of similar skill", () => {
    const r = createOnlineRating();
    for (let i = 0; i < 30; ++i) r.update("strong", "weak", "a");
    r.add("new");
    const pair = r.nextPair()!;
    expect(pair).toContain("new");
    expect(r.expectedGain("strong", "weak")).toBeLessThan(r.expectedGain("new", "weak"));
    expect(r.nextPair([["strong", "weak"]])).toEqual(["strong", "weak"]);
    expect(createOnlineRating().nextPair()).toBeNull();
  });

  it("refuses bad votes and options", () => {
    const r = createOnlineRating();
    expect(() => r.update("x", "y", "b+")).toThrow(BenchstatsError);
    expect(() => r.update("x", "x", "a")).toThrow(/itself/);
    expect(() => createOnlineRating({drawProbability: 1})).toThrow(/drawProbability/);
  });
});

describe("replayTopK", () => {
  it("replays arena battles in order and reports the votes each method needs to reach the final top-5", () => {
    const battles = arenaBattles();
    const result = replayTopK(battles, {every: 500});
    expect(result.finalTopK).toHaveLength(5);
    expect(result.methods.map((m) => m.method)).toEqual(["elo", "bradley-terry", "trueskill", "trueskill-matchmaking"]);
    const bt = result.methods.find((m) => m.method === "bradley-terry")!;
    // Bradley–Terry on all battles is the definition of the final top-5 (up to the tiny ridge).
    expect(bt.curve.at(-1)!.overlap).toBe(5);
    for (const m of result.methods) {
      expect(m.curve.at(-1)!.votes).toBe(battles.length);
      if (m.votesToTopK !== null) expect(m.curve.filter((c) => c.votes >= m.votesToTopK!).every((c) => c.overlap === 5)).toBe(true);
    }
    expect(replayTopK(battles, {every: 500, methods: ["trueskill"]})).toEqual({...result, methods: [result.methods[2]]});
  }, 60_000);
});
