import {REPS} from "../bootstrap/reps.js";
import {booleanArg} from "../core/check.js";
import type {BootstrapPlan} from "./engine/plan.js";
import {
  checkIntervalOptions,
  planWithWarnings,
  runPlanSync,
  scoreDictArg,
  type IntervalOptions,
  type IntervalResult
} from "./interval-estimates.js";
import type {ScoreMatrix} from "./matrix.js";
import {checkTaus} from "./profiles.js";
import {averageScoreDistributionAt, scoreDistributionAt} from "./statistic.js";

export interface ProfileOptions extends IntervalOptions {
  /** Use the average-score distribution (fraction of tasks whose mean run score > τ) instead of the run-score distribution; default false. */
  average?: boolean;
}

/**
 * Performance profiles with pointwise bootstrap confidence bands: for each algorithm, the run-score
 * distribution F̂(τ) = fraction of runs × tasks scores > τ at every τ (or, with `average`, the fraction of
 * tasks whose mean score > τ), with a stratified-bootstrap interval at each τ.
 *
 * rliable's `create_performance_profile(score_dict, tau_list, use_score_distribution=not average,
 * reps=2000)`: same profile definitions (strict >), same default reps (2000, not 50,000) and interval
 * methods; `point`/`lower`/`upper` hold one value per τ. At a τ where every resample gives the same
 * fraction (e.g. above all scores) the band collapses to the point, for every method. The fast path
 * counts resampled runs per cell and reads all τs in one pass over the cells sorted once (bench: 6
 * agents × 100 runs × 201 τs × 2,000 reps in about 1 s CPU, rliable 35 s). Plot with rliable's
 * non-linear τ axis via {@link nonLinearTauScaling}. Caps: at most `LIMITS.taus` thresholds, and reps ×
 * taus × algorithms at most `LIMITS.replicateValues` (every replicate value is held until the end).
 *
 * @example
 * const taus = Array.from({length: 201}, (_, i) => i / 100);
 * const profiles = performanceProfiles({DER: der, SPR: spr}, taus, {seed: 1});
 * profiles.SPR.point[50]; // fraction of SPR's runs scoring above τ = 0.5
 */
export function performanceProfiles(scoreDict: Record<string, ScoreMatrix>, taus: ArrayLike<number>, options: ProfileOptions = {}): IntervalResult {
  return runPlanSync(planProfiles(scoreDict, taus, options, "performanceProfiles"), options ?? {});
}

/**
 * The serialisable plan of {@link performanceProfiles} (see planIntervalEstimates for running it elsewhere).
 *
 * @example const plan = planPerformanceProfiles(dict, taus, {reps: 2000, seed: 1}); // then runBootstrapBlock in a worker
 */
export function planPerformanceProfiles(scoreDict: Record<string, ScoreMatrix>, taus: ArrayLike<number>, options: ProfileOptions = {}): BootstrapPlan {
  return planProfiles(scoreDict, taus, options, "planPerformanceProfiles");
}

function planProfiles(scoreDict: Record<string, ScoreMatrix>, taus: ArrayLike<number>, options: ProfileOptions | undefined, fn: string): BootstrapPlan {
  const checked = checkIntervalOptions(options, fn);
  scoreDictArg(scoreDict, fn);
  if (checked.average !== undefined) booleanArg(checked.average, "average", fn);
  checkTaus(taus, fn);
  const statistic = checked.average ? averageScoreDistributionAt(taus) : scoreDistributionAt(taus);
  const inputs = Object.keys(scoreDict).map((key) => ({key, samples: [scoreDict[key]], curves: false}));
  return planWithWarnings(inputs, statistic, checked, REPS.curves, fn);
}
