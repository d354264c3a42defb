/**
 * Arena-Hard-Auto judgments (`model_judgment/<judge>/<model>.jsonl`, or a JSON array of the same records) as
 * battles against the baseline, the way arena-hard-auto's `show_result.py` counts them: game 1 shows the
 * baseline as A, game 2 swaps the positions; a strong verdict (`A>>B`) counts `strongWeight` battles; a game
 * whose verdict could not be parsed counts none (reported in one warning).
 */
import type {ErrorLocation} from "../../lib/core/errors.js";
import {fail} from "../common/fail.js";
import {streamJson} from "../common/json-stream.js";
import {parseJsonLine} from "../common/jsonl.js";
import {readLines} from "../common/lines.js";
import {SkipCounter, type WarningOptions} from "../common/warn.js";
import {TidyTableBuilder} from "../tidy/builder.js";
import {checkTextFile} from "../tidy/file-checks.js";
import type {BattleRow} from "../tidy/rows.js";
import type {TidyTable} from "../tidy/table.js";

/** What the Arena-Hard reader needs from `ReadBattlesOptions`. */
export interface ArenaHardBattleOptions extends WarningOptions {
  baseline?: string;
  strongWeight?: number;
}

const VERDICTS: Record<string, ["a" | "b" | "tie", boolean]> = {
  "A=B": ["tie", false],
  "A>B": ["a", false],
  "A>>B": ["a", true],
  "B>A": ["b", false],
  "B>>A": ["b", true]
};

const UNPARSED = "games whose verdict is not A>B, A>>B, A=B, B>A or B>>A (null or unparsed judge output; no battle, as in arena-hard-auto)";

/**
 * Reads Arena-Hard judgments (JSONL, or a JSON array when `json`) into battles: `model_a` = the baseline
 * (`baseline` field, else `options.baseline`, else `gpt-4-0314`), `model_b` = the judged model, `winner` from
 * the baseline's side, `game` = 1 or 2, with `question_id` and `judge` when the record has them.
 *
 * @example
 * await readArenaHardBattles("judgments.jsonl", false, {strongWeight: 1});
 */
export async function readArenaHardBattles(path: string, json: boolean, options: ArenaHardBattleOptions): Promise<TidyTable<BattleRow>> {
  await checkTextFile(path, {what: "Arena-Hard judgments", lastLineBreak: false});
  const builder = new TidyTableBuilder<BattleRow>("battles", {source: path});
  const skipped = new SkipCounter();
  if (json) {
    for await (const {value, offset} of streamJson(path, ["$.*"])) addJudgment(value, {file: path, offset}, options, builder, skipped);
  } else {
    for await (const {text, line} of readLines(path)) {
      if (!text.trim()) continue;
      addJudgment(parseJsonLine(text, {file: path, line}), {file: path, line}, options, builder, skipped);
    }
  }
  skipped.report(options, path);
  if (builder.size === 0) fail("empty", skipped.total ? "no battles: no game has a parsable verdict" : "no judgment records", {file: path, line: 1});
  return builder.finish();
}

function addJudgment(record: unknown, at: ErrorLocation, options: ArenaHardBattleOptions, builder: TidyTableBuilder<BattleRow>, skipped: SkipCounter): void {
  if (record === null || typeof record !== "object" || Array.isArray(record)) fail("format", "each judgment must be a JSON object", at);
  const r = record as Record<string, unknown>;
  const model = typeof r.model === "string" && r.model.trim() ? r.model.trim() : fail("value", `model must name a model, got ${JSON.stringify(r.model)}`, {...at, field: "model"});
  const baseline = typeof r.baseline === "string" ? r.baseline : (options.baseline ?? "gpt-4-0314");
  const strong = options.strongWeight ?? 3;
  const games = r.games;
  if (!Array.isArray(games) || games.length === 0) fail("format", "Arena-Hard judgment needs a non-empty games array", {...at, field: "games"});
  games.forEach((game: unknown, g: number) => {
    const score = game !== null && typeof game === "object" ? (game as {score?: unknown}).score : undefined;
    const verdict = typeof score === "string" ? VERDICTS[score.trim()] : undefined;
    if (!verdict) {
      skipped.add(UNPARSED, at);
      return;
    }
    // Game 1 shows the baseline as A; game 2 swaps, so its A is the judged model.
    const [label, isStrong] = verdict;
    const forBaseline = g % 2 === 0 ? label : label === "a" ? "b" : label === "b" ? "a" : "tie";
    const row: Record<string, unknown> = {model_a: baseline, model_b: model, winner: forBaseline, game: g + 1};
    if (r.question_id !== undefined) row.question_id = r.question_id;
    if (typeof r.judge === "string") row.judge = r.judge;
    for (let k = 0; k < (isStrong ? strong : 1); ++k) builder.add(row, at);
  });
}
