import {describe, expect, it} from "vitest";
import {mcnemarTest, pairedBootstrap, pairedDifference, pairedPermutationTest} from "../../lib/index.js";
import {alpacaWide, chembenchWide, pairedReference, worst, type WideTable} from "./paired-data.js";

const table = (data: "alpaca_eval" | "chembench"): WideTable => (data === "alpaca_eval" ? alpacaWide() : chembenchWide());
const model = (t: WideTable, name: string): Float64Array => {
  const v = t.values.get(name);
  if (!v) throw new Error(`no model ${name}`);
  return v;
};

describe("pairedDifference agrees with statsmodels OLS(d ~ 1) on real model pairs (scripts/reference/paired_inference.py)", () => {
  for (const data of ["alpaca_eval", "chembench"] as const) {
    it(`${data}: n, mean, SE and interval to 1e-12, p-value to 1e-9 (every pair)`, () => {
      const t = table(data);
      const stats: [string, number, number][] = [];
      const pValues: [string, number, number][] = [];
      for (const ref of pairedReference.paired[data]) {
        const r = pairedDifference(model(t, ref.model_a), model(t, ref.model_b));
        expect(r.n, `${ref.model_a} − ${ref.model_b}`).toBe(ref.n);
        const at = `${ref.model_a} − ${ref.model_b}`;
        stats.push([`mean ${at}`, r.mean, ref.mean], [`se ${at}`, r.se, ref.se], [`lower ${at}`, r.lower, ref.lower], [`upper ${at}`, r.upper, ref.upper]);
        pValues.push([`p ${at}`, r.pValue, ref.p]);
        expect(r.warning).toBeUndefined();
      }
      const s = worst(stats);
      expect(s.value, s.at).toBeLessThan(1e-12);
      const p = worst(pValues);
      expect(p.value, p.at).toBeLessThan(1e-9);
    });
  }

  for (const correction of ["cr0", "cr1"] as const) {
    it(`alpaca_eval clustered by source dataset (${correction.toUpperCase()}): SE to 1e-12, p to 1e-9, G = 5 warned`, () => {
      const t = alpacaWide();
      const stats: [string, number, number][] = [];
      const pValues: [string, number, number][] = [];
      for (const ref of pairedReference.paired.alpaca_eval) {
        const r = pairedDifference(model(t, ref.model_a), model(t, ref.model_b), {clusters: t.dataset, clusterCorrection: correction});
        const at = `${ref.model_a} − ${ref.model_b}`;
        stats.push([`se ${at}`, r.se, ref[`se_${correction}`]!], [`lower ${at}`, r.lower, ref[`lower_${correction}`]!], [`upper ${at}`, r.upper, ref[`upper_${correction}`]!]);
        pValues.push([`p ${at}`, r.pValue, ref[`p_${correction}`]!]);
        expect(r.nClusters).toBe(ref.n_clusters);
        expect(r.warning).toMatch(/5 clusters: with fewer than 20 the clustered standard error is itself noisy/);
      }
      const s = worst(stats);
      expect(s.value, s.at).toBeLessThan(1e-12);
      const p = worst(pValues);
      expect(p.value, p.at).toBeLessThan(1e-9);
    });
  }

  it("the reference can tell the variants apart: clustering changes the SE by more than 10 % on some pair", () => {
    const ratios = pairedReference.paired.alpaca_eval.map((r) => r.se_cr0! / r.se);
    expect(Math.max(...ratios.map((x) => Math.abs(x - 1)))).toBeGreaterThan(0.1);
    // and the p-values span many orders of magnitude, so a relative check of 1e-9 is a strong one
    expect(Math.min(...pairedReference.paired.chembench.map((r) => r.p).filter((p) => p > 0))).toBeLessThan(1e-50);
  });
});

