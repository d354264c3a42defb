import {BenchstatsError} from "../../lib/core/errors.js";
import {codesFor} from "../../lib/core/columns.js";
import {warn, type WarningOptions} from "../common/warn.js";
import {sqlCellError} from "../tidy/cells.js";
import {cell, csvTable, scanCsv} from "../tidy/csv-scan.js";
import {sqlString} from "../tidy/duckdb.js";
import type {GpuMetricRow} from "../tidy/rows.js";
import {columnTypes} from "../tidy/schema.js";
import {TidyTable} from "../tidy/table.js";
import {MISSING_CELLS, UNIT_RANGES} from "./metrics.js";

/** Options of {@link readNvidiaSmiCsv}. */
export interface NvidiaSmiOptions extends WarningOptions {
  /** Field names for a log written with `noheader` (as passed to `--query-gpu`, units optional: `memory.used [MiB]`). */
  fields?: string[];
}

/** Fields that name or time a GPU rather than measure it: their value is NaN, their text is kept. */
const IDENTITY = new Set(["timestamp", "index", "name", "pci.bus_id", "uuid", "serial"]);

const HEADER_CELL = /^[a-z_]+(\.[a-z_.0-9]+)?( \[.*\])?$/;
/** Property families of `nvidia-smi --help-query-gpu` (`utilization.gpu`, `memory.used`, `clocks.current.sm`, …). */
const QUERY_FAMILY = /^(utilization|memory|temperature|power|clocks|clocks_throttle_reasons|clocks_event_reasons|pcie|pci|fan|ecc|enforced|retired_pages|encoder|mig|accounting|inforom|driver_model|compute_mode)\./;

/**
 * Whether CSV header cells are those of an `nvidia-smi --query-gpu` log: every cell a query field
 * (`name`, `utilization.gpu [%]`, …), at least one of them `timestamp` or a dotted GPU property.
 *
 * @example
 * isNvidiaSmiHeader(["timestamp", "index", "utilization.gpu [%]"]) // true
 */
export function isNvidiaSmiHeader(header: readonly string[]): boolean {
  const cells = header.map((cell) => cell.trim());
  return cells.every((cell) => HEADER_CELL.test(cell)) && cells.some((cell) => cell === "timestamp" || QUERY_FAMILY.test(cell));
}

/**
 * Reads an `nvidia-smi --query-gpu=... --format=csv[,noheader][,nounits]` log through
 * DuckDB into the `gpu-metrics` table: one row per GPU, tick and field (`timestamp` and `index` are columns of
 * their own).
 *
 * The header names each field with its unit in brackets (`memory.used [MiB]`); cells are separated by ", "
 * and carry the unit unless `nounits` (`40960 MiB`), which is stripped. `N/A`, `[N/A]` and `[Not Supported]`
 * become NaN; identity and text fields (name, pstate, driver_version) are NaN with their `text`. A header line
 * repeated mid-file (logging restarted with `-f`) is skipped. Each row is one GPU at one tick; a new sample
 * starts when a GPU (index, else bus id) appears again. A field with a unit must hold a number or a
 * placeholder, in [0, 100] for `%` and ≥ 0 for other units; anything else, a different header mid-file, a
 * row with the wrong number of cells, an empty or header-only file fails with the file and line. Logs
 * copied without their final line break are read with a warning (nvidia-smi ends every line; such a file
 * may have been cut).
 *
 * @example
 * const metrics = await readNvidiaSmiCsv("gpu.csv");
 * metrics.rows().filter((r) => r.metric === "utilization.gpu");
 */
