/**
 * Battle logs of one record per battle (FastChat / Chatbot Arena exports as CSV, TSV, a JSON array,
 * `{"battles": [...]}` or JSONL) read through DuckDB into the `battles` table: verdicts normalised to
 * `a | b | tie` in SQL, one row per battle and judge for files with a verdict column per judge, other
 * columns kept (numbers as numbers). Bad records stop the query with a cell marker at their line.
 */
import {open} from "node:fs/promises";
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";
import {SkipCounter, type WarningOptions} from "../common/warn.js";
import {cellError, cellProblem, sqlCellError} from "../tidy/cells.js";
import {cell, explainCsvError, locateRecord, scanCsv} from "../tidy/csv-scan.js";
import {duckdbError, queryRows, sqlName, sqlString} from "../tidy/duckdb.js";
import {checkTextFile} from "../tidy/file-checks.js";
import {jsonSyntaxError} from "../tidy/json-syntax.js";
import {jsonElementLine, jsonlRecordLine} from "../tidy/locate.js";
import {noRowsError, tableFromQuery} from "../tidy/query.js";
import type {BattleRow} from "../tidy/rows.js";
import {columnTypes} from "../tidy/schema.js";
import type {TidyTable} from "../tidy/table.js";

/** What the record readers need from `ReadBattlesOptions`. */
export interface RecordBattleOptions extends WarningOptions {
  judge?: string;
  invalid?: "error" | "skip";
}

/** A file's fields as SQL: each field's text, and its number when every value of it is one. */
interface Field {
  name: string;
  /** VARCHAR expression (NULL when absent). */
  text: string;
  /** DOUBLE expression when the field holds numbers only. */
  number?: string;
}

/** The records of a file as SQL: `from` has `__record` and the fields; `locate` names a record's line. */
interface Records {
  file: string;
  from: string;
  fields: Field[];
  locate(record: number): Promise<ErrorLocation>;
  explain(error: unknown): Promise<BenchstatsError>;
}

const TIES = ["tie", "tie (bothbad)", "tie(bothbad)", "draw", "both_bad", "bothbad", "=", "a=b", "0"];

/** SQL of `verdict` (VARCHAR) as `a | b | tie`, NULL for anything else ({@link normalizeVerdict}'s rule). */
function sqlVerdict(verdict: string): string {
  const v = `lower(trim(${verdict}))`;
  return `(CASE WHEN ${v} IN ('a', 'model_a', '1') THEN 'a' WHEN ${v} IN ('b', 'model_b', '2') THEN 'b' WHEN ${v} IN (${TIES.map(sqlString).join(", ")}) THEN 'tie' END)`;
}

/**
 * Reads a record-per-battle file: `format` csv (`tsv` by name) or json / jsonl.
 *
 * @example
 * await readBattleRecords("arena.csv", "csv", {judge: "human"});
 */
