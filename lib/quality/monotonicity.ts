import {BenchstatsError} from "../core/errors.js";
import type {ColumnarTable} from "../core/columns.js";
import {kendallTau} from "../correlation/kendall.js";
import {optionsArg} from "../core/check.js";
import {readSeedRuns, type SeedColumns} from "./seed-scores.js";

export interface MonotonicityOptions {
  /** Column names (defaults `model`, `benchmark`, `seed`, `step`, `score`). */
  columns?: SeedColumns;
}

/** How steadily one run's score rises over its checkpoints. */
export interface MonotonicityRow {
  benchmark: string;
  model: string;
  seed: string;
  /** Checkpoints with a score. */
  checkpoints: number;
  /** Kendall τ-b of score against step: 1 = the score rises at every checkpoint, 0 = no trend. */
  tau: number;
  /** scipy's two-sided p-value of τ (see kendallTau). */
  pValue: number;
  warning?: string;
}

/**
 * Monotonicity: for each run (benchmark, model, seed), Kendall's τ-b between the training step and the
 * score at that step's checkpoint. A benchmark whose score climbs steadily as training goes on (τ near
 * 1) can guide training decisions from intermediate checkpoints; one that wanders (τ near 0) cannot,
 * whatever its final accuracy. Average the rows over seeds for a benchmark's figure. A run with fewer
 * than two checkpoints, or a constant score, gives NaN with the warning of {@link kendallTau}.
 *
 * Reference: Madaan et al., "Quantifying Variance in Evaluation Benchmarks", arXiv:2406.10229 (2024)
 * (monotonicity of benchmark scores during training, as Kendall rank correlation with the step); τ and
 * p as `scipy.stats.kendalltau`, to 1e-12 on the Atari 100k learning curves of DER.
 *
 * @example
 * monotonicity([{model: "m", seed: 1, step: 1, score: 0.2}, {model: "m", seed: 1, step: 2, score: 0.5}, {model: "m", seed: 1, step: 3, score: 0.4}]);
 * // [{benchmark: "", model: "m", seed: "1", checkpoints: 3, tau: 0.333, pValue: 1}]
 */
export function monotonicity(table: ColumnarTable | readonly object[], options: MonotonicityOptions = {}): MonotonicityRow[] {
  const fn = "monotonicity";
  const {columns = {}} = optionsArg(options, fn);
  const runs = readSeedRuns(table, columns, true, fn);
  return runs.map((run) => {
    const steps = new Set(run.steps);
    if (steps.size !== run.steps.length) {
      throw new BenchstatsError("duplicate", `${fn}: ${run.model} seed ${run.seed}${run.benchmark ? ` on ${run.benchmark}` : ""} has two scores at one step`, {field: columns.step ?? "step"});
    }
    const row: MonotonicityRow = {benchmark: run.benchmark, model: run.model, seed: run.seed, checkpoints: run.values.length, tau: NaN, pValue: NaN};
    if (run.values.length < 2) {
      row.warning = "one checkpoint: a trend needs at least two";
      return row;
    }
    const k = kendallTau(run.steps, run.values);
    row.tau = k.tau;
    row.pValue = k.pValue;
    if (k.warning) row.warning = k.warning;
    return row;
  });
}
