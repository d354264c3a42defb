import {REPS} from "../bootstrap/reps.js";
import {IndexStream} from "../bootstrap/index-stream.js";
import {bootstrapInterval, INTERVAL_METHODS, jackknifeAcceleration, type IntervalMethod} from "../bootstrap/interval.js";
import {BenchstatsError} from "../core/errors.js";
import {ExactSum} from "./exact-sum.js";
import {FEW_CLUSTERS} from "./mean-error-bar.js";
import {optionsArg, seedArg} from "../core/check.js";
import {confidenceArg, repsArg} from "../bootstrap/checks.js";
import {LIMITS} from "../core/limits.js";
import {pairedValues} from "./paired-values.js";

export interface PairedBootstrapOptions {
  /** Bootstrap resamples (default `REPS.pairedItems` = 10,000; at most 10⁶). */
  reps?: number;
  /** Seed of the resampling (default 0). */
  seed?: number;
  /** One cluster label per item: whole clusters are resampled. */
  clusters?: ArrayLike<string | number>;
  /** Interval level, in (0, 1); default 0.95. */
  confidence?: number;
  /** `percentile` (default), `basic`, `bc`, `bca` or `norm` (see bootstrapInterval). */
  method?: IntervalMethod;
}

export interface PairedBootstrapResult {
  /** Items both models have a value on. */
  n: number;
  /** d̄ = mean of x_i − y_i. */
  mean: number;
  /** Standard deviation of the bootstrap replicates of d̄ (divisor reps − 1). */
  se: number;
  lower: number;
  upper: number;
  /** Two-sided p-value of H0: d̄ = 0 by inverting the percentile interval (see below). */
  pValue: number;
  reps: number;
  /** With clusters: G. */
  nClusters?: number;
  /** Why the interval is degenerate (one cluster, a constant difference) or uncertain (G < 20). */
  warning?: string;
}

/**
 * A bootstrap interval for the mean paired difference d̄ = mean(x_i − y_i): items are drawn with
 * replacement and both models' results on a drawn item come along (the pairing is kept), so the item
 * difficulty the models share cancels as in {@link pairedDifference}. With `clusters`, whole clusters
 * are drawn (G of them), each replicate being Σ_{drawn c} Σ_{i∈c} d_i / Σ_{drawn c} n_c — the cluster
 * bootstrap, for items that share a passage or a prompt template.
 *
 * The interval comes from {@link bootstrapInterval} (percentile by default; `bca` takes its acceleration
 * from the leave-one-item-out, or leave-one-cluster-out, means). The p-value inverts the percentile
 * interval: p = min(1, 2·min(#{d̄* ≤ 0} + 1, #{d̄* ≥ 0} + 1)/(reps + 1)), the smallest α at which 0 falls
 * outside the (1 − α) percentile interval, counted as Davison & Hinkley (1997, §4.4) count Monte-Carlo
 * tails. Draws come from the shared index stream (IndexStream), so a seed gives the same interval in
 * Node and in the browser.
 *
 * One cluster gives NaN se, interval and p-value with a warning (a resample cannot vary); fewer than 20
 * clusters warn that the interval rests on few clusters. Caps: reps ≤ 10⁶, n (or G) ≤ 2²¹.
 *
 * Reference: B. Efron & R. Tibshirani, An Introduction to the Bootstrap (1993), ch. 6 and 14; cluster
 * resampling: A. C. Davison & D. V. Hinkley, Bootstrap Methods and their Application (1997), §3.8. For
 * large n the bootstrap SE tends to the plain (or CR0) SE of pairedDifference, which the tests check on
 * AlpacaEval pairs.
 *
 * @example
 * pairedBootstrap(x, y, {reps: 10000, seed: 1});                    // items resampled
 * pairedBootstrap(x, y, {clusters: datasetOfEachPrompt, seed: 1});  // clusters resampled
 */
/**
 * The interval methods the paired bootstrap offers: those computed from the replicates alone. The
 * studentized interval needs a standard error per replicate, and the expanded one a stratified design,
 * so neither applies to one resampled mean difference.
 */
