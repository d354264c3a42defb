// Which score or sample format a file is in: each format's signature (a name, header cells or keys of the
// first record) written once, used by readScores / readSamples and by the data-folder inventory.
import {fail} from "../common/fail.js";
import {firstLine} from "../common/lines.js";
import {csvHeader} from "../tidy/locate.js";
import {isArenaHardJudgmentLine} from "./arena-hard-judgments.js";

/** Score formats `readScores` recognises. */
export type ScoreFormat = "lm-eval" | "alpaca-eval" | "arena-hard" | "csv" | "parquet";

/** Sample formats `readSamples` recognises. */
export type SampleFormat = "lm-eval" | "alpaca-eval" | "arena-hard" | "csv" | "parquet";

/**
 * The leaderboard format of a scores CSV from its header cells: AlpacaEval (`length_controlled_winrate`,
 * or `win_rate` with `n_total`), Arena-Hard (`rating_q025`), the generic scores CSV (`model, benchmark,
 * task, score`); `undefined` otherwise.
 *
 * @example
 * scoreCsvFormat(["model", "score", "rating_q025", "rating_q975"]) // "arena-hard"
 */
export function scoreCsvFormat(header: readonly string[]): ScoreFormat | undefined {
  if (header.includes("length_controlled_winrate") || (header.includes("win_rate") && header.includes("n_total"))) return "alpaca-eval";
  if (header.includes("rating_q025")) return "arena-hard";
  if (["model", "benchmark", "task", "score"].every((c) => header.includes(c))) return "csv";
  return undefined;
}

/**
 * The sample format of a JSONL file from its first record: lm-evaluation-harness samples (`"doc_id"`),
 * AlpacaEval annotations (`"generator_2"`), Arena-Hard-Auto judgments (`"games"` and a question id);
 * `undefined` otherwise.
 *
 * @example
 * sampleJsonlFormat('{"doc_id": 0, "target": "A", …}') // "lm-eval"
 */
export function sampleJsonlFormat(line: string): Exclude<SampleFormat, "csv" | "parquet"> | undefined {
  if (/"doc_id"\s*:/.test(line)) return "lm-eval";
  if (isAlpacaEvalAnnotation(line)) return "alpaca-eval";
  if (isArenaHardJudgmentLine(line)) return "arena-hard";
  return undefined;
}

/**
 * Whether text from the start of a JSON or JSONL file holds an AlpacaEval annotation (`"generator_2"`).
 *
 * @example
 * isAlpacaEvalAnnotation('[{"instruction": "…", "generator_1": "gpt4_turbo", "generator_2": "m", …') // true
 */
export function isAlpacaEvalAnnotation(head: string): boolean {
  return /"generator_2"\s*:/.test(head);
}

/**
 * Whether the start of a JSON file is an lm-evaluation-harness results file: a `"results"` object next to
 * `"versions"`, `"config"` or `"n-shot"`, or a `"results"` object in a file named `results_*.json`.
 * (`readScores` reads any `.json` as lm-eval results and reports where it is not; this is for telling
 * formats apart in a folder of mixed files.)
 *
 * @example
 * isLmEvalResults("results_2024-05-01.json", '{"results": {"arc_easy": {…}}, "versions": {…}') // true
 */
export function isLmEvalResults(name: string, head: string): boolean {
  return /"results"\s*:/.test(head) && (/"versions"\s*:|"config"\s*:|"n-shot"\s*:/.test(head) || /^results_/i.test(name));
}

/**
 * The format of a scores file from its name and header: `.json` is lm-eval results, a `.csv` is placed by
 * {@link scoreCsvFormat}; anything else is a located `format` error.
 *
 * @example
 * await detectScoreFormat("arena_hard_leaderboard_20240731.csv") // "arena-hard"
 */
export async function detectScoreFormat(path: string): Promise<ScoreFormat> {
  // A tidy scores table (written by `benchstats convert` or any Parquet writer).
  if (/\.(parquet|pq)$/i.test(path)) return "parquet";
  if (/\.json(\.gz)?$/i.test(path)) return "lm-eval";
  if (/\.csv(\.gz)?$/i.test(path)) {
    const header = await csvHeader(path, ",");
    const format = scoreCsvFormat(header);
    if (format) return format;
    fail("format", `unrecognised scores CSV header ${JSON.stringify(header.slice(0, 6))}; expected an AlpacaEval or Arena-Hard leaderboard or model,benchmark,task,score`, {file: path, line: 1});
  }
  fail("format", "unrecognised scores file; expected lm-eval results_*.json or a leaderboard/scores .csv, or pass {format}", {file: path});
}

/**
 * The format of a samples file: a `.csv` is the samples CSV, a `.json` AlpacaEval annotations, a `.jsonl`
 * placed by its first record ({@link sampleJsonlFormat}); anything else is a located `format` error.
 *
 * @example
 * await detectSampleFormat("samples_arc_easy_2024.jsonl") // "lm-eval"
 */
export async function detectSampleFormat(path: string): Promise<SampleFormat> {
  if (/\.(parquet|pq)$/i.test(path)) return "parquet";
  if (/\.csv(\.gz)?$/i.test(path)) return "csv";
  if (/\.json(\.gz)?$/i.test(path)) return "alpaca-eval";
  if (/\.jsonl(\.gz)?$/i.test(path)) {
    const format = sampleJsonlFormat((await firstLine(path)) ?? "");
    if (format) return format;
    fail("format", 'unrecognised samples JSONL: expected lm-eval records ("doc_id"), AlpacaEval annotations ("generator_2") or Arena-Hard judgments ("games")', {file: path, line: 1});
  }
  fail("format", "unrecognised samples file; expected .jsonl, .json or .csv, or pass {format}", {file: path});
}
