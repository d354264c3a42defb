// Statistic specs: the serialisable names of the built-in statistics that the bootstrap engine
// recognises (by function identity) and computes on its fast path; any other function takes the
// generic path. docs/bootstrap-engine.md says how to add one.
import {aggregateIqm, aggregateMean, aggregateMedian, aggregateOptimalityGap} from "../aggregates.js";
import type {ScoreMatrix} from "../matrix.js";
import {probabilityOfImprovement} from "../probability-of-improvement.js";
import {averageScoreDistribution, scoreDistribution} from "../profiles.js";

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

const specs = new WeakMap<Function, StatisticSpec>([
  [aggregateMean, {kind: "mean"}],
  [aggregateMedian, {kind: "median"}],
  [aggregateIqm, {kind: "iqm"}],
  [aggregateOptimalityGap, {kind: "optimalityGap", gamma: 1}],
  [probabilityOfImprovement, {kind: "probabilityOfImprovement"}]
]);

/** Makes `f` a recognised statistic with this spec (the factories of ../statistic.ts call this). */
export function registerStatistic(f: Function, spec: StatisticSpec): void {
  specs.set(f, spec);
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
