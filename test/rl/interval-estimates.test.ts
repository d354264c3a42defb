import {describe, expect, it, vi} from "vitest";
import {
  BenchstatsError,
  aggregateIqm,
  aggregateMean,
  aggregateMedian,
  aggregateOptimalityGap,
  averageScoreDistributionAt,
  createRandom,
  intervalEstimates,
  optimalityGapAt,
  probabilityOfImprovement,
  scoreDistributionAt
} from "../../lib/index.js";
import {planIntervalEstimates, runBootstrapBlock} from "../../lib/engine.js";
import {atariMatrices} from "./atari-data.js";

// Generous per-test limit: CI's 2 cores may be shared; the suite itself takes a few seconds.
vi.setConfig({testTimeout: 30000});

const first10 = atariMatrices(10);
const ALL4 = [aggregateMedian, aggregateIqm, aggregateMean, aggregateOptimalityGap];

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; ++i) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe("intervalEstimates: fast counting path vs generic materialising path", () => {
  const stats = [...ALL4, optimalityGapAt(0.5), scoreDistributionAt([0, 0.1, 0.5, 1, 2]), averageScoreDistributionAt([0, 0.25, 1])];
  for (const taskBootstrap of [false, true]) {
    it(`give bit-identical replicates for every built-in statistic (taskBootstrap ${taskBootstrap})`, () => {
      const dict = {DER: first10.DER, SimPLe: first10.SimPLe};
      const opts = {reps: 250, seed: 11, keepReplicates: true, taskBootstrap};
      const fast = intervalEstimates(dict, stats, opts);
      const slow = intervalEstimates(dict, stats, {...opts, forceGeneric: true});
      for (const k of Object.keys(dict)) {
        expect(sameBits(fast[k].replicates!, slow[k].replicates!)).toBe(true);
        expect(fast[k].lower).toEqual(slow[k].lower);
      }
    });
  }

  it("give the same numbers when the statistic is an unrecognised wrapper of the same functions", () => {
    const dict = {SPR: first10.SPR};
    const fast = intervalEstimates(dict, aggregateIqm, {reps: 500, seed: 3});
    const wrapped = intervalEstimates(dict, (m: ArrayLike<ArrayLike<number>>) => [aggregateIqm(m)], {reps: 500, seed: 3});
    expect(wrapped.SPR.lower).toEqual(fast.SPR.lower);
    expect(wrapped.SPR.upper).toEqual(fast.SPR.upper);
  });

  it("give bit-identical probability-of-improvement replicates", () => {
    const dict = {"SPR,DER": [first10.SPR, first10.DER] as const};
    const a = intervalEstimates(dict, probabilityOfImprovement, {reps: 400, seed: 2, keepReplicates: true});
    const b = intervalEstimates(dict, probabilityOfImprovement, {reps: 400, seed: 2, keepReplicates: true, forceGeneric: true});
    expect(sameBits(a["SPR,DER"].replicates!, b["SPR,DER"].replicates!)).toBe(true);
  });

  it("agree on ragged run counts (NaN = missing run)", () => {
    const ragged = first10.DrQ.map((row, r) => row.map((v, t) => ((r + t) % 4 === 0 ? NaN : v)));
    const a = intervalEstimates({DrQ: ragged}, ALL4, {reps: 300, seed: 8, keepReplicates: true});
    const b = intervalEstimates({DrQ: ragged}, ALL4, {reps: 300, seed: 8, keepReplicates: true, forceGeneric: true});
    expect(sameBits(a.DrQ.replicates!, b.DrQ.replicates!)).toBe(true);
    expect(a.DrQ.point[1]).toBe(aggregateIqm(ragged));
  });
});

