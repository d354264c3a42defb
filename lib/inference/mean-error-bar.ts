import {normalQuantile} from "../core/normal.js";
import {intArg, numberArg, objectArg, optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {confidenceArg} from "../bootstrap/checks.js";

/** How the clustered standard error is scaled: none (`cr0`), or by √(G/(G − 1)) (`cr1`). */
export type ClusterCorrection = "cr0" | "cr1";

/** Fewest clusters for which the clustered standard error is taken as settled (below, a warning). */
export const FEW_CLUSTERS = 20;

/**
 * The sufficient statistics of one group's values x_1..x_n (missing values left out), from which its
 * error bar follows. Deviations are from the group mean x̄.
 */
export interface MeanMoments {
  /** Number of values. */
  n: number;
  /** x̄ = Σ x_i / n (NaN when n = 0). */
  mean: number;
  /** Σ (x_i − x̄)². */
  sumSquares: number;
  /** With clusters: Σ_c (Σ_{i∈c} (x_i − x̄))², the squared per-cluster sums of deviations. */
  clusterSquares?: number;
  /** With clusters: G, the clusters holding at least one value. */
  clusters?: number;
}

/** A group's mean with its standard error and normal confidence interval. */
export interface MeanErrorBar {
  n: number;
  mean: number;
  se: number;
  lower: number;
  upper: number;
  /** With clusters: G. */
  n_clusters?: number;
  /** Why `se` is NaN (fewer than two values or clusters), or why it is itself uncertain (G < 20). */
  warning?: string;
}

export interface MeanErrorBarOptions {
  /** Interval level, in (0, 1); default 0.95. */
  confidence?: number;
  /** Clustered standard error: `cr0` (default) or `cr1`. */
  clusterCorrection?: ClusterCorrection;
}

/**
 * A group's error bar from its moments ({@link MeanMoments}), as Miller (2024) recommends for evals:
 *
 * - independent values: SE = s/√n with s² = Σ(x_i − x̄)²/(n − 1);
 * - clustered values (questions sharing a passage, a topic, a prompt template): the cluster-robust
 *   sandwich SE_CR0 = √(Σ_c (Σ_{i∈c}(x_i − x̄))²) / n, and SE_CR1 = SE_CR0 · √(G/(G − 1));
 * - interval x̄ ± z·SE with z = Φ⁻¹(1 − (1 − confidence)/2), the normal (CLT) interval.
 *
 * n = 0 gives a NaN mean, n = 1 (or G = 1) a NaN SE, each with a `warning` saying why; 2 ≤ G < 20
 * clusters keeps the SE and warns that it is itself noisy (the sandwich estimate rests on G terms).
 * Moments that no data could give (a negative or fractional n, a non-finite mean or sum of squares,
 * more clusters than values) throw a `BenchstatsError` naming the field.
 *
 * Reference: E. Miller, "Adding Error Bars to Evals: A Statistical Approach to Language Model
 * Evaluations", arXiv:2411.00640 (2024), §2 (CLT standard error) and §3 (clustered standard errors);
 * equal to statsmodels `OLS(x, 1)` with `cov_type="nonrobust"` and `cov_type="cluster"`
 * (`use_correction=False` → CR0, `True` → CR1; statsmodels' (n − 1)/(n − k) factor is 1 for k = 1).
 *
 * @example
 * meanErrorBar({n: 4, mean: 0.5, sumSquares: 1}); // {n: 4, mean: 0.5, se: 0.2887, lower: −0.0658, upper: 1.0658}
 */
export function meanErrorBar(moments: MeanMoments, options: MeanErrorBarOptions = {}, fn = "meanErrorBar"): MeanErrorBar {
  const {confidence = 0.95, clusterCorrection = "cr0"} = optionsArg(options, fn);
  checkErrorBarOptions(confidence, clusterCorrection, fn);
  const {n, mean, sumSquares, clusterSquares, clusters} = checkMoments(moments, fn);
  const clustered = clusters !== undefined;
  const warnings: string[] = [];
  let se: number;
  if (n === 0) {
    se = NaN;
    warnings.push("no values (all missing): no mean");
  } else if (n === 1) {
    se = NaN;
    warnings.push("one value: a standard error needs at least two");
  } else if (!clustered) {
    se = Math.sqrt(sumSquares / (n - 1) / n);
  } else if (clusters < 2) {
    se = NaN;
    warnings.push("one cluster: a clustered standard error needs at least two");
  } else {
    se = Math.sqrt(clusterSquares ?? NaN) / n;
    if (clusterCorrection === "cr1") se *= Math.sqrt(clusters / (clusters - 1));
  }
  if (clustered && n > 1 && clusters >= 2 && clusters < FEW_CLUSTERS) {
    warnings.push(`${clusters} clusters: with fewer than ${FEW_CLUSTERS} the clustered standard error is itself noisy`);
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const bar: MeanErrorBar = {n, mean: n > 0 ? mean : NaN, se, lower: mean - z * se, upper: mean + z * se};
  if (n === 0) bar.lower = bar.upper = NaN;
  if (clustered) bar.n_clusters = clusters;
  if (warnings.length) bar.warning = warnings.join("; ");
  return bar;
}

/**
 * Checks one group's moments: n a count, the mean finite (any number when n = 0), the sum of squares
 * (without clusters) or of squared cluster sums (with them) finite and ≥ 0, and G a count no larger than n.
 */
function checkMoments(moments: MeanMoments, fn: string): MeanMoments {
  objectArg(moments, "moments", fn, "an object {n, mean, sumSquares, clusterSquares?, clusters?}");
  const n = intArg(moments.n, "moments.n", fn, {min: 0, code: "value"});
  if (n > 0) numberArg(moments.mean, "moments.mean", fn, {code: "value"});
  // With clusters the SE rests on the cluster sums alone, so sumSquares may be left NaN.
  if (n > 1 && moments.clusters === undefined) numberArg(moments.sumSquares, "moments.sumSquares", fn, {min: 0, code: "value"});
  if (moments.clusters !== undefined) {
    intArg(moments.clusters, "moments.clusters", fn, {min: 0, max: n, code: "value"});
    if (n > 1 && moments.clusters > 1) numberArg(moments.clusterSquares, "moments.clusterSquares", fn, {min: 0, code: "value"});
  }
  return moments;
}

/** Throws a `BenchstatsError` naming `fn` for a confidence outside (0, 1) or an unknown correction. */
export function checkErrorBarOptions(confidence: number, clusterCorrection: string, fn: string): void {
  confidenceArg(confidence, fn);
  if (clusterCorrection !== "cr0" && clusterCorrection !== "cr1") {
    throw new BenchstatsError("option", `${fn}: clusterCorrection must be "cr0" or "cr1", got ${JSON.stringify(clusterCorrection)}`, {field: "clusterCorrection"});
  }
}
