import {basename} from "node:path";
import {BenchstatsError} from "../../lib/core/errors.js";
import {sqlNumber, type NumberRule} from "../tidy/cells.js";
import {cell, csvTable, scanCsv, type CsvScan} from "../tidy/csv-scan.js";
import {sqlString} from "../tidy/duckdb.js";
import {checkTextFile} from "../tidy/file-checks.js";
import {csvHeader} from "../tidy/locate.js";
import {readTable} from "../tidy/read.js";
import type {ScoreRow} from "../tidy/rows.js";
import {columnTypes} from "../tidy/schema.js";
import type {TidyTable} from "../tidy/table.js";

const PERCENT: NumberRule = {min: 0, max: 100, what: "a win rate in %"};
const SPREAD: NumberRule = {min: 0, what: "a standard error"};

/** The index of each required header name, failing at line 1 with what the header has. */
function columnsOf(scan: CsvScan, required: readonly string[], what: string): (name: string) => number {
  const missing = required.filter((name) => !scan.header.includes(name));
  if (missing.length) {
    throw new BenchstatsError("format", `${what} needs column(s) ${missing.join(", ")}; the header has ${scan.header.map((h) => JSON.stringify(h)).join(", ")}`, {file: scan.file, line: 1});
  }
  return (name) => scan.header.indexOf(name);
}

/** SQL of the number in column `name` of a scan, checked against `rule`, errors naming the column. */
function numberOf(index: (name: string) => number, name: string, rule: NumberRule): string {
  return sqlNumber(cell(index(name)), {record: "__record", column: sqlString(name)}, rule);
}

/**
 * Reads an AlpacaEval leaderboard CSV (tatsu-lab/alpaca_eval `src/alpaca_eval/leaderboards/…_leaderboard.csv`:
 * unnamed first column = model, then `win_rate, standard_error, n_wins, n_wins_base, n_draws, n_total,
 * discrete_win_rate, mode, avg_length, length_controlled_winrate, lc_standard_error`) through DuckDB into two
 * `scores` rows per model: `metric: "win_rate"` (stderr `standard_error`) and, when present, `metric:
 * "length_controlled_winrate"` (stderr `lc_standard_error`); both in % (so in [0, 100]), `n = n_total` (a
 * whole number), `benchmark = task = "alpaca_eval"`. A win rate outside [0, 100], a negative standard error,
 * text where a number belongs, an empty model name or a header-only file fails at its line.
 *
 * @example
 * (await readAlpacaEvalLeaderboard("weighted_alpaca_eval_gpt4_turbo_leaderboard.csv")).rows()[0];
 * // {model: "NullModel", benchmark: "alpaca_eval", task: "alpaca_eval", score: 76.92, stderr: 0.909, n: 805, source: "…", metric: "win_rate"}
 */
export async function readAlpacaEvalLeaderboard(file: string): Promise<TidyTable<ScoreRow>> {
  const scan = await scanCsv(file, {what: "an AlpacaEval leaderboard"});
  const index = columnsOf(scan, ["win_rate", "standard_error", "n_total"], "an AlpacaEval leaderboard");
  const lengthControlled = scan.header.includes("length_controlled_winrate");
  const lcStderr = scan.header.includes("lc_standard_error") ? numberOf(index, "lc_standard_error", SPREAD) : "'NaN'::DOUBLE";
  const metrics = lengthControlled ? ["'win_rate'", "'length_controlled_winrate'"] : ["'win_rate'"];
  const scores = lengthControlled ? ["win_rate", "lc"] : ["win_rate"];
  const stderrs = lengthControlled ? ["standard_error", "lc_standard_error"] : ["standard_error"];
  const values = `SELECT __record, coalesce(${cell(0)}, '') AS model,
      ${numberOf(index, "win_rate", PERCENT)} AS win_rate, ${numberOf(index, "standard_error", SPREAD)} AS standard_error,
      ${numberOf(index, "n_total", {min: 0, integer: true, what: "a count of instructions"})} AS n,
      ${lengthControlled ? numberOf(index, "length_controlled_winrate", PERCENT) : "'NaN'::DOUBLE"} AS lc, ${lcStderr} AS lc_standard_error
    FROM ${scan.from}`;
  const sql = `SELECT __record, model, 'alpaca_eval' AS benchmark, 'alpaca_eval' AS task,
      unnest([${scores.join(", ")}]) AS score, unnest([${stderrs.join(", ")}]) AS stderr, n,
      ${sqlString(`AlpacaEval ${basename(file)}`)} AS source, unnest([${metrics.join(", ")}]) AS metric
    FROM (${values})`;
  return csvTable<ScoreRow>(scan, "scores", sql, columnTypes("scores", ["model", "benchmark", "task", "score", "stderr", "n", "source", "metric"]));
}

