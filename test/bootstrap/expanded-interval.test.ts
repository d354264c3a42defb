import {describe, expect, it} from "vitest";
import {aggregateIqm, aggregateMean, BenchstatsError, bootstrapInterval, intervalEstimates} from "../../lib/index.js";
import {DEFAULT_INTERVAL_METHOD, expandedTail, planIntervalEstimates, tQuantile} from "../../lib/engine.js";
import {quantilesInPlace} from "../../lib/describe/quantile.js";
import {expandedTails} from "../../lib/rl/strata.js";

// scipy.stats.t.ppf(p, df) (scipy 1.10, Debian python3).
const T_PPF: [number, number, number][] = [
  [0.975, 1, 12.706204736432095],
  [0.975, 2, 4.302652729911275],
  [0.975, 4, 2.7764451051977987],
  [0.975, 11, 2.200985160082949],
  [0.975, 29, 2.045229642132703],
  [0.975, 118, 1.9802722492407059],
  [0.995, 3.5, 5.085702223526865],
  [0.025, 7, -2.3646242510103],
  [0.9999, 2, 70.70007107496886],
  [0.6, 1000, 0.25341451583949864]
];

describe("tQuantile(p, df)", () => {
  it("matches scipy.stats.t.ppf", () => {
    for (const [p, df, want] of T_PPF) expect(tQuantile(p, df) / want).toBeCloseTo(1, 9);
  });
  it("is NaN outside its domain and ±∞ at 0 and 1", () => {
    expect(tQuantile(0.5, 3)).toBe(0);
    expect(tQuantile(1, 3)).toBe(Infinity);
    expect(tQuantile(0, 3)).toBe(-Infinity);
    expect(tQuantile(0.9, 0)).toBeNaN();
    expect(tQuantile(1.1, 3)).toBeNaN();
  });
});

describe("expandedTail(confidence, strata, weights)", () => {
  // scipy: norm.cdf(-sqrt(n/(n-1)) * t.ppf(1 - alpha, df)).
  it("is Hesterberg's alpha' for one stratum", () => {
    expect(expandedTail(0.95, [3]) / 6.834137304562962e-8).toBeCloseTo(1, 7);
    expect(expandedTail(0.9, [3]) / 0.00017428758710506554).toBeCloseTo(1, 9);
  });
  it("pools equal strata: 5 tasks x 5 runs has 20 df and k^2 = 5/4", () => {
    expect(expandedTail(0.95, [5, 5, 5, 5, 5]) / 0.009845663639051667).toBeCloseTo(1, 9);
  });
  it("uses Welch-Satterthwaite degrees of freedom with weights", () => {
    // k^2 = (1.5 + 1.1)/2, nu = 4/(1/2 + 1/10).
    expect(expandedTail(0.95, [3, 11], [2, 2]) / 0.0032281863654591123).toBeCloseTo(1, 7);
    // A stratum that carries all the variance decides alone.
    expect(expandedTail(0.95, [3, 10, 10], [1, 0, 0])).toBe(expandedTail(0.95, [3]));
  });
  it("falls back to equal weights, then to the percentile tail", () => {
    expect(expandedTail(0.95, [5, 5], [0, 0])).toBe(expandedTail(0.95, [5, 5]));
    expect(expandedTail(0.95, [1, 1, 1])).toBeCloseTo(0.025, 15);
  });
});

describe("bootstrapInterval(..., {method: 'expanded'})", () => {
  const reps = Array.from({length: 101}, (_, i) => i);
  it("takes the quantiles at the expanded tail", () => {
    expect(bootstrapInterval(reps, 50, {method: "expanded", expandedTail: 0.01})).toEqual([1, 99]);
    expect(bootstrapInterval(reps, 50, {method: "expanded"})).toEqual(bootstrapInterval(reps, 50, {method: "percentile"}));
  });
  it("rejects a tail wider than the percentile interval's", () => {
    expect(() => bootstrapInterval(reps, 50, {method: "expanded", expandedTail: 0.3})).toThrow(BenchstatsError);
  });
});

describe("intervalEstimates with the expanded default", () => {
  // 5 runs x 4 tasks, task 3 on a 100x larger scale.
  const scores = [
    [0.1, 0.5, 1.2, 80],
    [0.3, 0.4, 0.9, 140],
    [0.2, 0.7, 1.1, 95],
    [0.5, 0.6, 1.5, 220],
    [0.4, 0.2, 0.8, 60]
  ];
  it("is the default's choice for the IQM and contains the percentile interval", () => {
    expect(DEFAULT_INTERVAL_METHOD).toBe("auto");
    const byDefault = intervalEstimates({a: scores}, [aggregateIqm, aggregateMean], {reps: 2000, seed: 4});
    const expanded = intervalEstimates({a: scores}, [aggregateIqm, aggregateMean], {reps: 2000, seed: 4, method: "expanded"});
    const percentile = intervalEstimates({a: scores}, [aggregateIqm, aggregateMean], {reps: 2000, seed: 4, method: "percentile"});
    expect([byDefault.a.lower[0], byDefault.a.upper[0]]).toEqual([expanded.a.lower[0], expanded.a.upper[0]]);
    for (let k = 0; k < 2; ++k) {
      expect(expanded.a.lower[k]).toBeLessThan(percentile.a.lower[k]);
      expect(expanded.a.upper[k]).toBeGreaterThan(percentile.a.upper[k]);
    }
  });
  it("leaves percentile (rliable's) untouched: the quantiles of the same replicates", () => {
    const kept = intervalEstimates({a: scores}, aggregateMean, {reps: 1000, seed: 9, method: "percentile", keepReplicates: true}).a;
    expect([kept.lower[0], kept.upper[0]]).toEqual(quantilesInPlace(Float64Array.from(kept.replicates!), [0.025, 0.975]));
    const expanded = intervalEstimates({a: scores}, aggregateMean, {reps: 1000, seed: 9, keepReplicates: true}).a;
    expect(expanded.replicates).toEqual(kept.replicates);
  });
  it("gives the mean of a dominated benchmark about the dominant task's 4 degrees of freedom", () => {
    const plan = planIntervalEstimates({a: scores}, [aggregateMean, aggregateIqm], {reps: 10});
    const [mean] = expandedTails(plan, 0, 0.95);
    expect(mean).toBeGreaterThan(expandedTail(0.95, [5]) * 0.9);
    expect(mean).toBeLessThan(expandedTail(0.95, [5, 5, 5, 5]));
  });
  it("jackknifes groups of runs beyond 10 per task (bounded by one task's and the pooled df)", () => {
    const many = Array.from({length: 25}, (_, r) => [0.1 + 0.01 * r, 0.5 + 0.02 * ((r * 7) % 25), 1 + 0.03 * ((r * 11) % 25), 80 + 5 * ((r * 3) % 25)]);
    const plan = planIntervalEstimates({a: many}, aggregateMean, {reps: 10});
    const [tail] = expandedTails(plan, 0, 0.95);
    expect(tail).toBeGreaterThanOrEqual(expandedTail(0.95, [25]));
    expect(tail).toBeLessThanOrEqual(expandedTail(0.95, [25, 25, 25, 25]));
  });
});
