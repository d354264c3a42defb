import {BenchstatsError} from "../core/errors.js";
import {quantilesInPlace} from "../describe/quantile.js";

/**
 * The studentized (bootstrap-t) interval from replicates θ*_b, their standard errors se*_b (each
 * computed on its own resample), the point estimate θ̂ and its standard error ŝe (on the data):
 *
 *   t*_b = (θ*_b − θ̂) / se*_b,   interval [θ̂ − q(1 − α)·ŝe, θ̂ − q(α)·ŝe],
 *
 * with α = (1 − confidence)/2 and q the numpy-linear (type 7) quantile of the t*_b (Efron & Tibshirani,
 * "An Introduction to the Bootstrap", 1993, §12.5; Davison & Hinkley 1997, eq. 5.7; Hall 1988 shows it
 * is second-order accurate for smooth statistics). The bootstrap distribution of t* replaces the
 * Student t table: a skewed statistic whose spread grows with its level (a mean of log-normal scores)
 * gets a longer tail on the side where the estimate tends to fall short, which the percentile interval
 * and its expansion cannot do.
 *
 * Edge cases: a replicate with se*_b = 0 gets t*_b = 0 when θ*_b = θ̂ and ±∞ otherwise (a resample that
 * repeats one run per task); when an endpoint's quantile lands on an infinite t* (too many such
 * resamples, e.g. one task of 3 runs) or ŝe = 0 while the replicates vary, the interval is undefined
 * and this throws a `BenchstatsError` (code `"degenerate"`) rather than return an infinite interval.
 * When every replicate equals θ̂ the interval is [θ̂, θ̂].
 *
 * @example studentizedInterval([1, 2, 3, 4, 5], [1, 1, 1, 1, 1], 3, 2, 0.5); // t* = −2..2: [3 − 1·2, 3 + 1·2] = [1, 5]
 */
export function studentizedInterval(
  replicates: ArrayLike<number>,
  standardErrors: ArrayLike<number>,
  theta: number,
  standardError: number,
  confidence: number,
  label?: string
): [number, number] {
  const n = replicates.length;
  const where = label ? ` for ${label}` : "";
  if (standardErrors.length !== n) {
    throw new BenchstatsError("shape", `studentized interval${where}: ${standardErrors.length} standard errors for ${n} replicates; expected one per replicate`);
  }
  const t = new Float64Array(n);
  let constant = true;
  for (let b = 0; b < n; ++b) {
    const d = replicates[b] - theta;
    const se = standardErrors[b];
    if (Number.isNaN(d) || !(se >= 0)) throw new BenchstatsError("nan", `studentized interval${where}: replicate ${b} or its standard error is NaN or negative`);
    if (d !== 0) constant = false;
    t[b] = d === 0 ? 0 : se > 0 ? d / se : d > 0 ? Infinity : -Infinity;
  }
  if (constant) return [theta, theta];
  if (!(standardError > 0) || !Number.isFinite(standardError)) {
    throw new BenchstatsError("degenerate", `studentized interval${where} is undefined: the standard error of the estimate is ${standardError} while the resamples vary; use method "expanded"`);
  }
  const alpha = (1 - confidence) / 2;
  const [qLo, qHi] = quantilesInPlace(t, [alpha, 1 - alpha]);
  if (!Number.isFinite(qLo) || !Number.isFinite(qHi)) {
    throw new BenchstatsError(
      "degenerate",
      `studentized interval${where} is undefined: over ${(100 * alpha).toFixed(1)}% of the resamples have a zero standard error (too few distinct runs per task); use method "expanded"`
    );
  }
  return [theta - qHi * standardError, theta - qLo * standardError];
}
