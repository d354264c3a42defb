import {BenchstatsError} from "../core/errors.js";
import type {ColumnarTable} from "../core/columns.js";
import {adjustPValues, type AdjustMethod} from "./adjust.js";
import {mcnemarTest} from "./mcnemar.js";
import type {ClusterCorrection} from "./mean-error-bar.js";
import {pairedBootstrap} from "./paired-bootstrap.js";
import {pairedDifference} from "./paired-difference.js";
import {optionsArg} from "../core/check.js";
import {pairedPermutationTest} from "./permutation.js";
import {samplesMatrix} from "./samples-matrix.js";

/** The paired tests a comparison can run. */
export type PairTest = "paired" | "mcnemar" | "permutation" | "bootstrap";

export const PAIR_TESTS: readonly PairTest[] = ["paired", "mcnemar", "permutation", "bootstrap"];

export interface PairTestOptions {
  /** Default `paired` (the z test of {@link pairedDifference}). */
  test?: PairTest;
  /** Interval level (paired, bootstrap); default 0.95. */
  confidence?: number;
  /** Clustered SE correction (paired with clusters); default `cr0`. */
  clusterCorrection?: ClusterCorrection;
  /** Resamples (permutation, bootstrap); default 10,000. */
  reps?: number;
  /** Seed (permutation, bootstrap); default 0. */
  seed?: number;
  /** McNemar and permutation: exact test (`"auto"` by default). */
  exact?: boolean | "auto";
  /** McNemar χ²: continuity correction (default true). */
  correction?: boolean;
}

/** One pair's test: A − B on the items both answered. */
export interface PairComparison {
  modelA: string;
  modelB: string;
  test: PairTest;
  n: number;
  /** Mean paired difference A − B. */
  mean: number;
  /** Standard error of the mean difference (paired, bootstrap; NaN for the others). */
  se: number;
  /** Interval for the mean difference (paired, bootstrap; NaN for the others). */
  lower: number;
  upper: number;
  /** The test statistic: z (paired), McNemar's statistic, or NaN (permutation, bootstrap). */
  statistic: number;
  pValue: number;
  /** With clusters: G. */
  nClusters?: number;
  /** McNemar: discordant counts. */
  aOnly?: number;
  bOnly?: number;
  warning?: string;
}

/**
 * Runs one paired test on two models' item results (see {@link compareAllPairs}); the shared step of
 * the all-pairs helper and `benchstats compare A B`.
 *
 * @example testPair("a", "b", [1, 0, 1, 1], [0, 0, 1, 0], {test: "mcnemar"}); // {modelA: "a", …, pValue: 0.5}
 */
export function testPair(modelA: string, modelB: string, x: ArrayLike<number>, y: ArrayLike<number>, options: PairTestOptions = {}, clusters?: ArrayLike<string>): PairComparison {
  const {test = "paired", confidence, clusterCorrection, reps, seed, exact, correction} = options;
  if (!PAIR_TESTS.includes(test)) throw new BenchstatsError("option", `test must be one of ${PAIR_TESTS.join(", ")}, got ${JSON.stringify(test)}`, {field: "test"});
  const base = {modelA, modelB, test};
  if (test === "paired") {
    const r = pairedDifference(x, y, {clusters, confidence, clusterCorrection});
    return {...base, n: r.n, mean: r.mean, se: r.se, lower: r.lower, upper: r.upper, statistic: r.z, pValue: r.pValue, ...(r.nClusters !== undefined ? {nClusters: r.nClusters} : {}), ...(r.warning ? {warning: r.warning} : {})};
  }
  if (test === "bootstrap") {
    const r = pairedBootstrap(x, y, {clusters, confidence, reps, seed});
    return {...base, n: r.n, mean: r.mean, se: r.se, lower: r.lower, upper: r.upper, statistic: NaN, pValue: r.pValue, ...(r.nClusters !== undefined ? {nClusters: r.nClusters} : {}), ...(r.warning ? {warning: r.warning} : {})};
  }
  if (clusters) throw new BenchstatsError("option", `the ${test} test treats items as independent; clusters go with the paired or bootstrap test`, {field: "cluster"});
  if (test === "mcnemar") {
    const r = mcnemarTest(x, y, {exact, correction});
    return {...base, n: r.n, mean: (r.aOnly - r.bOnly) / r.n, se: NaN, lower: NaN, upper: NaN, statistic: r.statistic, pValue: r.pValue, aOnly: r.aOnly, bOnly: r.bOnly, ...(r.warning ? {warning: r.warning} : {})};
  }
  const r = pairedPermutationTest(x, y, {reps, seed, exact});
  return {...base, n: r.n, mean: r.mean, se: NaN, lower: NaN, upper: NaN, statistic: NaN, pValue: r.pValue, ...(r.warning ? {warning: r.warning} : {})};
}

export interface CompareAllPairsOptions extends PairTestOptions {
  /** Multiple-comparison adjustment of the pairs' p-values; default `holm`. */
  adjust?: AdjustMethod;
  /** Level at which a difference counts as significant (a "win"); default 0.05. */
  alpha?: number;
  /** Keep only rows of this metric; required when the table holds several. */
  metric?: string;
  /** A label column of clusters (paired: clustered SE; bootstrap: cluster resampling). */
  cluster?: string;
  /** Only these models. */
  models?: readonly string[];
}

