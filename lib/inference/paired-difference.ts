import {normalSurvival} from "../core/normal.js";
import {ExactSum} from "./exact-sum.js";
import {checkErrorBarOptions, meanErrorBar, type ClusterCorrection, type MeanMoments} from "./mean-error-bar.js";
import {optionsArg} from "../core/check.js";
import {pairedValues, type PairedValues} from "./paired-values.js";

export interface PairedDifferenceOptions {
  /** One cluster label per item (the passage of a question, the source dataset of a prompt): clustered SE. */
  clusters?: ArrayLike<string | number>;
  /** Interval level, in (0, 1); default 0.95. */
  confidence?: number;
  /** Clustered SE: `cr0` (default) or `cr1` = CR0·√(G/(G − 1)). */
  clusterCorrection?: ClusterCorrection;
}

/** The mean paired difference of two models on shared items, with its error bar and z test. */
export interface PairedDifference {
  /** Items both models have a value on. */
  n: number;
  /** d̄ = mean of d_i = x_i − y_i. */
  mean: number;
  /** Standard error of d̄ (plain, or clustered with `clusters`). */
  se: number;
  /** Normal interval d̄ ∓ z·se. */
  lower: number;
  upper: number;
  /** z = d̄ / se. */
  z: number;
  /** Two-sided normal p-value 2·P(Z ≥ |z|) for H0: no difference. */
  pValue: number;
  /** With clusters: G, the clusters that hold a shared item. */
  nClusters?: number;
  /** Why se or pValue is degenerate (a constant difference, one cluster) or uncertain (G < 20). */
  warning?: string;
}

/**
 * The mean difference between two models scored on the same items, d̄ = (1/n) Σ (x_i − y_i) over the
 * items both have a value on (NaN = missing), with its standard error, normal interval and z test —
 * the paired analysis of Miller (2024), which removes the item difficulty both models share:
 *
 * - SE = s_d/√n, s_d the standard deviation of the d_i with n − 1;
 * - with `clusters` (one label per item), SE_CR0 = √(Σ_c (Σ_{i∈c} (d_i − d̄))²)/n and
 *   SE_CR1 = SE_CR0·√(G/(G − 1)): the summary error bar of {@link meanErrorBar} applied to d;
 * - interval d̄ ∓ z_{(1+confidence)/2}·SE; z = d̄/SE, p = 2·P(Z ≥ |z|).
 *
 * Fewer than 20 clusters keep the SE and warn that it is itself noisy; one cluster gives se = NaN with a
 * warning. When d is the same on every item, se = 0: then p = 1 if d̄ = 0 and p = 0 otherwise, z = 0
 * or ±∞, with a warning. Sums are exact ({@link ExactSum}), so the result does not depend on item order.
 *
 * Reference: E. Miller, "Adding Error Bars to Evals", arXiv:2411.00640 (2024), §2.3 (paired
 * differences) and §3 (clustered SEs). Equal to statsmodels `OLS(d, 1).fit(cov_type="nonrobust" |
 * "cluster", use_t=False)` (params, bse, conf_int, pvalues) to 1e-12 on AlpacaEval and ChemBench
 * model pairs (test/fixtures/inference/paired-tests.json).
 *
 * @example
 * pairedDifference([1, 1, 0, 1], [0, 1, 0, 0]);
 * // {n: 4, mean: 0.5, se: 0.2887, lower: −0.066, upper: 1.066, z: 1.732, pValue: 0.0833}
 * pairedDifference(x, y, {clusters: passageOfEachQuestion, clusterCorrection: "cr1"});
 */
export function pairedDifference(x: ArrayLike<number>, y: ArrayLike<number>, options: PairedDifferenceOptions = {}): PairedDifference {
  const fn = "pairedDifference";
  const {confidence = 0.95, clusterCorrection = "cr0", clusters} = optionsArg(options, fn);
  checkErrorBarOptions(confidence, clusterCorrection, fn);
  return pairedDifferenceFromMoments(pairedMoments(pairedValues(x, y, fn, clusters)), {confidence, clusterCorrection}, fn);
}

/**
 * The moments of d (exact sums) that its error bar needs, per cluster when the items have clusters.
 *
 * @example pairedMoments(pairedValues([1, 1, 0], [0, 1, 1], "f")); // {n: 3, mean: 0, sumSquares: 2}
 */
export function pairedMoments(values: PairedValues): MeanMoments {
  const {n, d, cluster, clusterLabels} = values;
  const total = new ExactSum();
  for (let i = 0; i < n; ++i) total.add(d[i]);
  const mean = total.value() / n;
  const squares = new ExactSum();
  const perCluster = cluster ? clusterLabels!.map(() => new ExactSum()) : undefined;
  for (let i = 0; i < n; ++i) {
    const e = d[i] - mean;
    squares.add(e * e);
    if (perCluster) perCluster[cluster![i]].add(e);
  }
  const moments: MeanMoments = {n, mean, sumSquares: squares.value()};
  if (perCluster) {
    const clusterSquares = new ExactSum();
    for (const sum of perCluster) {
      const s = sum.value();
      clusterSquares.add(s * s);
    }
    moments.clusterSquares = clusterSquares.value();
    moments.clusters = perCluster.length;
  }
  return moments;
}

/**
 * A paired difference from the moments of d (n, d̄, Σ(d − d̄)², and per-cluster squares): the error bar of
 * {@link meanErrorBar} with the z test added. Shared by {@link pairedDifference} and the CLI, which
 * takes the moments from DuckDB's pair counts for files of any size.
 *
 * @example pairedDifferenceFromMoments({n: 4, mean: 0.5, sumSquares: 1}, {}, "compare"); // {n: 4, mean: 0.5, se: 0.2887, z: 1.732, pValue: 0.0833, …}
 */
export function pairedDifferenceFromMoments(moments: MeanMoments, options: {confidence?: number; clusterCorrection?: ClusterCorrection}, fn: string): PairedDifference {
  const bar = meanErrorBar(moments, options, fn);
  const warnings = bar.warning ? [bar.warning] : [];
  let z = bar.mean / bar.se;
  let pValue = 2 * normalSurvival(Math.abs(z));
  if (bar.se === 0) {
    z = bar.mean === 0 ? 0 : bar.mean > 0 ? Infinity : -Infinity;
    pValue = bar.mean === 0 ? 1 : 0;
    warnings.push(moments.sumSquares === 0 ? `the difference is ${bar.mean} on every item: its standard error is 0` : "the deviations from the mean difference sum to 0 in every cluster: the clustered standard error is 0");
  }
  const out: PairedDifference = {n: bar.n, mean: bar.mean, se: bar.se, lower: bar.lower, upper: bar.upper, z, pValue: Math.min(1, pValue)};
  if (bar.n_clusters !== undefined) out.nClusters = bar.n_clusters;
  if (warnings.length) out.warning = warnings.join("; ");
  return out;
}
