import {describe, expect, it} from "vitest";
import {positionBias, verdictAgreement} from "../../lib/engine.js";
import {readCsv, tidyWinner} from "./fixtures.js";

describe("verdictAgreement(reference, judge)", () => {
  it("computes raw agreement and Cohen's kappa by hand on a small table", () => {
    // Confusion: a→a 2, b→b 1, b→a 1, tie→tie 1 (n = 5). p_o = 4/5.
    // Marginals ref (a 2, b 2, tie 1), judge (a 3, b 1, tie 1): p_e = (6 + 2 + 1)/25 = 9/25.
    const result = verdictAgreement(["a", "a", "b", "b", "tie"], ["a", "a", "b", "a", "tie"]);
    expect(result.agreement).toBeCloseTo(0.8, 15);
    expect(result.kappa).toBeCloseTo((0.8 - 9 / 25) / (1 - 9 / 25), 15);
    expect(result.decisive).toEqual({n: 4, agreement: 0.75});
    expect(result.confusion.b.a).toBe(1);
  });

  it("finds GPT-4 closer to the crowd than GPT-3.5 on real arena battles", () => {
    const rows = readCsv("arena_every6th.csv");
    const human = rows.map((r) => tidyWinner(r.winner_human));
    const gpt4 = verdictAgreement(human, rows.map((r) => tidyWinner(r.winner_gpt4_0125)));
    const gpt35 = verdictAgreement(human, rows.map((r) => tidyWinner(r.winner_gpt35_turbo)));
    expect(gpt4.kappa).toBeGreaterThan(gpt35.kappa);
  });

  it("rejects verdicts outside a | b | tie and unequal lengths", () => {
    expect(() => verdictAgreement(["a"], ["model_a"])).toThrow(/row 0/);
    expect(() => verdictAgreement(["a"], [])).toThrow(/1 reference verdicts vs 0/);
  });
});

describe("positionBias(verdicts)", () => {
  it("counts first-position picks among decisive verdicts", () => {
    const r = positionBias(["a", "a", "a", "b", "tie"]);
    expect(r).toMatchObject({n: 5, a: 3, b: 1, tie: 1, shareA: 0.75});
    expect(r.z).toBeCloseTo((3 - 2) / 1, 12);
    // Two-sided normal p-value for z = 1: 0.3173105.
    expect(r.pValue).toBeCloseTo(0.3173105, 6);
  });

  it("flags GPT-3.5's strong preference for the first answer in arena battles (SOURCE.md: 23,176 vs 3,691 overall)", () => {
    const rows = readCsv("arena_every6th.csv");
    const r = positionBias(rows.map((x) => tidyWinner(x.winner_gpt35_turbo)));
    expect(r.shareA).toBeGreaterThan(0.8);
    expect(r.pValue).toBeLessThan(1e-10);
    const human = positionBias(rows.map((x) => tidyWinner(x.winner_human)));
    expect(Math.abs(human.shareA - 0.5)).toBeLessThan(0.05);
  });
});
