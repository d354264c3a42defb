import {basename} from "node:path";
import {BenchstatsError} from "../../lib/core/errors.js";
import {sqlCellError, sqlNumber, type NumberRule} from "../tidy/cells.js";
import {cell, csvTable, scanCsv} from "../tidy/csv-scan.js";
import {sqlString} from "../tidy/duckdb.js";
import type {RunRow} from "../tidy/rows.js";
import {columnTypes} from "../tidy/schema.js";
import type {TidyTable} from "../tidy/table.js";
import type {RunLabels} from "../types.js";

/** Options for {@link readOpenRlBenchmarkRuns}. */
export interface OpenRlBenchmarkOptions extends Pick<RunLabels, "experiment"> {
  /** Metric name of the cells (default: `"runtime"` when the file name contains "runtime", else `"episodic_return"`). */
  metric?: string;
}

/**
 * Reads an Open RL Benchmark summary table (`python -m openrlbenchmark.rlops … --output-filename static/x`,
 * github.com/openrlbenchmark/openrlbenchmark) through DuckDB: first column the environment id, one column per
 * run group `entity/project/exp_name ({filters})`, each cell `"mean ± std"` over seeds (or a plain number, as
 * in the `*_runtimes.csv` tables). Each cell becomes one summary `runs` row: `seed = ""` (a summary over
 * seeds), `step = NaN` (a final value), `value` = mean, `std` = std (≥ 0; a runtime ≥ 0 too); `"nan ± nan"`
 * gives NaN (the group has no runs there). `experiment` = `entity/project`, `algorithm` = `exp_name`,
 * followed by the filter in parentheses when it is not empty (so tagged variants stay distinct). A cell that
 * is not `mean ± std`, an infinite or negative spread, or an empty environment id fails at its line.
 *
 * @example
 * // ,openrlbenchmark/cleanrl/ppo_atari ({})
 * // BreakoutNoFrameskip-v4,413.20 ± 12.10
 * (await readOpenRlBenchmarkRuns("cleanrl.csv")).rows();
 * // [{experiment: "openrlbenchmark/cleanrl", algorithm: "ppo_atari", task: "BreakoutNoFrameskip-v4", seed: "", step: NaN, metric: "episodic_return", value: 413.2, std: 12.1}]
 */
export async function readOpenRlBenchmarkRuns(file: string, options: OpenRlBenchmarkOptions = {}): Promise<TidyTable<RunRow>> {
  const metric = options.metric ?? (/runtime/i.test(basename(file)) ? "runtime" : "episodic_return");
  const scan = await scanCsv(file, {what: "an Open RL Benchmark table"});
  if (scan.header.length < 2 || scan.header[0] !== "") {
    throw new BenchstatsError("format", "expected an Open RL Benchmark table: an empty first header cell (environment column) and one column per run group", {file, line: 1});
  }
  const groups = scan.header.slice(1).map((header) => splitGroup(header, options.experiment));
  const list = (values: string[]) => `[${values.join(", ")}]`;
  const unpivoted = `SELECT __record, ${cell(0)} AS task,
      unnest(${list(groups.map((g) => sqlString(g.experiment)))}) AS experiment,
      unnest(${list(groups.map((g) => sqlString(g.algorithm)))}) AS algorithm,
      unnest(${list(groups.map((_, j) => cell(j + 1)))}) AS text
    FROM ${scan.from}`;
  const at = {record: "__record", column: "algorithm"};
  const split = `SELECT *, CASE WHEN len(string_split(coalesce(text, ''), '±')) > 2 THEN ${sqlCellError(at, '"mean ± std" or a number', "text")} ELSE string_split(coalesce(text, ''), '±') END AS parts FROM (${unpivoted})`;
  const spread: NumberRule = {min: 0, what: "a standard deviation"};
  const valueRule: NumberRule = metric === "runtime" ? {min: 0, what: "a runtime"} : {};
  const sql = `SELECT __record, experiment, algorithm, coalesce(task, '') AS task, '' AS seed, 'NaN'::DOUBLE AS step, ${sqlString(metric)} AS metric,
      ${sqlNumber("parts[1]", at, valueRule)} AS value,
      CASE WHEN len(parts) = 2 THEN ${sqlNumber("parts[2]", at, spread)} ELSE 'NaN'::DOUBLE END AS std
    FROM (${split})`;
  return csvTable<RunRow>(scan, "runs", sql, columnTypes("runs", ["experiment", "algorithm", "task", "seed", "step", "metric", "value", "std"]));
}

/** `entity/project/exp_name ({filters})` → experiment `entity/project`, algorithm `exp_name[ (filters)]`. */
function splitGroup(header: string, experiment?: string): {experiment: string; algorithm: string} {
  const match = /^([^/]+\/[^/]+)\/(.+?)(?:\s+\((.*)\))?$/.exec(header.trim());
  if (!match) return {experiment: experiment ?? "", algorithm: header.trim()};
  const filters = match[3] && match[3] !== "{}" ? ` (${match[3]})` : "";
  return {experiment: experiment ?? match[1], algorithm: match[2] + filters};
}
