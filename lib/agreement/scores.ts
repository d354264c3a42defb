import {arrayArg, booleanArg, numbersArg, objectArg, optionsArg, reject, rowsArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import type {WideTable} from "../ranking/wide-table.js";
import {standardizeModelName, standardizeScenarioName} from "./names.js";

/** One score in the long BenchBench table: `model, scenario, score, source`. */
export interface ScoreRow {
  model: string;
  scenario: string;
  score: number;
  /** Where the score comes from (BenchBench: the catalogue file name). */
  source: string;
}

export interface BenchmarkRowsOptions {
  /** Normalise model and scenario names like BenchBench (default true). */
  normalizeNames?: boolean;
  /** BenchBench's prettified scenario names (prettified_bencmark_names.json). */
  prettyNames?: Readonly<Record<string, string>>;
  /**
   * Lower scores are better: min-max normalise each scenario and flip it (BenchBench's
   * `normalize_scores_per_scenario(lower_is_better=True)`). Default false.
   */
  lowerIsBetter?: boolean;
}

/**
 * Melts one wide leaderboard table (`model, scenario₁, scenario₂, …`) into long score rows, as
 * BenchBench's `Benchmark.assign_df`: names normalised, missing scores dropped, and duplicated
 * (model, scenario) pairs — usually two raw names normalising to the same model — reduced to their
 * maximum score (then ordered by model, scenario, as pandas' groupby does). Rows are scenario-major
 * (all models of the first scenario, then the next), the order `pd.melt` gives.
 *
 * @example benchmarkRows(parseWideTable(text), "my_bench.csv"); // [{model, scenario, score, source}, …]
 */
export function benchmarkRows(table: WideTable, source: string, options: BenchmarkRowsOptions = {}): ScoreRow[] {
  const fn = "benchmarkRows";
  const {normalizeNames = true, prettyNames = {}, lowerIsBetter = false} = optionsArg(options, fn);
  checkWideTable(table, fn);
  stringArg(source, "source", fn, {empty: true});
  booleanArg(normalizeNames, "normalizeNames", fn);
  booleanArg(lowerIsBetter, "lowerIsBetter", fn);
  const models = table.rows.map((m) => (normalizeNames ? standardizeModelName(m) : m));
  const scenarios = table.columns.map((s) => (normalizeNames ? standardizeScenarioName(s, prettyNames) : s));
  let rows: ScoreRow[] = [];
  const seen = new Set<string>();
  let duplicated = false;
  scenarios.forEach((scenario, j) => {
    models.forEach((model, i) => {
      const key = model + "\u0000" + scenario;
      if (seen.has(key)) duplicated = true;
      seen.add(key);
      rows.push({model, scenario, score: table.values[i][j], source});
    });
  });
  if (duplicated) {
    // pandas: groupby(["model", "scenario", "source"]).max() — NaN skipped, keys sorted.
    const best = new Map<string, ScoreRow>();
    for (const row of rows) {
      const key = row.model + "\u0000" + row.scenario;
      const prev = best.get(key);
      if (!prev || Number.isNaN(prev.score) || row.score > prev.score) best.set(key, {...row});
    }
    rows = [...best.values()].sort((a, b) => compareCodePoints(a.model, b.model) || compareCodePoints(a.scenario, b.scenario));
  }
  rows = rows.filter((r) => !Number.isNaN(r.score));
  if (lowerIsBetter) {
    for (const scenario of new Set(rows.map((r) => r.scenario))) {
      const group = rows.filter((r) => r.scenario === scenario);
      let min = Infinity;
      let max = -Infinity;
      for (const r of group) (min = Math.min(min, r.score)), (max = Math.max(max, r.score));
      for (const r of group) r.score = 1 - (max === min ? 1 : (r.score - min) / (max - min));
    }
  }
  if (rows.length === 0) throw new BenchstatsError("empty", `benchmarkRows: no scores in ${source}`, {file: source});
  return rows;
}

/** Checks a {@link WideTable} (as parseWideTable returns it): labels, columns and a rows × columns matrix of numbers. */
function checkWideTable(table: WideTable, fn: string): void {
  objectArg(table, "table", fn, "a wide table {label, rows, columns, values} (parseWideTable)");
  arrayArg(table.rows, "table.rows", fn).forEach((row, i) => typeof row !== "string" && reject("type", fn, "table.rows", "strings", row, {row: i}));
  arrayArg(table.columns, "table.columns", fn).forEach((column, j) => typeof column !== "string" && reject("type", fn, "table.columns", "strings", column, {column: j}));
  const values = arrayArg(table.values, "table.values", fn);
  if (values.length !== table.rows.length) throw new BenchstatsError("shape", `${fn}: table.values has ${values.length} rows for ${table.rows.length} labels`, {field: "table.values"});
  values.forEach((row, i) => {
    numbersArg(row, "table.values", fn);
    if ((row as ArrayLike<number>).length !== table.columns.length) {
      throw new BenchstatsError("shape", `${fn}: table.values row ${i} has ${(row as ArrayLike<number>).length} values for ${table.columns.length} columns`, {field: "table.values", row: i});
    }
  });
}

/**
 * Checks long score rows ({@link ScoreRow}): an array of objects with a non-empty model and scenario, a
 * source (a string) and a finite score (rows without a score are left out, not NaN: benchmarkRows
 * drops them). Throws a `BenchstatsError` naming `fn` and the row.
 */
export function scoreRowsArg(rows: readonly ScoreRow[], fn: string): readonly ScoreRow[] {
  rowsArg(rows, "rows", fn).forEach((r, i) => {
    const row = r as Partial<ScoreRow>;
    if (typeof row.model !== "string" || row.model === "") reject("type", fn, "model", "a non-empty string", row.model, {row: i});
    if (typeof row.scenario !== "string" || row.scenario === "") reject("type", fn, "scenario", "a non-empty string", row.scenario, {row: i});
    if (typeof row.source !== "string") reject("type", fn, "source", "a string", row.source, {row: i});
    if (typeof row.score !== "number" || !Number.isFinite(row.score)) reject("value", fn, "score", "a finite number (leave out rows without a score)", row.score, {row: i});
  });
  return rows;
}

/**
 * Python's string order (by code point), which JavaScript's default comparison matches on the BMP.
 *
 * @example ["b", "a"].sort(compareCodePoints); // ["a", "b"]
 */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * When the same scenario name comes from several sources, keeps the source whose scenario shares
 * the most models with the rest of the table (summed over all scenario-sources, itself included),
 * the first one on ties — BenchBench's `clear_repeated_scenarios()` without a preferred source
 * (its `source_to_keep in Series` tests the index, not the values, so the preference never applies).
 * In corrected mode pass `prefer` to keep one source's scenarios (e.g. an uploaded benchmark).
 *
 * @example clearRepeatedScenarios([...catalogue, ...mine], "uploaded");
 */
export function clearRepeatedScenarios(rows: readonly ScoreRow[], prefer?: string): ScoreRow[] {
  scoreRowsArg(rows, "clearRepeatedScenarios");
  if (prefer !== undefined) stringArg(prefer, "prefer", "clearRepeatedScenarios", {empty: true, code: "option"});
  const sourcesOf = new Map<string, string[]>();
  const modelsOf = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = r.scenario + "__" + r.source;
    if (!modelsOf.has(key)) {
      modelsOf.set(key, new Set());
      const list = sourcesOf.get(r.scenario) ?? [];
      list.push(r.source);
      sourcesOf.set(r.scenario, list);
    }
    modelsOf.get(key)!.add(r.model);
  }
  const drop = new Set<string>();
  const keys = [...modelsOf.keys()];
  for (const [scenario, sources] of sourcesOf) {
    if (sources.length < 2) continue;
    let keep: string;
    if (prefer !== undefined && sources.includes(prefer)) keep = prefer;
    else {
      // Order of pandas' drop_duplicates within the scenario group: first appearance.
      let bestCount = -1;
      keep = sources[0];
      for (const source of sources) {
        const mine = modelsOf.get(scenario + "__" + source)!;
        let count = 0;
        for (const other of keys) for (const m of modelsOf.get(other)!) if (mine.has(m)) count++;
        if (count > bestCount) {
          bestCount = count;
          keep = source;
        }
      }
    }
    for (const source of sources) if (source !== keep) drop.add(scenario + "__" + source);
  }
  return rows.filter((r) => !drop.has(r.scenario + "__" + r.source));
}
