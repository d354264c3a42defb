/**
 * Sufficient statistics computed in DuckDB next to the data, for methods that need no more than counts:
 *
 * - {@link battleCounts}: outcome counts per battle pair — millions of arena votes become one weighted row
 *   per (model_a, model_b, winner), which Bradley–Terry fits to the same maximum-likelihood ratings
 *   (the `weight` column of the battles table);
 * - {@link pairCounts}: per pair of models, over the items both answered, the count, the sums that give the
 *   mean and variance of the paired difference, and for 0/1 results the discordant counts (the inputs of
 *   a paired difference with its standard error and of McNemar's test).
 *
 * Both read any file `readTable` reads (CSV/TSV/JSON/JSONL/Parquet, plain or compressed) through its SQL
 * scan (`tidySource`), so they never hold the rows in memory.
 */
import {BenchstatsError} from "../../lib/core/errors.js";
import {queryRows, sqlString} from "./duckdb.js";
import {tableFromQuery} from "./query.js";
import {readTable, tidySource, type ReadTableOptions} from "./read.js";
import type {BattleRow} from "./rows.js";
import type {TidyTable} from "./table.js";

/**
 * Largest number of (model pair, item) matches {@link pairCounts} joins: the self-join of the samples on
 * their item has Σ_items m_i(m_i − 1)/2 rows, with m_i the models that answered item i.
 */
export const MAX_PAIR_MATCHES = 2e9;

/**
 * The battles of `path` as one row per (model_a, model_b, winner) with `weight` = how many battles it
 * stands for: the sufficient statistic of the Bradley–Terry likelihood (ties count half a win each way
 * there, so they are kept apart). Rows are sorted by model_a, model_b, winner. Bradley–Terry on this table
 * gives the ratings of the full table, and its bootstrap the same intervals draw for draw: lib puts the
 * battles in one canonical order either way (a multinomial over the same distinct rows, see battleDesign).
 *
 * @example
 * const counts = await battleCounts("arena_battles.parquet"); // 1.7 M votes → ~20k rows
 * bradleyTerry(counts, {reps: 100, seed: 1});
 */
export async function battleCounts(path: string, options: Pick<ReadTableOptions, "format" | "rename"> = {}): Promise<TidyTable<BattleRow & {weight: number}>> {
  const source = await tidySource(path, "battles", options);
  const hasWeight = source.columns.some((c) => c.name === "weight");
  const sql =
    `SELECT model_a, model_b, winner, ${hasWeight ? "sum(weight)" : "CAST(count(*) AS DOUBLE)"} AS weight ` +
    `FROM (${source.sql}) GROUP BY model_a, model_b, winner ORDER BY model_a, model_b, winner`;
  try {
    return await tableFromQuery<BattleRow & {weight: number}>({
      file: path,
      kind: "battles",
      sql,
      columns: [
        {name: "model_a", type: "label"},
        {name: "model_b", type: "label"},
        {name: "winner", type: "label"},
        {name: "weight", type: "number"}
      ],
      // Rows are groups: a bad value is located by reading the file itself (below).
      locateRow: async (row) => ({file: path, row}),
      noRows: async () => new BenchstatsError("empty", "no battles", {file: path})
    });
  } catch (error) {
    // The groups hide the file's lines: let readTable find and locate the bad row.
    if (error instanceof BenchstatsError && error.code === "value") await readTable(path, "battles", options);
    throw error;
  }
}

/** One pair of models over the items both answered: see {@link pairCounts}. */
export interface PairCounts {
  model_a: string;
  model_b: string;
  /** Items both models have a value on. */
  n: number;
  /** Σ a, Σ b over those items. */
  sum_a: number;
  sum_b: number;
  /** Σ (a − b)²: with the sums, the variance of the paired difference, (Σd² − n·d̄²)/(n − 1). */
  sum_sq_diff: number;
  /** 0/1 results only (else NaN): items a got right and b wrong, and the reverse — McNemar's b and c. */
  a_only: number;
  b_only: number;
}

export interface PairCountsOptions {
  /** Keep only rows of this metric; required when the file holds several. */
  metric?: string;
  /** Only pairs among these models (default: all models). */
  models?: readonly string[];
}