export async function readNvidiaSmiCsv(path: string, options: NvidiaSmiOptions = {}): Promise<TidyTable<GpuMetricRow>> {
  const scan = await scanCsv(path, {what: "an nvidia-smi --query-gpu CSV log", names: options.fields, lastLineBreak: false});
  if (!options.fields && !isNvidiaSmiHeader(scan.header)) {
    throw new BenchstatsError("format", 'expected an nvidia-smi --query-gpu CSV header such as "timestamp, index, utilization.gpu [%]" (or pass {fields} for noheader logs)', {file: path, line: 1});
  }
  const fields = scan.header.map(parseHeaderCell);
  const position = (name: string) => fields.findIndex((f) => f.metric === name);
  const trimmed = (i: number) => `trim(coalesce(${cell(i)}, ''))`;
  const stamp = position("timestamp") >= 0 ? trimmed(position("timestamp")) : "''";
  const id = ["index", "pci.bus_id", "uuid"].map(position).find((i) => i >= 0);
  const gpu = id === undefined ? "''" : trimmed(id);
  const measured = fields.map((f, i) => ({...f, i})).filter((f) => f.metric !== "timestamp" && f.metric !== "index");
  // A repeated header (logging restarted) is skipped; another header-looking row is a changed query.
  const isOwnHeader = scan.hasHeader ? scan.header.map((name, i) => `${trimmed(i)} = ${sqlString(name)}`).join(" AND ") : "false";
  const looksLikeHeader = scan.header.map((_, i) => `regexp_full_match(${trimmed(i)}, '[a-z_.0-9]+( \\[.*\\])?')`).join(" AND ");
  const changedHeader = sqlCellError({record: "__record", column: sqlString(scan.header[0])}, "a data row; this looks like a different header: split the log where the query fields changed", trimmed(0));
  const records = `SELECT * FROM ${scan.from} WHERE NOT (${isOwnHeader}) AND (CASE WHEN ${looksLikeHeader} THEN ${changedHeader} ELSE true END)`;
  const list = (values: string[]) => `[${values.join(", ")}]`;
  const cells = `SELECT __record, ${stamp} AS timestamp, ${gpu} AS gpu,
      unnest(${list(measured.map((f) => sqlString(f.metric)))}) AS metric, unnest(${list(measured.map((f) => sqlString(f.unit)))}) AS unit,
      unnest(${list(measured.map((f) => trimmed(f.i)))}) AS text
    FROM (${records})`;
  const sql = `SELECT __record, timestamp, CAST(__record AS DOUBLE) AS sample, gpu, metric, unit, ${sqlMetricValue()} AS value, text FROM (${cells})`;
  const columns = columnTypes("gpu-metrics", ["timestamp", "sample", "gpu", "metric", "unit", "value", "text"]);
  const table = await csvTable<GpuMetricRow>(scan, "gpu-metrics", sql, columns, {emptyAllowed: ["gpu"], noValues: "the header names no field besides timestamp and index"});
  if (!scan.endsWithLineBreak) warn(options, "the last line has no line break: nvidia-smi ends every line, so the file may have been cut while it was written; its last values were read as they are", {file: path});
  return numberSamples(table);
}

/**
 * SQL of a cell's value: NaN for identity fields and placeholders; the number, its unit stripped; NaN for the
 * text of a field without a unit (pstate, driver_version); for a field with a unit anything else is an error,
 * and so is a number outside the unit's range.
 */
function sqlMetricValue(): string {
  const at = {record: "__record", column: "metric"};
  const number = "regexp_extract(text, '^(-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?)\\s*[A-Za-z%/]*$', 1)";
  const value = `TRY_CAST(${number} AS DOUBLE)`;
  const identity = [...IDENTITY].map(sqlString).join(", ");
  const placeholders = [...MISSING_CELLS].map(sqlString).join(", ");
  const ranges = Object.entries(UNIT_RANGES).map(([unit, {min, max, what}]) => {
    const bounds = [min !== undefined ? `${value} < ${min}` : "", max !== undefined ? `${value} > ${max}` : ""].filter(Boolean).join(" OR ");
    return `WHEN unit = ${sqlString(unit)} AND (${bounds}) THEN ${sqlCellError(at, `${what}, ${max !== undefined ? `in [${min}, ${max}]` : `≥ ${min}`}`, "text")}`;
  });
  return `(CASE WHEN metric IN (${identity}) OR text IN (${placeholders}) THEN 'NaN'::DOUBLE
      WHEN regexp_full_match(lower(text), '[-+]?(inf|infinity)') THEN ${sqlCellError(at, "a finite number", "text")}
      WHEN ${number} = '' THEN (CASE WHEN unit = '' THEN 'NaN'::DOUBLE ELSE ${sqlCellError(at, "a number or N/A (the field has a unit)", "text")} END)
      WHEN NOT isfinite(${value}) THEN ${sqlCellError(at, "a finite number", "text")}
      ${ranges.join("\n      ")}
      ELSE ${value} END)`;
}

/**
 * Sample numbers in place of the record numbers the query gave: the rows of one record (one GPU at one
 * tick) are consecutive, and a new sample starts when a record's GPU was already seen in the current
 * sample, or has no id. A GPU without an id gets the label "0".
 */
function numberSamples(table: TidyTable<GpuMetricRow>): TidyTable<GpuMetricRow> {
  const records = table.numbers("sample");
  const gpu = table.labels("gpu");
  const samples = new Float64Array(table.length);
  const noId = gpu.labels.indexOf("");
  const seenIn = new Int32Array(gpu.labels.length).fill(-1);
  let sample = -1;
  let record = NaN;
  for (let i = 0; i < table.length; ++i) {
    if (records[i] !== record) {
      record = records[i];
      const code = gpu.codes[i];
      if (sample < 0 || code === noId || seenIn[code] === sample) ++sample;
      seenIn[code] = sample;
    }
    samples[i] = sample;
  }
  if (noId < 0) return table.withColumns({sample: samples});
  const zero = gpu.labels.indexOf("0");
  const labels = gpu.labels.map((label) => (label === "" ? "0" : label));
  const codes = codesFor(table.length, labels.length - 1);
  for (let i = 0; i < table.length; ++i) codes[i] = zero >= 0 && gpu.codes[i] === noId ? zero : gpu.codes[i];
  return table.withColumns({sample: samples, gpu: {codes, labels}});
}

function parseHeaderCell(cell: string): {metric: string; unit: string} {
  const m = /^(.*?)\s*\[(.*)\]$/.exec(cell.trim());
  return m ? {metric: m[1], unit: m[2]} : {metric: cell.trim(), unit: ""};
}
