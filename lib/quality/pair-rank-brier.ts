import {normalCdf, normalQuantile} from "../core/normal.js";
import {BenchstatsError} from "../core/errors.js";
import {optionsArg} from "../core/check.js";
import {confidenceArg} from "../bootstrap/checks.js";
import {intervalRows, type IntervalInput} from "./interval-rows.js";

export interface PairRankBrierOptions {
  /** Level of the intervals in the rows, used to turn a half-width into a standard error (default 0.95). */
  confidence?: number;
}

export interface PairRankBrierResult {
  /** Mean over the pairs of (1 − p)², p the predicted probability of the reference order; 0 is perfect, 0.25 a coin. */
  brier: number;
  /** Pairs scored: both models in the rows and in the reference order. */
  pairs: number;
  /** Models in both (others are left out). */
  models: number;
}

/**
 * The pair-rank Brier score of a leaderboard with intervals against a reference order (e.g. Chatbot
 * Arena's human ranking): for every pair of models both hold, the leaderboard's probability p that the
 * model the reference puts first scores higher, and the score mean((1 − p)²). It rewards confident
 * correct orderings, charges confident wrong ones most, and gives 0.25 for a coin flip.
 *
 * p = Φ((μ_i − μ_j)/√(se_i² + se_j²)) with each score taken as normal: se from the row when it has one,
 * else (upper − lower)/(2·z_{(1+confidence)/2}) — the normal reading of the interval (exact for normal
 * intervals, approximate for skewed bootstrap ones). Two models with zero se and equal points give p = ½.
 * `referenceOrder` lists models best first; models missing from either side are left out; fewer than
 * two shared models throws.
 *
 * Reference: Li et al., "From Crowdsourced Data to High-Quality Benchmarks: Arena-Hard and BenchBuilder
 * Pipeline", arXiv:2406.11939 (2024), §3 ("pair rank Brier score"); there p comes from the benchmark's
 * bootstrap, here from the intervals any producer reports. G. W. Brier, Monthly Weather Review 78 (1950).
 *
 * @example
 * pairRankBrier([{model: "a", mean: 0.7, lower: 0.6, upper: 0.8}, {model: "b", mean: 0.5, lower: 0.4, upper: 0.6}], ["a", "b"]);
 * // {brier: 7.8e-6, pairs: 1, models: 2}  (p = Φ(0.2/0.0722) = 0.9972)
 */
export function pairRankBrier(rows: IntervalInput, referenceOrder: readonly string[], options: PairRankBrierOptions = {}): PairRankBrierResult {
  const fn = "pairRankBrier";
  const {confidence = 0.95} = optionsArg(options, fn);
  confidenceArg(confidence, fn);
  if (!Array.isArray(referenceOrder) || referenceOrder.some((m) => typeof m !== "string")) {
    throw new BenchstatsError("type", `${fn}: referenceOrder must be a list of model names, best first`, {field: "referenceOrder"});
  }
  if (new Set(referenceOrder).size !== referenceOrder.length) throw new BenchstatsError("duplicate", `${fn}: referenceOrder names a model twice`, {field: "referenceOrder"});
  const z = normalQuantile((1 + confidence) / 2);
  const byModel = new Map(intervalRows(rows, fn, "rows").map((row) => [row.model, row]));
  const shared = referenceOrder.filter((m) => byModel.has(m)).map((m) => byModel.get(m)!);
  if (shared.length < 2) throw new BenchstatsError("shape", `${fn}: rows and referenceOrder share ${shared.length} model(s); at least 2 are needed`, {field: "referenceOrder"});
  const se = shared.map((row) => row.se ?? (row.upper - row.lower) / (2 * z));
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < shared.length; ++i) {
    for (let j = i + 1; j < shared.length; ++j, ++pairs) {
      // Model i is ahead of j in the reference: the forecast should give i the higher score.
      const spread = Math.hypot(se[i], se[j]);
      const gap = shared[i].point - shared[j].point;
      const p = spread > 0 ? normalCdf(gap / spread) : gap > 0 ? 1 : gap < 0 ? 0 : 0.5;
      sum += (1 - p) ** 2;
    }
  }
  return {brier: sum / pairs, pairs, models: shared.length};
}