export async function readBattleRecords(path: string, format: "csv" | "json" | "jsonl", options: RecordBattleOptions): Promise<TidyTable<BattleRow>> {
  const records = format === "csv" ? await csvRecords(path) : await jsonRecords(path, format);
  const byName = new Map(records.fields.map((f) => [f.name, f]));
  const model = (name: "model_a" | "model_b"): string => {
    const field = byName.get(name);
    if (!field) throw new BenchstatsError("format", `expected a ${name} column; the file has ${records.fields.map((f) => f.name).join(", ")}`, {file: path, line: format === "csv" ? 1 : undefined});
    const text = `trim(${field.text})`;
    return `(CASE WHEN ${field.text} IS NULL OR ${text} = '' THEN ${sqlCellError({record: "__record", column: sqlString(name)}, "a model name", field.text)} ELSE ${text} END)`;
  };
  const verdicts = verdictColumns(records, options.judge);
  const extras = records.fields.filter((f) => f.name !== "model_a" && f.name !== "model_b" && !f.name.startsWith("winner") && f.name !== "judge");
  await refuseBooleansAmongNumbers(records, extras);
  // Extra number columns hold finite numbers: ±Infinity (or 1e400) is refused at its line like any bad cell.
  const finite = (f: Field) => `(CASE WHEN NOT isfinite(${f.number}) THEN ${sqlCellError({record: "__record", column: sqlString(f.name)}, "a finite number", f.text)} ELSE coalesce(${f.number}, 'NaN'::DOUBLE) END)`;
  const extraColumns = extras.map((f) => ({name: f.name, type: f.number ? ("number" as const) : ("label" as const), sql: f.number ? finite(f) : `coalesce(${f.text}, '')`}));
  const judged = verdicts.some((v) => v.judge !== undefined);
  const list = (values: string[]) => `[${values.join(", ")}]`;
  const unpivoted = `SELECT __record, ${model("model_a")} AS model_a, ${model("model_b")} AS model_b,
      ${extraColumns.map((c) => `${c.sql} AS ${sqlName(c.name)}`).join(", ")}${extraColumns.length ? "," : ""}
      unnest(${list(verdicts.map((v) => v.field.text))}) AS verdict,
      unnest(${list(verdicts.map((v) => sqlString(v.field.name)))}) AS verdict_column,
      unnest(${list(verdicts.map((v) => v.judge ?? "''"))}) AS judge
    FROM ${records.from}`;
  const expected = 'a verdict: model_a, model_b or tie (also a, b, 1, 2, 0, draw, tie (bothbad)); {invalid: "skip"} drops others';
  const winner = options.invalid === "skip" ? "winner" : `coalesce(winner, ${sqlCellError({record: "__record", column: "verdict_column"}, expected, "verdict")})`;
  const normalised = `SELECT *, ${sqlVerdict("verdict")} AS winner FROM (${unpivoted})`;
  const sql = `SELECT __record, model_a, model_b, ${winner} AS winner, judge${extraColumns.map((c) => `, ${sqlName(c.name)}`).join("")}
    FROM (${normalised}) ${options.invalid === "skip" ? "WHERE winner IS NOT NULL" : ""}`;
  const columns = [...columnTypes("battles", ["model_a", "model_b", "winner", ...(judged ? ["judge"] : [])]), ...extraColumns.map(({name, type}) => ({name, type}))];
  const table = await tableFromQuery<BattleRow>({
    file: path,
    kind: "battles",
    sql,
    columns,
    locateRow: async (row) => {
      const [found] = await queryRows(`SELECT __record FROM (${sql}) LIMIT 1 OFFSET ${row}`, path);
      return found ? records.locate(Number(found.__record)) : {file: path, row};
    },
    explainError: (error) => records.explain(error),
    noRows: async () => noRowsError(path, "battles", options.invalid === "skip" ? "with a valid verdict" : "", format === "csv" ? {line: 2} : {})
  });
  if (options.invalid === "skip") {
    const [{invalid}] = await queryRows(`SELECT count(*) AS invalid FROM (${normalised}) WHERE winner IS NULL`, path);
    const skipped = new SkipCounter();
    if (Number(invalid) > 0) skipped.add("battles whose verdict is not a win, loss or tie ({invalid: \"skip\"})", {file: path}, Number(invalid));
    skipped.report(options, path);
  }
  return table;
}

/**
 * Throws at its line the first boolean of a column whose other cells are all numbers (`true` where a count
 * belongs): read as text, the whole column would silently stop being numbers.
 */
async function refuseBooleansAmongNumbers(records: Records, fields: readonly Field[]): Promise<void> {
  if (!fields.length) return;
  const isBool = (f: Field) => `lower(trim(${f.text})) IN ('true', 'false')`;
  const isNumber = (f: Field) => `TRY_CAST(trim(${f.text}) AS DOUBLE) IS NOT NULL`;
  const checks = fields.map((f, i) => `bool_and(${f.text} IS NULL OR trim(${f.text}) = '' OR ${isBool(f)} OR ${isNumber(f)}) AND bool_or(${isBool(f)}) AND bool_or(${isNumber(f)}) AS mixed${i}, min(CASE WHEN ${isBool(f)} THEN __record END) AS first${i}`);
  const [found] = await queryRows(`SELECT ${checks.join(", ")} FROM ${records.from}`, records.file).catch(async (error) => {
    throw await records.explain(error);
  });
  const i = fields.findIndex((_, k) => found?.[`mixed${k}`] === true);
  if (i < 0) return;
  const location = await records.locate(Number(found[`first${i}`]));
  throw new BenchstatsError("value", `column "${fields[i].name}" holds numbers and a boolean; expected a number (or an empty cell)`, {...location, field: fields[i].name});
}

/** The verdict columns to read: `winner` (judge from a `judge` field), or `winner_<judge>` ones (all, or the one asked for). */
function verdictColumns(records: Records, judge: string | undefined): {field: Field; judge?: string}[] {
  const winner = records.fields.find((f) => f.name === "winner");
  if (winner) {
    const judgeField = records.fields.find((f) => f.name === "judge");
    return [{field: winner, judge: judgeField ? `coalesce(${judgeField.text}, '')` : undefined}];
  }
  const perJudge = records.fields.filter((f) => f.name.startsWith("winner_"));
  if (!perJudge.length) throw new BenchstatsError("format", "expected a winner column (or winner_<judge> columns)", {file: records.file, line: 1, field: "winner"});
  if (judge === undefined) return perJudge.map((field) => ({field, judge: sqlString(field.name.slice("winner_".length))}));
  const chosen = perJudge.find((f) => f.name === `winner_${judge}`);
  if (!chosen) throw new BenchstatsError("format", `no verdict column winner_${judge}; the file has ${perJudge.map((f) => f.name).join(", ")}`, {file: records.file, line: 1, field: `winner_${judge}`});
  return [{field: chosen, judge: sqlString(judge)}];
}

