import {describe, expect, it} from "vitest";
import {BenchstatsError, bootstrapInterval} from "../../lib/index.js";
import {normalCdf, normalQuantile} from "../../lib/engine.js";
import {jackknifeAcceleration} from "../../lib/engine.js";

// numpy.percentile(np.arange(1, 101), [2.5, 97.5]) = [3.475, 97.525] (linear interpolation).
const reps = Array.from({length: 100}, (_, i) => 100 - i); // 100..1, unsorted input on purpose

describe("bootstrapInterval(replicates, theta, options)", () => {
  it("percentile uses numpy's linear interpolation", () => {
    const [lo, hi] = bootstrapInterval(reps, 50);
    expect(lo).toBeCloseTo(3.475, 12);
    expect(hi).toBeCloseTo(97.525, 12);
  });

  it("basic reflects the percentiles around the point estimate", () => {
    const [lo, hi] = bootstrapInterval(reps, 40, {method: "basic"});
    expect(lo).toBeCloseTo(80 - 97.525, 12);
    expect(hi).toBeCloseTo(80 - 3.475, 12);
  });

  it("norm is theta ± z·sd with divisor B", () => {
    const sd = Math.sqrt((100 * 100 - 1) / 12); // population sd of 1..100
    const [lo, hi] = bootstrapInterval(reps, 50, {method: "norm", confidence: 0.9});
    expect(hi - 50).toBeCloseTo(normalQuantile(0.95) * sd, 10);
    expect(50 - lo).toBeCloseTo(normalQuantile(0.95) * sd, 10);
  });

  it("bc and bca follow arch's formulas (strict < for the bias, percentiles at Φ(...))", () => {
    const theta = 40.5; // 40 replicates below
    const b = normalQuantile(0.4);
    const q = (p: number) => {
      const h = 99 * p; // sorted 1..100
      return 1 + h;
    };
    const z = normalQuantile(0.025);
    const [bcLo, bcHi] = bootstrapInterval(reps, theta, {method: "bc"});
    expect(bcLo).toBeCloseTo(q(normalCdf(2 * b + z)), 10);
    expect(bcHi).toBeCloseTo(q(normalCdf(2 * b - z)), 10);
    const a = 0.05;
    const [lo, hi] = bootstrapInterval(reps, theta, {method: "bca", acceleration: a});
    expect(lo).toBeCloseTo(q(normalCdf(b + (b + z) / (1 - a * (b + z)))), 10);
    expect(hi).toBeCloseTo(q(normalCdf(b + (b - z) / (1 - a * (b - z)))), 10);
    // With zero acceleration BCa is BC.
    expect(bootstrapInterval(reps, theta, {method: "bca", acceleration: 0})).toEqual([bcLo, bcHi]);
  });

  it("collapses to the point when every replicate equals it, for every method", () => {
    for (const method of ["percentile", "basic", "bc", "bca", "norm"] as const) {
      expect(bootstrapInterval([0.5, 0.5, 0.5], 0.5, {method, acceleration: 0})).toEqual([0.5, 0.5]);
    }
  });

  it("throws a degenerate error for bc/bca when no replicate lies below the estimate", () => {
    expect(() => bootstrapInterval([1, 2, 3], 1, {method: "bc", label: "X"})).toThrow(/bc interval for X is undefined/);
    expect(() => bootstrapInterval([1, 2, 3], 5, {method: "bca", acceleration: 0})).toThrow(BenchstatsError);
    expect(() => bootstrapInterval([1, 2, 3], 2, {method: "bca"})).toThrow(/acceleration/);
  });

  it("rejects bad options and NaN replicates", () => {
    expect(() => bootstrapInterval([1, 2], 1, {confidence: 1})).toThrow(/confidence/);
    expect(() => bootstrapInterval([1, 2], 1, {method: "student-t" as never})).toThrow(/unknown interval method/);
    expect(() => bootstrapInterval([1, NaN], 1)).toThrow(/NaN/);
    expect(() => bootstrapInterval([1], 1)).toThrow(/at least 2/);
  });
});

describe("jackknifeAcceleration(samples)", () => {
  it("is Σu³ / (6 (Σu²)^1.5) with u = mean − jk", () => {
    // jk = [1, 2, 4]: mean 7/3, u = [4/3, 1/3, −5/3]
    const u = [4 / 3, 1 / 3, -5 / 3];
    const want = u.reduce((s, v) => s + v ** 3, 0) / (6 * Math.pow(u.reduce((s, v) => s + v * v, 0), 1.5));
    expect(jackknifeAcceleration([[1, 2, 4]])).toBeCloseTo(want, 15);
  });
  it("sums the influence of independent samples", () => {
    const one = jackknifeAcceleration([[1, 2, 4]]);
    expect(jackknifeAcceleration([[1, 2, 4], [5, 5]])).toBeCloseTo(one, 15); // a constant sample adds nothing
  });
  it("throws when the jackknife values are all equal", () => {
    expect(() => jackknifeAcceleration([[3, 3, 3]])).toThrow(/zero jackknife variance/);
  });
});
