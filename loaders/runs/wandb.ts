import {basename} from "node:path";
import {readCsv} from "../common/csv.js";
import {fail, jsonNumber, parseNumberCell} from "../common/fail.js";
import {readLines} from "../common/lines.js";
import {parseJsonLine} from "../common/jsonl.js";
import type {RunLabels, RunRow} from "../types.js";

/**
 * Reads a Weights & Biases run-history export into `runs` rows, one per logged (step, metric) value.
 *
 * Accepted layouts (W&B docs, "Export data": `run.history()` / `run.scan_history()` written with pandas, and the
 * UI's chart "Export CSV"):
 * - history CSV or JSONL (one object per line): `_step` (required), `_runtime` (s since start), `_timestamp`
 *   (Unix s, becomes `wall_time`) and one column per metric key (nested keys already joined, e.g.
 *   `charts/episodic_return`). Other `_`-prefixed bookkeeping columns are ignored. One file is one run:
 *   `seed` defaults to the file name without extension (the run id), `experiment` to the same.
 * - chart-panel CSV: `Step` then `<run name> - <metric>` columns (plus `__MIN`/`__MAX` bucket bounds, which are
 *   skipped); each run name becomes a `seed`.
 * A metric is sparse in W&B (logged at some steps only): an empty cell, a missing key or a JSON `null` means
 * "not logged at this step" and gives no row; an explicit `NaN` is kept. Media and histogram objects
 * (`{"_type": …}` cells) are not scalars and are skipped; other nested JSON objects are flattened with "."
 * (`{"eval": {"return": 3}}` → metric `eval.return`); any other non-numeric value fails with file and line.
 *
 * @example
 * // _step,_runtime,_timestamp,charts/episodic_return,losses/value_loss
 * // 0,1.2,1700000000.5,,0.93
 * // 1000,9.8,1700000009.1,12.5,0.51
 * await readWandbRuns("run-3f2a.csv", {algorithm: "ppo", task: "CartPole-v1"});
 * // [{experiment: "run-3f2a", algorithm: "ppo", task: "CartPole-v1", seed: "run-3f2a", step: 0, metric: "losses/value_loss", value: 0.93, wall_time: 1700000000.5}, …]
 */
export async function readWandbRuns(file: string, labels: RunLabels = {}): Promise<RunRow[]> {
  const rows: RunRow[] = [];
  const iterate = /\.jsonl(\.gz)?$/i.test(file) ? wandbJsonlRows(file, labels) : wandbCsvRows(file, labels);
  for await (const row of iterate) rows.push(row);
  return rows;
}

function runName(file: string): string {
  return basename(file).replace(/\.(csv|jsonl)(\.gz)?$/i, "");
}

const isBookkeeping = (key: string) => key.startsWith("_");

/**
 * Streaming W&B CSV (history or chart-panel layout).
 *
 * @example
 * for await (const row of wandbCsvRows("run-3f2a.csv")) console.log(row.step, row.metric, row.value);
 */
export async function* wandbCsvRows(file: string, labels: RunLabels = {}): AsyncGenerator<RunRow> {
  const name = runName(file);
  let header: string[] | undefined;
  let stepCol = -1, timeCol = -1;
  let metrics: {col: number; metric: string; seed: string}[] = [];
  for await (const {cells, line} of readCsv(file)) {
    if (!header) {
      header = cells.map((c) => c.trim());
      stepCol = header.indexOf("_step");
      if (stepCol >= 0) {
        timeCol = header.indexOf("_timestamp");
        metrics = header.flatMap((h, col) => (isBookkeeping(h) || h === "" ? [] : [{col, metric: h, seed: labels.seed ?? name}]));
      } else if (header[0] === "Step") {
        stepCol = 0;
        metrics = header.flatMap((h, col) => {
          const m = / - (.+)$/.exec(h);
          if (col === 0 || !m || /__(MIN|MAX)$/.test(h)) return [];
          return [{col, metric: m[1], seed: labels.seed ?? h.slice(0, m.index)}];
        });
      } else {
        fail("format", `expected a W&B history export (a "_step" column) or a chart export (first column "Step"); the header starts ${JSON.stringify(header.slice(0, 4))}`, {file, line});
      }
      continue;
    }
    const step = parseNumberCell(cells[stepCol], {file, line, field: header[stepCol]});
    const wallTime = timeCol >= 0 ? parseNumberCell(cells[timeCol], {file, line, field: "_timestamp"}) : undefined;
    for (const {col, metric, seed} of metrics) {
      const cell = cells[col].trim();
      if (cell === "" || cell.startsWith("{") || cell.startsWith("[")) continue;
      const value = parseNumberCell(cell, {file, line, field: header[col]});
      const row: RunRow = {experiment: labels.experiment ?? name, algorithm: labels.algorithm ?? "", task: labels.task ?? "", seed, step, metric, value};
      if (wallTime !== undefined) row.wall_time = wallTime;
      yield row;
    }
  }
  if (!header) fail("format", "empty file: expected a header row", {file});
}

/**
 * Streaming W&B history JSONL: one `{_step, _runtime, _timestamp, metric: value, …}` object per line.
 *
 * @example
 * for await (const row of wandbJsonlRows("run-3f2a.jsonl")) console.log(row.step, row.metric, row.value);
 */
export async function* wandbJsonlRows(file: string, labels: RunLabels = {}): AsyncGenerator<RunRow> {
  const name = runName(file);
  for await (const {text, line} of readLines(file)) {
    if (text.trim() === "") continue;
    const record = parseJsonLine(text, {file, line});
    if (record === null || typeof record !== "object" || Array.isArray(record)) fail("format", "expected one JSON object per line", {file, line});
    const object = record as Record<string, unknown>;
    if (!("_step" in object)) fail("format", 'expected a "_step" key (W&B history record)', {file, line});
    const step = jsonNumber(object._step, {file, line, field: "_step"});
    const wallTime = "_timestamp" in object ? jsonNumber(object._timestamp, {file, line, field: "_timestamp"}) : undefined;
    for (const [metric, raw] of scalarEntries(object, "")) {
      const row: RunRow = {
        experiment: labels.experiment ?? name,
        algorithm: labels.algorithm ?? "",
        task: labels.task ?? "",
        seed: labels.seed ?? name,
        step,
        metric,
        value: jsonNumber(raw, {file, line, field: metric})
      };
      if (wallTime !== undefined) row.wall_time = wallTime;
      yield row;
    }
  }
}

/**
 * The scalar entries of a history record: `_`-prefixed bookkeeping keys and nulls skipped, media objects
 * (`{"_type": …}`) skipped, other nested objects flattened with "." (W&B's own flattening of `wandb.log({"a":
 * {"b": 1}})` into the key `a.b`).
 */
function* scalarEntries(object: Record<string, unknown>, prefix: string): Generator<[string, unknown]> {
  for (const [key, raw] of Object.entries(object)) {
    if (isBookkeeping(key) || raw === null) continue;
    if (typeof raw === "object") {
      if (!Array.isArray(raw) && !("_type" in (raw as object))) yield* scalarEntries(raw as Record<string, unknown>, `${prefix}${key}.`);
      continue;
    }
    yield [prefix + key, raw];
  }
}
