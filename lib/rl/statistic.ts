// Statistics the bootstrap engine recognises beyond the aggregates themselves: the optimality gap at any
// target and the score distributions at fixed τs, each a plain function of a score matrix that carries a
// spec (engine/statistic-spec.ts) so that intervalEstimates takes the fast path for it.
import {BenchstatsError} from "../core/errors.js";
import {aggregateOptimalityGap} from "./aggregates.js";
import {registerStatistic} from "./engine/statistic-spec.js";
import type {ScoreMatrix} from "./matrix.js";
import {averageScoreDistribution, checkTaus, scoreDistribution} from "./profiles.js";

/** A statistic of one score matrix: one number or one number per output. */
export type MatrixStatistic = (scores: ScoreMatrix) => number | ArrayLike<number>;
/** A statistic of a pair of score matrices (e.g. probability of improvement). */
export type PairStatistic = (scoresX: ScoreMatrix, scoresY: ScoreMatrix) => number | ArrayLike<number>;

/**
 * The optimality gap at target γ as a statistic the bootstrap engine recognises (so it takes the fast
 * path): `(scores) => [aggregateOptimalityGap(scores, gamma)]`.
 *
 * @example intervalEstimates(dict, optimalityGapAt(0.5));
 */
export function optimalityGapAt(gamma: number): (scores: ScoreMatrix) => number[] {
  if (typeof gamma !== "number" || !Number.isFinite(gamma)) throw new BenchstatsError("option", `optimalityGapAt: gamma must be finite, got ${String(gamma)}`, {field: "gamma"});
  const f = (scores: ScoreMatrix) => [aggregateOptimalityGap(scores, gamma)];
  registerStatistic(f, {kind: "optimalityGap", gamma});
  return f;
}

/**
 * The run-score distribution at fixed τs as a statistic the bootstrap engine recognises:
 * `(scores) => scoreDistribution(scores, taus)`.
 *
 * @example intervalEstimates(dict, scoreDistributionAt([0, 0.5, 1]), {reps: 2000});
 */
export function scoreDistributionAt(taus: ArrayLike<number>): (scores: ScoreMatrix) => number[] {
  checkTaus(taus, "scoreDistributionAt");
  const t = Array.from(taus);
  const f = (scores: ScoreMatrix) => scoreDistribution(scores, t);
  registerStatistic(f, {kind: "scoreDistribution", taus: t});
  return f;
}

/**
 * The average-score distribution at fixed τs as a statistic the bootstrap engine recognises:
 * `(scores) => averageScoreDistribution(scores, taus)`.
 *
 * @example intervalEstimates(dict, averageScoreDistributionAt([0, 0.5, 1]), {reps: 2000});
 */
export function averageScoreDistributionAt(taus: ArrayLike<number>): (scores: ScoreMatrix) => number[] {
  checkTaus(taus, "averageScoreDistributionAt");
  const t = Array.from(taus);
  const f = (scores: ScoreMatrix) => averageScoreDistribution(scores, t);
  registerStatistic(f, {kind: "averageScoreDistribution", taus: t});
  return f;
}
