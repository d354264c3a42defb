import {BenchstatsError} from "../core/errors.js";
import {select} from "./select.js";

/**
 * Quantile of sorted values with linear interpolation between order statistics: numpy's default
 * `percentile(..., method="linear")`, Hyndman & Fan type 7. h = (n − 1)·p, result =
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 *
 * @param sorted ascending values without NaN
 * @param p probability in [0, 1]
 * @example quantileSorted([1, 2, 3, 4], 0.25); // 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new BenchstatsError("empty", "quantileSorted: no values");
  checkProbability(p);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  const x = sorted[lo];
  return x + (h - lo) * (sorted[lo + 1] - x);
}

/**
 * Quantile (numpy type 7, see {@link quantileSorted}) of unsorted values in expected linear time
 * by selection. NaN values are skipped. The input is not modified.
 *
 * @example quantile([3, 1, 4, 1, 5], 0.5); // 3
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  checkProbability(p);
  const copy = finiteCopy(values);
  const n = copy.length;
  if (n === 0) throw new BenchstatsError("empty", "quantile: no non-NaN values");
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  select(copy, lo);
  const x = copy[lo];
  if (lo >= n - 1 || h === lo) return x;
  // The next order statistic is the minimum of the upper part after selection.
  let next = Infinity;
  for (let i = lo + 1; i < n; ++i) if (copy[i] < next) next = copy[i];
  return x + (h - lo) * (next - x);
}

function finiteCopy(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; ++i) {
    const v = values[i];
    if (!Number.isNaN(v)) out[m++] = v;
  }
  return m === out.length ? out : out.slice(0, m);
}

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new BenchstatsError("range", `quantile: probability must be in [0, 1], got ${p}`);
}