describe("intervalEstimates: reproducibility", () => {
  it("depends on the seed, and a key's result does not depend on the other keys", () => {
    const both = intervalEstimates({DER: first10.DER, SPR: first10.SPR}, aggregateIqm, {reps: 1000, seed: 5});
    const alone = intervalEstimates({DER: first10.DER}, aggregateIqm, {reps: 1000, seed: 5});
    const other = intervalEstimates({DER: first10.DER}, aggregateIqm, {reps: 1000, seed: 6});
    expect(alone.DER).toEqual(both.DER);
    expect(other.DER.lower).not.toEqual(alone.DER.lower);
  });

  it("computes each block as a pure function of (plan, entry, block)", () => {
    const plan = planIntervalEstimates({DER: first10.DER}, ALL4, {reps: 1200, seed: 9});
    expect(sameBits(runBootstrapBlock(plan, 0, 2), runBootstrapBlock(plan, 0, 2))).toBe(true);
    expect(runBootstrapBlock(plan, 0, 2).length).toBe(4 * 200); // last block: 1200 − 2·500
    const cloned = structuredClone(plan);
    expect(sameBits(runBootstrapBlock(cloned, 0, 1), runBootstrapBlock(plan, 0, 1))).toBe(true);
  });

  it("reports progress up to the total", () => {
    const seen: number[] = [];
    intervalEstimates({DER: first10.DER, SPR: first10.SPR}, aggregateMean, {reps: 1100, onProgress: (d, t) => seen.push(d / t)});
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBe(6); // 3 blocks × 2 keys
  });
});

describe("intervalEstimates: Monte-Carlo agreement with an independent stratified bootstrap", () => {
  // An independent implementation straight from rliable's StratifiedBootstrap: per cell, draw a run of
  // the same task; IQM by sorting; numpy-linear percentiles. Its endpoints vary with the seed; ours must
  // land within that Monte-Carlo spread (the Done-when criterion for rliable's own numbers).
  function naiveIqmInterval(m: number[][], reps: number, seed: number): [number, number] {
    const rng = createRandom(seed);
    const runs = m.length;
    const tasks = m[0].length;
    const values: number[] = [];
    for (let b = 0; b < reps; ++b) {
      const flat: number[] = [];
      for (let r = 0; r < runs; ++r) for (let t = 0; t < tasks; ++t) flat.push(m[rng.int(runs)][t]);
      flat.sort((x, y) => x - y);
      const g = Math.floor(flat.length / 4);
      const mid = flat.slice(g, flat.length - g);
      values.push(mid.reduce((s, v) => s + v, 0) / mid.length);
    }
    values.sort((x, y) => x - y);
    const q = (p: number) => {
      const h = (reps - 1) * p;
      const lo = Math.floor(h);
      return values[lo] + (h - lo) * (values[Math.min(lo + 1, reps - 1)] - values[lo]);
    };
    return [q(0.025), q(0.975)];
  }

  it("puts IQM endpoints within 4 Monte-Carlo standard deviations of the independent bootstrap's", () => {
    const m = first10.SPR;
    const seeds = [1, 2, 3, 4, 5];
    const naive = seeds.map((s) => naiveIqmInterval(m, 1000, s));
    for (const side of [0, 1]) {
      const v = naive.map((x) => x[side]);
      const mean = v.reduce((s, x) => s + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
      const ours = intervalEstimates({SPR: m}, aggregateIqm, {reps: 1000, seed: 1}).SPR;
      const endpoint = side === 0 ? ours.lower[0] : ours.upper[0];
      // Both are 1000-rep estimates: the difference has sd ≈ sd·√(1 + 1/5).
      expect(Math.abs(endpoint - mean)).toBeLessThan(4 * sd * Math.sqrt(1 + 1 / seeds.length) + 1e-12);
    }
  });

  it("gives the analytic bootstrap spread of a one-task mean (norm method)", () => {
    // Bootstrap variance of a mean of n values is σ̂²/n with σ̂² the divisor-n variance.
    const col = first10.DER.map((r) => [r[3]]);
    const x = col.map((r) => r[0]);
    const n = x.length;
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / n / n);
    const ci = intervalEstimates({t: col}, aggregateMean, {reps: 20000, seed: 4, method: "norm"}).t;
    const half = (ci.upper[0] - ci.lower[0]) / 2;
    // sd of a 20,000-rep sd estimate is ≈ 0.5% (1/√(2B)); allow 3%.
    expect(Math.abs(half / (1.959963984540054 * sd) - 1)).toBeLessThan(0.03);
  });
});