/** A CSV/TSV battle log: cells as text; a column whose non-empty cells are all numbers is a number column. */
async function csvRecords(path: string): Promise<Records> {
  const scan = await scanCsv(path, {what: "a battles table", delimiter: /\.tsv(\.gz)?$/i.test(path) ? "\t" : ","});
  const numeric = scan.header.map((_, i) => `bool_and(${cell(i)} IS NULL OR trim(${cell(i)}) = '' OR TRY_CAST(trim(${cell(i)}) AS DOUBLE) IS NOT NULL) AND count(${cell(i)}) > 0 AS n${i}`);
  const [kinds] = await queryRows(`SELECT ${numeric.join(", ")} FROM ${scan.from}`, path).catch(async (error) => {
    throw await explainCsvError(scan, error);
  });
  const fields = scan.header.map((name, i) => ({name, text: cell(i), number: kinds?.[`n${i}`] === true ? `TRY_CAST(trim(${cell(i)}) AS DOUBLE)` : undefined}));
  return {file: path, from: scan.from, fields, locate: (record) => locateRecord(scan, record), explain: (error) => explainCsvError(scan, error)};
}

const NUMERIC_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

/** A JSON array, `{"battles": [...]}` or JSONL battle log, with DuckDB's inferred types. */
async function jsonRecords(path: string, format: "json" | "jsonl"): Promise<Records> {
  await checkTextFile(path, {what: "a battles log", lastLineBreak: false});
  const file = sqlString(path);
  let read: string;
  let depth = 1;
  if (format === "jsonl") {
    if (await startsWithBom(path)) {
      throw new BenchstatsError("format", "the file starts with a byte order mark, which JSON lines must not (RFC 8259 §8.1) and DuckDB rejects; remove it", {file: path, offset: 0});
    }
    read = `read_json(${file}, format = 'newline_delimited', maximum_object_size = 1073741824)`;
  } else {
    const [{shape}] = await queryRows(`SELECT json_type(json) AS shape FROM read_json_objects(${file}, format = 'unstructured', maximum_object_size = 1073741824) LIMIT 1`, path).catch(async (error) => {
      throw /Malformed JSON/i.test(String((error as Error)?.message)) ? ((await jsonSyntaxError(path, "json")) ?? duckdbError(error, path)) : duckdbError(error, path);
    });
    if (shape === "OBJECT") {
      read = `(SELECT unnest(battles, recursive := true) FROM read_json(${file}, format = 'unstructured', maximum_object_size = 1073741824))`;
      depth = 2;
    } else read = `read_json(${file}, format = 'array', maximum_object_size = 1073741824)`;
  }
  const from = `(SELECT row_number() OVER () - 1 AS __record, * FROM ${read})`;
  const locate = async (record: number): Promise<ErrorLocation> => {
    const line = format === "jsonl" ? await jsonlRecordLine(path, record) : await jsonElementLine(path, record, depth);
    return line === undefined ? {file: path, row: record} : {file: path, line};
  };
  const explain = async (error: unknown): Promise<BenchstatsError> => {
    const problem = cellProblem(error);
    if (problem) return cellError(problem, await locate(problem.record));
    if (/Malformed JSON/i.test(String((error as Error)?.message))) return (await jsonSyntaxError(path, format)) ?? duckdbError(error, path);
    return duckdbError(error, path);
  };
  const described = await queryRows(`DESCRIBE SELECT * FROM ${read}`, path).catch(async (error) => {
    throw await explain(error);
  });
  const fields = described.map((d) => {
    const name = String(d.column_name);
    const type = String(d.column_type);
    const ref = sqlName(name);
    return {name, text: type === "JSON" ? `(${ref} ->> '$')` : `CAST(${ref} AS VARCHAR)`, number: NUMERIC_TYPES.test(type) ? `CAST(${ref} AS DOUBLE)` : undefined};
  });
  return {file: path, from, fields, locate, explain};
}

async function startsWithBom(path: string): Promise<boolean> {
  if (/\.(gz|zst|zstd)$/i.test(path)) return false;
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(3);
    const {bytesRead} = await handle.read(head, 0, 3, 0);
    return bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    await handle.close();
  }
}
