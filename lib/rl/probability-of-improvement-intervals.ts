import {REPS} from "../bootstrap/reps.js";
import {BenchstatsError} from "../core/errors.js";
import type {BootstrapPlan} from "./engine/plan.js";
import {arrayArg, reject, stringArg} from "../core/check.js";
import {checkIntervalOptions, planWithWarnings, runPlanSync, scoreDictArg, type IntervalOptions, type IntervalResult} from "./interval-estimates.js";
import type {ScoreMatrix} from "./matrix.js";
import {probabilityOfImprovement} from "./probability-of-improvement.js";

export interface PairOptions extends IntervalOptions {
  /** Pairs [X, Y] of keys to compare; default every unordered pair once, X before Y in key order. */
  pairs?: readonly (readonly [string, string])[];
  /** Joins X and Y in the result key; default "," (rliable's `pair_separator`). */
  separator?: string;
}

/**
 * Probability of improvement P(X > Y) with stratified-bootstrap intervals for one or many pairs of
 * algorithms. Each pair is its own bootstrap: X's and Y's runs are resampled independently within each
 * task (rliable's `StratifiedIndependentBootstrap`), and each pair key has its own random streams, so a
 * pair's interval does not depend on which other pairs are computed.
 *
 * rliable computes the same thing as `get_interval_estimates({"X,Y": (x, y)},
 * probability_of_improvement, reps)` per pair (its colab uses 1,000 reps, its README 2,000; default here
 * 2,000). The fast path counts resampled runs on each task's merged X/Y value grid (no Mann-Whitney
 * call per resample). Result keys are `X${separator}Y`; P(Y > X) = 1 − P(X > Y) for the point estimate.
 *
 * @example
 * const poi = probabilityOfImprovementIntervals({SPR: spr, DER: der, DrQ: drq}, {pairs: [["SPR", "DER"], ["SPR", "DrQ"]], seed: 1});
 * poi["SPR,DER"].point[0]; // P(SPR > DER)
 */
export function probabilityOfImprovementIntervals(scoreDict: Record<string, ScoreMatrix>, options: PairOptions = {}): IntervalResult {
  return runPlanSync(planPairs(scoreDict, options, "probabilityOfImprovementIntervals"), options ?? {});
}

/**
 * The serialisable plan of {@link probabilityOfImprovementIntervals}.
 *
 * @example const plan = planProbabilityOfImprovement(dict, {pairs: [["SPR", "DER"]], seed: 1});
 */
export function planProbabilityOfImprovement(scoreDict: Record<string, ScoreMatrix>, options: PairOptions = {}): BootstrapPlan {
  return planPairs(scoreDict, options, "planProbabilityOfImprovement");
}

function planPairs(scoreDict: Record<string, ScoreMatrix>, options: PairOptions | undefined, fn: string): BootstrapPlan {
  const checked = checkIntervalOptions(options, fn);
  scoreDictArg(scoreDict, fn);
  const keys = Object.keys(scoreDict);
  const separator = stringArg(checked.separator ?? ",", "separator", fn, {empty: true, code: "option"});
  if (checked.pairs !== undefined) {
    if (!Array.isArray(checked.pairs)) reject("option", fn, "pairs", 'an array of [X, Y] key pairs, e.g. [["SPR", "DER"]]', checked.pairs);
    arrayArg(checked.pairs, "pairs", fn, {what: 'an array of [X, Y] key pairs, e.g. [["SPR", "DER"]]'}).forEach((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string") {
        reject("option", fn, "pairs", "[X, Y] pairs of keys", pair, {row: i});
      }
    });
  }
  const pairs = checked.pairs ?? keys.flatMap((x, i) => keys.slice(i + 1).map((y) => [x, y] as const));
  if (pairs.length === 0) throw new BenchstatsError("option", `${fn}: no pairs (need at least two algorithms or explicit pairs)`);
  const inputs = pairs.map(([x, y]) => {
    for (const k of [x, y]) {
      if (!Object.hasOwn(scoreDict, k)) throw new BenchstatsError("option", `${fn}: pair [${x}, ${y}] names "${k}", which is not a key of the score dict`, {field: "pairs"});
    }
    return {key: `${x}${separator}${y}`, samples: [scoreDict[x], scoreDict[y]], curves: false};
  });
  return planWithWarnings(inputs, probabilityOfImprovement, checked, REPS.curves, fn);
}
