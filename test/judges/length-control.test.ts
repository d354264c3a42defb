import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {BenchstatsError, lengthControlledWinRate} from "../../lib/index.js";
import {readAlpacaEvalMatrices} from "../../loaders/index.js";
import {dataPath} from "../../loaders/data-dir.js";

// scipy (joint difficulty) + statsmodels (per-model GLM) on the same matrices: scripts/reference/alpaca_lc.py.
const reference = JSON.parse(readFileSync(new URL("../fixtures/judges/alpaca-lc.json", import.meta.url), "utf8"));
const ae = readAlpacaEvalMatrices(dataPath("samples", "alpaca_eval"));

describe("lengthControlledWinRate (AlpacaEval 2 LC)", () => {
  const lc = lengthControlledWinRate(ae, {baseline: "gpt4_1106_preview"});

  it("reads 58 models × 805 instructions with lengths", () => {
    expect(ae.models.length).toBe(58);
    expect(ae.items.length).toBe(805);
  });

  it("equals the scipy/statsmodels reference: difficulty, weights and LC win rates to 1e-6", () => {
    for (let x = 0; x < 805; ++x) expect(Math.abs(lc.difficulty[x] - reference.difficulty[x])).toBeLessThan(1e-6);
    reference.models.forEach((ref: {model: string; winRate: number; lcWinRate: number; weights?: Record<string, number>}) => {
      const ours = lc.models.find((r) => r.model === ref.model)!;
      expect(Math.abs(ours.winRate - ref.winRate)).toBeLessThan(1e-9);
      expect(Math.abs(ours.lcWinRate - ref.lcWinRate)).toBeLessThan(1e-6);
      if (ref.weights) for (const key of ["length", "difficulty", "intercept"] as const) expect(Math.abs(ours.weights[key] - ref.weights[key])).toBeLessThan(1e-6);
    });
  });

  it("gives the baseline 50 and NullModel a higher LC than raw win rate (length control does not catch it)", () => {
    expect(lc.models.find((r) => r.model === "gpt4_1106_preview")!.lcWinRate).toBe(50);
    const nullModel = lc.models.find((r) => r.model === "NullModel")!;
    expect(nullModel.winRate).toBeCloseTo(76.92, 2);
    expect(nullModel.lcWinRate).toBeGreaterThan(nullModel.winRate);
  });

  it("a fixed difficulty skips the joint fit and reproduces the same numbers; a length prior pulls the length weights", () => {
    const fixed = lengthControlledWinRate(ae, {baseline: "gpt4_1106_preview", difficulty: lc.difficulty});
    fixed.models.forEach((r, i) => expect(r.lcWinRate).toBeCloseTo(lc.models[i].lcWinRate, 9));
    const prior = lengthControlledWinRate(ae, {baseline: "gpt4_1106_preview", difficulty: lc.difficulty, lengthPrior: {mean: -1.6, weight: 10}});
    const gamed = (rows: typeof lc.models) => rows.find((r) => r.model === "gpt4_gamed")!;
    expect(gamed(lc.models).weights.length).toBeLessThan(-10);
    expect(gamed(prior.models).weights.length).toBeGreaterThan(-5);
    expect(gamed(prior.models).lcWinRate).toBeLessThan(gamed(lc.models).lcWinRate);
  });

  it("locates bad input: missing lengths, a baseline absent from the data, out-of-range preferences", () => {
    const small = {models: ["m"], preference: [[0.2, 0.7, 0.5]], length: [[10, NaN, 30]], baselineLength: [12, 20, 25]};
    expect(() => lengthControlledWinRate(small)).toThrow(/no output length on instruction 1/);
    expect(() => lengthControlledWinRate({...small, length: [[10, 20, 30]]}, {baseline: "gpt4"})).toThrow(/baseline "gpt4" is not one of/);
    expect(() => lengthControlledWinRate({...small, preference: [[0.2, 1.5, 0.5]], length: [[10, 20, 30]]})).toThrow(BenchstatsError);
    expect(() => lengthControlledWinRate({...small, length: [[10, 20, 30]], baselineLength: [12, NaN, 25]})).toThrow(/baseline length of instruction 1/);
  });
});
