import {basename} from "node:path";
import {columnIndex, readCsv} from "../common/csv.js";
import {fail, parseNumberCell} from "../common/fail.js";
import type {ScoreRow} from "../types.js";

/**
 * Reads an AlpacaEval leaderboard CSV (tatsu-lab/alpaca_eval `src/alpaca_eval/leaderboards/…_leaderboard.csv`:
 * unnamed first column = model, then `win_rate, standard_error, n_wins, n_wins_base, n_draws, n_total,
 * discrete_win_rate, mode, avg_length, length_controlled_winrate, lc_standard_error`) into two `scores` rows per
 * model: `metric: "win_rate"` (stderr `standard_error`) and, when present, `metric:
 * "length_controlled_winrate"` (stderr `lc_standard_error`); both in %, `n = n_total`,
 * `benchmark = task = "alpaca_eval"`.
 *
 * @example
 * await readAlpacaEvalLeaderboard("weighted_alpaca_eval_gpt4_turbo_leaderboard.csv");
 * // [{model: "NullModel", benchmark: "alpaca_eval", task: "alpaca_eval", metric: "win_rate", score: 76.92, stderr: 0.909, n: 805, source: "…"}, …]
 */
export async function readAlpacaEvalLeaderboard(file: string): Promise<ScoreRow[]> {
  const rows: ScoreRow[] = [];
  let cols: Map<string, number> | undefined;
  const source = `AlpacaEval ${basename(file)}`;
  for await (const {cells, line} of readCsv(file)) {
    if (!cols) {
      cols = columnIndex(cells, ["win_rate", "standard_error", "n_total"], file, "an AlpacaEval leaderboard");
      continue;
    }
    const model = cells[0];
    if (!model) fail("value", "expected a model name in the first column", {file, line, column: 1});
    const n = parseNumberCell(cells[cols.get("n_total")!], {file, line, field: "n_total"});
    const get = (name: string) => parseNumberCell(cells[cols!.get(name)!], {file, line, field: name});
    rows.push({model, benchmark: "alpaca_eval", task: "alpaca_eval", metric: "win_rate", score: get("win_rate"), stderr: get("standard_error"), n, source});
    if (cols.has("length_controlled_winrate")) {
      const stderr = cols.has("lc_standard_error") ? get("lc_standard_error") : NaN;
      rows.push({model, benchmark: "alpaca_eval", task: "alpaca_eval", metric: "length_controlled_winrate", score: get("length_controlled_winrate"), stderr, n, source});
    }
  }
  if (!cols) fail("format", "empty file: expected a header row", {file});
  return rows;
}

/**
 * Reads an Arena-Hard-Auto leaderboard CSV (lmarena/arena-hard-auto `leaderboard/arena_hard_leaderboard_*.csv`:
 * `model, score, rating_q025, rating_q975, CI, avg_tokens, date`) into one `scores` row per model:
 * `metric: "score"` (win rate in % against the baseline from a bootstrapped Bradley–Terry fit), `lower`/`upper`
 * = the bootstrap 2.5% / 97.5% quantiles, `benchmark = task = "arena_hard"`. No standard error is published.
 *
 * @example
 * await readArenaHardLeaderboard("arena_hard_leaderboard_20240731.csv");
 * // [{model: "gpt-4-turbo-2024-04-09", benchmark: "arena_hard", task: "arena_hard", metric: "score", score: 82.63, lower: 80.75, upper: 84.6, source: "…"}, …]
 */
export async function readArenaHardLeaderboard(file: string): Promise<ScoreRow[]> {
  const rows: ScoreRow[] = [];
  let cols: Map<string, number> | undefined;
  const source = `Arena-Hard ${basename(file)}`;
  for await (const {cells, line} of readCsv(file)) {
    if (!cols) {
      cols = columnIndex(cells, ["model", "score", "rating_q025", "rating_q975"], file, "an Arena-Hard leaderboard");
      continue;
    }
    const get = (name: string) => parseNumberCell(cells[cols!.get(name)!], {file, line, field: name});
    rows.push({
      model: cells[cols.get("model")!],
      benchmark: "arena_hard",
      task: "arena_hard",
      metric: "score",
      score: get("score"),
      lower: get("rating_q025"),
      upper: get("rating_q975"),
      source
    });
  }
  if (!cols) fail("format", "empty file: expected a header row", {file});
  return rows;
}

/**
 * Reads the generic long scores CSV, the `scores` table itself: required `model, benchmark, task, score`,
 * optional `stderr, n, source, metric, filter, lower, upper`. Empty / `nan` numbers are NaN.
 *
 * @example
 * // model,benchmark,task,score,stderr
 * // gpt-4,mmlu,mmlu_anatomy,0.83,0.03
 * await readScoresCsv("scores.csv");
 * // [{model: "gpt-4", benchmark: "mmlu", task: "mmlu_anatomy", score: 0.83, stderr: 0.03}]
 */
export async function readScoresCsv(file: string): Promise<ScoreRow[]> {
  const rows: ScoreRow[] = [];
  let cols: Map<string, number> | undefined;
  for await (const {cells, line} of readCsv(file)) {
    if (!cols) {
      cols = columnIndex(cells, ["model", "benchmark", "task", "score"], file, "a scores CSV");
      continue;
    }
    const c = cols;
    const row: ScoreRow = {
      model: cells[c.get("model")!],
      benchmark: cells[c.get("benchmark")!],
      task: cells[c.get("task")!],
      score: parseNumberCell(cells[c.get("score")!], {file, line, field: "score"})
    };
    for (const name of ["stderr", "n", "lower", "upper"] as const) {
      if (c.has(name)) row[name] = parseNumberCell(cells[c.get(name)!], {file, line, field: name});
    }
    for (const name of ["source", "metric", "filter"] as const) if (c.has(name)) row[name] = cells[c.get(name)!];
    rows.push(row);
  }
  if (!cols) fail("format", "empty file: expected a header row", {file});
  return rows;
}
