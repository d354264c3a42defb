import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {BenchstatsError, createRandom, correlationInterval, kendallTau, pearson, spearman} from "../../lib/index.js";
import {denseRanks, rankAverage} from "../../lib/engine.js";

interface GoldenCase {
  name: string;
  x: number[];
  y: number[];
  concordant: number;
  discordant: number;
  ties_x_only: number;
  ties_y_only: number;
  ties_both: number;
  kendall_tau_b: number | null;
  kendall_tau_b_pvalue_scipy_auto: number | null;
  kendall_tau_c: number | null;
  spearman_rho: number | null;
  spearman_pvalue: number | null;
  pearson_r: number | null;
  pearson_pvalue: number | null;
}
const golden: {cases: GoldenCase[]} = JSON.parse(readFileSync(new URL("../fixtures/ranking/correlation.json", import.meta.url), "utf8"));

// Statistics are rational functions of counts: 1e-12 absolute covers float rounding. p-values come from
// special functions (our incomplete beta/gamma vs scipy's cephes/boost): 1e-9 relative.
function expectValue(actual: number, expected: number | null, relative = 0) {
  if (expected === null) return expect(actual).toBeNaN();
  const tolerance = Math.max(1e-12, relative * Math.abs(expected));
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
}

// Larger seeded cases (continuous and heavily tied, n up to 1000, exact and asymptotic p-values), computed locally
// with scipy 1.10.1 (test/fixtures/ranking/SOURCE.md).
const extra: {cases: Array<Record<string, number | null | number[]> & {name: string; x: number[]; y: number[]}>} = JSON.parse(
  readFileSync(new URL("../fixtures/ranking/correlation_scipy110.json", import.meta.url), "utf8")
);

describe("correlations on larger samples", () => {
  for (const c of extra.cases) {
    it(`match scipy on ${c.name}`, () => {
      const k = kendallTau(c.x, c.y);
      expectValue(k.tau, c.kendall_tau_b as number);
      expectValue(k.pValue, c.kendall_tau_b_pvalue as number, 1e-9);
      expectValue(kendallTau(c.x, c.y, {variant: "c"}).tau, c.kendall_tau_c as number);
      const s = spearman(c.x, c.y);
      expectValue(s.rho, c.spearman_rho as number);
      expectValue(s.pValue, c.spearman_pvalue as number, 1e-9);
      const p = pearson(c.x, c.y);
      expectValue(p.r, c.pearson_r as number);
      expectValue(p.pValue, c.pearson_pvalue as number, 1e-9);
    });
  }
});

describe("kendallTau(x, y, {variant})", () => {
  for (const c of golden.cases) {
    it(`matches scipy.stats.kendalltau on ${c.name}`, () => {
      const b = kendallTau(c.x, c.y);
      expectValue(b.tau, c.kendall_tau_b);
      expectValue(b.pValue, c.kendall_tau_b_pvalue_scipy_auto, 1e-9);
      expectValue(kendallTau(c.x, c.y, {variant: "c"}).tau, c.kendall_tau_c);
      expect(b.concordant).toBe(c.concordant);
      expect(b.discordant).toBe(c.discordant);
      expect([b.tiedX, b.tiedY, b.tiedBoth]).toEqual([c.ties_x_only, c.ties_y_only, c.ties_both]);
    });
  }

  it("counts pairs like the O(n²) definition on random tied data", () => {
    const rng = createRandom(11);
    for (let trial = 0; trial < 20; ++trial) {
      const n = 2 + rng.int(60);
      const x = Array.from({length: n}, () => rng.int(6));
      const y = Array.from({length: n}, () => rng.int(4));
      let con = 0, dis = 0, tx = 0, ty = 0, tb = 0;
      for (let i = 0; i < n; ++i)
        for (let j = i + 1; j < n; ++j) {
          const s = Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
          if (x[i] === x[j] && y[i] === y[j]) tb++;
          else if (x[i] === x[j]) tx++;
          else if (y[i] === y[j]) ty++;
          else if (s > 0) con++;
          else dis++;
        }
      const r = kendallTau(x, y, {variant: "a"});
      expect([r.concordant, r.discordant, r.tiedX, r.tiedY, r.tiedBoth]).toEqual([con, dis, tx, ty, tb]);
      if (!Number.isNaN(r.tau)) expect(r.tau).toBeCloseTo((con - dis) / ((n * (n - 1)) / 2), 12);
    }
  });

  it("counts pairs like the O(n²) definition when values differ only in their lowest bits", () => {
    // The sort packs each index into the lowest mantissa bits; these values agree in all other bits, with signed
    // zeros, subnormals and negatives, in groups small (insertion sort) and large (radix fallback).
    const rng = createRandom(12);
    const near = (base: number, spread: number) => base + (rng.int(spread) - (spread >> 1)) * Number.EPSILON * Math.abs(base || 1);
    const special = [0, -0, 5e-324, -5e-324, 1e-310, -1e-310];
    for (const [n, spread] of [[40, 8], [300, 64], [1500, 1 << 11]]) {
      const pick = () => (rng.float() < 0.1 ? special[rng.int(special.length)] : near(rng.float() < 0.5 ? 1 : -3, spread));
      const x = Array.from({length: n}, pick);
      const y = Array.from({length: n}, () => (rng.float() < 0.3 ? pick() : near(2, spread)));
      let con = 0, dis = 0, tx = 0, ty = 0, tb = 0;
      for (let i = 0; i < n; ++i)
        for (let j = i + 1; j < n; ++j) {
          const s = Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
          if (x[i] === x[j] && y[i] === y[j]) tb++;
          else if (x[i] === x[j]) tx++;
          else if (y[i] === y[j]) ty++;
          else if (s > 0) con++;
          else dis++;
        }
      const r = kendallTau(x, y);
      expect([r.concordant, r.discordant, r.tiedX, r.tiedY, r.tiedBoth]).toEqual([con, dis, tx, ty, tb]);
    }
  });

  it("uses the exact null distribution (Mahonian numbers) for small untied samples", () => {
    // 4 inversions among 45 pairs: tau = 37/45; two-sided exact p = 2·#{perms of 10 with ≤ 4 inversions}/10!
    // with the Mahonian numbers 1, 9, 44, 155, 440 (counted independently by brute-force convolution).
    const r = kendallTau([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 2, 1, 4, 3, 6, 5, 8, 7, 9]);
    expect(r.method).toBe("exact");
    expect(r.tau).toBeCloseTo(37 / 45, 14);
    expect(r.pValue).toBeCloseTo((2 * (1 + 9 + 44 + 155 + 440)) / 3628800, 15);
  });

  it("drops pairs with NaN by default and rejects them with nanPolicy 'raise'", () => {
    const r = kendallTau([1, 2, NaN, 4, 5], [1, 3, 7, 2, 5]);
    expect(r.n).toBe(4);
    expect(r.tau).toBeCloseTo(kendallTau([1, 2, 4, 5], [1, 3, 2, 5]).tau, 15);
    expect(() => kendallTau([1, NaN], [1, 2], {nanPolicy: "raise"})).toThrow(BenchstatsError);
  });

  it("reports constant input as NaN with a warning, and rejects mismatched lengths", () => {
    const r = kendallTau([1, 1, 1, 1], [1, 2, 3, 4]);
    expect(r.tau).toBeNaN();
    expect(r.warning).toMatch(/x is constant/);
    expect(() => kendallTau([1, 2], [1, 2, 3])).toThrow(/same length/);
    expect(() => kendallTau([1, 2], [1, 2], {variant: "d" as "a"})).toThrow(BenchstatsError);
  });
});