/**
 * Reads an Arena-Hard-Auto leaderboard CSV (lmarena/arena-hard-auto `leaderboard/arena_hard_leaderboard_*.csv`:
 * `model, score, rating_q025, rating_q975, CI, avg_tokens, date`) through DuckDB into one `scores` row per
 * model: `metric: "score"` (win rate in % against the baseline from a bootstrapped Bradley–Terry fit),
 * `lower`/`upper` = the bootstrap 2.5% / 97.5% quantiles, `benchmark = task = "arena_hard"`. No standard error
 * is published. A score or bound outside [0, 100], text where a number belongs or a header-only file fails
 * at its line.
 *
 * @example
 * (await readArenaHardLeaderboard("arena_hard_leaderboard_20240731.csv")).rows()[0];
 * // {model: "gpt-4-turbo-2024-04-09", benchmark: "arena_hard", task: "arena_hard", score: 82.63, source: "…", metric: "score", lower: 80.75, upper: 84.6}
 */
export async function readArenaHardLeaderboard(file: string): Promise<TidyTable<ScoreRow>> {
  const scan = await scanCsv(file, {what: "an Arena-Hard leaderboard"});
  const index = columnsOf(scan, ["model", "score", "rating_q025", "rating_q975"], "an Arena-Hard leaderboard");
  const sql = `SELECT __record, coalesce(${cell(index("model"))}, '') AS model, 'arena_hard' AS benchmark, 'arena_hard' AS task,
      ${numberOf(index, "score", PERCENT)} AS score, ${sqlString(`Arena-Hard ${basename(file)}`)} AS source, 'score' AS metric,
      ${numberOf(index, "rating_q025", PERCENT)} AS lower, ${numberOf(index, "rating_q975", PERCENT)} AS upper
    FROM ${scan.from}`;
  return csvTable<ScoreRow>(scan, "scores", sql, columnTypes("scores", ["model", "benchmark", "task", "score", "source", "metric", "lower", "upper"]));
}

/**
 * Reads the generic long scores CSV, the `scores` table itself, through DuckDB ({@link readTable}): required
 * `model, benchmark, task, score`, optional `stderr, n, source, metric, filter, lower, upper`. Empty / `nan`
 * numbers are NaN; text, ±Infinity, a negative stderr or a fractional n fails at its line.
 *
 * @example
 * // model,benchmark,task,score,stderr
 * // gpt-4,mmlu,mmlu_anatomy,0.83,0.03
 * (await readScoresCsv("scores.csv")).rows();
 * // [{model: "gpt-4", benchmark: "mmlu", task: "mmlu_anatomy", score: 0.83, stderr: 0.03}]
 */
export async function readScoresCsv(file: string): Promise<TidyTable<ScoreRow>> {
  await checkTextFile(file, {what: "a scores CSV"});
  const header = await csvHeader(file, ",");
  const missing = ["model", "benchmark", "task", "score"].filter((name) => !header.includes(name));
  if (missing.length) throw new BenchstatsError("format", `a scores CSV needs column(s) ${missing.join(", ")}; the header has ${header.map((h) => JSON.stringify(h)).join(", ")}`, {file, line: 1});
  return readTable<ScoreRow>(file, "scores", {format: "csv"});
}
