import {basename} from "node:path";
import {BenchstatsError} from "../../lib/core/errors.js";
import {fail, jsonNumber} from "../common/fail.js";
import {readLineBatches} from "../common/lines.js";
import {parseJsonLine} from "../common/jsonl.js";
import {SkipCounter, type WarningOptions} from "../common/warn.js";
import {sqlNumber} from "../tidy/cells.js";
import {cell, csvTable, scanCsv, type CsvScan} from "../tidy/csv-scan.js";
import {queryRows, sqlString} from "../tidy/duckdb.js";
import {checkTextFile} from "../tidy/file-checks.js";
import {RunTableWriter} from "./run-table.js";
import type {RunRow} from "../tidy/rows.js";
import {columnTypes} from "../tidy/schema.js";
import type {TidyTable} from "../tidy/table.js";
import type {RunLabels} from "../types.js";

/** Options of the W&B readers: labels the export lacks, and where skipped values are reported. */
export interface WandbOptions extends RunLabels, WarningOptions {}

/** Labels W&B exports do not carry: left "" unless given (readRuns' callers fill them). */
const UNLABELED = ["algorithm", "task"] as const;

/**
 * Reads a Weights & Biases run-history export into a `runs` table, one row per logged (step, metric) value.
 *
 * Accepted layouts (W&B docs, "Export data": `run.history()` / `run.scan_history()` written with pandas, and the
 * UI's chart "Export CSV"):
 * - history CSV (read through DuckDB) or JSONL (one object per line, streamed): `_step` (required), `_runtime`
 *   (s since start), `_timestamp` (Unix s, becomes `wall_time`) and one column per metric key (nested keys
 *   already joined, e.g. `charts/episodic_return`). Other `_`-prefixed bookkeeping columns are ignored. One
 *   file is one run: `seed` defaults to the file name without extension (the run id), `experiment` to the same.
 * - chart-panel CSV: `Step` then `<run name> - <metric>` columns (plus `__MIN`/`__MAX` bucket bounds, which are
 *   not runs and are left out); each run name becomes a `seed`.
 * A metric is sparse in W&B (logged at some steps only): an empty cell, a missing key or a JSON `null` means
 * "not logged at this step" and gives no row; an explicit `NaN` is kept. Media and histogram objects
 * (`{"_type": …}` cells) and lists are not scalars: they are skipped and counted in one warning per file
 * (`onWarning`). Other nested JSON objects are flattened with "." (`{"eval": {"return": 3}}` → metric
 * `eval.return`). Any other non-numeric value, a boolean, ±Infinity, an empty file or a file without values
 * fails with the file and line.
 *
 * @example
 * // _step,_runtime,_timestamp,charts/episodic_return,losses/value_loss
 * // 0,1.2,1700000000.5,,0.93
 * // 1000,9.8,1700000009.1,12.5,0.51
 * (await readWandbRuns("run-3f2a.csv", {algorithm: "ppo", task: "CartPole-v1"})).rows();
 * // [{experiment: "run-3f2a", algorithm: "ppo", task: "CartPole-v1", seed: "run-3f2a", step: 0, metric: "losses/value_loss", value: 0.93, wall_time: 1700000000.5}, …]
 */
export async function readWandbRuns(file: string, options: WandbOptions = {}): Promise<TidyTable<RunRow>> {
  return /\.jsonl(\.gz)?$/i.test(file) ? readWandbJsonl(file, options) : readWandbCsv(file, options);
}

function runName(file: string): string {
  return basename(file).replace(/\.(csv|jsonl)(\.gz)?$/i, "");
}

const isBookkeeping = (key: string) => key.startsWith("_");

/** One metric column of a W&B CSV: its cells, the metric and the run (seed) they belong to. */
interface MetricColumn {
  index: number;
  header: string;
  metric: string;
  seed: string;
}

