/**
 * A {@link TidyTable} from a DuckDB query: the one way every DuckDB-read format (tidy files, and the CSV
 * and JSON formats of the loaders) turns SQL into columns. Labels come back dictionary-coded (DuckDB builds
 * the dictionary, then hands over ENUM codes) and numbers as doubles, copied chunk by chunk into typed
 * arrays, never as row objects.
 *
 * The query is the reader's; so is knowing where its rows come from. A reader passes `locateRow` (output
 * row → file and line, for a value the schema rejects) and `explainError` (a DuckDB error raised while the
 * query runs, such as a cell marker of loaders/tidy/cells.ts → a located `BenchstatsError`).
 */
import type {DuckDBDataChunk} from "@duckdb/node-api";
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";
import type {TableColumn} from "../../lib/core/columns.js";
import {duckdb, duckdbError, execute, queryRows, sqlName} from "./duckdb.js";
import {SCHEMAS, type TableKind} from "./schema.js";
import {findProblem, TidyTable, type TidyRow} from "./table.js";

/** A query that yields the canonical columns of a tidy table, and how to locate its rows. */
export interface TableQuery {
  /** The file read (for messages). */
  file: string;
  kind: TableKind;
  /** A `SELECT` whose result has the columns below: labels VARCHAR (`''` = missing), numbers DOUBLE (`NaN` = missing). */
  sql: string;
  columns: readonly {name: string; type: "label" | "number"}[];
  /** File and line (or byte, or record) of output row `row` (0-based). */
  locateRow(row: number): Promise<ErrorLocation>;
  /** A DuckDB error raised by the query → the located error to throw. Default: DuckDB's message with the file. */
  explainError?(error: unknown): Promise<BenchstatsError>;
  /** The error when the query yields no rows (an empty table is never returned). */
  noRows(): Promise<BenchstatsError>;
  /** Check values against the schema's ranges and allowed labels (default true; see `ReadTableOptions.checkValues`). */
  checkValues?: boolean;
  /** Required label columns this source may leave empty (see {@link findProblem}). */
  emptyAllowed?: readonly string[];
  /**
   * Run `sql` once into a temporary table and read both passes from it. Worth it when the scan itself is
   * the cost (JSON: parsing and typing each value costs ~2.5× a plain scan), not for CSV or Parquet, whose
   * scans are cheaper than writing the table.
   */
  materialize?: boolean;
}

let typeCounter = 0;

/** Largest result (codes and numbers) read in one materialised piece; larger results stream. */
const MATERIALIZE_BYTES = 256 * 2 ** 20;

/** Bytes a row of the fetched columns takes. */
function fetchedBytes(out: readonly TableColumn[], fetched: readonly number[]): number {
  let bytes = 0;
  for (const j of fetched) {
    const column = out[j];
    bytes += column instanceof Float64Array ? 8 : column.codes.BYTES_PER_ELEMENT;
  }
  return bytes;
}

/**
 * Runs `query` twice: dictionaries and the row count in one pass, then the codes and numbers in a second;
 * checks the result against the table's schema ({@link findProblem}), locating the first bad row.
 *
 * @example
 * const table = await tableFromQuery({file, kind: "samples", sql, columns, locateRow, noRows});
 */