describe("rankAverage(values) and denseRanks(values)", () => {
  it("match the counting definition on values that differ only in their lowest bits", () => {
    const rng = createRandom(13);
    for (const [n, spread] of [[50, 4], [400, 64], [1300, 1 << 11]]) {
      const values = Array.from({length: n}, () =>
        rng.float() < 0.1 ? [0, -0, 5e-324, -1e-310][rng.int(4)] : (rng.float() < 0.5 ? 1 : -2) * (1 + rng.int(spread) * Number.EPSILON)
      );
      const distinct = [...new Set(values.map((v) => (v === 0 ? 0 : v)))].sort((a, b) => a - b);
      const average = values.map((v) => {
        const below = values.filter((w) => w < v).length;
        const equal = values.filter((w) => w === v).length;
        return below + (equal + 1) / 2;
      });
      expect(Array.from(rankAverage(values))).toEqual(average);
      const dense = denseRanks(values);
      expect(Array.from(dense.ranks)).toEqual(values.map((v) => distinct.indexOf(v === 0 ? 0 : v)));
      expect(dense.distinct).toBe(distinct.length);
    }
  });
});

describe("spearman(x, y)", () => {
  for (const c of golden.cases) {
    it(`matches scipy.stats.spearmanr on ${c.name}`, () => {
      const r = spearman(c.x, c.y);
      expectValue(r.rho, c.spearman_rho);
      expectValue(r.pValue, c.spearman_pvalue, 1e-9);
    });
  }
});

describe("pearson(x, y)", () => {
  for (const c of golden.cases) {
    it(`matches scipy.stats.pearsonr on ${c.name}`, () => {
      const r = pearson(c.x, c.y);
      expectValue(r.r, c.pearson_r);
      expectValue(r.pValue, c.pearson_pvalue, 1e-9);
    });
  }
});

describe("correlationInterval(x, y, options)", () => {
  const rng = createRandom(5);
  const x = Array.from({length: 40}, () => rng.normal());
  const y = x.map((v) => v + rng.normal());

  it("brackets the point estimate and is reproducible for a seed", () => {
    for (const statistic of ["kendall", "spearman", "pearson"] as const) {
      const a = correlationInterval(x, y, {statistic, reps: 200, seed: 3});
      const b = correlationInterval(x, y, {statistic, reps: 200, seed: 3});
      expect(a).toEqual(b);
      expect(a.lower).toBeLessThan(a.point);
      expect(a.upper).toBeGreaterThan(a.point);
      expect(a.upper).toBeLessThanOrEqual(1);
    }
  });

  it("narrows roughly as 1/√n (Pearson r, normal theory SE ≈ (1 − r²)/√n)", () => {
    const big = Array.from({length: 400}, () => rng.normal());
    const bigY = big.map((v) => v + rng.normal());
    const ci = correlationInterval(big, bigY, {statistic: "pearson", reps: 1000, seed: 1});
    const se = (1 - ci.point ** 2) / Math.sqrt(400);
    expect((ci.upper - ci.lower) / (2 * 1.96 * se)).toBeGreaterThan(0.8);
    expect((ci.upper - ci.lower) / (2 * 1.96 * se)).toBeLessThan(1.25);
  });
});
