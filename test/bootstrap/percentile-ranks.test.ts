import {describe, expect, it} from "vitest";
import {ciAwareRanks, ciRanks, percentileInterval, REPS, replicateStandardError} from "../../lib/bootstrap/index.js";
import {quantile} from "../../lib/describe/index.js";

describe("percentileInterval", () => {
  it("gives numpy's type-7 quantiles at (1 ± confidence)/2, sorted or not", () => {
    // numpy.percentile([5, 1, 4, 2, 3], [25, 75]) = [2, 4]; [2.5, 97.5] = [1.1, 4.9]
    expect(percentileInterval([5, 1, 4, 2, 3], 0.5)).toEqual([2, 4]);
    const [lo, hi] = percentileInterval([5, 1, 4, 2, 3], 0.95);
    expect(lo).toBeCloseTo(1.1, 14);
    expect(hi).toBeCloseTo(4.9, 14);
    const values = Array.from({length: 101}, (_, i) => Math.sin(i * 7.3));
    const sorted = Float64Array.from(values).sort();
    expect(percentileInterval(sorted, 0.9, {sorted: true})).toEqual(percentileInterval(values, 0.9));
    expect(percentileInterval(values, 0.9)).toEqual([quantile(values, 0.05), quantile(values, 0.95)]);
  });

  it("the standard error has divisor B − 1 and is NaN below two replicates", () => {
    expect(replicateStandardError([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(replicateStandardError([1])).toBeNaN();
  });
});

describe("ciRanks and ciAwareRanks", () => {
  it("count the intervals entirely on the better side", () => {
    const rows = [{lower: 5, upper: 7}, {lower: 4, upper: 6}, {lower: 1, upper: 3}];
    expect(ciRanks(rows)).toEqual([1, 1, 3]);
    expect(ciRanks(rows, false)).toEqual([2, 2, 1]);
  });

  it("rank interval estimates by point, with competition ranks and the clearly better keys", () => {
    const r = ciAwareRanks({a: {point: [1], lower: [0.5], upper: [1.5]}, b: {point: [3], lower: [2.5], upper: [3.5]}, c: {point: [3], lower: [1], upper: [4]}});
    expect(r.map((x) => [x.key, x.rank, x.ciRank, x.clearlyBetter])).toEqual([
      ["b", 1, 1, []],
      ["c", 1, 1, []],
      ["a", 3, 2, ["b"]],
    ]);
  });
});

describe("REPS", () => {
  it("holds one positive integer default per use", () => {
    for (const v of Object.values(REPS)) expect(Number.isInteger(v) && v > 0).toBe(true);
  });
});
