// Runs inputs of the rliable-style commands: one or more files → normalised → runs × tasks score matrices.
import {BenchstatsError} from "../lib/index.js";
import {listOption, stringOption, type RawOptions} from "./args.js";
import {loadTable} from "./inputs.js";
import {readReference} from "../loaders/reference.js";
import {normalizeRuns} from "./normalize.js";
import {scoreMatrices, type ScoreMatrices} from "./score-matrix.js";
import {TidyTable} from "../loaders/tidy/index.js";

export const RUNS_OPTIONS = {
  metric: {type: "string"},
  step: {type: "string"},
  algorithms: {type: "string"},
  normalize: {type: "string"}
} as const;

export const RUNS_HELP = `Inputs: one or more runs files — tidy tables (algorithm, task, seed, value [, step, metric]) as
CSV/TSV/JSON/JSONL, rliable per-run JSON ({"task": [run scores]}, the file name is the algorithm), or any
run-log format the loaders read (TensorBoard, W&B, MLflow, Open RL Benchmark, long CSV). Rows of all
inputs are pooled. Each algorithm gets a runs × tasks matrix; a run missing on a task is NaN.
  --metric M       the metric to use when the runs log several
  --step S         last (default: each run's final step) or a step number
  --algorithms L   comma-separated algorithms to keep, in this order
  --normalize F    min-max normalise with a reference table F (task, random, human | task, min, max)`;

/** Loads, pools, normalises and reshapes the runs inputs of a command. */
export async function loadScoreMatrices(paths: string[], values: RawOptions): Promise<ScoreMatrices> {
  const inputFormat = stringOption(values, "input-format");
  const tables: TidyTable[] = [];
  for (const path of paths) tables.push(withLabels(await loadTable(path, "runs", inputFormat), path));
  const referencePath = stringOption(values, "normalize");
  const reference = referencePath ? await readReference(referencePath) : undefined;
  const normalised = reference ? await Promise.all(tables.map((t) => normalizeRuns(t, reference, referencePath!))) : tables;
  const pooled = normalised.length === 1 ? normalised[0] : TidyTable.concat("runs", normalised, paths.join(", "));
  const stepText = stringOption(values, "step");
  const step = stepText === undefined || stepText === "last" ? "last" : Number(stepText);
  const result = await scoreMatrices(pooled, {metric: stringOption(values, "metric"), step: Number.isNaN(step) ? "last" : step, algorithms: listOption(values, "algorithms")});
  // The rliable aggregates need every algorithm scored on every task: say which are missing, by name.
  for (const algorithm of result.algorithms) {
    const matrix = result.matrices[algorithm];
    const missing = result.tasks.filter((_, j) => matrix.every((run) => Number.isNaN(run[j])));
    if (missing.length) {
      throw new BenchstatsError(
        "missing",
        `algorithm "${algorithm}" has no runs on ${missing.length} of ${result.tasks.length} task(s): ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}` +
          "; every algorithm needs at least one run per task (drop algorithms with --algorithms, or tasks from the input)",
        {file: pooled.source}
      );
    }
  }
  return result;
}

/**
 * A warning when the tasks' scores are on different scales and no `--normalize` table was given: the
 * rliable aggregates pool scores across tasks (an IQM over raw returns of ~2,500 on one task and ~5,500
 * on another is dominated by the larger), and the optimality gap's threshold γ is read on the score's own
 * scale. Tasks are on different scales when their median scores differ by more than a factor of 2, or when
 * the scores run far outside the 0–1 range that normalised scores live in (|median| > 10 on some task).
 */
export function scaleWarning(result: ScoreMatrices, values: RawOptions): string | undefined {
  if (stringOption(values, "normalize") !== undefined) return undefined;
  const medians = result.tasks.map((_, j) => {
    const column = result.algorithms.flatMap((a) => result.matrices[a].map((run) => run[j])).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    return Math.abs(column[Math.floor((column.length - 1) / 2)] ?? 0);
  });
  const lo = Math.min(...medians);
  const hi = Math.max(...medians);
  const spread = result.tasks.length > 1 && hi > 2 * Math.max(lo, 1e-12);
  if (!spread && hi <= 10) return undefined;
  const range = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));
  return (
    `scores are not normalised (median per task from ${range(lo)} to ${range(hi)}): the aggregates pool raw scores across tasks, ` +
    `so tasks with larger scores dominate, and the optimality gap's γ is on the raw scale. ` +
    `Give --normalize with a reference table (task, min, max) to put tasks on one scale.`
  );
}

/** Run logs without labels (a TensorBoard file) get the experiment or file name as algorithm and "all" as task. */
function withLabels(table: TidyTable, path: string): TidyTable {
  const algorithm = table.labels("algorithm");
  const task = table.labels("task");
  if (!algorithm.labels.includes("") && !task.labels.includes("")) return table;
  const stem = path.replace(/\/+$/, "").split("/").pop()!.replace(/\.(jsonl?|csv|tsv|parquet)(\.gz)?$/i, "");
  const rows = table.rows().map((r) => ({...r, algorithm: r.algorithm === "" ? String(r.experiment || stem) : r.algorithm, task: r.task === "" ? "all" : r.task}));
  return TidyTable.fromRows("runs", rows, {source: table.source});
}
