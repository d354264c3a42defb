import {describe, expect, it} from "vitest";
import {encodeLabels} from "../../lib/core/columns.js";
import {adjustPValues, compareAllPairs, mcnemarTest, pairedDifference, pairedPermutationTest, type AdjustMethod} from "../../lib/index.js";
import {alpacaRows, chembenchRows, shuffled} from "./eval-data.js";
import {alpacaWide, chembenchWide, pairedReference, worst} from "./paired-data.js";

const METHODS: AdjustMethod[] = ["holm", "hochberg", "bh", "by", "bonferroni"];

describe("adjustPValues agrees with statsmodels multipletests", () => {
  for (const vector of pairedReference.adjust) {
    for (const method of METHODS) {
      it(`${vector.name} (${vector.p.length} p-values), ${method}: to 1e-12 relative`, () => {
        const ours = adjustPValues(vector.p, {method});
        const w = worst(ours.map((v, i) => [`p[${i}]`, v, vector[method][i]]));
        expect(w.value, w.at).toBeLessThan(1e-12);
      });
    }
  }

  it("adjusted values are monotone in the raw ones, never below them, and at most 1", () => {
    for (const vector of pairedReference.adjust) {
      for (const method of METHODS) {
        const adjusted = adjustPValues(vector.p, {method});
        const order = vector.p.map((_, i) => i).sort((a, b) => vector.p[a] - vector.p[b]);
        for (let k = 1; k < order.length; ++k) expect(adjusted[order[k]]).toBeGreaterThanOrEqual(adjusted[order[k - 1]]);
        adjusted.forEach((a, i) => {
          expect(a).toBeLessThanOrEqual(1);
          expect(a).toBeGreaterThanOrEqual(vector.p[i]);
        });
      }
    }
  });

  it("the methods differ on real p-values (a swapped formula would show)", () => {
    const p = pairedReference.adjust[0].p;
    const results = METHODS.map((method) => JSON.stringify(adjustPValues(p, {method})));
    expect(new Set(results).size).toBe(METHODS.length);
  });

  it("keeps NaN in place and adjusts the others as if the NaN were not there", () => {
    const p = [0.01, NaN, 0.04, 0.03, NaN, 0.2];
    for (const method of METHODS) {
      const withNaN = adjustPValues(p, {method});
      const without = adjustPValues([0.01, 0.04, 0.03, 0.2], {method});
      expect(withNaN[1]).toBeNaN();
      expect(withNaN[4]).toBeNaN();
      expect([withNaN[0], withNaN[2], withNaN[3], withNaN[5]]).toEqual(without);
    }
    expect(adjustPValues([NaN, NaN])).toEqual([NaN, NaN]);
    expect(adjustPValues([])).toEqual([]);
  });

  it("gives the documented examples", () => {
    expect(adjustPValues([0.01, 0.04, 0.03, 0.2], {method: "holm"})).toEqual([0.04, 0.09, 0.09, 0.2]);
    const bh = adjustPValues([0.01, 0.04, 0.03, 0.2], {method: "bh"});
    expect(bh[0]).toBeCloseTo(0.04, 15);
    expect(bh[1]).toBeCloseTo(0.04 / 0.75, 15);
  });
});

