import {describe, expect, it} from "vitest";
import {BenchstatsError, bradleyTerry, lengthControlledWinRate, lengthRule, preferenceDispersion, verbosityGap} from "../../lib/index.js";
import {readAlpacaEvalMatrices} from "../../loaders/index.js";
import {dataPath} from "../../loaders/data-dir.js";
import {readCsv, tidyWinner} from "../pairwise/fixtures.js";

const ae = readAlpacaEvalMatrices(dataPath("samples", "alpaca_eval"));

describe("preferenceDispersion", () => {
  const rows = preferenceDispersion(ae, {exclude: ["gpt4_1106_preview"]});
  it("flags NullModel alone on the bundled AlpacaEval 2 matrix", () => {
    expect(rows.filter((r) => r.flagged).map((r) => r.model)).toEqual(["NullModel"]);
    expect(rows.find((r) => r.model === "NullModel")!.zDispersion).toBeLessThan(-15);
    const nullModel = rows.find((r) => r.model === "NullModel")!;
    expect(nullModel.dispersion).toBeCloseTo(0.612, 3);
    expect(nullModel.mean).toBeCloseTo(0.7692, 4);
  });
  it("computes the dispersion and the consensus correlation as defined", () => {
    const m = ae.models.indexOf("phi-2");
    const row = rows.find((r) => r.model === "phi-2")!;
    const values = Array.from(ae.preference[m]).filter((v) => !Number.isNaN(v));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    expect(row.dispersion).toBeCloseTo(sd / Math.sqrt(mean * (1 - mean)), 12);
    expect(row.consensus).toBeGreaterThan(0.4);
  });
  it("refuses too few models and out-of-range preferences", () => {
    expect(() => preferenceDispersion({models: ["a", "b"], preference: [[0.1, 0.2, 0.3], [0.2, 0.3, 0.4]]})).toThrow(/at least 5 models/);
    const bad = {models: ["a", "b", "c", "d", "e"], preference: [[0.1, 1.2, 0.3], [0.2, 0.3, 0.4], [0, 1, 0], [1, 0, 1], [0.5, 0.5, 0.4]]};
    expect(() => preferenceDispersion(bad)).toThrow(BenchstatsError);
  });
});

describe("verbosityGap", () => {
  it("measures how far _concise/_verbose prompts move raw and length-controlled win rates", () => {
    const lc = lengthControlledWinRate(ae, {baseline: "gpt4_1106_preview"}).models;
    const raw = verbosityGap(lc.map((r) => ({model: r.model, score: r.winRate})));
    const controlled = verbosityGap(lc.map((r) => ({model: r.model, score: r.lcWinRate})));
    const family = (rows: typeof raw, base: string) => rows.find((f) => f.base === base)!;
    expect(Object.keys(family(raw, "gpt-3.5-turbo-1106").scores).sort()).toEqual(["gpt-3.5-turbo-1106", "gpt-3.5-turbo-1106_concise", "gpt-3.5-turbo-1106_verbose"]);
    expect(family(raw, "gpt-3.5-turbo-1106").spread).toBeCloseTo(12.76317 - 7.415865, 4);
    // Length control does not shrink this family's spread (upstream's published LC neither: 15.8 / 19.3 / 22.0).
    expect(family(controlled, "gpt-3.5-turbo-1106").spread).toBeGreaterThan(5);
    expect(verbosityGap([{model: "m", score: 10}, {model: "m_verbose", score: 14}, {model: "x", score: 12}])).toEqual([
      {base: "m", scores: {m: 10, m_verbose: 14}, spread: 4, modelsCrossed: 1},
    ]);
    expect(() => verbosityGap([{model: "m", score: NaN}])).toThrow(/finite/);
  });
});

describe("lengthRule (WildBench)", () => {
  const pandalm = readCsv("pandalm_testset_v1_5models.csv")
    .filter((r) => r.len_response_a !== "" && r.len_response_b !== "")
    .map((r) => ({model_a: r.model_a, model_b: r.model_b, winner: tidyWinner(r.winner_annotator1), len_a: Number(r.len_response_a), len_b: Number(r.len_response_b)}));
  it("turns wins by a much longer answer into ties, and only those", () => {
    const {battles, changed} = lengthRule(pandalm, {k: 100});
    let expected = 0;
    pandalm.forEach((b, i) => {
      const margin = b.winner === "a" ? b.len_a - b.len_b : b.winner === "b" ? b.len_b - b.len_a : 0;
      if (b.winner !== "tie" && margin > 100) {
        expected++;
        expect(battles[i].winner).toBe("tie");
      } else expect(battles[i].winner).toBe(b.winner);
    });
    expect(changed).toBe(expected);
    expect(changed).toBeGreaterThan(20);
    expect(lengthRule(pandalm, {k: 1e9}).changed).toBe(0);
    expect(bradleyTerry(battles, {reps: 0})).toHaveLength(5);
  });
  it("keeps strong wins with a strength column and locates bad rows", () => {
    const rows = [
      {model_a: "x", model_b: "y", winner: "a", len_a: 2000, len_b: 100, s: "strong"},
      {model_a: "x", model_b: "y", winner: "a", len_a: 2000, len_b: 100, s: "slight"},
    ];
    expect(lengthRule(rows, {strength: "s"}).battles.map((b) => b.winner)).toEqual(["a", "tie"]);
    expect(() => lengthRule([{model_a: "x", model_b: "y", winner: "a", len_a: NaN, len_b: 1}])).toThrow(/len_a must be a length/);
    expect(() => lengthRule(rows, {strength: "s", k: -1})).toThrow(/k must be/);
  });
});
