import {describe, expect, it} from "vitest";
import {
  aggregateIqm,
  aggregateMean,
  aggregateMedian,
  aggregateOptimalityGap,
  averageScoreDistributionAt,
  BenchstatsError,
  bootstrapInterval,
  intervalEstimates,
  probabilityOfImprovement
} from "../../lib/index.js";
import {studentizedInterval} from "../../lib/bootstrap/studentized.js";
import {studentizedStandardErrors} from "../../lib/rl/studentized-se.js";
import {blockCount, planIntervalEstimates, runBootstrapBlock, storeBlock} from "../../lib/engine.js";

function replicatesOf(plan: ReturnType<typeof planIntervalEstimates>): Float64Array {
  const out = new Float64Array(plan.entries[0].outputs * plan.reps);
  for (let b = 0; b < blockCount(plan); ++b) storeBlock(plan, out, 0, b, runBootstrapBlock(plan, 0, b));
  return out;
}

describe("studentizedInterval", () => {
  it("puts the t* quantiles around θ̂ on the scale of ŝe", () => {
    expect(studentizedInterval([1, 2, 3, 4, 5], [1, 1, 1, 1, 1], 3, 2, 0.5)).toEqual([1, 5]);
    // Skewed t*: the long upper tail of θ* − θ̂ moves the lower endpoint down (reflection).
    const [lo, hi] = studentizedInterval([0, 0.5, 1, 1.5, 10], [1, 1, 1, 1, 1], 1, 1, 0.5);
    expect([lo, hi]).toEqual([1 - 0.5, 1 + 0.5]);
  });
  it("is [θ̂, θ̂] when nothing moves and refuses infinite endpoints", () => {
    expect(studentizedInterval([2, 2, 2], [0, 0, 0], 2, 0, 0.95)).toEqual([2, 2]);
    expect(() => studentizedInterval([1, 2, 3, 4], [0, 0, 1, 0], 2, 1, 0.95)).toThrow(BenchstatsError);
    expect(() => studentizedInterval([1, 2, 3], [1, 1, 1], 2, 0, 0.95)).toThrow(/standard error of the estimate/);
  });
  it("is reachable through bootstrapInterval, which asks for the standard errors", () => {
    expect(bootstrapInterval([1, 2, 3, 4, 5], 3, {method: "studentized", confidence: 0.5, standardErrors: [1, 1, 1, 1, 1], standardError: 2})).toEqual([1, 5]);
    expect(() => bootstrapInterval([1, 2, 3], 2, {method: "studentized"})).toThrow(/needs standardErrors/);
  });
});

describe("studentizedStandardErrors", () => {
  // Task 0 holds 0s and 1s, task 1 is constant: θ* = (p* + 5)/2 and se* = √(p*(1 − p*)·n/(n − 1)/n)/2,
  // so each se*_b is a function of its own θ*_b — true only if the draws replay the engine's.
  const scores = [
    [0, 5],
    [1, 5],
    [1, 5],
    [0, 5],
    [1, 5]
  ];
  it("replays the engine's resamples (se*_b matches θ*_b for every replicate, over several blocks)", () => {
    const plan = planIntervalEstimates({a: scores}, aggregateMean, {reps: 700, seed: 9, blockSize: 128});
    const theta = replicatesOf(plan);
    const {data, replicates} = studentizedStandardErrors(plan, 0);
    const n = 5;
    const se = (mean: number) => {
      const p = 2 * mean - 5;
      return Math.sqrt((p * (1 - p) * n) / (n - 1) / n) / 2;
    };
    expect(data[0]).toBeCloseTo(se(aggregateMean(scores)), 14);
    for (let b = 0; b < plan.reps; ++b) expect(replicates[b]).toBeCloseTo(se(theta[b]), 12);
  });
  it("gives the textbook standard errors on the data", () => {
    const x = [
      [0.1, 2, 0.5],
      [0.4, 3, 0.7],
      [0.9, 7, 0.2],
      [0.3, 1, 0.6]
    ];
    const y = x.map((row) => row.map((v) => v * 0.8 + 0.05));
    const plan = planIntervalEstimates({a: x}, [aggregateMean, aggregateOptimalityGap, aggregateIqm, aggregateMedian], {reps: 10});
    const {data} = studentizedStandardErrors(plan, 0);
    const col = (t: number) => x.map((r) => r[t]);
    const v = (s: number[]) => {
      const m = s.reduce((a, b) => a + b, 0) / s.length;
      return s.reduce((a, b) => a + (b - m) ** 2, 0) / (s.length - 1);
    };
    expect(data[0]).toBeCloseTo(Math.sqrt((v(col(0)) + v(col(1)) + v(col(2))) / 4) / 3, 14);
    const clip = (s: number[]) => s.map((u) => Math.min(u, 1));
    expect(data[1]).toBeCloseTo(Math.sqrt(4 * (v(clip(col(0))) + v(clip(col(1))) + v(clip(col(2))))) / 12, 14);
    // 12 pooled scores, g = 3: kept 4th..9th smallest → clamp to [0.4, 0.9].
    const w = (s: number[]) => s.map((u) => Math.min(Math.max(u, 0.4), 0.9));
    expect(data[2]).toBeCloseTo((Math.sqrt(4 * (v(w(col(0))) + v(w(col(1))) + v(w(col(2))))) / 12) * (12 / 6), 14);
    // Task means 0.425, 3.25, 0.5: the median is task 2's mean.
    expect(data[3]).toBeCloseTo(Math.sqrt(v(col(2)) / 4), 14);
    const poi = planIntervalEstimates({p: [x, y]}, probabilityOfImprovement, {reps: 10});
    // y = 0.8x + 0.05 is below x for x > 0.25: per task the placements are the ranks' shares.
    expect(studentizedStandardErrors(poi, 0).data[0]).toBeGreaterThan(0);
  });
  it("computes only the kinds asked for (the default studentizes only the mean)", () => {
    const plan = planIntervalEstimates({a: scores}, [aggregateIqm, aggregateMean, averageScoreDistributionAt([1])], {reps: 50, seed: 2});
    const part = studentizedStandardErrors(plan, 0, new Set(["mean"] as const));
    const mean = studentizedStandardErrors(planIntervalEstimates({a: scores}, aggregateMean, {reps: 50, seed: 2}), 0);
    expect(part.data).toEqual([0, mean.data[0], 0]);
    expect(part.replicates.subarray(50, 100)).toEqual(mean.replicates);
  });
  it("names what it cannot studentize", () => {
    const curves = planIntervalEstimates({a: scores}, averageScoreDistributionAt([1]), {reps: 10});
    expect(() => studentizedStandardErrors(curves, 0)).toThrow(/average score distribution/);
    const user = planIntervalEstimates({a: scores}, (m: number[][]) => m[0][0], {reps: 10});
    expect(() => studentizedStandardErrors(user, 0)).toThrow(/user-defined/);
    const tb = planIntervalEstimates({a: scores}, aggregateMean, {reps: 10, taskBootstrap: true});
    expect(() => studentizedStandardErrors(tb, 0)).toThrow(/taskBootstrap/);
  });
  it("makes intervalEstimates' studentized intervals, the same bits for any block layout of the SE pass", () => {
    const x = Array.from({length: 5}, (_, r) => Array.from({length: 6}, (_, t) => Math.exp(((r * 7 + t * 3) % 11) / 4 - 1) * (t + 1)));
    const a = intervalEstimates({x}, [aggregateMean, aggregateIqm], {reps: 2000, seed: 3, method: "studentized"});
    const b = intervalEstimates({x}, [aggregateMean, aggregateIqm], {reps: 2000, seed: 3, method: "studentized"});
    expect(a).toEqual(b);
    const pct = intervalEstimates({x}, [aggregateMean], {reps: 2000, seed: 3, method: "percentile"});
    expect(a.x.lower[0]).toBeLessThan(a.x.point[0]);
    expect(a.x.upper[0]).toBeGreaterThan(pct.x.upper[0]);
  });
});

