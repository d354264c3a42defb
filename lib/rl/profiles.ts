import {checkLimit, intArg, isList, numberArg, numbersArg, objectArg, optionsArg, show} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {sortSmall} from "./aggregates.js";
import {columnMeans, matrixColumns, type ScoreMatrix} from "./matrix.js";

/**
 * Run-score distribution (performance profile) at each τ: the fraction of all runs × tasks scores
 * strictly greater than τ, F̂(τ) = (1/N) Σ 1[score > τ].
 *
 * rliable's `score_distributions` / `run_score_deviation` (`mean(scores > tau)`, strict >). Missing runs
 * are absent from the pool (N counts the present scores), consistent with {@link aggregateIqm}.
 *
 * @example scoreDistribution([[0.1, 0.5, 1.2], [0.2, 0.6, 1.5]], [0, 0.5, 1]); // [1, 0.5, 0.333…]
 */
export function scoreDistribution(scores: ScoreMatrix, taus: ArrayLike<number>): number[] {
  checkTaus(taus, "scoreDistribution");
  const sorted = matrixColumns(scores).values.slice().sort();
  const n = sorted.length;
  const out = new Array<number>(taus.length);
  for (let k = 0; k < taus.length; ++k) out[k] = (n - upperBound(sorted, n, taus[k])) / n;
  return out;
}

/**
 * Average-score distribution at each τ: the fraction of tasks whose mean score over runs is strictly
 * greater than τ.
 *
 * rliable's `average_score_distributions` / `mean_score_deviation` (`mean(mean(scores, axis=0) > tau)`).
 * Missing runs are left out of their task's mean.
 *
 * @example averageScoreDistribution([[0.1, 0.5, 1.2], [0.2, 0.6, 1.5]], [0, 1]); // [1, 0.333…]
 */
export function averageScoreDistribution(scores: ScoreMatrix, taus: ArrayLike<number>): number[] {
  checkTaus(taus, "averageScoreDistribution");
  const means = columnMeans(matrixColumns(scores));
  sortSmall(means);
  const n = means.length;
  const out = new Array<number>(taus.length);
  for (let k = 0; k < taus.length; ++k) out[k] = (n - upperBound(means, n, taus[k])) / n;
  return out;
}

/** Number of entries of ascending `sorted[0..n)` that are ≤ x (the first index with a value > x). */
export function upperBound(sorted: ArrayLike<number>, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Checks thresholds τ: a non-empty array of numbers (±Infinity allowed: F̂(∞) = 0), at most
 * `LIMITS.taus` of them (each is one more output of every bootstrap replicate).
 */
export function checkTaus(taus: ArrayLike<number>, fn = "taus"): void {
  if (!isList(taus) || taus.length === 0) {
    throw new BenchstatsError("option", `${fn}: taus must be a non-empty array of thresholds, got ${show(taus)}`, {field: "taus"});
  }
  checkLimit(taus.length, "taus", "taus", fn, "the number of thresholds");
  for (let k = 0; k < taus.length; ++k) {
    if (typeof taus[k] !== "number" || Number.isNaN(taus[k])) throw new BenchstatsError("option", `${fn}: taus[${k}] is ${show(taus[k])}, expected a number`, {field: "taus", row: k});
  }
}

/** The warped x-axis of {@link nonLinearTauScaling}. */
export interface TauScaling {
  /** Warped position of each τ: 1 − (mean profile value over the algorithms at τ). */
  x: number[];
  /** Warped positions of the tick labels. */
  ticks: number[];
  /** The τ values shown at the ticks. */
  tickLabels: number[];
}

/**
 * rliable's non-linear τ axis for performance-profile plots (`plot_utils._non_linear_scaling`):
 * x(τ) = 1 − (1/K) Σ_k profile_k(τ), averaged over the K algorithms' profiles, so horizontal space is
 * proportional to the fraction of runs whose scores lie in each τ range. Default ticks are at the τ
 * indices `int32(logspace(0, log2(len(τ) − 1), numPoints, base = logBase))`, exactly as rliable.
 *
 * @param profiles one profile (values at each τ, e.g. `performanceProfiles(...)[k].point`) per algorithm
 * @param taus the thresholds the profiles were evaluated at
 * @param options.tickLabels τ values to put ticks at (each must be in `taus`)
 * @example
 * nonLinearTauScaling({A: [1, 0.5, 0]}, [0, 1, 2]).x; // [0, 0.5, 1]
 */
export function nonLinearTauScaling(
  profiles: Record<string, ArrayLike<number>>,
  taus: ArrayLike<number>,
  options: {tickLabels?: number[]; numPoints?: number; logBase?: number} = {}
): TauScaling {
  const fn = "nonLinearTauScaling";
  let {tickLabels, numPoints = 5, logBase = 2} = optionsArg(options, fn);
  checkTaus(taus, fn);
  objectArg(profiles, "profiles", fn, "an object {algorithm: profile values, one per τ}");
  if (tickLabels !== undefined) numbersArg(tickLabels, "tickLabels", fn, {missing: false});
  else {
    intArg(numPoints, "numPoints", fn, {min: 1, max: Math.max(1, taus.length)});
    numberArg(logBase, "logBase", fn, {above: 1});
  }
  const keys = Object.keys(profiles);
  if (keys.length === 0) throw new BenchstatsError("option", "nonLinearTauScaling: no profiles given");
  const m = taus.length;
  const x = new Array<number>(m).fill(0);
  for (const key of keys) {
    const p = numbersArg(profiles[key], `profiles["${key}"]`, fn, {missing: false});
    if (p.length !== m) throw new BenchstatsError("shape", `nonLinearTauScaling: profile "${key}" has ${p.length} values, expected one per τ (${m})`);
    for (let i = 0; i < m; ++i) x[i] += p[i];
  }
  for (let i = 0; i < m; ++i) x[i] = 1 - x[i] / keys.length;
  let indices: number[];
  if (tickLabels === undefined) {
    // numpy.linspace (j·step, last point exactly stop), then truncation like np.int32.
    const stop = Math.log2(m - 1);
    const step = numPoints > 1 ? stop / (numPoints - 1) : 0;
    indices = [];
    for (let j = 0; j < numPoints; ++j) {
      const e = j === numPoints - 1 && numPoints > 1 ? stop : j * step;
      indices.push(Math.min(m - 1, Math.trunc(Math.pow(logBase, e))));
    }
    tickLabels = indices.map((i) => taus[i]);
  } else {
    indices = tickLabels.map((t) => {
      const i = Array.prototype.indexOf.call(taus, t) as number;
      if (i < 0) throw new BenchstatsError("option", `nonLinearTauScaling: tick label ${t} is not one of the taus`);
      return i;
    });
  }
  return {x, ticks: indices.map((i) => x[i]), tickLabels};
}