const PAIRED_METHODS: readonly IntervalMethod[] = INTERVAL_METHODS.filter((m) => ["percentile", "basic", "bc", "bca", "norm"].includes(m));

export function pairedBootstrap(x: ArrayLike<number>, y: ArrayLike<number>, options: PairedBootstrapOptions = {}): PairedBootstrapResult {
  const fn = "pairedBootstrap";
  const {reps = REPS.pairedItems, seed = 0, confidence = 0.95, method = "percentile", clusters} = optionsArg(options, fn);
  repsArg(reps, fn, {min: 2});
  seedArg(seed, fn);
  confidenceArg(confidence, fn);
  if (!PAIRED_METHODS.includes(method)) {
    throw new BenchstatsError("option", `${fn}: method must be one of ${PAIRED_METHODS.join(", ")}, got ${JSON.stringify(method)}`, {field: "method"});
  }
  const {n, d, cluster, clusterLabels} = pairedValues(x, y, fn, clusters);
  // Units of resampling: items, or clusters with their sums and sizes.
  const G = cluster ? clusterLabels!.length : n;
  if (G > LIMITS.resampledItems) {
    throw new BenchstatsError("option", `${fn}: at most ${LIMITS.resampledItems} ${cluster ? "clusters" : "items"} can be resampled, got ${G}`, {field: cluster ? "clusters" : "x"});
  }
  const sums = new Float64Array(G);
  const sizes = new Float64Array(G);
  for (let i = 0; i < n; ++i) {
    const g = cluster ? cluster[i] : i;
    sums[g] += d[i];
    sizes[g] += 1;
  }
  const exact = new ExactSum();
  for (let i = 0; i < n; ++i) exact.add(d[i]);
  const total = exact.value();
  const mean = total / n;
  const warnings: string[] = [];
  const base: PairedBootstrapResult = {n, mean, se: NaN, lower: NaN, upper: NaN, pValue: NaN, reps};
  if (cluster) base.nClusters = G;
  if (G < 2) {
    base.warning = "one cluster: resampling whole clusters cannot vary the mean difference";
    return base;
  }
  if (cluster && G < FEW_CLUSTERS) warnings.push(`${G} clusters: with fewer than ${FEW_CLUSTERS} the cluster bootstrap rests on few units`);

  const replicates = new Float64Array(reps);
  const stream = new IndexStream(seed, 0);
  const drawn = new Int32Array(G);
  for (let r = 0; r < reps; ++r) {
    stream.fill(drawn, G, G);
    let s = 0;
    let m = 0;
    for (let k = 0; k < G; ++k) {
      s += sums[drawn[k]];
      m += sizes[drawn[k]];
    }
    replicates[r] = s / m;
  }
  let acceleration: number | undefined;
  if (method === "bca") {
    const jackknife = new Float64Array(G);
    for (let g = 0; g < G; ++g) jackknife[g] = (total - sums[g]) / (n - sizes[g]);
    acceleration = jackknifeAcceleration([jackknife], "the mean paired difference");
  }
  const [lower, upper] = bootstrapInterval(replicates, mean, {method, confidence, acceleration, label: "the mean paired difference"});
  let center = 0;
  let atMost = 0;
  let atLeast = 0;
  for (let r = 0; r < reps; ++r) {
    center += replicates[r];
    if (replicates[r] <= 0) ++atMost;
    if (replicates[r] >= 0) ++atLeast;
  }
  center /= reps;
  let ss = 0;
  for (let r = 0; r < reps; ++r) ss += (replicates[r] - center) ** 2;
  const se = Math.sqrt(ss / (reps - 1));
  if (se === 0) warnings.push("every resample gives the same mean difference (the differences do not vary between resampled units)");
  const pValue = Math.min(1, (2 * (Math.min(atMost, atLeast) + 1)) / (reps + 1));
  const out: PairedBootstrapResult = {...base, se, lower, upper, pValue};
  if (warnings.length) out.warning = warnings.join("; ");
  return out;
}
