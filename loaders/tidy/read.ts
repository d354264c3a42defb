/**
 * Reading tidy tables from CSV, TSV, JSON, JSONL and Parquet files (plain, or compressed with gzip/zstd)
 * through DuckDB, with the schema's explicit column types: labels arrive dictionary-coded (DuckDB builds
 * the dictionary and hands over ENUM codes), numbers as doubles, straight into a {@link TidyTable}. The
 * same scan, as SQL, serves queries that never materialise the rows ({@link tidySource}, `summarize`).
 *
 * Bad input is a `BenchstatsError` naming the file and line (or JSON element): an empty file, a header
 * without data rows, a header missing a required column (a header cut mid-way), a row with too many or
 * too few fields, text or a boolean where a number belongs, ±Infinity (`1e400`, `inf`), a value outside
 * the table's range (a negative duration), and a last line without its line break (a file cut off
 * mid-value, where `785.2` would otherwise read as `78`).
 */
import {suggestColumns} from "./suggest.js";
import {open} from "node:fs/promises";
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";
import {duckdbError, queryRows, sqlName, sqlString} from "./duckdb.js";
import {checkTextFile} from "./file-checks.js";
import {jsonSyntaxError} from "./json-syntax.js";
import {noRowsError, tableFromQuery} from "./query.js";
import {csvHeader, csvLineOfRecordNumber, csvRecordLine, jsonElementLine, jsonlRecordLine} from "./locate.js";
import {tableFileFormat, type TableFileFormat} from "./formats.js";
import {MISSING_TEXT} from "./cells.js";
import {mapColumns, SCHEMAS, type TableKind} from "./schema.js";
import type {TidyTable, TidyRow} from "./table.js";

export {tableFileFormat} from "./formats.js";
export type {TableFileFormat} from "./formats.js";

export interface ReadTableOptions {
  /** The file's format; default from its extension ({@link tableFileFormat}). */
  format?: TableFileFormat;
  /**
   * File column → schema column, taking precedence over names and aliases (e.g. `{winner_human: "winner"}`
   * to take a battle's verdict from one judge's column).
   */
  rename?: Record<string, string>;
  /**
   * Check values against the schema's ranges and allowed labels (default true). Types, required columns
   * and finiteness are always checked; a caller that normalises values itself (FastChat's `model_a`
   * verdicts) may turn the rest off and must check them.
   */
  checkValues?: boolean;
  /**
   * Columns beyond the schema to keep (the schema drops unknown columns otherwise), read as labels: text,
   * numbers written as text, `""` for missing. Matched case-insensitively; each must be in the file. A
   * name the schema knows is kept anyway. For a grouping or cluster column of one analysis (`summarize
   * --cluster passage`) without widening the tidy table for everyone.
   */
  extraColumns?: readonly string[];
  /**
   * Required label columns that may hold the missing label `""` (a runs table from TensorBoard logs names
   * no algorithm or task; the caller fills them). The columns must still exist.
   */
  emptyAllowed?: readonly string[];
  /**
   * Labels for label columns the file lacks, one value for every row (`{algorithm: "CURL"}` for a file
   * of one agent's runs); a column the file has keeps its own values.
   */
  labels?: Readonly<Record<string, string>>;
}

/** The canonical columns of a scan and the SQL that yields them. */
export interface TidySource {
  file: string;
  format: TableFileFormat;
  kind: TableKind;
  /** A `SELECT` giving the canonical columns: labels as VARCHAR (`''` = missing), numbers as DOUBLE (`NaN` = missing). */
  sql: string;
  /** Canonical column names and their type. */
  columns: {name: string; type: "label" | "number"}[];
  /** For rliable's `{task: [run scores]}` JSON: the rows are built from the document, not scanned. */
  shape: "records" | "rows-key" | "rliable";
}


/**
 * Reads `path` as a tidy table of `kind` ({@link SCHEMAS}). Column names are matched case-insensitively
 * and through the schema's aliases; columns the schema does not know are dropped (kept for battles).
 * JSON may be an array of row objects, `{"rows": [...]}`, or rliable's per-run `{task: [run scores]}`
 * (a runs table; the algorithm is the file name). Numbers accept the usual missing markers (empty, NA,
 * NaN, null, none, `-`).
 *
 * @example
 * const samples = await readTable("results.parquet", "samples");
 * samples.length; // rows
 * samples.labels("model").labels; // the models
 */
