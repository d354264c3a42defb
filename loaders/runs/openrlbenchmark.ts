import {basename} from "node:path";
import {readCsv} from "../common/csv.js";
import {fail, parseNumberCell} from "../common/fail.js";
import type {RunLabels, RunRow} from "../types.js";

/** Options for {@link readOpenRlBenchmarkRuns}. */
export interface OpenRlBenchmarkOptions extends Pick<RunLabels, "experiment"> {
  /** Metric name of the cells (default: `"runtime"` when the file name contains "runtime", else `"episodic_return"`). */
  metric?: string;
}

/**
 * Reads an Open RL Benchmark summary table (`python -m openrlbenchmark.rlops … --output-filename static/x`,
 * github.com/openrlbenchmark/openrlbenchmark): first column the environment id, one column per run group
 * `entity/project/exp_name ({filters})`, each cell `"mean ± std"` over seeds (or a plain number, as in the
 * `*_runtimes.csv` tables). Each cell becomes one summary `runs` row: `seed = null`, `step = NaN` (a final
 * value), `value` = mean, `std` = std; `"nan ± nan"` gives NaN (the group has no runs there).
 * `experiment` = `entity/project`, `algorithm` = `exp_name`, followed by the filter in parentheses when it
 * is not empty (so tagged variants stay distinct).
 *
 * @example
 * // ,openrlbenchmark/cleanrl/ppo_atari ({})
 * // BreakoutNoFrameskip-v4,413.20 ± 12.10
 * await readOpenRlBenchmarkRuns("cleanrl.csv");
 * // [{experiment: "openrlbenchmark/cleanrl", algorithm: "ppo_atari", task: "BreakoutNoFrameskip-v4", seed: null, step: NaN, metric: "episodic_return", value: 413.2, std: 12.1}]
 */
export async function readOpenRlBenchmarkRuns(file: string, options: OpenRlBenchmarkOptions = {}): Promise<RunRow[]> {
  const metric = options.metric ?? (/runtime/i.test(basename(file)) ? "runtime" : "episodic_return");
  const rows: RunRow[] = [];
  let groups: {experiment: string; algorithm: string}[] | undefined;
  for await (const {cells, line} of readCsv(file)) {
    if (!groups) {
      if (cells.length < 2 || cells[0].trim() !== "") {
        fail("format", "expected an Open RL Benchmark table: an empty first header cell (environment column) and one column per run group", {file, line});
      }
      groups = cells.slice(1).map((header) => splitGroup(header, options.experiment));
      continue;
    }
    const task = cells[0];
    for (let j = 1; j < cells.length; j++) {
      const {mean, std} = parseMeanStd(cells[j], {file, line, column: j + 1, field: groups[j - 1].algorithm});
      rows.push({...groups[j - 1], task, seed: null, step: NaN, metric, value: mean, std});
    }
  }
  if (!groups) fail("format", "empty file: expected a header row", {file});
  return rows;
}

/** `entity/project/exp_name ({filters})` → experiment `entity/project`, algorithm `exp_name[ (filters)]`. */
function splitGroup(header: string, experiment?: string): {experiment: string; algorithm: string} {
  const match = /^([^/]+\/[^/]+)\/(.+?)(?:\s+\((.*)\))?$/.exec(header.trim());
  if (!match) return {experiment: experiment ?? "", algorithm: header.trim()};
  const filters = match[3] && match[3] !== "{}" ? ` (${match[3]})` : "";
  return {experiment: experiment ?? match[1], algorithm: match[2] + filters};
}

/** `"1705.80 ± 439.74"` → {mean, std}; a plain number gives std NaN. */
function parseMeanStd(cell: string, location: {file: string; line: number; column: number; field: string}): {mean: number; std: number} {
  const parts = cell.split("±");
  if (parts.length > 2) fail("value", `expected "mean ± std", got ${JSON.stringify(cell)}`, location);
  const mean = parseNumberCell(parts[0], location);
  const std = parts.length === 2 ? parseNumberCell(parts[1], location) : NaN;
  return {mean, std};
}
