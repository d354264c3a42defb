import {quantilesInPlace, quantileSorted} from "../describe/quantile.js";

/**
 * The percentile bootstrap interval (Efron 1979) of one quantity from its replicates θ*_1..θ*_B:
 * [q(α), q(1 − α)] with α = (1 − confidence)/2 and q the numpy-linear (Hyndman & Fan type 7)
 * quantile, as `numpy.percentile` and `scipy.stats.bootstrap(method="percentile")` compute it. The
 * one implementation behind `bootstrapInterval`'s "percentile" method, Bradley–Terry and
 * Plackett–Luce intervals, `correlationInterval` and `rankIntervals`.
 *
 * `replicates` must be finite numbers (the callers drop or refuse NaN first), at least one. With
 * `sorted: true` they are taken as already ascending (callers that sort anyway for other summaries);
 * otherwise they are copied and two order statistics are selected in expected linear time. Both give
 * the same numbers.
 *
 * @example percentileInterval([5, 1, 4, 2, 3], 0.5); // [2, 4]
 */
export function percentileInterval(replicates: ArrayLike<number>, confidence: number, {sorted = false}: {sorted?: boolean} = {}): [number, number] {
  const alpha = (1 - confidence) / 2;
  if (sorted) return [quantileSorted(replicates, alpha), quantileSorted(replicates, 1 - alpha)];
  return quantilesInPlace(Float64Array.from(replicates), [alpha, 1 - alpha]) as [number, number];
}

/**
 * The bootstrap standard error: the standard deviation of the replicates with divisor B − 1 (NaN for
 * fewer than two), as FastChat reports beside its Bradley–Terry intervals.
 *
 * @example replicateStandardError([1, 2, 3, 4]); // 1.2909944487358056
 */
export function replicateStandardError(replicates: ArrayLike<number>): number {
  const n = replicates.length;
  if (n < 2) return NaN;
  let mean = 0;
  for (let i = 0; i < n; ++i) mean += replicates[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; ++i) ss += (replicates[i] - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}
