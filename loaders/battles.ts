// Arena battle logs → the tidy `battles` table (DESIGN.md): model_a, model_b, winner (a | b | tie)
// + judge, tstamp, question_id and any other columns as they come. Node-only.
import {readFile} from "node:fs/promises";
import type {ErrorLocation} from "../lib/core/errors.js";
import {readCsv} from "./common/csv.js";
import {fail} from "./common/fail.js";
import {parseJsonLine} from "./common/jsonl.js";
import {readLines} from "./common/lines.js";

/** One tidy battle. `judge` is set when the source names who gave the verdict. */
export interface Battle {
  model_a: string;
  model_b: string;
  winner: "a" | "b" | "tie";
  judge?: string;
  [column: string]: unknown;
}

export type BattleFormat = "csv" | "json" | "jsonl" | "arena-hard";

export interface ReadBattlesOptions {
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
 * Reads an arena battle log into tidy battles. Accepts FastChat / Chatbot Arena battle exports
 * (CSV, JSON array or JSONL records with `model_a, model_b, winner`), tables with one verdict column
 * per judge (`winner_human, winner_gpt4…` → one row per judge), and Arena-Hard-Auto judgment JSONL
 * (`{question_id, model, judge, games: [{score: "A>B"}, …]}`: game 1 has the baseline as A, game 2
 * swaps positions; `A>>B` counts `strongWeight` battles; unparsed scores are skipped, as upstream).
 * Errors are `BenchstatsError`s naming the file and line.
 *
 * @example
 * const battles = await readBattles("data/battles/chatbot_arena_20models.csv", {judge: "human"});
 * const judged = await readBattles("judgments/gpt-4-1106-preview/model.jsonl", {format: "arena-hard"});
 */
export async function readBattles(path: string, options: ReadBattlesOptions = {}): Promise<Battle[]> {
  const format = options.format ?? (await detectBattleFormat(path));
  const rows: Battle[] = [];
  switch (format) {
    case "csv": {
      let header: string[] | null = null;
      const delimiter = /\.tsv(\.gz)?$/i.test(path) ? "\t" : ",";
      for await (const {cells, line} of readCsv(path, {delimiter})) {
        if (!header) {
          header = cells.map((c) => c.trim());
          continue;
        }
        const record: Record<string, unknown> = {};
        header.forEach((name, i) => (record[name] = csvValue(cells[i])));
        addRecord(record, {file: path, line}, options, rows, header);
      }
      if (!header) fail("format", "empty battles file: expected a header with model_a, model_b and winner", {file: path});
      return rows;
    }
    case "json": {
      let data: unknown;
      try {
        data = JSON.parse(await readFile(path, "utf8"));
      } catch (error) {
        fail("parse", `invalid JSON (${(error as Error).message})`, {file: path});
      }
      const records = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.battles) ? data.battles : null;
      if (!records) fail("format", "expected a JSON array of battle records (or {battles: [...]})", {file: path});
      records.forEach((record: unknown, i: number) => {
        if (!isObject(record)) fail("format", "each battle must be a JSON object", {file: path, row: i});
        if ("games" in record) addArenaHard(record, {file: path, row: i}, options, rows);
        else addRecord(record, {file: path, row: i}, options, rows);
      });
      return rows;
    }
    case "jsonl":
    case "arena-hard": {
      for await (const {text, line} of readLines(path)) {
        if (!text.trim()) continue;
        const record = parseJsonLine(text, {file: path, line});
        if (!isObject(record)) fail("format", "each line must be a JSON object", {file: path, line});
        if (format === "arena-hard" || "games" in record) addArenaHard(record, {file: path, line}, options, rows);
        else addRecord(record, {file: path, line}, options, rows);
      }
      return rows;
    }
    default:
      fail("format", `unknown battles format ${JSON.stringify(format)}; expected csv, json, jsonl or arena-hard`, {file: path});
  }
}