export async function readTable<Row extends object = TidyRow>(path: string, kind: TableKind, options: ReadTableOptions = {}): Promise<TidyTable<Row>> {
  const source = await tidySource(path, kind, options);
  try {
    return await fetchTable<Row>(source, options);
  } catch (error) {
    // A CSV number column holding missing markers such as NA: read those columns as text and convert in SQL.
    if (source.format !== "csv" && source.format !== "tsv") throw error;
    if (!(error instanceof BenchstatsError) || !/expected a number, got "/.test(error.message)) throw error;
    const textual = await tidySource(path, kind, {...options, textNumbers: true});
    return fetchTable<Row>(textual, options);
  }
}

/** `; name them: --columns value=final_return (rename …)` when the header has plausible columns. */
function mappingHint(kind: TableKind, header: readonly string[]): string {
  const mapping = suggestColumns(kind, header);
  if (!mapping) return "";
  const rename = Object.fromEntries(mapping.split(",").map((pair) => pair.split("=").reverse()));
  return `; name them with --columns ${mapping} (in code: {rename: ${JSON.stringify(rename)}})`;
}

/**
 * The SQL scan of a tidy file ({@link TidySource}) with canonical, typed columns, after checking that the
 * file exists, is not empty, ends with a line break and has the columns `kind` requires.
 */
export async function tidySource(path: string, kind: TableKind, options: ReadTableOptions & {textNumbers?: boolean} = {}): Promise<TidySource> {
  const format = options.format ?? tableFileFormat(path);
  if (!format) throw new BenchstatsError("format", "expected a .csv, .tsv, .json, .jsonl or .parquet file (optionally .gz)", {file: path});
  await checkTextFile(path, {what: `a ${SCHEMAS[kind].title} table`, lastLineBreak: format !== "parquet" && format !== "json", text: format !== "parquet"});

  if (format === "json") {
    const shape = await jsonShape(path);
    if (shape === "rliable") return rliableSource(path, kind);
    const scan = shape === "rows-key" ? `(SELECT unnest(rows, recursive := true) FROM read_json(${sqlString(path)}, format = 'unstructured', maximum_object_size = 1073741824))` : undefined;
    return recordsSource(path, kind, format, shape, options, scan);
  }
  return recordsSource(path, kind, format, "records", options);
}

/**
 * Whether the start of a JSON file is rliable's per-run score file: an object whose first key holds an
 * array of numbers (`{"Alien": [227.8, 301.2, …], …}`; `null` or `NaN` for a missing run).
 *
 * @example
 * isRliableJson('{"Alien": [742.0, 1022.3], "Amidar": [') // true
 */
export function isRliableJson(head: string): boolean {
  return /^\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\[\s*(?:-?[\d.]|null|NaN|\])/.test(head.replace(/^\uFEFF/, "").trimStart());
}

/** Whether a .json file is an array of records, `{rows: [...]}`, or rliable's `{task: [numbers]}`. */
async function jsonShape(path: string): Promise<"records" | "rows-key" | "rliable"> {
  const handle = await open(path, "r");
  let head: string;
  try {
    const buffer = Buffer.alloc(4096);
    const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "").trimStart();
  } finally {
    await handle.close();
  }
  if (head.startsWith("[")) return "records";
  if (!head.startsWith("{")) throw new BenchstatsError("format", "expected a JSON array of row objects, {\"rows\": [...]} or {task: [run scores]}", {file: path, line: 1});
  if (/^\{\s*"rows"\s*:\s*\[/.test(head)) return "rows-key";
  if (isRliableJson(head)) return "rliable";
  throw new BenchstatsError("format", "expected a JSON array of row objects, {\"rows\": [...]} or rliable's {task: [run scores]}", {file: path, line: 1});
}

function reader(path: string, format: TableFileFormat, types?: Record<string, string>): string {
  const file = sqlString(path);
  const columns = types ? `, columns = {${Object.entries(types).map(([name, type]) => `${sqlString(name)}: ${sqlString(type)}`).join(", ")}}` : "";
  switch (format) {
    case "csv":
    case "tsv":
      return `read_csv(${file}, header = true, delim = ${format === "tsv" ? "'\\t'" : "','"}, quote = '"', escape = '"'${types ? ", auto_detect = false" : ", all_varchar = true"}${columns})`;
    case "json":
      // DuckDB's default record size limit (16 MiB): raising it to 1 GiB made a 90 MB JSONL scan 3× slower.
      return `read_json(${file}, format = 'array'${columns})`;
    case "jsonl":
      return `read_json(${file}, format = 'newline_delimited'${columns})`;
    case "parquet":
      return `read_parquet(${file})`;
  }
}

const NUMERIC_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

async function recordsSource(path: string, kind: TableKind, format: TableFileFormat, shape: TidySource["shape"], options: ReadTableOptions & {textNumbers?: boolean}, scan?: string): Promise<TidySource> {
  const textNumbers = options.textNumbers === true;
  const extraColumns: readonly string[] = options.extraColumns ?? [];
  let header: string[];
  let sourceTypes: string[];
  if (format === "csv" || format === "tsv") {
    // The header as written (DuckDB's sniffer may take a malformed first data row for the header).
    header = await csvHeader(path, format === "tsv" ? "\t" : ",");
    sourceTypes = header.map(() => "VARCHAR");
    if (SCHEMAS[kind].keepExtra) {
      // Extra columns (battle features) keep the type DuckDB's sniffer gives them, numbers as numbers.
      const sniffed = await queryRows(`DESCRIBE SELECT * FROM ${reader(path, format)}`.replace("all_varchar = true", "all_varchar = false"), path).catch(() => []);
      const types = new Map(sniffed.map((d) => [String(d.column_name), String(d.column_type)]));
      sourceTypes = header.map((name) => types.get(name) ?? "VARCHAR");
    }
  } else {
    const described = await queryRows(`DESCRIBE SELECT * FROM ${scan ?? reader(path, format)}`, path).catch(async (error) => {
      throw await relocateJsonError(error, path, format);
    });
    header = described.map((d) => String(d.column_name));
    sourceTypes = described.map((d) => String(d.column_type));
  }
  const schema = SCHEMAS[kind];
  const mapped = mapColumns(kind, header, options.rename);
  const {names} = mapped;
  const given = Object.entries(options.labels ?? {}).filter(([name]) => !names.includes(name));
  for (const [name] of given) {
    if (schema.columns.find((c) => c.name === name)?.type !== "label") throw new BenchstatsError("option", `the ${schema.title} table has no label column "${name}" to fill`, {file: path});
  }
  const missing = mapped.missing.filter((name) => !given.some(([g]) => g === name));
  if (missing.length) {
    throw new BenchstatsError(
      "columns",
      `not a tidy ${schema.title} table: missing column(s) ${missing.join(", ")}; expected ${schema.columns.filter((c) => c.required).map((c) => c.name).join(", ")} (found ${header.join(", ") || "no columns"})${mappingHint(kind, header)}`,
      {file: path, line: format === "csv" || format === "tsv" ? 1 : undefined}
    );
  }
  const columns: TidySource["columns"] = [];
  const select: string[] = [];
  const types: Record<string, string> = {};
  const extras = extraColumnNames(kind, header, names, extraColumns, path);
  header.forEach((original, i) => {
    const name = names[i] ?? extras.get(i);
    if (name === undefined) {
      types[original] = "VARCHAR";
      return;
    }
    const known = schema.columns.find((c) => c.name === name);
    const sourceType = sourceTypes[i];
    const type = known ? known.type : extras.has(i) || !NUMERIC_TYPES.test(sourceType) ? "label" : "number";
    const ref = sqlName(original);
    columns.push({name, type});
    if (type === "label") {
      types[original] = "VARCHAR";
      // Only a scan without explicit types (`{rows: [...]}`) hands over JSON values; unquote their strings.
      const text = scan && sourceType === "JSON" ? `(${ref} ->> '$')` : `CAST(${ref} AS VARCHAR)`;
      select.push(`coalesce(${text}, '') AS ${sqlName(name)}`);
      return;
    }
    if (format === "csv" || format === "tsv") {
      types[original] = textNumbers ? "VARCHAR" : "DOUBLE";
      select.push(`${textNumbers ? textNumber(ref, name) : `coalesce(${ref}, 'NaN'::DOUBLE)`} AS ${sqlName(name)}`);
    } else if (format === "parquet") {
      if (NUMERIC_TYPES.test(sourceType)) select.push(`coalesce(CAST(${ref} AS DOUBLE), 'NaN'::DOUBLE) AS ${sqlName(name)}`);
      else if (sourceType === "VARCHAR") select.push(`${textNumber(ref, name)} AS ${sqlName(name)}`);
      else throw new BenchstatsError("format", `column "${original}" holds ${sourceType} values; expected numbers (${known?.doc ?? name})`, {file: path, field: original});
    } else {
      types[original] = "VARCHAR";
      select.push(`${jsonNumber(scan && sourceType === "JSON" ? `(${ref} ->> '$')` : ref, name)} AS ${sqlName(name)}`);
    }
  });
  for (const [name, label] of given) {
    columns.push({name, type: "label"});
    select.push(`${sqlString(label)} AS ${sqlName(name)}`);
  }
  const from = scan ?? reader(path, format, format === "parquet" ? undefined : types);
  return {file: path, format, kind, shape, columns, sql: `SELECT ${select.join(", ")} FROM ${from}`};
}

/**
 * Header position → name of each extra column asked for (`extraColumns`, matched case-insensitively and
 * named as asked); a name the schema maps already is skipped, one the header lacks is an error.
 */
function extraColumnNames(kind: TableKind, header: string[], names: (string | undefined)[], extraColumns: readonly string[], path: string): Map<number, string> {
  const extras = new Map<number, string>();
  for (const wanted of extraColumns) {
    if (names.includes(wanted)) continue;
    const i = header.findIndex((h, k) => names[k] === undefined && h.toLowerCase() === wanted.toLowerCase());
    if (i < 0) {
      throw new BenchstatsError("columns", `no "${wanted}" column in the ${SCHEMAS[kind].title} table (found ${header.join(", ") || "no columns"})`, {file: path, field: wanted});
    }
    extras.set(i, wanted);
  }
  return extras;
}

/** A VARCHAR holding a number: missing markers → NaN, text that is no number → a marked DuckDB error. */
function textNumber(ref: string, name: string): string {
  // The cast first: the common cell is a number, and the marker list is only consulted when it fails.
  const text = `CAST(${ref} AS VARCHAR)`;
  return `coalesce(TRY_CAST(${text} AS DOUBLE), CASE WHEN ${ref} IS NULL OR lower(trim(${text})) IN (${MISSING_TEXT.map(sqlString).join(", ")}) THEN 'NaN'::DOUBLE ELSE error('benchstats-number:' || ${sqlString(name)}) END)`;
}

/**
 * A JSON value read as VARCHAR holding a number: JSON numbers come as their text, strings as their content
 * (missing markers → NaN), null → NaN; a boolean (`true`) or an object is no number and hits the marker.
 * Reading the column as VARCHAR rather than JSON and branching on json_type() halves the cost of a scan.
 */
function jsonNumber(ref: string, name: string): string {
  return textNumber(ref, name);
}

/** rliable's `{task: [score of run 0, run 1, …]}`: one runs row per (task, run); algorithm = the file name. */
async function rliableSource(path: string, kind: TableKind): Promise<TidySource> {
  if (kind !== "runs") throw new BenchstatsError("format", `a {task: [run scores]} JSON file is a runs table, not ${SCHEMAS[kind].title}`, {file: path});
  const algorithm = path.split(/[\\/]/).pop()!.replace(/\.json(\.gz)?$/i, "");
  const doc = `(SELECT json AS j FROM read_json_objects(${sqlString(path)}, format = 'unstructured', maximum_object_size = 1073741824))`;
  const tasks = `(SELECT unnest(json_keys(j)) AS task, j FROM ${doc})`;
  // Each task's array is cut out of the document once and unnested with its indices; picking every value
  // out of the whole document instead (j -> task -> run) re-reads it once per value: 10× slower at 26 × 100.
  // A task whose value is not an array has no runs, as json_array_length says.
  const arrays = `(SELECT task, j -> ('$.' || to_json(task)) AS a FROM ${tasks})`;
  const lists = `(SELECT task, CASE WHEN json_type(a) = 'ARRAY' THEN CAST(a AS JSON[]) ELSE []::JSON[] END AS l FROM ${arrays})`;
  const runs = `(SELECT task, unnest(range(len(l))) AS run, unnest(l) AS v FROM ${lists})`;
  const value = `v`;
  return {
    file: path,
    format: "json",
    kind,
    shape: "rliable",
    columns: [
      {name: "algorithm", type: "label"},
      {name: "task", type: "label"},
      {name: "seed", type: "label"},
      {name: "value", type: "number"}
    ],
    sql: `SELECT ${sqlString(algorithm)} AS algorithm, task, CAST(run AS VARCHAR) AS seed, ${jsonNumber(value, "value")} AS value FROM ${runs}`
  };
}

/** Runs the scan into a table ({@link tableFromQuery}), its errors located in the file. */
function fetchTable<Row extends object>(source: TidySource, options: ReadTableOptions = {}): Promise<TidyTable<Row>> {
  const textual = source.format === "csv" || source.format === "tsv";
  return tableFromQuery<Row>({
    checkValues: options.checkValues,
    emptyAllowed: options.emptyAllowed,
    materialize: source.format === "json" || source.format === "jsonl",
    file: source.file,
    kind: source.kind,
    sql: source.sql,
    columns: source.columns,
    locateRow: (row) => locateRow(source, row),
    explainError: (error) => rethrowMarked(error, source).catch((located: BenchstatsError) => located),
    noRows: async () => noRowsError(source.file, source.kind, textual ? "after the header" : "", textual ? {line: 2} : {})
  });
}

/** DuckDB's "malformed JSON" error at the file's own line ({@link jsonSyntaxError}); other errors pass through. */
async function relocateJsonError(error: BenchstatsError, file: string, format: TableFileFormat): Promise<BenchstatsError> {
  if ((format !== "json" && format !== "jsonl") || !/malformed JSON/i.test(error.message)) return error;
  return (await jsonSyntaxError(file, format)) ?? error;
}

/** Turns a DuckDB error raised by a `benchstats-number:<column>` marker into a located error; others as DuckDB said. */
async function rethrowMarked(error: unknown, source: TidySource): Promise<never> {
  const text = String((error as Error)?.message ?? error);
  const marker = /benchstats-number:([^\s'"]+)/.exec(text);
  if (!marker) {
    if ((source.format === "json" || source.format === "jsonl") && /Malformed JSON/i.test(text)) {
      const syntax = await jsonSyntaxError(source.file, source.format);
      if (syntax) throw syntax;
    }
    const wrapped = duckdbError(error, source.file);
    const line = wrapped.location?.line;
    if ((source.format === "csv" || source.format === "tsv") && line !== undefined && !/\.(gz|zst|zstd)$/i.test(source.file)) {
      // DuckDB counts records; name the physical line (a quoted field may span lines).
      const physical = await csvLineOfRecordNumber(source.file, line);
      const message = wrapped.message.slice(wrapped.message.indexOf(": ") + 2);
      throw new BenchstatsError(wrapped.code, message, {...wrapped.location, line: physical ?? line});
    }
    throw wrapped;
  }
  const name = marker[1];
  const found = await findBadNumber(source, name);
  if (found && source.shape === "rliable") {
    // rliable's {task: [run scores]}: name the task and the run (0-based, as the array index).
    const cell = await rliableCell(source, found.row);
    if (cell) throw new BenchstatsError("value", `expected a number (or null for a missing run), got ${cell.text}`, {file: source.file, field: `${cell.task}[${cell.run}]`});
  }
  const where = found ? await locateRow(source, found.row) : {file: source.file};
  const got = found ? ` got ${found.raw}` : "";
  throw new BenchstatsError("value", `expected a number (or empty/NA for missing),${got}`, {...where, field: name});
}

/** The first row whose `name` column is not a number, with the raw value: a second scan, on the error path only. */
async function findBadNumber(source: TidySource, name: string): Promise<{row: number; raw: string} | undefined> {
  const raw = source.sql.replace(/error\('benchstats-number:' \|\| '[^']*'\)/g, "NULL::DOUBLE");
  // Rebuild the scan with the marker replaced by NULL, and find the first NULL that the file did not write as missing.
  const rows = await queryRows(
    `SELECT rn, ${sqlName(name)} AS v FROM (SELECT row_number() OVER () - 1 AS rn, * FROM (${raw})) WHERE ${sqlName(name)} IS NULL ORDER BY rn LIMIT 1`,
    source.file
  ).catch(() => []);
  if (!rows.length) return undefined;
  const row = Number(rows[0].rn);
  const text = await rawCell(source, row, name);
  return {row, raw: text};
}

/** Task, run and JSON text of row `row` of an rliable scan (on the error path only). */
async function rliableCell(source: TidySource, row: number): Promise<{task: string; run: string; text: string} | undefined> {
  const raw = source.sql.replace(/error\('benchstats-number:' \|\| '[^']*'\)/g, "NULL::DOUBLE");
  const [found] = await queryRows(`SELECT task, seed FROM (${raw}) LIMIT 1 OFFSET ${row}`, source.file).catch(() => []);
  if (!found) return undefined;
  const task = String(found.task);
  const run = String(found.seed);
  const [cell] = await queryRows(
    `SELECT CAST(json -> ${sqlString("$." + JSON.stringify(task))} -> ${Number(run)} AS VARCHAR) AS v FROM read_json_objects(${sqlString(source.file)}, format = 'unstructured', maximum_object_size = 1073741824)`,
    source.file
  ).catch(() => []);
  return {task, run, text: cell?.v === undefined ? "a value that is not a number" : String(cell.v)};
}

async function rawCell(source: TidySource, row: number, name: string): Promise<string> {
  try {
    const header = await queryRows(`DESCRIBE SELECT * FROM ${reader(source.file, source.format)}`, source.file);
    const names = header.map((h) => String(h.column_name));
    const {names: canonical} = mapColumns(source.kind, names);
    const original = names[canonical.indexOf(name)] ?? name;
    const scan = source.format === "csv" || source.format === "tsv" ? reader(source.file, source.format) : `read_json_objects(${sqlString(source.file)}, format = ${source.format === "jsonl" ? "'newline_delimited'" : "'array'"})`;
    const expression = source.format === "csv" || source.format === "tsv" ? sqlName(original) : `json -> ${sqlString("$." + JSON.stringify(original))}`;
    const [cell] = await queryRows(`SELECT CAST(${expression} AS VARCHAR) AS v FROM (SELECT row_number() OVER () - 1 AS rn, * FROM ${scan}) WHERE rn = ${row}`, source.file);
    const value = cell?.v;
    return value === undefined ? "a value that is not a number" : source.format === "csv" || source.format === "tsv" ? JSON.stringify(value) : String(value).replace(/^true$|^false$/, (b) => `the boolean ${b}`);
  } catch {
    return "a value that is not a number";
  }
}

/** File and line (or JSON element) of data row `row` (0-based, in the scan's order). */
async function locateRow(source: TidySource, row: number): Promise<ErrorLocation> {
  switch (source.format) {
    case "csv":
      return {file: source.file, line: await csvRecordLine(source.file, row)};
    case "tsv":
      return {file: source.file, line: await csvRecordLine(source.file, row)};
    case "jsonl":
      return {file: source.file, line: await jsonlRecordLine(source.file, row)};
    case "json":
      if (source.shape === "rliable") return {file: source.file, row};
      return {file: source.file, line: await jsonElementLine(source.file, row, source.shape === "rows-key" ? 2 : 1), row: row + 1};
    case "parquet":
      return {file: source.file, row};
  }
}