describe("intervalEstimates: methods on real data", () => {
  it("gives finite, ordered endpoints for every method", () => {
    for (const method of ["percentile", "basic", "bc", "bca", "norm"] as const) {
      const ci = intervalEstimates({DER: first10.DER}, ALL4, {reps: 1000, seed: 2, method}).DER;
      for (let k = 0; k < 4; ++k) {
        expect(Number.isFinite(ci.lower[k]) && Number.isFinite(ci.upper[k])).toBe(true);
        expect(ci.lower[k]).toBeLessThan(ci.upper[k]);
      }
    }
  });

  it("uses a per-output jackknife acceleration for bca (the same as computing each output alone)", () => {
    const together = intervalEstimates({DER: first10.DER}, ALL4, {reps: 1000, seed: 2, method: "bca"}).DER;
    const alone = intervalEstimates({DER: first10.DER}, aggregateMean, {reps: 1000, seed: 2, method: "bca"}).DER;
    // Same replicates for the mean output either way (the draws do not depend on the statistic).
    expect(together.lower[2]).toBe(alone.lower[0]);
    expect(together.upper[2]).toBe(alone.upper[0]);
  });
});

describe("intervalEstimates: warnings and errors", () => {
  it("warns (in the result and through onWarning) when a matrix looks transposed, for every Atari agent", () => {
    for (const runs of [10, Infinity]) {
      const dict = atariMatrices(runs);
      for (const [agent, m] of Object.entries(dict)) {
        const transposed = m[0].map((_, t) => m.map((row) => row[t]));
        const messages: string[] = [];
        const bad = intervalEstimates({[agent]: transposed}, aggregateMean, {reps: 20, onWarning: (w) => messages.push(w)});
        expect(bad[agent].warnings.length).toBe(1);
        expect(messages[0]).toMatch(/transposed/);
        expect(intervalEstimates({[agent]: m}, aggregateMean, {reps: 20})[agent].warnings).toEqual([]);
      }
    }
  });

  it("warns when each task has a single run (zero-width intervals), unless tasks are resampled", () => {
    const one = [first10.DER[0]];
    expect(intervalEstimates({A: one}, aggregateMean, {reps: 50}).A.warnings[0]).toMatch(/one run per task/);
    expect(intervalEstimates({A: one}, aggregateMean, {reps: 50, taskBootstrap: true}).A.warnings).toEqual([]);
  });

  it("names the algorithm and shapes in errors", () => {
    expect(() => intervalEstimates({DER: [[1, 2], [3]]}, aggregateMean, {reps: 10})).toThrow(/scores\["DER"\]: row 1/);
    expect(() => intervalEstimates({"A,B": [first10.DER, first10.SPR.map((r) => r.slice(1))] as const}, probabilityOfImprovement, {reps: 10})).toThrow(
      /26 tasks in X but 25 in Y/
    );
    expect(() => intervalEstimates({A: first10.DER}, probabilityOfImprovement, {reps: 10})).toThrow(/needs a pair/);
    expect(() => intervalEstimates({A: first10.DER}, aggregateIqm, {reps: 1})).toThrow(/reps/);
    expect(() => intervalEstimates({A: first10.DER}, aggregateIqm, {reps: 10, confidence: 95})).toThrow(/confidence/);
    expect(() => intervalEstimates({A: first10.DER}, aggregateIqm, {reps: 10, method: "student" as never})).toThrow(/unknown interval method/);
    expect(() => intervalEstimates({}, aggregateIqm, {reps: 10})).toThrow(BenchstatsError);
  });

  it("throws a degenerate-BCa error where the bias correction is infinite", () => {
    // The minimum score: no resample can go below it, so #{θ* < θ̂} = 0 while some resamples lie above.
    const m = [[0, 1], [1, 1], [1, 2]];
    const minimum = (s: ArrayLike<ArrayLike<number>>) => Math.min(...Array.from(s, (r) => Math.min(...Array.from(r))));
    expect(() => intervalEstimates({A: m}, minimum, {reps: 200, method: "bc"})).toThrow(/bc interval for scores\["A"\].*undefined/);
    expect(() => intervalEstimates({A: m}, minimum, {reps: 200, method: "bca"})).toThrow(BenchstatsError);
  });
});