/** The step column and metric columns of a W&B CSV header (history or chart layout). */
function csvLayout(scan: CsvScan, seed: string | undefined, name: string): {step: number; time: number; metrics: MetricColumn[]} {
  const header = scan.header;
  const step = header.indexOf("_step");
  if (step >= 0) {
    const metrics = header.flatMap((h, index) => (isBookkeeping(h) || h === "" ? [] : [{index, header: h, metric: h, seed: seed ?? name}]));
    return {step, time: header.indexOf("_timestamp"), metrics};
  }
  if (header[0] === "Step") {
    const metrics = header.flatMap((h, index) => {
      const m = / - (.+)$/.exec(h);
      if (index === 0 || !m || /__(MIN|MAX)$/.test(h)) return [];
      return [{index, header: h, metric: m[1], seed: seed ?? h.slice(0, m.index)}];
    });
    return {step: 0, time: -1, metrics};
  }
  throw new BenchstatsError("format", `expected a W&B history export (a "_step" column) or a chart export (first column "Step"); the header starts ${JSON.stringify(header.slice(0, 4))}`, {file: scan.file, line: 1});
}

/** A W&B CSV export through DuckDB: the metric columns unpivoted, empty and media cells left out. */
async function readWandbCsv(file: string, options: WandbOptions): Promise<TidyTable<RunRow>> {
  const name = runName(file);
  const scan = await scanCsv(file, {what: "a W&B export"});
  const layout = csvLayout(scan, options.seed, name);
  const list = (values: string[]) => `[${values.join(", ")}]`;
  const stepHeader = scan.header[layout.step];
  const step = sqlNumber(cell(layout.step), {record: "__record", column: sqlString(stepHeader)}, {required: true, what: "the step"});
  const wallTime = layout.time >= 0 ? sqlNumber(cell(layout.time), {record: "__record", column: "'_timestamp'"}, {min: 0, what: "Unix seconds"}) : "'NaN'::DOUBLE";
  const columns = columnTypes("runs", ["experiment", "algorithm", "task", "seed", "step", "metric", "value", ...(layout.time >= 0 ? ["wall_time"] : [])]);
  const cells = layout.metrics.length
    ? `SELECT __record, ${step} AS step, ${wallTime} AS wall_time,
        unnest(${list(layout.metrics.map((m) => sqlString(m.metric)))}) AS metric,
        unnest(${list(layout.metrics.map((m) => sqlString(m.seed)))}) AS seed,
        unnest(${list(layout.metrics.map((m) => sqlString(m.header)))}) AS header,
        unnest(${list(layout.metrics.map((m) => cell(m.index)))}) AS text
      FROM ${scan.from}`
    : `SELECT NULL::BIGINT AS __record, NULL::DOUBLE AS step, NULL::DOUBLE AS wall_time, '' AS metric, '' AS seed, '' AS header, NULL::VARCHAR AS text WHERE false`;
  const isMedia = "(starts_with(ltrim(text), '{') OR starts_with(ltrim(text), '['))";
  const logged = `SELECT * FROM (${cells}) WHERE text IS NOT NULL AND trim(text) <> '' AND NOT ${isMedia}`;
  const sql = `SELECT __record, ${sqlString(options.experiment ?? name)} AS experiment, ${sqlString(options.algorithm ?? "")} AS algorithm, ${sqlString(options.task ?? "")} AS task,
      seed, step, metric, ${sqlNumber("text", {record: "__record", column: "header"})} AS value, wall_time
    FROM (${logged})`;
  const table = await csvTable<RunRow>(scan, "runs", sql, columns, {emptyAllowed: UNLABELED, noValues: "every metric cell is empty or a media object"});
  if (layout.metrics.length) {
    const [{media}] = await queryRows(`SELECT count(*) AS media FROM (${cells}) WHERE text IS NOT NULL AND ${isMedia}`, file);
    const skipped = new SkipCounter();
    if (Number(media) > 0) skipped.add("media, histogram or list cells (not scalars)", {file}, Number(media));
    skipped.report(options, file);
  }
  return table;
}

/** Receives each scalar of a W&B history: where it is, its step and wall time (NaN when none), metric and value. */
type OnValue = (line: number, step: number, wallTime: number, metric: string, value: number) => void;

/**
 * Parses a W&B history JSONL a read chunk at a time, handing each scalar to `onValue` as it is parsed, and
 * yields once a chunk (no array of records kept across the await); non-scalar values are counted in `skipped`.
 */
