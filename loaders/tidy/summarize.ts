/**
 * `summarizeSamples` in DuckDB: per-group mean, standard error (plain or clustered) and normal interval
 * of a samples file, computed next to the data with GROUP BY, so a file of any size that fits on disk is
 * summarised at a fixed memory cost (the hash tables hold one row per group, or per group × cluster).
 * The moments come from SQL; the error bars, warnings and row order from lib's `summariesFromMoments`,
 * the same code `summarizeSamples` ends in, so both paths give the same numbers (to rounding: ~1e-15).
 *
 * The SQL, for values x (NaN → NULL, not counted) in group g:
 *
 * - plain: n = count(x), x̄ = fsum(x)/n (Kahan-compensated), Σ(x − x̄)² = n·var_pop(x) (DuckDB's var_pop
 *   is Welford's update, which does not cancel the way Σx² − n·x̄² does);
 * - clustered: a first GROUP BY (g, cluster) gives per cell n_c and S_c = sum(x); a second aggregates
 *   the cells of g: n = Σ n_c, x̄ = fsum(S_c)/n, and with the cell's sum of deviations
 *   d_c = S_c − n_c·x̄ (= Σ_{i∈c} (x_i − x̄) exactly, in exact arithmetic), Σ_c d_c² for the sandwich.
 *   d_c is formed from two numbers of the cell's size, so its rounding error is ~ε·n_c·|x̄|, small next
 *   to d_c itself (~√n_c·s) unless the values' spread s is below ~1e-12 of their mean.
 *
 * The checks readTable makes on each row (an empty model, an infinite value) are made on the groups:
 * an empty model shows as a group labelled "", an infinite value as a non-finite mean; either sends the
 * file through readTable for its located error.
 */
import {BenchstatsError} from "../../lib/core/errors.js";
import {checkErrorBarOptions} from "../../lib/inference/mean-error-bar.js";
import {summariesFromMoments, summaryKeys, type GroupMoments, type SampleSummary, type SummarizeSamplesOptions} from "../../lib/inference/summarize-samples.js";
import {duckdbError, queryRows, sqlName, sqlString} from "./duckdb.js";
import type {TableFileFormat} from "./formats.js";
import {readTable, tidySource, type TidySource} from "./read.js";

export interface SummarizeFileOptions extends SummarizeSamplesOptions {
  /** The file's format; default from its extension. */
  format?: TableFileFormat;
}

/**
 * Per-group error bars of the samples table in `path` (CSV, TSV, JSON, JSONL or Parquet, plain or
 * gzip), computed in DuckDB without reading the rows into memory: the numbers of lib's
 * `summarizeSamples` (Miller 2024; statsmodels OLS on a constant), for files of any size.
 *
 * `by` and `cluster` may name columns beyond the samples schema (a passage id, a topic): they are kept
 * from the file for this query (readTable's `extraColumns`).
 *
 * @example
 * await summarizeFile("samples.parquet", {by: ["model"], cluster: "passage"});
 * // [{model: "a", metric: "acc", n: 1000, mean: 0.71, se: 0.019, lower: 0.67, upper: 0.75, n_clusters: 200}, …]
 */
export async function summarizeFile(path: string, options: SummarizeFileOptions = {}): Promise<SampleSummary[]> {
  const fn = "summarize";
  const {by = ["model"], metric, cluster, clusterCorrection = "cr0", confidence = 0.95, format} = options;
  checkErrorBarOptions(confidence, clusterCorrection, fn);
  const keys = summaryKeys(by, cluster, fn);
  const wanted = [...keys.filter((k) => k !== "metric"), ...(cluster ? [cluster] : [])];
  let source = await tidySource(path, "samples", {format, extraColumns: wanted});
  let rows: Record<string, unknown>[];
  try {
    rows = await queryRows(summarySql(source, keys, metric, cluster, path), path);
  } catch (error) {
    if (!(error instanceof BenchstatsError) || source.format === "parquet" || !/benchstats-number|Could not convert|expected a number/.test(error.message)) {
      return readError(path, format, wanted, error);
    }
    // A CSV number column with missing markers such as NA: read the numbers as text (as readTable does).
    source = await tidySource(path, "samples", {format, extraColumns: wanted, textNumbers: true});
    rows = await queryRows(summarySql(source, keys, metric, cluster, path), path).catch((e: unknown) => readError(path, format, wanted, e));
  }
  // Without group columns the aggregate answers one row even for no input rows: not a group.
  rows = rows.filter((row) => Number(row.rows_in ?? 0) > 0);
  // The checks readTable makes row by row, made on the groups instead (the hot aggregate stays lean): an
  // empty model is a group labelled "", an infinite value a non-finite mean or sum of squares.
  const modelKey = keys.indexOf("model");
  const spread = cluster ? "cs" : "ss";
  const broken = rows.some((row) => (modelKey >= 0 && row.model === "") || (Number(row.n) > 0 && !(Number.isFinite(nan(row.mean)) && Number.isFinite(nan(row[spread])))));
  if (broken) await readError(path, format, wanted, new BenchstatsError("value", "a row breaks the samples schema (an empty model, an infinite value)", {file: path}));
  const unclustered = rows.reduce((sum, row) => sum + Number(row.unclustered ?? 0), 0);
  if (unclustered > 0) {
    throw new BenchstatsError("value", `${unclustered} row(s) have a value but an empty "${cluster}" (their cluster); give every row a cluster label`, {file: path, field: cluster});
  }
  if (!rows.length) await noRows(source, path, metric);
  const groups: GroupMoments[] = rows.map((row) => ({
    labels: keys.map((k) => String(row[k])),
    n: Number(row.n),
    mean: nan(row.mean),
    // With clusters the SE rests on the cluster sums alone; Σ(x − x̄)² is not computed.
    sumSquares: cluster ? NaN : nan(row.ss),
    ...(cluster ? {clusterSquares: nan(row.cs), clusters: Number(row.g)} : {})
  }));
  return summariesFromMoments(groups, keys, {confidence, clusterCorrection}, fn);
}

