import {describe, expect, it} from "vitest";
import {BenchstatsError, createRandom, quantile} from "../../lib/index.js";
import {quantileSorted, select} from "../../lib/engine.js";
import {quantilesInPlace} from "../../lib/describe/quantile.js";

describe("quantile(values, p)", () => {
  it("interpolates linearly like numpy.percentile (type 7)", () => {
    // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) = [1, 1.75, 2.5, 3.7, 4]
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 15);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 15);
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 15);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
  });

  it("agrees with sorting on random data and skips NaN", () => {
    const rng = createRandom(3);
    const values = Array.from({length: 1001}, () => rng.normal());
    values.push(NaN);
    const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    for (const p of [0, 0.025, 0.25, 0.5, 0.75, 0.975, 1]) {
      expect(quantile(values, p)).toBeCloseTo(quantileSorted(sorted, p), 14);
    }
  });

  it("throws a BenchstatsError on empty input or p outside [0, 1]", () => {
    expect(() => quantile([NaN], 0.5)).toThrow(BenchstatsError);
    expect(() => quantile([1, 2], 1.5)).toThrow(/probability/);
  });
});

describe("quantilesInPlace(values, ps)", () => {
  it("equals the quantiles of the sorted values exactly, for probabilities in any order and with ties", () => {
    const rng = createRandom(7);
    for (const n of [1, 2, 3, 10, 999, 50000]) {
      // small integers: many ties, and selection must still land on the same order statistics
      const values = Float64Array.from({length: n}, () => Math.floor(rng.float() * 20) - 10);
      const sorted = Float64Array.from(values).sort();
      const ps = [0.975, 0.025, 1, 0, 0.5, 0.3, 0.3];
      const got = quantilesInPlace(Float64Array.from(values), ps);
      expect(got).toEqual(ps.map((p) => quantileSorted(sorted, p)));
    }
  });

  it("leaves the values a permutation of the input", () => {
    const rng = createRandom(8);
    const values = Float64Array.from({length: 2000}, () => rng.normal());
    const copy = Float64Array.from(values);
    quantilesInPlace(copy, [0.1, 0.9]);
    expect(Float64Array.from(copy).sort()).toEqual(Float64Array.from(values).sort());
  });
});

describe("select(values, k)", () => {
  it("puts the k-th smallest at k with smaller before and larger after", () => {
    const rng = createRandom(1);
    const v = Float64Array.from({length: 5000}, () => rng.float());
    const sorted = Float64Array.from(v).sort();
    select(v, 1234);
    expect(v[1234]).toBe(sorted[1234]);
    for (let i = 0; i < 1234; ++i) expect(v[i]).toBeLessThanOrEqual(v[1234]);
    for (let i = 1235; i < v.length; ++i) expect(v[i]).toBeGreaterThanOrEqual(v[1234]);
  });
});