async function* historyChunks(file: string, skipped: SkipCounter, onValue: OnValue): AsyncGenerator<void> {
  for await (const lines of readLineBatches(file)) {
    for (const {text, line} of lines) {
      if (text.trim() === "") continue;
      const record = parseJsonLine(text, {file, line});
      if (record === null || typeof record !== "object" || Array.isArray(record)) fail("format", "expected one JSON object per line", {file, line});
      const object = record as Record<string, unknown>;
      if (!("_step" in object)) fail("format", 'expected a "_step" key (W&B history record)', {file, line});
      const step = jsonNumber(object._step, {file, line, field: "_step"});
      if (Number.isNaN(step)) fail("value", "expected a step number, got a missing value", {file, line, field: "_step"});
      const wallTime = "_timestamp" in object ? jsonNumber(object._timestamp, {file, line, field: "_timestamp"}) : NaN;
      for (const [metric, value] of scalarEntries(object, "", skipped, {file, line})) onValue(line, step, wallTime, metric, jsonNumber(value, {file, line, field: metric}));
    }
    yield;
  }
}

/** A W&B history JSONL, streamed into a table through column handles (no row object a value). */
async function readWandbJsonl(file: string, options: WandbOptions): Promise<TidyTable<RunRow>> {
  await checkTextFile(file, {what: "a W&B history (JSON lines)", lastLineBreak: false});
  const name = runName(file);
  const runs = new RunTableWriter(file, {experiment: options.experiment ?? name, algorithm: options.algorithm ?? "", task: options.task ?? "", seed: options.seed ?? name}, "line");
  const skipped = new SkipCounter();
  for await (const _ of historyChunks(file, skipped, (line, step, wallTime, metric, value) => runs.add(step, metric, value, wallTime, line))) void _;
  if (runs.size === 0) throw new BenchstatsError("empty", "no metric values: the history has no scalar besides _-prefixed bookkeeping keys", {file});
  skipped.report(options, file);
  return runs.finish();
}

/**
 * Streaming W&B history JSONL: one row object per logged value, as {@link readWandbRuns} reads them (for
 * code that filters rows as they come rather than keeping the table).
 *
 * @example
 * for await (const row of wandbJsonlRows("run-3f2a.jsonl")) console.log(row.step, row.metric, row.value);
 */
export async function* wandbJsonlRows(file: string, options: WandbOptions = {}): AsyncGenerator<RunRow> {
  const name = runName(file);
  const skipped = new SkipCounter();
  const [experiment, algorithm, task, seed] = [options.experiment ?? name, options.algorithm ?? "", options.task ?? "", options.seed ?? name];
  let rows: RunRow[] = [];
  // Object literals of one shape each (with or without wall_time), which V8 builds fastest.
  const onValue: OnValue = (_line, step, wallTime, metric, value) => {
    rows.push(Number.isNaN(wallTime) ? {experiment, algorithm, task, seed, step, metric, value} : {experiment, algorithm, task, seed, step, metric, value, wall_time: wallTime});
  };
  for await (const _ of historyChunks(file, skipped, onValue)) {
    yield* rows;
    rows = [];
  }
  skipped.report(options, file);
}

/**
 * The scalar entries of a history record: `_`-prefixed bookkeeping keys and nulls skipped, media objects
 * (`{"_type": …}`) and lists counted in `skipped`, other nested objects flattened with "." (W&B's own
 * flattening of `wandb.log({"a": {"b": 1}})` into the key `a.b`).
 */
function* scalarEntries(object: Record<string, unknown>, prefix: string, skipped: SkipCounter, at: {file: string; line: number}): Generator<[string, unknown]> {
  for (const [key, raw] of Object.entries(object)) {
    if (isBookkeeping(key) || raw === null) continue;
    if (typeof raw === "object") {
      if (!Array.isArray(raw) && !("_type" in (raw as object))) yield* scalarEntries(raw as Record<string, unknown>, `${prefix}${key}.`, skipped, at);
      else skipped.add("media, histogram or list values (not scalars)", at);
      continue;
    }
    yield [prefix + key, raw];
  }
}