describe("mcnemarTest agrees with statsmodels contingency_tables.mcnemar on every ChemBench pair", () => {
  const t = chembenchWide();
  const cases: [string, {exact: boolean; correction?: boolean}, "exact" | "chi2" | "chi2_plain"][] = [
    ["exact binomial", {exact: true}, "exact"],
    ["χ² with continuity correction", {exact: false}, "chi2"],
    ["χ² without correction", {exact: false, correction: false}, "chi2_plain"]
  ];
  for (const [name, options, key] of cases) {
    it(`${name}: counts exact, statistic to 1e-12, p-value to 1e-9`, () => {
      const stats: [string, number, number][] = [];
      const pValues: [string, number, number][] = [];
      for (const ref of pairedReference.mcnemar) {
        const r = mcnemarTest(model(t, ref.model_a), model(t, ref.model_b), options);
        expect([r.n, r.aOnly, r.bOnly, r.exact]).toEqual([ref.n, ref.a_only, ref.b_only, options.exact]);
        stats.push([`${ref.model_a} vs ${ref.model_b}`, r.statistic, ref[`${key}_statistic`]]);
        // Where scipy's binomial CDF underflowed to 0, the rational reference below takes over.
        if (!(key === "exact" && ref.exact_p === 0)) pValues.push([`${ref.model_a} vs ${ref.model_b}`, r.pValue, ref[`${key}_p`]]);
      }
      expect(worst(stats).value, worst(stats).at).toBeLessThan(1e-12);
      expect(worst(pValues).value, worst(pValues).at).toBeLessThan(1e-9);
    });
  }

  it("exact binomial: equal to the rational-arithmetic p-value on every pair, also where scipy underflows to 0", () => {
    const pValues: [string, number, number][] = [];
    for (const ref of pairedReference.mcnemar) {
      const r = mcnemarTest(model(t, ref.model_a), model(t, ref.model_b), {exact: true});
      pValues.push([`${ref.model_a} vs ${ref.model_b}`, r.pValue, ref.exact_p_rational]);
    }
    expect(worst(pValues).value, worst(pValues).at).toBeLessThan(1e-9);
    // Galatica-120b vs Mistral-8x7b-Instruct: 25 against 1,165 discordant items, p = 4.7e-307 (scipy: 0).
    expect(pairedReference.mcnemar.some((r) => r.exact_p === 0 && r.exact_p_rational > 1e-308)).toBe(true);
  });

  it('exact: "auto" is exact below 25 discordant items and χ² (corrected) from 25 on', () => {
    const few = mcnemarTest([1, 1, 1, 0, 1, 0], [0, 0, 1, 0, 0, 1]);
    expect(few).toMatchObject({n: 6, aOnly: 3, bOnly: 1, statistic: 1, exact: true});
    expect(few.pValue).toBeCloseTo(0.625, 14);
    const x = [...Array(20).fill(1), ...Array(5).fill(0)];
    const y = [...Array(20).fill(0), ...Array(5).fill(1)];
    const many = mcnemarTest(x, y);
    expect(many.exact).toBe(false);
    expect(many.statistic).toBe((15 - 1) ** 2 / 25);
  });
});

