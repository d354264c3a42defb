import {BenchstatsError} from "../core/errors.js";
import {intervalRows, separated, type IntervalInput, type ModelInterval} from "./interval-rows.js";

export interface SeparabilityResult {
  /** Share of model pairs whose intervals do not overlap, in [0, 1]. */
  separability: number;
  /** Pairs with disjoint intervals. */
  separated: number;
  /** All pairs, k(k − 1)/2. */
  pairs: number;
  models: number;
}

/**
 * Separability with confidence: the share of model pairs whose confidence intervals do not overlap —
 * how much of a leaderboard's order the benchmark can vouch for at its size. Two intervals overlap
 * unless one's upper bound lies strictly below the other's lower bound (touching intervals overlap).
 * Works on the rows of any interval producer (Bradley–Terry, Plackett–Luce, summarizeSamples,
 * intervalEstimates; see {@link IntervalInput}).
 *
 * Reference: T. Li, W.-L. Chiang, E. Frick et al., "From Crowdsourced Data to High-Quality Benchmarks:
 * Arena-Hard and BenchBuilder Pipeline", arXiv:2406.11939 (2024), §3 ("separability with confidence"),
 * computed there on 95 % bootstrap intervals of Bradley–Terry scores.
 *
 * @example
 * separability([{model: "a", lower: 0, upper: 1}, {model: "b", lower: 2, upper: 3}, {model: "c", lower: 0.5, upper: 2.5}]);
 * // {separability: 0.333, separated: 1, pairs: 3, models: 3}
 */
export function separability(rows: IntervalInput): SeparabilityResult {
  const models = intervalRows(rows, "separability", "rows");
  let count = 0;
  let pairs = 0;
  for (let i = 0; i < models.length; ++i) {
    for (let j = i + 1; j < models.length; ++j, ++pairs) if (separated(models[i], models[j])) ++count;
  }
  return {separability: count / pairs, separated: count, pairs, models: models.length};
}

export interface AgreementWithConfidenceResult {
  /** Mean over the shared pairs of +1 (both separate the pair the same way), −1 (opposite ways), 0 (otherwise). */
  agreement: number;
  /** Pairs both separate in the same order, and in opposite orders. */
  agree: number;
  disagree: number;
  /** Pairs of models present in both. */
  pairs: number;
  /** Models present in both (the others are left out). */
  models: number;
}

/**
 * Agreement with confidence between two leaderboards with intervals (a benchmark and a reference such as
 * Chatbot Arena): over every pair of models both rank, +1 when both separate the pair (disjoint
 * intervals) in the same order, −1 when both separate it in opposite orders, 0 when either leaves it
 * unresolved; the mean of these. 1 means the benchmark confidently reproduces every ordering; a
 * benchmark that separates nothing scores 0; confident contradictions pull it below 0. Models present in
 * only one leaderboard are left out; fewer than two shared models throws.
 *
 * Reference: Li et al., arXiv:2406.11939 (2024), §3 ("agreement with confidence interval").
 *
 * @example
 * agreementWithConfidence(arenaHardRows, chatbotArenaRows); // {agreement: 0.84, agree: …, disagree: …, pairs: …}
 */
export function agreementWithConfidence(rowsA: IntervalInput, rowsB: IntervalInput): AgreementWithConfidenceResult {
  const fn = "agreementWithConfidence";
  const a = intervalRows(rowsA, fn, "rowsA");
  const b = new Map(intervalRows(rowsB, fn, "rowsB").map((row) => [row.model, row]));
  const shared: [ModelInterval, ModelInterval][] = a.filter((row) => b.has(row.model)).map((row) => [row, b.get(row.model)!]);
  if (shared.length < 2) throw new BenchstatsError("shape", `${fn}: rowsA and rowsB share ${shared.length} model(s); at least 2 are needed`, {field: "rowsB"});
  let agree = 0;
  let disagree = 0;
  let pairs = 0;
  for (let i = 0; i < shared.length; ++i) {
    for (let j = i + 1; j < shared.length; ++j, ++pairs) {
      const [ai, bi] = shared[i];
      const [aj, bj] = shared[j];
      if (!separated(ai, aj) || !separated(bi, bj)) continue;
      if (ai.lower > aj.upper === bi.lower > bj.upper) ++agree;
      else ++disagree;
    }
  }
  return {agreement: (agree - disagree) / pairs, agree, disagree, pairs, models: shared.length};
}
