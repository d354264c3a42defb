// Arena battle logs → the tidy `battles` table (docs/design.md): model_a, model_b, winner (a | b | tie)
// + judge, tstamp, question_id and any other columns as they come. Node-only.
import {fail} from "./common/fail.js";
import {readTable} from "./tidy/read.js";
import {streamJson} from "./common/json-stream.js";
import {firstLine} from "./common/lines.js";
import {isArenaHardJudgmentLine} from "./scores/arena-hard-judgments.js";
import type {WarningOptions} from "./common/warn.js";
import {readArenaHardBattles} from "./battles/arena-hard.js";
import {readBattleRecords} from "./battles/records.js";
import type {BattleRow} from "./tidy/rows.js";
import type {TidyTable} from "./tidy/table.js";

export type {BattleRow} from "./tidy/rows.js";
/** The battles row type under its earlier name. */
export type Battle = BattleRow;

export type BattleFormat = "csv" | "json" | "jsonl" | "arena-hard" | "parquet";

export interface ReadBattlesOptions extends WarningOptions {
  /** Force a format; default: from the extension (.csv/.tsv, .json, .jsonl) and the first record. */
  format?: BattleFormat;
  /**
   * For files with several verdict columns `winner_<judge>` (e.g. human vs LLM judges): keep only this
   * judge. Default: one row per battle and judge, with `judge` set (long format).
   */
  judge?: string;
  /** Arena-Hard: the baseline model every judged model is compared with (default `gpt-4-0314`). */
  baseline?: string;
  /** Arena-Hard: battles a strong verdict (`A>>B`) counts as (default 3, as `show_result.py`). */
  strongWeight?: number;
  /** Verdicts that are not a win, loss or tie (`invalid`, `garbage`, empty): `error` (default) or `skip`. */
  invalid?: "error" | "skip";
}

// The same labels as the SQL of loaders/battles/records.ts, for callers that normalise one verdict.
const TIE = new Set(["tie", "tie (bothbad)", "tie(bothbad)", "draw", "both_bad", "bothbad", "=", "a=b"]);

/**
 * Maps a verdict label to `a | b | tie`: `a`/`model_a`/`A`/`1` → a, `b`/`model_b`/`B`/`2` → b, and
 * `tie`, `tie (bothbad)` (FastChat counts both kinds as ties), `draw`, `A=B` → tie. Returns
 * `undefined` for anything else.
 *
 * @example
 * normalizeVerdict("model_b"); // "b"
 * normalizeVerdict("tie (bothbad)"); // "tie"
 */
export function normalizeVerdict(label: unknown): "a" | "b" | "tie" | undefined {
  if (typeof label === "number") return label === 1 ? "a" : label === 2 ? "b" : label === 0 ? "tie" : undefined;
  if (typeof label !== "string") return undefined;
  const v = label.trim().toLowerCase();
  if (v === "a" || v === "model_a" || v === "1") return "a";
  if (v === "b" || v === "model_b" || v === "2") return "b";
  if (TIE.has(v) || v === "0") return "tie";
  return undefined;
}

/**
 * Reads an arena battle log into the tidy `battles` table. Accepts FastChat / Chatbot Arena battle exports
 * (CSV, TSV, a JSON array, `{"battles": [...]}` or JSONL records with `model_a, model_b, winner`, read
 * through DuckDB), tables with one verdict column per judge (`winner_human, winner_gpt4…` → one row per
 * battle and judge, with `judge`), and Arena-Hard-Auto judgment JSONL (`{question_id, model, judge, games:
 * [{score: "A>B"}, …]}`: game 1 has the baseline as A, game 2 swaps positions; `A>>B` counts `strongWeight`
 * battles; games whose verdict could not be parsed are skipped, as upstream, and counted in a warning).
 * Other columns are kept, numbers as numbers. A missing model, a verdict that is not a win, loss or tie
 * (unless `{invalid: "skip"}`, which counts what it drops in a warning), a ragged row, an empty or
 * header-only file fail as `BenchstatsError`s naming the file and line.
 *
 * @example
 * const battles = await readBattles("data/battles/chatbot_arena_20models.csv", {judge: "human"});
 * battles.rows()[0]; // {model_a: "chatglm-6b", model_b: "koala-13b", winner: "b", judge: "human", num: 0}
 * const judged = await readBattles("judgments/gpt-4-1106-preview/model.jsonl", {format: "arena-hard"});
 */
export async function readBattles(path: string, options: ReadBattlesOptions = {}): Promise<TidyTable<BattleRow>> {
  const format = options.format ?? (await detectBattleFormat(path));
  switch (format) {
    case "csv":
      return readBattleRecords(path, "csv", options);
    case "json":
      return (await firstRecordHasGames(path)) ? readArenaHardBattles(path, true, options) : readBattleRecords(path, "json", options);
    case "jsonl":
      return readBattleRecords(path, "jsonl", options);
    case "arena-hard":
      return readArenaHardBattles(path, /\.json(\.gz)?$/i.test(path), options);
    case "parquet":
      // A tidy battles table (model_a, model_b, winner ∈ a | b | tie, extra columns kept).
      return readTable<BattleRow>(path, "battles");
    default:
      fail("format", `unknown battles format ${JSON.stringify(format)}; expected csv, json, jsonl, arena-hard or parquet`, {file: path});
  }
}

/**
 * The battles format of a file: from its extension, and for JSONL from its first record (Arena-Hard-Auto
 * judgments, {@link isArenaHardJudgmentLine}, or battle records); anything else is a located `format` error.
 *
 * @example
 * await detectBattleFormat("chatbot_arena_20models.csv") // "csv"
 */
export async function detectBattleFormat(path: string): Promise<BattleFormat> {
  if (/\.(parquet|pq)$/i.test(path)) return "parquet";
  if (/\.(csv|tsv)(\.gz)?$/i.test(path)) return "csv";
  if (/\.jsonl(\.gz)?$/i.test(path)) return isArenaHardJudgmentLine((await firstLine(path)) ?? "") ? "arena-hard" : "jsonl";
  if (/\.json(\.gz)?$/i.test(path)) return "json";
  fail("format", "unrecognised battles file; expected .csv, .tsv, .json or .jsonl, or pass {format}", {file: path});
}

/**
 * Whether a table's columns (a CSV header, the keys of a JSON record) are those of a battle log: a
 * `model_a` and a `model_b` (the verdict may be `winner` or one `winner_<judge>` column per judge).
 *
 * @example
 * isBattleColumns(["question_id", "model_a", "model_b", "winner_human"]) // true
 */
export function isBattleColumns(columns: readonly string[]): boolean {
  const lower = columns.map((c) => c.trim().toLowerCase());
  return lower.includes("model_a") && lower.includes("model_b");
}

/** Whether the first element of a JSON array is an Arena-Hard judgment (has `games`). */
async function firstRecordHasGames(path: string): Promise<boolean> {
  for await (const {value} of streamJson(path, ["$.*"])) return value !== null && typeof value === "object" && "games" in value;
  return false;
}
