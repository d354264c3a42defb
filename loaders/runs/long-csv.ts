import {basename} from "node:path";
import {columnIndex, readCsvBatches} from "../common/csv.js";
import {fail, parseNumberCell} from "../common/fail.js";
import type {RunLabels, RunRow} from "../types.js";

/**
 * Reads the generic long run CSV: one row per (run, step, metric) value, the `runs` table itself.
 *
 * Columns (header names, any order; extra columns are ignored):
 * - required: `algorithm` (alias `method`), `task`, `seed`, `step`, `value`;
 * - optional: `experiment` (default: the file name without extension), `metric` (default `"value"`),
 *   `wall_time` (Unix seconds).
 * Empty / `nan` values are kept as `NaN` (a missing evaluation); a non-numeric `step` or `value` fails with the
 * file, line and column. This is the layout of the TD-MPC2 results (`method,task,seed,step,metric,value`,
 * Hansen et al. 2024) and what `src/data` loaders write back out.
 *
 * @example
 * // method,task,seed,step,metric,value
 * // tdmpc2,walker-run,1,100000,reward,512.3
 * const rows = await readLongCsvRuns("tdmpc2_results_long.csv");
 * // [{experiment: "tdmpc2_results_long", algorithm: "tdmpc2", task: "walker-run", seed: "1", step: 100000, metric: "reward", value: 512.3}, …]
 */
export async function readLongCsvRuns(file: string, labels: RunLabels = {}): Promise<RunRow[]> {
  const rows: RunRow[] = [];
  for await (const batch of longCsvBatches(file, labels)) for (const row of batch) rows.push(row);
  return rows;
}

/**
 * Streaming form of {@link readLongCsvRuns}.
 *
 * @example
 * for await (const row of longCsvRows("runs.csv")) if (row.metric === "reward") use(row);
 */
export async function* longCsvRows(file: string, labels: RunLabels = {}): AsyncGenerator<RunRow> {
  for await (const batch of longCsvBatches(file, labels)) yield* batch;
}

async function* longCsvBatches(file: string, labels: RunLabels): AsyncGenerator<RunRow[]> {
  let cols: Map<string, number> | undefined;
  let algorithmCol = -1, taskCol = -1, seedCol = -1, stepCol = -1, valueCol = -1, metricCol = -1, experimentCol = -1, wallCol = -1;
  const defaultExperiment = labels.experiment ?? basename(file).replace(/\.csv(\.gz)?$/i, "");
  for await (const records of readCsvBatches(file)) {
    const out: RunRow[] = [];
    for (const {cells, line} of records) {
      if (!cols) {
        const header = cells.map((c) => c.trim());
        const algorithmName = header.includes("algorithm") ? "algorithm" : "method";
        cols = columnIndex(header, [algorithmName, "task", "seed", "step", "value"], file, "a long run CSV");
        algorithmCol = cols.get(algorithmName)!;
        taskCol = cols.get("task")!;
        seedCol = cols.get("seed")!;
        stepCol = cols.get("step")!;
        valueCol = cols.get("value")!;
        metricCol = cols.get("metric") ?? -1;
        experimentCol = cols.get("experiment") ?? -1;
        wallCol = cols.get("wall_time") ?? -1;
        continue;
      }
      const step = parseNumberCell(cells[stepCol], {file, line, field: "step"});
      if (Number.isNaN(step)) fail("value", "expected a step number, got an empty cell", {file, line, field: "step"});
      const row: RunRow = {
        experiment: experimentCol >= 0 ? cells[experimentCol] : defaultExperiment,
        algorithm: labels.algorithm ?? cells[algorithmCol],
        task: labels.task ?? cells[taskCol],
        seed: labels.seed ?? cells[seedCol],
        step,
        metric: metricCol >= 0 ? cells[metricCol] : "value",
        value: parseNumberCell(cells[valueCol], {file, line, field: "value"})
      };
      if (wallCol >= 0) row.wall_time = parseNumberCell(cells[wallCol], {file, line, field: "wall_time"});
      out.push(row);
    }
    yield out;
  }
}
