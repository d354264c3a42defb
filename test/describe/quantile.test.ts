import {describe, expect, it} from "vitest";
import {BenchstatsError, createRandom, quantile, quantileSorted, select} from "../../lib/index.js";

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
