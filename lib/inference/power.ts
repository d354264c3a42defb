import {normalQuantile} from "../core/normal.js";
import {BenchstatsError} from "../core/errors.js";
import {LIMITS} from "../core/limits.js";

/** Items that share a cluster: m items per cluster with intra-cluster correlation ρ of the differences. */
export interface ClusterDesign {
  /** Average items per cluster, m ≥ 1. */
  size: number;
  /** Intra-cluster correlation of the paired differences, in [0, 1]. */
  icc: number;
}

export interface PowerOptions {
  /** Two-sided significance level, in (0, 1); default 0.05. */
  alpha?: number;
  /** Probability of detecting the effect, in (0, 1); default 0.8. */
  power?: number;
  /** Clustered items: the variance grows by the design effect 1 + (m − 1)ρ. */
  clusters?: ClusterDesign;
}

/**
 * The smallest true mean difference a paired comparison of two models on n items detects with the
 * given power, by the normal approximation of the two-sided z test of {@link pairedDifference}:
 *
 *   δ = (z_{1−α/2} + z_{power}) · sd · √(DE / n),   DE = 1 + (m − 1)ρ with `clusters`, else 1,
 *
 * where sd is the standard deviation of the per-item differences x_i − y_i (for 0/1 results
 * √(p_b + p_c − (p_b − p_c)²) with p_b, p_c the shares of discordant items; the se of a pilot
 * comparison times √n). The far rejection tail is ignored, as in Miller (2024) and statsmodels'
 * `normal_sample_size_one_tail`. Caps: n ≤ 10¹².
 *
 * Reference: E. Miller, "Adding Error Bars to Evals" (2024), §5 (power analysis); L. Kish, Survey
 * Sampling (1965) for the design effect. The inverse of statsmodels
 * `normal_sample_size_one_tail(δ, power, α/2, sd, sd)` to 1e-12 (test/fixtures/inference/paired-tests.json).
 *
 * @example
 * minimumDetectableEffect({n: 805, sd: 0.5}); // 0.0494: differences under ~5 points go unseen
 */
export function minimumDetectableEffect(options: {n: number; sd: number} & PowerOptions): number {
  const fn = "minimumDetectableEffect";
  if (options === null || typeof options !== "object") throw new BenchstatsError("type", `${fn}: expected an options object {n, sd, alpha, power, clusters}`);
  const {n, sd} = options;
  if (typeof n !== "number" || !(n >= 1 && n <= LIMITS.items)) throw new BenchstatsError("option", `${fn}: n must be a number of items in [1, ${LIMITS.items}], got ${String(n)}`, {field: "n"});
  const scale = checkSd(sd, fn) * Math.sqrt(designEffect(options.clusters, fn) / n);
  return criticalSum(options, fn) * scale;
}

/**
 * Items a paired comparison needs to detect a true mean difference δ with the given power (normal
 * approximation, two-sided test; see {@link minimumDetectableEffect}):
 *
 *   n = ⌈((z_{1−α/2} + z_{power}) · sd / δ)² · DE⌉.
 *
 * Reference: statsmodels `normal_sample_size_one_tail(δ, power, α/2, sd, sd)` before rounding up.
 * Throws when the answer exceeds 10¹² items.
 *
 * @example
 * itemsNeeded({delta: 0.02, sd: 0.5}); // 4906: a 2-point difference needs ~4,900 items
 */
export function itemsNeeded(options: {delta: number; sd: number} & PowerOptions): number {
  const fn = "itemsNeeded";
  if (options === null || typeof options !== "object") throw new BenchstatsError("type", `${fn}: expected an options object {delta, sd, alpha, power, clusters}`);
  const {delta} = options;
  if (typeof delta !== "number" || !Number.isFinite(delta) || delta === 0) throw new BenchstatsError("option", `${fn}: delta must be a finite non-zero difference, got ${String(delta)}`, {field: "delta"});
  const ratio = (criticalSum(options, fn) * checkSd(options.sd, fn)) / Math.abs(delta);
  const n = Math.ceil(ratio * ratio * designEffect(options.clusters, fn));
  if (!(n <= LIMITS.items)) throw new BenchstatsError("option", `${fn}: detecting delta = ${delta} would take more than ${LIMITS.items} items`, {field: "delta"});
  return Math.max(n, 2);
}

/** z_{1−α/2} + z_{power}, with both options checked. */
function criticalSum(options: PowerOptions, fn: string): number {
  const {alpha = 0.05, power = 0.8} = options;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new BenchstatsError("option", `${fn}: alpha must be a number in (0, 1), got ${String(alpha)}`, {field: "alpha"});
  if (typeof power !== "number" || !(power > 0 && power < 1)) throw new BenchstatsError("option", `${fn}: power must be a number in (0, 1), got ${String(power)}`, {field: "power"});
  return normalQuantile(1 - alpha / 2) + normalQuantile(power);
}

function checkSd(sd: unknown, fn: string): number {
  if (typeof sd !== "number" || !Number.isFinite(sd) || !(sd > 0)) throw new BenchstatsError("option", `${fn}: sd (of the paired differences) must be a positive number, got ${String(sd)}`, {field: "sd"});
  return sd;
}

function designEffect(clusters: ClusterDesign | undefined, fn: string): number {
  if (clusters === undefined) return 1;
  if (clusters === null || typeof clusters !== "object") throw new BenchstatsError("option", `${fn}: clusters must be {size, icc}`, {field: "clusters"});
  const {size, icc} = clusters;
  if (typeof size !== "number" || !(size >= 1 && size <= LIMITS.items)) throw new BenchstatsError("option", `${fn}: clusters.size (items per cluster) must be at least 1, got ${String(size)}`, {field: "clusters.size"});
  if (typeof icc !== "number" || !(icc >= 0 && icc <= 1)) throw new BenchstatsError("option", `${fn}: clusters.icc must be a correlation in [0, 1], got ${String(icc)}`, {field: "clusters.icc"});
  return 1 + (size - 1) * icc;
}
