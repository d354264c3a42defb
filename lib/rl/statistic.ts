import {BenchstatsError} from "../core/errors.js";
import {aggregateIqm, aggregateMean, aggregateMedian, aggregateOptimalityGap} from "./aggregates.js";
import type {ScoreMatrix} from "./matrix.js";
import {probabilityOfImprovement} from "./probability-of-improvement.js";
import {averageScoreDistribution, checkTaus, scoreDistribution} from "./profiles.js";

/**
 * A serialisable description of one built-in statistic, which the bootstrap engine computes on its
 * fast path (run counts instead of materialised matrices). Outputs: 1, or one per τ for the
 * distributions.
 */
export type StatisticSpec =
  | {kind: "mean"}
  | {kind: "median"}
  | {kind: "iqm"}
  | {kind: "optimalityGap"; gamma: number}
  | {kind: "scoreDistribution"; taus: number[]}
  | {kind: "averageScoreDistribution"; taus: number[]}
  | {kind: "probabilityOfImprovement"};

/** A statistic of one score matrix: one number or one number per output. */
export type MatrixStatistic = (scores: ScoreMatrix) => number | ArrayLike<number>;
/** A statistic of a pair of score matrices (e.g. probability of improvement). */
export type PairStatistic = (scoresX: ScoreMatrix, scoresY: ScoreMatrix) => number | ArrayLike<number>;

const specs = new WeakMap<Function, StatisticSpec>([
  [aggregateMean, {kind: "mean"}],
  [aggregateMedian, {kind: "median"}],
  [aggregateIqm, {kind: "iqm"}],
  [aggregateOptimalityGap, {kind: "optimalityGap", gamma: 1}],
  [probabilityOfImprovement, {kind: "probabilityOfImprovement"}]
]);

/**
 * The optimality gap at target γ as a statistic the bootstrap engine recognises (so it takes the fast
 * path): `(scores) => [aggregateOptimalityGap(scores, gamma)]`.
 *
 * @example intervalEstimates(dict, optimalityGapAt(0.5));
 */
export function optimalityGapAt(gamma: number): (scores: ScoreMatrix) => number[] {
  if (typeof gamma !== "number" || !Number.isFinite(gamma)) throw new BenchstatsError("option", `optimalityGapAt: gamma must be finite, got ${String(gamma)}`, {field: "gamma"});
  const f = (scores: ScoreMatrix) => [aggregateOptimalityGap(scores, gamma)];
  specs.set(f, {kind: "optimalityGap", gamma});
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
  specs.set(f, {kind: "scoreDistribution", taus: t});
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
  specs.set(f, {kind: "averageScoreDistribution", taus: t});
  return f;
}

/**
 * The spec of a recognised built-in statistic, or undefined for any other function.
 *
 * @example statisticSpec(aggregateIqm); // {kind: "iqm"}
 */
export function statisticSpec(f: unknown): StatisticSpec | undefined {
  return typeof f === "function" ? specs.get(f) : undefined;
}

/** Number of outputs a spec produces. */
export function specOutputs(spec: StatisticSpec): number {
  return spec.kind === "scoreDistribution" || spec.kind === "averageScoreDistribution" ? spec.taus.length : 1;
}

/** A short human name for a spec (used in labels and error messages). */
export function specName(spec: StatisticSpec): string {
  switch (spec.kind) {
    case "mean":
      return "mean";
    case "median":
      return "median";
    case "iqm":
      return "IQM";
    case "optimalityGap":
      return spec.gamma === 1 ? "optimality gap" : `optimality gap (γ = ${spec.gamma})`;
    case "scoreDistribution":
      return "score distribution";
    case "averageScoreDistribution":
      return "average score distribution";
    case "probabilityOfImprovement":
      return "probability of improvement";
  }
}

/** Evaluates a spec with the plain (reference) implementation; appends its outputs to `out`. */
export function evaluateSpec(spec: StatisticSpec, matrices: ScoreMatrix[], out: number[]): void {
  const [x, y] = matrices;
  switch (spec.kind) {
    case "mean":
      out.push(aggregateMean(x));
      return;
    case "median":
      out.push(aggregateMedian(x));
      return;
    case "iqm":
      out.push(aggregateIqm(x));
      return;
    case "optimalityGap":
      out.push(aggregateOptimalityGap(x, spec.gamma));
      return;
    case "scoreDistribution":
      for (const v of scoreDistribution(x, spec.taus)) out.push(v);
      return;
    case "averageScoreDistribution":
      for (const v of averageScoreDistribution(x, spec.taus)) out.push(v);
      return;
    case "probabilityOfImprovement":
      out.push(probabilityOfImprovement(x, y));
      return;
  }
}