/**
 * Per pair of models (model_a < model_b by name), over the items both answered (same benchmark, item and
 * metric; missing values left out): n, Σa, Σb, Σ(a − b)², and for 0/1 results the discordant counts. The
 * paired mean difference is (Σa − Σb)/n and its standard error √(var(d)/n); McNemar's statistic uses
 * a_only and b_only. The self-join is capped at {@link MAX_PAIR_MATCHES} matches (pass `models` to
 * compare fewer).
 *
 * @example
 * const pairs = await pairCounts("samples.parquet", {models: ["gpt-4", "claude-3"]});
 * // [{model_a: "claude-3", model_b: "gpt-4", n: 2854, sum_a: 1712, sum_b: 1795, sum_sq_diff: 301, a_only: 109, b_only: 192}]
 */
export async function pairCounts(path: string, options: PairCountsOptions & Pick<ReadTableOptions, "format"> = {}): Promise<PairCounts[]> {
  const source = await tidySource(path, "samples", {format: options.format});
  const has = (name: string) => source.columns.some((c) => c.name === name);
  const where = ["NOT isnan(value)"];
  if (options.metric !== undefined) where.push(`metric = ${sqlString(options.metric)}`);
  if (options.models) where.push(`model IN (${options.models.map(sqlString).join(", ") || "NULL"})`);
  const samples = `(SELECT model, ${has("benchmark") ? "benchmark" : "'' AS benchmark"}, item, ${has("metric") ? "metric" : "'' AS metric"}, value FROM (${source.sql}) WHERE ${where.join(" AND ")})`;
  const [facts] = await queryRows(
    `SELECT count(DISTINCT metric) AS metrics, min(metric) AS metric1, max(metric) AS metric2, sum(m * (m - 1) / 2) AS matches, ` +
      `bool_and(is_binary) AS is_binary, bool_or(extra) AS repeated FROM (SELECT metric, count(*) AS m, count(DISTINCT model) < count(*) AS extra, bool_and(value = 0 OR value = 1) AS is_binary ` +
      `FROM ${samples} GROUP BY benchmark, item, metric)`,
    path
  );
  if (Number(facts.metrics ?? 0) === 0) throw new BenchstatsError("empty", "no sample values to pair (after selecting metric and models)", {file: path});
  if (Number(facts.metrics) > 1) throw new BenchstatsError("option", `the samples hold several metrics (${facts.metric1}, ${facts.metric2}, …); choose one with {metric}`, {file: path});
  if (facts.repeated) throw new BenchstatsError("duplicate", "a model has two values on one item; pair counts need one value per model and item", {file: path});
  if (Number(facts.matches) > MAX_PAIR_MATCHES) {
    throw new BenchstatsError("size", `${Number(facts.matches).toExponential(2)} (model pair, item) matches is more than ${MAX_PAIR_MATCHES.toExponential(0)}; pass {models} to compare fewer models`, {file: path});
  }
  const binary = facts.is_binary === true;
  const rows = await queryRows(
    `SELECT a.model AS model_a, b.model AS model_b, count(*) AS n, sum(a.value) AS sum_a, sum(b.value) AS sum_b, sum((a.value - b.value) ^ 2) AS sum_sq_diff` +
      (binary ? `, count(*) FILTER (WHERE a.value = 1 AND b.value = 0) AS a_only, count(*) FILTER (WHERE a.value = 0 AND b.value = 1) AS b_only` : "") +
      ` FROM ${samples} a JOIN ${samples} b ON a.benchmark = b.benchmark AND a.item = b.item AND a.metric = b.metric AND a.model < b.model` +
      ` GROUP BY a.model, b.model ORDER BY a.model, b.model`,
    path
  );
  return rows.map((r) => ({
    model_a: String(r.model_a),
    model_b: String(r.model_b),
    n: Number(r.n),
    sum_a: Number(r.sum_a),
    sum_b: Number(r.sum_b),
    sum_sq_diff: Number(r.sum_sq_diff),
    a_only: binary ? Number(r.a_only) : NaN,
    b_only: binary ? Number(r.b_only) : NaN
  }));
}
