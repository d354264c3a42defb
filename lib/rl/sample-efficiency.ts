import {BenchstatsError} from "../core/errors.js";
import type {BootstrapPlan, StatisticInput} from "./plan.js";
import {checkIntervalOptions, planWithWarnings, runPlanSync, type IntervalOptions, type IntervalResult} from "./interval-estimates.js";
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
  return runPlanSync(planSampleEfficiency(curveDict, statistic, options), options);
}

/**
 * The serialisable plan of {@link sampleEfficiencyCurves}.
 *
 * @example const plan = planSampleEfficiency({DER: derCurves}, aggregateIqm, {seed: 1});
 */
export function planSampleEfficiency(curveDict: Record<string, ScoreCurves>, statistic: StatisticInput, options: CurveOptions = {}): BootstrapPlan {
  checkIntervalOptions(options);
  if (curveDict == null || typeof curveDict !== "object") throw new BenchstatsError("option", "curveDict must be an object {key: runs × tasks × checkpoints}");
  const resample = options.resample ?? "runs";
  if (resample !== "runs" && resample !== "cells") throw new BenchstatsError("option", `resample must be "runs" or "cells", got ${JSON.stringify(resample)}`);
  const inputs = Object.keys(curveDict).map((key) => ({key, samples: [curveDict[key]], curves: true}));
  return planWithWarnings(inputs, statistic, options, 2000, resample === "cells");
}