describe("compareAllPairs: every pair of a samples table, with adjusted p-values", () => {
  const chembench = chembenchRows();

  it("each pair equals a direct McNemar test (counts as statsmodels'), adjusted by Holm over all pairs", () => {
    const all = compareAllPairs(chembench, {test: "mcnemar", exact: true});
    expect(all.models).toHaveLength(22);
    expect(all.pairs).toHaveLength(231);
    const t = chembenchWide();
    const reference = new Map(pairedReference.mcnemar.map((r) => [`${r.model_a}|${r.model_b}`, r]));
    for (const pair of all.pairs) {
      const ref = reference.get(`${pair.modelA}|${pair.modelB}`)!;
      expect(ref, `${pair.modelA}|${pair.modelB}`).toBeDefined();
      expect([pair.aOnly, pair.bOnly]).toEqual([ref.a_only, ref.b_only]);
      expect(pair.pValue).toBe(mcnemarTest(t.values.get(pair.modelA)!, t.values.get(pair.modelB)!, {exact: true}).pValue);
      expect(pair.mean).toBeCloseTo((ref.a_only - ref.b_only) / ref.n, 15);
    }
    // Holm over the 231 pairs (adjustPValues itself is checked against statsmodels above; here scipy's
    // underflow to 0 on five pairs would reorder the smallest p-values, so the raw ones are ours).
    expect(all.pairs.map((p) => p.pAdjusted)).toEqual(adjustPValues(all.pairs.map((p) => p.pValue), {method: "holm"}));
    // matrices are symmetric with the pairs' values
    const [first] = all.pairs;
    const i = all.models.indexOf(first.modelA);
    const j = all.models.indexOf(first.modelB);
    expect(all.pValues[i][j]).toBe(first.pValue);
    expect(all.pValues[j][i]).toBe(first.pValue);
    expect(all.adjusted[i][j]).toBe(first.pAdjusted);
    expect(all.pValues[i][i]).toBeNaN();
    expect(all.significantAdjusted).toBeLessThanOrEqual(all.significantRaw);
    expect(all.wins.reduce((s, w) => s + w.winsRaw, 0)).toBe(all.significantRaw);
    expect(all.wins.reduce((s, w) => s + w.lossesAdjusted, 0)).toBe(all.significantAdjusted);
  });

  it("paired z test clustered by dataset on AlpacaEval equals pairedDifference on the model columns", () => {
    const rows = alpacaRows();
    const models = ["NullModel", "claude-2.1", "gpt4_gamed", "phi-2"];
    const all = compareAllPairs(rows, {models, cluster: "dataset", clusterCorrection: "cr1", adjust: "bh"});
    expect(all.models).toEqual(["NullModel", "claude-2.1", "gpt4_gamed", "phi-2"]);
    const t = alpacaWide();
    for (const pair of all.pairs) {
      const direct = pairedDifference(t.values.get(pair.modelA)!, t.values.get(pair.modelB)!, {clusters: t.dataset, clusterCorrection: "cr1"});
      expect(pair.mean).toBe(direct.mean);
      expect(pair.se).toBe(direct.se);
      expect(pair.statistic).toBe(direct.z);
      expect(pair.nClusters).toBe(5);
    }
    expect(all.pairs.map((p) => p.pAdjusted)).toEqual(adjustPValues(all.pairs.map((p) => p.pValue), {method: "bh"}));
  });

  it("gives identical results for shuffled rows and for a columnar table (seeded permutation test included)", () => {
    const rows = chembenchRows().filter((r) => ["GPT-4o", "o1", "Llama-3.1-8B-Instruct"].includes(r.model));
    const options = {test: "permutation" as const, reps: 500, seed: 9};
    const base = compareAllPairs(rows, options);
    expect(compareAllPairs(shuffled(rows, 4), options)).toEqual(base);
    const columnar = {
      length: rows.length,
      columns: {
        model: encodeLabels(rows.map((r) => r.model)),
        item: encodeLabels(rows.map((r) => r.item)),
        value: Float64Array.from(rows, (r) => r.value)
      }
    };
    expect(compareAllPairs(columnar, options)).toEqual(base);
    const t = chembenchWide();
    const direct = pairedPermutationTest(t.values.get("GPT-4o")!, t.values.get("Llama-3.1-8B-Instruct")!, {reps: 500, seed: 9});
    expect(base.pairs.find((p) => p.modelA === "GPT-4o" && p.modelB === "Llama-3.1-8B-Instruct")!.pValue).toBe(direct.pValue);
  });

  it("counts wins on the side of the positive difference", () => {
    const rows: {model: string; item: string; value: number}[] = [];
    for (let i = 0; i < 60; ++i) {
      rows.push({model: "strong", item: `q${i}`, value: i % 10 === 0 ? 0 : 1});
      rows.push({model: "weak", item: `q${i}`, value: i % 10 < 6 ? 0 : 1});
      rows.push({model: "twin", item: `q${i}`, value: i % 10 < 6 ? 0 : 1});
    }
    const all = compareAllPairs(rows, {test: "mcnemar"});
    const wins = Object.fromEntries(all.wins.map((w) => [w.model, w]));
    expect(wins.strong).toMatchObject({winsRaw: 2, winsAdjusted: 2, lossesRaw: 0});
    expect(wins.weak).toMatchObject({winsRaw: 0, lossesRaw: 1});
    expect(all.pairs.find((p) => p.modelA === "twin")!.warning).toMatch(/no discordant items/);
  });
});
