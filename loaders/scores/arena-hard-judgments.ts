import {fail} from "../common/fail.js";
import {readLineBatches} from "../common/lines.js";
import {parseJsonLine} from "../common/jsonl.js";
import {SkipCounter, type WarningOptions} from "../common/warn.js";
import {TidyTableBuilder} from "../tidy/builder.js";
import {checkTextFile} from "../tidy/file-checks.js";
import type {SampleRow} from "../tidy/rows.js";
import type {TidyTable} from "../tidy/table.js";

/** Options for the Arena-Hard judgment readers. */
export interface ArenaHardOptions extends WarningOptions {
  /** Baseline model when records lack a `baseline` field (v0.1 files; default `"gpt-4-0314"`). */
  baseline?: string;
}

type Verdict = {winner: "first" | "second" | "tie"; strong: boolean};

/** `"A>B"`, `"B>>A"`, `"A=B"`, `"A<B"` … → who won in the game's own A/B positions; null when unparsed. */
function verdict(label: unknown): Verdict | null {
  if (typeof label !== "string") return null;
  const t = label.replace(/\s+/g, "");
  if (/^(A=B|B=A)$/.test(t)) return {winner: "tie", strong: false};
  const m = /^([AB])(>>|>|<<|<)([AB])$/.exec(t);
  if (!m || m[1] === m[3]) return null;
  const aWins = (m[1] === "A") === m[2].startsWith(">");
  return {winner: aWins ? "first" : "second", strong: m[2].length === 2};
}

interface Judgment {
  item: string;
  model: string;
  baseline: string;
  judge: string;
  /** Outcome for the judged model per parsed game: 1 win, 0.5 tie, 0 loss, with the decisive flag. */
  games: {outcome: number; strong: boolean}[];
  line: number;
}

/**
 * Game 1 shows the baseline as A and the model as B; game 2 swaps them (arena-hard-auto `gen_judgment.py`), so
 * `A>B` is a loss for the model in game 1 and a win in game 2 — `show_result.py` reads them the same way.
 */
async function* judgments(file: string, options: ArenaHardOptions, skipped: SkipCounter): AsyncGenerator<Judgment[]> {
  for await (const lines of readLineBatches(file)) {
    const out: Judgment[] = [];
    for (const {text, line} of lines) {
      if (text.trim() === "") continue;
      const r = parseJsonLine(text, {file, line}) as Record<string, unknown>;
      const item = r?.uid ?? r?.question_id;
      if (!r || typeof r !== "object" || (typeof item !== "string" && typeof item !== "number") || typeof r.model !== "string" || !Array.isArray(r.games)) {
        fail("format", 'expected an Arena-Hard judgment: "uid" (or "question_id"), "model" and a "games" list', {file, line});
      }
      if (r.games.length > 2) fail("format", `expected at most 2 games (original and swapped order), got ${r.games.length}`, {file, line, field: "games"});
      const games: Judgment["games"] = [];
      (r.games as {score?: unknown}[]).forEach((game, index) => {
        const v = verdict(game?.score);
        if (!v) {
          // Upstream (show_result.py) gives a game without a parsable verdict weight 0.
          skipped.add(UNPARSED_GAMES, {file, line});
          return;
        }
        const modelIsFirst = index === 1;
        const outcome = v.winner === "tie" ? 0.5 : (v.winner === "first") === modelIsFirst ? 1 : 0;
        games.push({outcome, strong: v.strong});
      });
      out.push({
        item: String(item),
        model: r.model,
        baseline: typeof r.baseline === "string" ? r.baseline : (options.baseline ?? "gpt-4-0314"),
        judge: typeof r.judge === "string" ? r.judge : "",
        games,
        line
      });
    }
    yield out;
  }
}

/** The warning for games {@link judgments} leaves out. */
const UNPARSED_GAMES = "games whose verdict is not A>B, A>>B, A=B, B>A or B>>A (null or unparsed judge output; weight 0, as in arena-hard-auto)";

/**
 * Reads Arena-Hard-Auto judgment JSONL (`model_judgment/<judge>/<model>.jsonl`: one line per question with
 * `uid` (v2; `question_id` in v0.1), `model`, optional `baseline`, `judge`, and `games` — the verdict in each of
 * two position orders, e.g. `{"score": "A>>B"}`) into a `samples` table: `benchmark = "arena_hard"`, `item` =
 * the question id, `metric = "score"`, `value` = the judged model's mean outcome over the parsed games (win 1,
 * tie 0.5, loss 0). Games whose verdict could not be parsed are left out as upstream does, and counted in one
 * warning (`onWarning`); a question without any parsed game gives NaN. The same files read as battles (for
 * Bradley–Terry, as `show_result.py` does) come from `readBattles(path, {format: "arena-hard"})`. A line that
 * is not a judgment, more than two games, or an empty file fails at its line.
 *
 * @example
 * (await readArenaHardJudgments("model_judgment/gpt-4-1106-preview/llama-3-70b.jsonl")).rows()[0];
 * // {model: "llama-3-70b", benchmark: "arena_hard", item: "328c149e…", metric: "score", value: 0.75}
 */
export async function readArenaHardJudgments(file: string, options: ArenaHardOptions = {}): Promise<TidyTable<SampleRow>> {
  await checkTextFile(file, {what: "Arena-Hard judgments (JSON lines)", lastLineBreak: false});
  const builder = new TidyTableBuilder<SampleRow>("samples", {source: file});
  const skipped = new SkipCounter();
  for await (const batch of judgments(file, options, skipped)) {
    for (const j of batch) {
      const value = j.games.length ? j.games.reduce((s, g) => s + g.outcome, 0) / j.games.length : NaN;
      builder.add({model: j.model, benchmark: "arena_hard", item: j.item, metric: "score", value}, {file, line: j.line});
    }
  }
  skipped.report(options, file);
  if (builder.size === 0) fail("empty", "no judgment records", {file, line: 1});
  return builder.finish();
}

/**
 * Whether a JSONL's first record looks like an Arena-Hard judgment (a `games` list and a question id).
 *
 * @example
 * isArenaHardJudgmentLine('{"question_id": "q1", "model": "m", "games": [{"score": "A>B"}]}') // true
 */
export function isArenaHardJudgmentLine(line: string): boolean {
  return /"games"\s*:\s*\[/.test(line) && /"(uid|question_id)"\s*:/.test(line);
}