describe("pairedPermutationTest agrees with scipy.stats.permutation_test (exact, permutation_type='samples')", () => {
  for (const ref of pairedReference.permutation) {
    it(`${ref.data}: ${ref.model_a} − ${ref.model_b} on ${ref.x.length} items: p = ${ref.p.toPrecision(4)} to 1e-12`, () => {
      const r = pairedPermutationTest(ref.x, ref.y);
      expect(r.exact).toBe(true);
      expect(r.patterns).toBe(2 ** ref.x.length);
      expect(Math.abs(r.mean - ref.mean)).toBeLessThan(1e-15);
      expect(Math.abs(r.pValue - ref.p) / ref.p).toBeLessThan(1e-12);
    });
  }

  it("the reference items are the real ones (x, y read from the data files)", () => {
    for (const ref of pairedReference.permutation) {
      const t = table(ref.data as "alpaca_eval" | "chembench");
      const col = ref.items.map((item) => t.items.indexOf(item));
      expect(col.map((j) => model(t, ref.model_a)[j])).toEqual(ref.x);
      expect(col.map((j) => model(t, ref.model_b)[j])).toEqual(ref.y);
    }
  });

  it("Monte Carlo sign flips land within 4 Monte-Carlo SEs of the exact p-value, and reproduce with their seed", () => {
    for (const ref of pairedReference.permutation.filter((c) => c.p > 0.001)) {
      const r = pairedPermutationTest(ref.x, ref.y, {exact: false, reps: 20000, seed: 3});
      expect(r.exact).toBe(false);
      const mcse = Math.sqrt((ref.p * (1 - ref.p)) / 20000) * 2;
      expect(Math.abs(r.pValue - ref.p), `${ref.model_a} − ${ref.model_b}`).toBeLessThan(4 * mcse + 1e-4);
      expect(pairedPermutationTest(ref.x, ref.y, {exact: false, reps: 20000, seed: 3})).toEqual(r);
    }
  });

  it("exact enumeration in two halves equals brute force over every sign pattern (n = 13, ties included)", () => {
    const d = [0.3, -0.1, 0.25, 0, 0.3, -0.45, 0.05, 0.1, -0.1, 0.2, 0.15, 0.3, -0.05];
    const n = d.length;
    const t = d.reduce((s, v) => s + v, 0) / n;
    const gamma = Math.max(1e-14, Math.abs(1e-14 * t));
    let less = 0;
    let greater = 0;
    for (let mask = 0; mask < 2 ** n; ++mask) {
      let s = 0;
      for (let i = 0; i < n; ++i) s += mask & (1 << i) ? -d[i] : d[i];
      if (s / n <= t + gamma) ++less;
      if (s / n >= t - gamma) ++greater;
    }
    const expected = Math.min(1, (2 * Math.min(less, greater)) / 2 ** n);
    expect(pairedPermutationTest(d, new Array(n).fill(0)).pValue).toBe(expected);
  });
});

describe("pairedBootstrap: paired resampling of items or clusters", () => {
  const t = alpacaWide();
  const x = model(t, "claude-2.1");
  const y = model(t, "gpt-3.5-turbo-1106");

  it("its SE approaches the plain SE and its interval the normal one (805 items, 20,000 resamples)", () => {
    const plain = pairedDifference(x, y);
    const boot = pairedBootstrap(x, y, {reps: 20000, seed: 1});
    expect(boot.mean).toBe(plain.mean);
    expect(Math.abs(boot.se / plain.se - 1)).toBeLessThan(0.03);
    expect(Math.abs(boot.lower - plain.lower)).toBeLessThan(0.1 * plain.se);
    expect(Math.abs(boot.upper - plain.upper)).toBeLessThan(0.1 * plain.se);
    expect(boot.pValue).toBeLessThan(0.05);
    expect(pairedBootstrap(x, y, {reps: 20000, seed: 1})).toEqual(boot);
    expect(pairedBootstrap(x, y, {reps: 20000, seed: 2}).lower).not.toBe(boot.lower);
  });

  it("resampling whole clusters tracks the clustered (CR0) SE, not the plain one (40 clusters of neighbouring items)", () => {
    const clusters = t.items.map((_, i) => `c${Math.floor(i / 20)}`);
    const cr0 = pairedDifference(x, y, {clusters});
    const boot = pairedBootstrap(x, y, {reps: 20000, seed: 1, clusters});
    expect(boot.nClusters).toBe(41);
    expect(Math.abs(boot.se / cr0.se - 1)).toBeLessThan(0.08);
    expect(boot.warning).toBeUndefined();
  });

  it("bca and basic intervals come from the same replicates; bca uses the jackknife acceleration", () => {
    const percentile = pairedBootstrap(x, y, {reps: 4000, seed: 5});
    const basic = pairedBootstrap(x, y, {reps: 4000, seed: 5, method: "basic"});
    expect(basic.lower).toBeCloseTo(2 * percentile.mean - percentile.upper, 14);
    const bca = pairedBootstrap(x, y, {reps: 4000, seed: 5, method: "bca"});
    expect(bca.lower).not.toBe(percentile.lower);
    expect(Math.abs(bca.lower - percentile.lower)).toBeLessThan(0.2 * percentile.se);
  });
});