async function detectBattleFormat(path: string): Promise<BattleFormat> {
  if (/\.(csv|tsv)(\.gz)?$/i.test(path)) return "csv";
  if (/\.jsonl(\.gz)?$/i.test(path)) {
    for await (const {text} of readLines(path)) if (text.trim()) return /"games"\s*:/.test(text) ? "arena-hard" : "jsonl";
    return "jsonl";
  }
  if (/\.json$/i.test(path)) return "json";
  fail("format", "unrecognised battles file; expected .csv, .tsv, .json or .jsonl, or pass {format}", {file: path});
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function csvValue(cell: string | undefined): unknown {
  if (cell === undefined) return undefined;
  const t = cell.trim();
  if (t === "") return null;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : cell;
}

function modelName(record: Record<string, unknown>, column: string, at: ErrorLocation): string {
  const v = record[column];
  if (typeof v === "string" && v.trim()) return v.trim();
  if (typeof v === "number") return String(v);
  fail("value", `${column} must name a model, got ${JSON.stringify(v)}`, {...at, field: column});
}

function addRecord(
  record: Record<string, unknown>,
  at: ErrorLocation,
  options: ReadBattlesOptions,
  rows: Battle[],
  header: readonly string[] = Object.keys(record),
): void {
  const model_a = modelName(record, "model_a", at);
  const model_b = modelName(record, "model_b", at);
  const verdictColumns = "winner" in record ? ["winner"] : header.filter((c) => c.startsWith("winner_"));
  if (!verdictColumns.length) fail("format", "expected a winner column (or winner_<judge> columns)", {...at, field: "winner"});
  const columns = options.judge !== undefined && verdictColumns[0] !== "winner" ? [`winner_${options.judge}`] : verdictColumns;
  if (!(columns[0] in record)) {
    fail("format", `no verdict column winner_${options.judge}; the file has ${verdictColumns.join(", ")}`, {...at, field: columns[0]});
  }
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key !== "model_a" && key !== "model_b" && !key.startsWith("winner")) extra[key] = value;
  }
  for (const column of columns) {
    const winner = normalizeVerdict(record[column]);
    if (!winner) {
      if (options.invalid === "skip") continue;
      fail("value", `verdict must be model_a / model_b / tie (or a / b / tie), got ${JSON.stringify(record[column])}; pass {invalid: "skip"} to drop such battles`, {
        ...at,
        field: column,
      });
    }
    const judge = column === "winner" ? (typeof record.judge === "string" ? record.judge : undefined) : column.slice("winner_".length);
    const row: Battle = {...extra, model_a, model_b, winner};
    if (judge !== undefined) row.judge = judge;
    rows.push(row);
  }
}

const ARENA_HARD: Record<string, ["a" | "b" | "tie", boolean]> = {
  "A=B": ["tie", false],
  "A>B": ["a", false],
  "A>>B": ["a", true],
  "B>A": ["b", false],
  "B>>A": ["b", true],
};

function addArenaHard(record: Record<string, unknown>, at: ErrorLocation, options: ReadBattlesOptions, rows: Battle[]): void {
  const model = modelName(record, "model", at);
  const baseline = typeof record.baseline === "string" ? record.baseline : options.baseline ?? "gpt-4-0314";
  const strong = options.strongWeight ?? 3;
  const games = record.games;
  if (!Array.isArray(games) || games.length === 0) fail("format", "Arena-Hard judgment needs a non-empty games array", {...at, field: "games"});
  games.forEach((game: unknown, g: number) => {
    const score = isObject(game) ? game.score : undefined;
    const verdict = typeof score === "string" ? ARENA_HARD[score.trim()] : undefined;
    if (!verdict) return; // upstream skips games whose verdict could not be parsed (score null)
    // Game 1 shows the baseline as A; game 2 swaps, so its A is the judged model.
    const [label, isStrong] = verdict;
    const forBaseline = g % 2 === 0 ? label : label === "a" ? "b" : label === "b" ? "a" : "tie";
    const row: Battle = {model_a: baseline, model_b: model, winner: forBaseline, game: g + 1};
    if (record.question_id !== undefined) row.question_id = record.question_id;
    if (typeof record.judge === "string") row.judge = record.judge;
    for (let k = 0; k < (isStrong ? strong : 1); ++k) rows.push({...row});
  });
}
