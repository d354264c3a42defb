import {basename} from "node:path";
import {BenchstatsError} from "../../lib/core/errors.js";
import {checkTextFile} from "../tidy/file-checks.js";
import {csvHeader, csvRecordLine} from "../tidy/locate.js";
import {readTable} from "../tidy/read.js";
import type {RunRow} from "../tidy/rows.js";
import {TidyTable} from "../tidy/table.js";
import type {LabelColumn} from "../../lib/core/columns.js";
import type {RunLabels} from "../types.js";

/**
 * Reads the generic long run CSV: one row per (run, step, metric) value, the `runs` table itself, through
 * DuckDB ({@link readTable}).
 *
 * Columns (header names, any order; extra columns are ignored):
 * - required: `algorithm` (alias `method`), `task`, `seed`, `step`, `value`;
 * - optional: `experiment` (default: the file name without extension), `metric` (default `"value"`),
 *   `wall_time` (Unix seconds).
 * Empty / `nan` values are kept as `NaN` (a missing evaluation); a step must be given. A non-numeric or
 * infinite number, an empty algorithm or task, a ragged row, a header-only file or a last line cut off
 * fails with the file, line and column. This is the layout of the TD-MPC2 results
 * (`method,task,seed,step,metric,value`, Hansen et al. 2024) and what `src/data` loaders write back out.
 * Given `labels` replace the file's.
 *
 * @example
 * // method,task,seed,step,metric,value
 * // tdmpc2,walker-run,1,100000,reward,512.3
 * const runs = await readLongCsvRuns("tdmpc2_results_long.csv");
 * runs.rows()[0];
 * // {experiment: "tdmpc2_results_long", algorithm: "tdmpc2", task: "walker-run", seed: "1", step: 100000, metric: "reward", value: 512.3}
 */
export async function readLongCsvRuns(file: string, labels: RunLabels = {}): Promise<TidyTable<RunRow>> {
  await checkTextFile(file, {what: "a long run CSV"});
  const header = (await csvHeader(file, ",")).map((name) => name.toLowerCase());
  const algorithmName = header.includes("algorithm") ? "algorithm" : "method";
  const missing = [algorithmName, "task", "seed", "step", "value"].filter((name) => !header.includes(name));
  if (missing.length) {
    throw new BenchstatsError("format", `a long run CSV needs column(s) ${missing.join(", ")}; the header has ${header.map((h) => JSON.stringify(h)).join(", ")}`, {file, line: 1});
  }
  const table = await readTable<RunRow>(file, "runs", {format: "csv"});
  const steps = table.numbers("step");
  const gap = steps.findIndex((step) => Number.isNaN(step));
  if (gap >= 0) throw new BenchstatsError("value", "expected a step number, got an empty cell", {file, line: await csvRecordLine(file, gap), field: "step"});
  const constant = (label: string): LabelColumn => TidyTable.constantLabel(table.length, label);
  const replaced: Record<string, LabelColumn> = {};
  if (labels.experiment !== undefined || !header.includes("experiment")) replaced.experiment = constant(labels.experiment ?? basename(file).replace(/\.csv(\.gz)?$/i, ""));
  if (!header.includes("metric")) replaced.metric = constant("value");
  for (const name of ["algorithm", "task", "seed"] as const) if (labels[name] !== undefined) replaced[name] = constant(labels[name]!);
  return table.withColumns(replaced);
}
