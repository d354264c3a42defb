/**
 * A samples file → the models × items matrix of binary results, one byte per cell (lib's
 * `ResponseMatrix`: 0, 1, or 255 = not measured), built by DuckDB next to the data: it codes models
 * and items by joins with sorted dictionary tables and sends one packed integer per measured row, which this module writes
 * into a `Uint8Array`. A 10⁸-row Parquet pool of 2,000 models × 50,000 items becomes a 100 MB matrix
 * without a row object or a string per row — the input IRT and Plackett–Luce need whole.
 */
import {BenchstatsError} from "../../lib/core/errors.js";
import {duckdb, duckdbError, execute, queryRows, sqlName, sqlString} from "./duckdb.js";
import {tidySource} from "./read.js";

/** Largest number of cells (models × items) a matrix may have: one typed array of at most 4 GiB. */
export const MAX_MATRIX_CELLS = 2 ** 32 - 1;

/** The byte of a cell nobody measured. */
const MISSING = 255;
/** The byte of a cell not written yet (turned into {@link MISSING} at the end; tells duplicates apart). */
const UNSET = 254;

export interface ResponseMatrixOptions {
  /** Keep only rows of this metric; required when the file holds several. */
  metric?: string;
  /** Keep only rows of this benchmark; with several benchmarks, items are named `benchmark/item`. */
  benchmark?: string;
}

export interface ReadResponseMatrix {
  /** Model (respondent) names, sorted: row i of the matrix. */
  models: string[];
  /** Item names, sorted: column j of the matrix. */
  items: string[];
  /** `data[i·nItems + j]`: 0, 1, or 255 where model i has no result on item j. */
  matrix: {nRespondents: number; nItems: number; data: Uint8Array};
  /** Rows read (measured cells), and rows whose value was missing (NaN). */
  rows: number;
  missingValues: number;
}

let counter = 0;

/**
 * Reads a samples table (CSV/TSV/JSON/JSONL/Parquet, see `readTable`) into a binary models × items
 * matrix. Models and items are sorted, so the matrix does not depend on the file's row order. A value
 * other than 0, 1 or missing, or a model measured twice on an item, is a `BenchstatsError` naming it.
 *
 * @example
 * const {models, items, matrix} = await readResponseMatrix("pool.parquet");
 * fitIrt(matrix, {model: "rasch"});
 */