/** Per model: pairs it wins or loses significantly (A − B > 0 or < 0 with p ≤ α), raw and adjusted. */
export interface ModelWins {
  model: string;
  winsRaw: number;
  lossesRaw: number;
  winsAdjusted: number;
  lossesAdjusted: number;
}

export interface AllPairsResult {
  /** Models, sorted: the rows and columns of the matrices. */
  models: string[];
  test: PairTest;
  adjust: AdjustMethod;
  alpha: number;
  /** One entry per pair i < j (model A = models[i]), with the adjusted p-value. */
  pairs: (PairComparison & {pAdjusted: number})[];
  /** Symmetric models × models matrices of raw and adjusted p-values (NaN on the diagonal). */
  pValues: number[][];
  adjusted: number[][];
  /** Pairs with p ≤ α before and after adjustment. */
  significantRaw: number;
  significantAdjusted: number;
  wins: ModelWins[];
}

/**
 * Every pair of models of a samples table compared by one paired test on the items both answered,
 * with the p-values adjusted for the number of pairs ({@link adjustPValues}). A leaderboard of k models
 * makes k(k − 1)/2 comparisons: at α = 0.05 about one in twenty pairs of equal models "differs" by
 * chance, which the adjustment (Holm by default; `bh` for a false-discovery rate) prevents.
 *
 * The table (rows or columnar, `model, item, value`, optional `benchmark, metric` and a `cluster`
 * column) is laid out by {@link samplesMatrix}: models and items sorted, so results do not depend on row
 * order. Each pair runs {@link testPair} with the same options and seed, so a pair's entry equals a
 * direct call on its two models. Returns the pairs, the p-value matrices and, per model, the
 * significant wins and losses before and after adjustment — how many orderings of the leaderboard
 * survive.
 *
 * Reference: the tests as documented at each; adjustment as statsmodels `multipletests`.
 *
 * @example
 * const all = compareAllPairs(samples, {test: "mcnemar", adjust: "holm"});
 * all.significantRaw; all.significantAdjusted; // pairs that differ, before and after Holm
 */
export function compareAllPairs(table: ColumnarTable | readonly object[], options: CompareAllPairsOptions = {}): AllPairsResult {
  const fn = "compareAllPairs";
  const {adjust = "holm", alpha = 0.05, metric, cluster, models: only, ...testOptions} = optionsArg(options, fn);
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new BenchstatsError("option", `${fn}: alpha must be a number in (0, 1), got ${String(alpha)}`, {field: "alpha"});
  const test = testOptions.test ?? "paired";
  if (!PAIR_TESTS.includes(test)) throw new BenchstatsError("option", `${fn}: test must be one of ${PAIR_TESTS.join(", ")}, got ${JSON.stringify(test)}`, {field: "test"});
  adjustPValues([], {method: adjust});
  const matrix = samplesMatrix(table, {metric, cluster, models: only}, fn);
  const {models, items, values, clusters} = matrix;
  const k = models.length;
  if (k < 2) throw new BenchstatsError("shape", `${fn}: needs at least 2 models, got ${k}`, {field: "model"});
  const m = items.length;
  const pairs: PairComparison[] = [];
  for (let a = 0; a < k; ++a) {
    const x = values.subarray(a * m, (a + 1) * m);
    for (let b = a + 1; b < k; ++b) {
      const y = values.subarray(b * m, (b + 1) * m);
      pairs.push(testPair(models[a], models[b], x, y, testOptions, clusters));
    }
  }
  const adjusted = adjustPValues(pairs.map((p) => p.pValue), {method: adjust});
  const index = new Map(models.map((name, i) => [name, i]));
  const raw = models.map(() => models.map(() => NaN));
  const adj = models.map(() => models.map(() => NaN));
  const wins = models.map((model): ModelWins => ({model, winsRaw: 0, lossesRaw: 0, winsAdjusted: 0, lossesAdjusted: 0}));
  let significantRaw = 0;
  let significantAdjusted = 0;
  const out = pairs.map((pair, t) => {
    const i = index.get(pair.modelA)!;
    const j = index.get(pair.modelB)!;
    raw[i][j] = raw[j][i] = pair.pValue;
    adj[i][j] = adj[j][i] = adjusted[t];
    const [winner, loser] = pair.mean > 0 ? [i, j] : [j, i];
    if (pair.pValue <= alpha && pair.mean !== 0) {
      ++significantRaw;
      wins[winner].winsRaw++;
      wins[loser].lossesRaw++;
    }
    if (adjusted[t] <= alpha && pair.mean !== 0) {
      ++significantAdjusted;
      wins[winner].winsAdjusted++;
      wins[loser].lossesAdjusted++;
    }
    return {...pair, pAdjusted: adjusted[t]};
  });
  return {models, test, adjust, alpha, pairs: out, pValues: raw, adjusted: adj, significantRaw, significantAdjusted, wins};
}
