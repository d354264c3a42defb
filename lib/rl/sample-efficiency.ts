import {REPS} from "../bootstrap/reps.js";
import {enumArg} from "../core/check.js";
import type {BootstrapPlan, StatisticInput} from "./engine/plan.js";
import {checkIntervalOptions, planWithWarnings, runPlanSync, scoreDictArg, type IntervalOptions, type IntervalResult} from "./interval-estimates.js";
import type {ScoreCurves} from "./matrix.js";

export interface CurveOptions extends IntervalOptions {
  /**
   * `"runs"` (default): one bootstrap resample picks runs per task and keeps each picked run's whole
   * trajectory, so the band reflects run-to-run variation of the curve. `"cells"`: rliable's scheme, where
   * runs are drawn independently at every checkpoint (a resample mixes checkpoints of different runs).
   */
  resample?: "runs" | "cells";
}

/**
 * Sample-efficiency curves: an aggregate of runs × tasks × checkpoints scores at every checkpoint, with
 * stratified-bootstrap intervals. `point`, `lower` and `upper` have one value per checkpoint (for an array
 * of k statistics: k values per checkpoint, checkpoint-major).
 *
 * rliable has no dedicated function: its colab passes the 3-D array to `get_interval_estimates` with
 * `lambda s: [aggregate(s[..., c]) for c in checkpoints]`, which (through `StratifiedBootstrap`) draws a
 * run independently for every (run slot, task, checkpoint) cell; `resample: "cells"` reproduces that
 * scheme. The default resamples whole trajectories, which keeps each run's curve intact and gives the
 * bootstrap of the curve as a whole. A run must be present at all checkpoints or at none (NaN).
 * Default reps 2,000.
 *
 * @example
 * const curve = sampleEfficiencyCurves({DER: derCurves}, aggregateIqm, {seed: 1});
 * curve.DER.point; // IQM at each of the 10 checkpoints
 */
export function sampleEfficiencyCurves(curveDict: Record<string, ScoreCurves>, statistic: StatisticInput, options: CurveOptions = {}): IntervalResult {
  return runPlanSync(planCurves(curveDict, statistic, options, "sampleEfficiencyCurves"), options ?? {});
}

/**
 * The serialisable plan of {@link sampleEfficiencyCurves}.
 *
 * @example const plan = planSampleEfficiency({DER: derCurves}, aggregateIqm, {seed: 1});
 */
export function planSampleEfficiency(curveDict: Record<string, ScoreCurves>, statistic: StatisticInput, options: CurveOptions = {}): BootstrapPlan {
  return planCurves(curveDict, statistic, options, "planSampleEfficiency");
}

function planCurves(curveDict: Record<string, ScoreCurves>, statistic: StatisticInput, options: CurveOptions | undefined, fn: string): BootstrapPlan {
  const checked = checkIntervalOptions(options, fn);
  scoreDictArg(curveDict, fn, "curveDict");
  const resample = enumArg(checked.resample ?? "runs", "resample", fn, ["runs", "cells"]);
  const inputs = Object.keys(curveDict).map((key) => ({key, samples: [curveDict[key]], curves: true}));
  return planWithWarnings(inputs, statistic, checked, REPS.curves, fn, resample === "cells");
}