/**
 * The query: one row per group with n, mean, ss (and cs, g and the count of unclustered values with
 * clusters) and rows_in, its rows including missing values. Key columns the file lacks (metric) are
 * constants outside the GROUP BY.
 */
function summarySql(source: TidySource, keys: string[], metric: string | undefined, cluster: string | undefined, path: string): string {
  const has = new Set(source.columns.map((c) => c.name));
  if (metric !== undefined && !has.has("metric")) {
    throw new BenchstatsError("columns", `metric "${metric}" asked for, but the samples table has no metric column`, {file: path, field: "metric"});
  }
  const grouped = keys.filter((name) => has.has(name)).map(sqlName);
  const outer = keys.map((name) => (has.has(name) ? sqlName(name) : `'' AS ${sqlName(name)}`)).join(", ");
  const where = metric === undefined ? "" : ` WHERE metric = ${sqlString(metric)}`;
  const src = `SELECT ${[...grouped, ...(cluster ? [`${sqlName(cluster)} AS c`] : [])].join(", ")}${grouped.length || cluster ? ", " : ""}CASE WHEN isnan(value) THEN NULL ELSE value END AS x FROM (${source.sql})${where}`;
  const groupBy = (names: string[]) => (names.length ? ` GROUP BY ${names.join(", ")}` : "");
  if (!cluster) {
    return `SELECT ${outer}, n, mean, ss, rows_in FROM (SELECT ${[...grouped, ""].join(", ")}count(x) AS n, fsum(x) / count(x) AS mean, var_pop(x) * count(x) AS ss, count(*) AS rows_in FROM (${src})${groupBy(grouped)})`;
  }
  // The cells hold only n_c and S_c: the clustered SE needs no within-cell spread, and a lean state per
  // cell is what keeps the 10⁸-row aggregate fast (2·10⁶ cells in the bench). A cell's plain sum has the
  // error of a few dozen additions; the sums over cells are compensated (fsum).
  const cells = `SELECT ${[...grouped, "c", ""].join(", ")}count(x) AS n_c, sum(x) AS s_c, count(*) AS r_c FROM (${src})${groupBy([...grouped, "c"])}`;
  const d = `(cells.s_c - cells.n_c * groups.mean)`;
  const groups = `SELECT ${[...grouped, ""].join(", ")}sum(n_c) AS n, fsum(s_c) / sum(n_c) AS mean FROM cells${groupBy(grouped)}`;
  const on = grouped.length ? `JOIN groups USING (${grouped.join(", ")})` : "CROSS JOIN groups";
  // MATERIALIZED: the cells are read twice (group means, then deviations); DuckDB would otherwise plan
  // the 10⁸-row aggregate twice (it does so for a window over the cells too).
  return `WITH cells AS MATERIALIZED (${cells}), groups AS (${groups})
    SELECT ${outer}, n, mean, cs, g, unclustered, rows_in FROM (
      SELECT ${[...grouped.map((name) => `groups.${name}`), ""].join(", ")}any_value(groups.n) AS n, any_value(groups.mean) AS mean,
        fsum(CASE WHEN cells.n_c > 0 THEN ${d} * ${d} END) AS cs,
        count(*) FILTER (WHERE cells.n_c > 0) AS g,
        sum(cells.n_c) FILTER (WHERE cells.c = '') AS unclustered,
        sum(cells.r_c) AS rows_in
      FROM cells ${on}${groupBy(grouped.map((name) => `groups.${name}`))})`;
}

/** The located error readTable gives for the same file; `fallback` when readTable finds nothing wrong. */
async function readError(path: string, format: TableFileFormat | undefined, extraColumns: string[], fallback: unknown): Promise<never> {
  await readTable(path, "samples", {format, extraColumns});
  throw duckdbError(fallback, path);
}

/** No group at all: an empty table, or no row of the metric asked for (naming the metrics there are). */
async function noRows(source: TidySource, path: string, metric: string | undefined): Promise<never> {
  if (metric !== undefined) {
    const present = await queryRows(`SELECT DISTINCT metric FROM (${source.sql}) ORDER BY metric LIMIT 20`, path);
    throw new BenchstatsError("value", `no rows with metric "${metric}" (metrics: ${present.map((r) => r.metric).join(", ") || "none"})`, {file: path, field: "metric"});
  }
  throw new BenchstatsError("empty", "no data rows: expected a samples table with at least one row", {file: path});
}

function nan(value: unknown): number {
  return value === null || value === undefined ? NaN : Number(value);
}