export async function readResponseMatrix(path: string, options: ResponseMatrixOptions = {}): Promise<ReadResponseMatrix> {
  const source = await tidySource(path, "samples");
  const has = (name: string) => source.columns.some((c) => c.name === name);
  const where: string[] = [];
  if (options.metric !== undefined) where.push(`${sqlName("metric")} = ${sqlString(options.metric)}`);
  if (options.benchmark !== undefined) where.push(`${sqlName("benchmark")} = ${sqlString(options.benchmark)}`);
  if ((options.metric !== undefined && !has("metric")) || (options.benchmark !== undefined && !has("benchmark"))) {
    throw new BenchstatsError("columns", `the samples have no ${options.metric !== undefined && !has("metric") ? "metric" : "benchmark"} column to select by`, {file: path});
  }
  const filtered = `(SELECT * FROM (${source.sql})${where.length ? ` WHERE ${where.join(" AND ")}` : ""})`;
  const id = `bs_matrix_${process.pid}_${++counter}`;
  try {
    // One pass for the facts and the dictionaries. Codes then come through hash joins with sorted
    // dictionary tables: DuckDB's VARCHAR → ENUM cast is about 5× slower than a join at 10⁸ rows
    // (measured: 33.8 s against 6.2 s for both columns, 2 cores, loaded).
    await execute(
      `CREATE TEMP TABLE ${id}_d AS SELECT count(*) AS n, count(*) FILTER (WHERE isnan(value)) AS missing, list(DISTINCT model) AS models, list(DISTINCT item) AS items` +
        `${has("metric") ? ", count(DISTINCT metric) AS metrics, min(metric) AS metric1, max(metric) AS metric2" : ""}${has("benchmark") ? ", count(DISTINCT benchmark) AS benchmarks" : ""} FROM ${filtered}`,
      path
    );
    const [facts] = await queryRows(`SELECT * EXCLUDE (models, items) FROM ${id}_d`, path);
    if (Number(facts.n) === 0) throw new BenchstatsError("empty", "no sample rows (after selecting metric and benchmark)", {file: path});
    if (Number(facts.metrics ?? 1) > 1) {
      throw new BenchstatsError("option", `the samples hold several metrics (${facts.metric1}, ${facts.metric2}, …); choose one with {metric}`, {file: path});
    }
    // Several benchmarks: an item is named within its benchmark.
    const itemKey = Number(facts.benchmarks ?? 1) > 1 ? `(benchmark || '/' || item)` : "item";
    if (itemKey !== "item") await execute(`UPDATE ${id}_d SET items = (SELECT list(DISTINCT ${itemKey}) FROM ${filtered})`, path);
    await execute(`CREATE TEMP TABLE ${id}_m AS SELECT unnest(list_sort(models)) AS model, unnest(range(len(models)))::UINTEGER AS m FROM ${id}_d`, path);
    await execute(`CREATE TEMP TABLE ${id}_i AS SELECT unnest(list_sort(items)) AS item_key, unnest(range(len(items)))::UINTEGER AS i FROM ${id}_d`, path);
    const [{models, items}] = await queryRows(`SELECT list_sort(models) AS models, list_sort(items) AS items FROM ${id}_d`, path);
    const modelNames = listOf(models);
    const itemNames = listOf(items);
    const cells = modelNames.length * itemNames.length;
    if (cells > MAX_MATRIX_CELLS) {
      throw new BenchstatsError("size", `${modelNames.length} models × ${itemNames.length} items = ${cells} cells is more than one matrix holds (${MAX_MATRIX_CELLS})`, {file: path});
    }
    if (modelNames.includes("") || itemNames.includes("")) throw new BenchstatsError("missing", "a sample row has an empty model or item", {file: path});
    const data = new Uint8Array(cells).fill(UNSET);
    // One packed integer a row when it fits 32 bits: cell·2 + value (halves the transfer); else two columns.
    const packed = cells * 2 <= 2 ** 32 - 1;
    const cell = `(m::UBIGINT * ${itemNames.length} + i)`;
    const bit = `(CASE WHEN value = 0 THEN 0 WHEN value = 1 THEN 1 ELSE error('benchstats-binary') END)`;
    const select = packed ? `CAST(${cell} * 2 + ${bit} AS UINTEGER)` : `CAST(${cell} AS UINTEGER), CAST(${bit} AS UTINYINT)`;
    const db = await duckdb();
    let rows = 0;
    try {
      const joined = `(SELECT m, i, value FROM (SELECT *, ${itemKey} AS item_key FROM ${filtered} WHERE NOT isnan(value)) JOIN ${id}_m USING (model) JOIN ${id}_i USING (item_key))`;
      const result = await db.stream(`SELECT ${select} FROM ${joined}`);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const first = (chunk.getColumnVector(0) as unknown as {items: Uint32Array}).items;
        const second = packed ? undefined : (chunk.getColumnVector(1) as unknown as {items: Uint8Array}).items;
        for (let k = 0; k < first.length; ++k) {
          const at = packed ? first[k] >>> 1 : first[k];
          if (data[at] !== UNSET) throw duplicate(path, modelNames, itemNames, at);
          data[at] = packed ? first[k] & 1 : second![k];
        }
        rows += chunk.rowCount;
      }
    } catch (error) {
      if (error instanceof BenchstatsError) throw error;
      if (/benchstats-binary/.test(String((error as Error)?.message))) throw await notBinary(path, filtered);
      throw duckdbError(error, path);
    }
    for (let k = 0; k < cells; ++k) if (data[k] === UNSET) data[k] = MISSING;
    return {models: modelNames, items: itemNames, matrix: {nRespondents: modelNames.length, nItems: itemNames.length, data}, rows, missingValues: Number(facts.missing)};
  } finally {
    for (const table of ["d", "m", "i"]) await execute(`DROP TABLE IF EXISTS ${id}_${table}`).catch(() => undefined);
  }
}

function listOf(value: unknown): string[] {
  return ((value as {items?: string[]})?.items ?? (value as string[])).map(String);
}

function duplicate(path: string, models: string[], items: string[], cell: number): BenchstatsError {
  const model = models[Math.floor(cell / items.length)];
  const item = items[cell % items.length];
  return new BenchstatsError("duplicate", `model ${JSON.stringify(model)} has two results on item ${JSON.stringify(item)}; a response matrix takes one`, {file: path});
}

/** The first row whose value is neither 0, 1 nor missing (the error path: one more scan). */
async function notBinary(path: string, filtered: string): Promise<BenchstatsError> {
  const [row] = await queryRows(
    `SELECT rn, model, item, value FROM (SELECT row_number() OVER () - 1 AS rn, * FROM ${filtered}) WHERE NOT isnan(value) AND value <> 0 AND value <> 1 ORDER BY rn LIMIT 1`,
    path
  ).catch(() => [undefined]);
  const where = row ? ` (model ${JSON.stringify(row.model)}, item ${JSON.stringify(row.item)})` : "";
  return new BenchstatsError("value", `expected 0/1 results for a response matrix, got ${row?.value ?? "another value"}${where}`, {file: path, row: row ? Number(row.rn) : undefined});
}