export async function tableFromQuery<Row extends object = TidyRow>(query: TableQuery): Promise<TidyTable<Row>> {
  const {file, columns} = query;
  const explain = async (error: unknown): Promise<never> => {
    throw query.explainError ? await query.explainError(error) : duckdbError(error, file);
  };
  const db = await duckdb();
  const labelColumns = columns.filter((c) => c.type === "label");
  const id = `bs_${process.pid}_${++typeCounter}`;
  const created: string[] = [];
  let sql = query.sql;
  try {
    if (query.materialize) {
      await execute(`CREATE TEMP TABLE ${id}_src AS ${query.sql}`, file).catch(explain);
      sql = `SELECT * FROM ${id}_src`;
    }
    await execute(
      `CREATE TEMP TABLE ${id}_dict AS SELECT count(*) AS n${labelColumns.map((c, k) => `, list(DISTINCT ${sqlName(c.name)}) AS d${k}`).join("")} FROM (${sql})`,
      file
    ).catch(explain);
    const [{n}] = await queryRows(`SELECT n FROM ${id}_dict`, file);
    const length = Number(n);
    if (length === 0) throw await query.noRows();
    const dictionaries: string[][] = [];
    for (let k = 0; k < labelColumns.length; ++k) {
      await execute(`CREATE TYPE ${id}_e${k} AS ENUM (SELECT unnest(d${k}) FROM ${id}_dict)`, file);
      created.push(`${id}_e${k}`);
      const [{labels}] = await queryRows(`SELECT enum_range(NULL::${id}_e${k}) AS labels`, file);
      dictionaries.push((labels as {items: string[]}).items ?? (labels as string[]));
    }
    const out: TableColumn[] = columns.map((c) => {
      if (c.type === "number") return new Float64Array(length);
      const k = labelColumns.indexOf(c);
      const n = dictionaries[k].length;
      const codes = n <= 256 ? new Uint8Array(length) : n <= 65536 ? new Uint16Array(length) : new Uint32Array(length);
      return {codes, labels: dictionaries[k]};
    });
    // A column with one label (a constant benchmark or metric) is all zeros already: nothing to fetch.
    const fetched = columns.map((_, j) => j).filter((j) => columns[j].type === "number" || dictionaries[labelColumns.indexOf(columns[j])].length > 1);
    const select = fetched.map((j) => {
      const c = columns[j];
      const k = labelColumns.indexOf(c);
      return k >= 0 ? `enum_code(CAST(${sqlName(c.name)} AS ${id}_e${k})) AS ${sqlName(c.name)}` : sqlName(c.name);
    });
    const fetch = `SELECT ${select.join(", ") || "1"} FROM (${sql})`;
    let offset = 0;
    const take = (chunk: DuckDBDataChunk) => {
      const rows = chunk.rowCount;
      if (offset + rows > length) throw new BenchstatsError("parse", "the file changed while it was read", {file});
      for (let f = 0; f < fetched.length; ++f) {
        const items = (chunk.getColumnVector(f) as unknown as {items: Float64Array | Uint8Array | Uint16Array | Uint32Array}).items;
        const target = out[fetched[f]];
        if (target instanceof Float64Array) target.set(items as Float64Array, offset);
        else target.codes.set(items, offset);
      }
      offset += rows;
    };
    if (length * fetchedBytes(out, fetched) <= MATERIALIZE_BYTES) {
      // Up to 256 MB of codes and numbers, DuckDB computes the whole result on every core first and the
      // chunks are then read synchronously: ~30 % faster than one awaited fetch per 2,048 rows.
      const result = await db.run(fetch).catch(explain);
      for (let k = 0; k < result.chunkCount; ++k) take(result.getChunk(k));
    } else {
      const result = await db.stream(fetch).catch(explain);
      for (;;) {
        let chunk: DuckDBDataChunk | null;
        try {
          chunk = await result.fetchChunk();
        } catch (error) {
          return explain(error);
        }
        if (!chunk || chunk.rowCount === 0) break;
        take(chunk);
      }
    }
    if (offset !== length) throw new BenchstatsError("parse", `read ${offset} rows, expected ${length}; the file changed while it was read`, {file});
    const table = new TidyTable<Row>(query.kind, length, Object.fromEntries(columns.map((c, j) => [c.name, out[j]])), file, query.locateRow);
    const problem = findProblem(table, {emptyAllowed: query.emptyAllowed, values: query.checkValues !== false});
    if (problem) {
      throw new BenchstatsError("value", problem.message, {...(await query.locateRow(problem.row)), field: problem.column});
    }
    return table;
  } finally {
    for (const type of created.reverse()) await execute(`DROP TYPE IF EXISTS ${type}`).catch(() => undefined);
    await execute(`DROP TABLE IF EXISTS ${id}_dict`).catch(() => undefined);
    if (query.materialize) await execute(`DROP TABLE IF EXISTS ${id}_src`).catch(() => undefined);
  }
}

/**
 * The error for a query without rows: `what` says what the file should have held.
 *
 * @example
 * noRowsError("runs.csv", "runs", "after the header"); // "runs.csv:2: no data rows: expected a runs table …"
 */
export function noRowsError(file: string, kind: TableKind, where = "", location: ErrorLocation = {}): BenchstatsError {
  return new BenchstatsError("empty", `no data rows: expected a ${SCHEMAS[kind].title} table with at least one row${where ? " " + where : ""}`, {file, ...location});
}