describe("method auto (the default)", () => {
  const x = Array.from({length: 5}, (_, r) => Array.from({length: 6}, (_, t) => Math.exp(((r * 7 + t * 3) % 11) / 4 - 1) * (t + 1)));
  const y = x.map((row) => row.map((v, t) => v * (0.7 + 0.1 * t)));
  const stats = [aggregateMean, aggregateIqm, aggregateMedian, aggregateOptimalityGap];
  const options = {reps: 1000, seed: 5};
  it("takes each statistic's method from AUTO_INTERVAL_METHODS", async () => {
    const {AUTO_INTERVAL_METHODS} = await import("../../lib/engine.js");
    expect(AUTO_INTERVAL_METHODS.mean).toBe("expanded");
    const auto = intervalEstimates({x}, stats, options).x;
    const expanded = intervalEstimates({x}, stats, {...options, method: "expanded"}).x;
    for (let k = 0; k < 4; ++k) expect([auto.lower[k], auto.upper[k]]).toEqual([expanded.lower[k], expanded.upper[k]]);
  });
  it("gives P(X > Y) the expanded interval with half its variance factor: between percentile and expanded", async () => {
    const {expandedTails} = await import("../../lib/rl/strata.js");
    const plan = planIntervalEstimates({p: [x, y]}, probabilityOfImprovement, options);
    const reps = replicatesOf(plan);
    const tail = expandedTails(plan, 0, 0.95, 0.5)[0];
    const auto = intervalEstimates({p: [x, y]}, probabilityOfImprovement, options).p;
    expect([auto.lower[0], auto.upper[0]]).toEqual(bootstrapInterval(reps, plan.entries[0].point[0], {method: "expanded", expandedTail: tail}));
    expect(tail).toBeGreaterThan(expandedTails(plan, 0, 0.95)[0]);
    expect(tail).toBeLessThanOrEqual(0.025);
  });
  it("falls back to expanded where the bootstrap-t is undefined or has no formula", () => {
    // One task of 3 runs: a ninth of the resamples repeat one run (zero standard error).
    const one = [[1], [2], [4]];
    expect(() => intervalEstimates({a: one}, aggregateMean, {...options, method: "studentized"})).toThrow(BenchstatsError);
    expect(intervalEstimates({a: one}, aggregateMean, options)).toEqual(intervalEstimates({a: one}, aggregateMean, {...options, method: "expanded"}));
    const user = (m: number[][]) => aggregateMean(m) * 2;
    expect(intervalEstimates({x}, user, options)).toEqual(intervalEstimates({x}, user, {...options, method: "expanded"}));
    expect(intervalEstimates({x}, aggregateMean, {...options, taskBootstrap: true})).toEqual(intervalEstimates({x}, aggregateMean, {...options, taskBootstrap: true, method: "expanded"}));
  });
});
