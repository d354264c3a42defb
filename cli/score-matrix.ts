// From a tidy runs table to rliable score matrices (runs × tasks per algorithm): lib's runsToScoreMatrices,
// with the command line's conventions (tasks sorted, options named as flags, errors located by line).
import {BenchstatsError, runsToScoreMatrices} from "../lib/index.js";
import type {TidyTable} from "../loaders/tidy/index.js";
import {locatedError} from "../loaders/tidy/located.js";

export interface ScoreMatrices {
  /** Task names, in column order of every matrix (sorted). */
  tasks: string[];
  /** Algorithm names in first-seen order. */
  algorithms: string[];
  /** `matrices[algorithm][run][task]`; NaN where a run has no value for a task (ragged run counts). */
  matrices: Record<string, number[][]>;
}

export interface MatrixOptions {
  /** Which metric to use when the table has a `metric` column with several values. */
  metric?: string;
  /** `"last"` (default: each run's final logged step), or a step number to take exactly. */
  step?: "last" | number;
  /** Keep only these algorithms (in this order). */
  algorithms?: string[];
}

/**
 * Builds one runs × tasks matrix per algorithm ({@link runsToScoreMatrices}: a run is one `seed` value,
 * rows without a seed are runs of their own). Tasks are sorted; a bad option names its flag; two values
 * for the same (algorithm, task, seed) name both lines.
 */
export async function scoreMatrices(table: TidyTable, options: MatrixOptions = {}): Promise<ScoreMatrices> {
  const file = table.source;
  const metric = table.column("metric");
  if (metric && "labels" in metric) {
    const used = new Set(metric.codes);
    const metrics = [...used].map((code) => metric.labels[code]);
    if (options.metric !== undefined && !metrics.includes(options.metric)) {
      throw new BenchstatsError("option", `--metric ${options.metric} not found; the table has ${metrics.join(", ")}`, {file});
    }
    if (options.metric === undefined && metrics.length > 1) {
      throw new BenchstatsError("option", `the table has several metrics (${metrics.join(", ")}); choose one with --metric`, {file});
    }
  }
  const step = options.step ?? "last";
  const steps = table.column("step");
  if (step !== "last" && !(steps instanceof Float64Array && steps.includes(step))) throw new BenchstatsError("option", `no rows at --step ${step}`, {file});
  const algorithm = table.labels("algorithm");
  const present = [...new Set(algorithm.codes)].map((code) => algorithm.labels[code]);
  for (const a of options.algorithms ?? []) {
    if (!present.includes(a)) throw new BenchstatsError("option", `algorithm "${a}" not in the table (has ${present.join(", ")})`, {file});
  }
  const task = table.labels("task");
  const tasks = [...new Set([...new Set(task.codes)].map((code) => task.labels[code]))].sort();
  if (!tasks.length) throw new BenchstatsError("empty", "no score rows left after selecting metric and step", {file});
  try {
    const result = runsToScoreMatrices(table, {metric: options.metric, step, algorithms: options.algorithms, tasks});
    return {tasks: result.tasks, algorithms: result.algorithms, matrices: result.matrices};
  } catch (error) {
    throw await locatedError(error, table);
  }
}
