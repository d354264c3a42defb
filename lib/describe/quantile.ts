import {BenchstatsError} from "../core/errors.js";
import {isList, numbersArg, reject} from "../core/check.js";
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
  if (!isList(sorted)) reject("type", "quantileSorted", "sorted", "an array of ascending numbers", sorted);
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
 * by selection. NaN values are skipped; ±Infinity and non-numbers throw. The input is not modified.
 *
 * @example quantile([3, 1, 4, 1, 5], 0.5); // 3
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  numbersArg(values, "values", "quantile");
  checkProbability(p);
  const copy = finiteCopy(values);
  if (copy.length === 0) throw new BenchstatsError("empty", "quantile: no non-NaN values");
  return quantilesInPlace(copy, [p])[0];
}

/**
 * Quantiles (numpy type 7, see {@link quantileSorted}) of values without NaN, reordering them in place
 * by selection instead of sorting: expected O(n) per probability. Each probability selects its lower
 * order statistic ⌊h⌋ among the values not yet placed below it (the probabilities are taken in
 * ascending order, so the part left of an earlier selection is never searched again) and takes the next
 * one as the minimum of the part above. Where −0 and +0 both occur, the result may carry the other
 * sign of zero than a sort would give; it is equal all the same.
 *
 * @param values non-empty, without NaN; reordered
 * @param ps probabilities in [0, 1], any order; results in the same order
 * @example quantilesInPlace(Float64Array.of(4, 1, 3, 2), [0.75, 0.25]); // [3.25, 1.75]
 */
export function quantilesInPlace(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) throw new BenchstatsError("empty", "quantile: no values");
  const order = ps.map((_, i) => i).sort((i, j) => ps[i] - ps[j]);
  const out = new Array<number>(ps.length);
  let left = 0;
  for (const i of order) {
    checkProbability(ps[i]);
    const h = (n - 1) * ps[i];
    const lo = Math.floor(h);
    select(values, lo, left);
    left = lo;
    const x = values[lo];
    if (lo >= n - 1 || h === lo) {
      out[i] = x;
      continue;
    }
    let next = Infinity;
    for (let k = lo + 1; k < n; ++k) if (values[k] < next) next = values[k];
    out[i] = x + (h - lo) * (next - x);
  }
  return out;
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
  if (!(p >= 0 && p <= 1)) reject("range", "quantile", "p", "a probability in [0, 1]", p);
}
