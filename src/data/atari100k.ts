/**
 * Readers for the Atari 100k score files of the rliable bucket (see data/rl/SOURCE.md), shared by the
 * `atari100k-*.csv.ts` data loaders and their tests. They parse, validate and human-normalise; they
 * compute no statistics. Every problem is a `BenchstatsError` naming the file and the game/run/field.
 *
 * Output follows the tidy **runs** contract of DESIGN.md:
 * `experiment, algorithm, task, seed, step, metric, value`, one row per (agent, game, run[, checkpoint]).
 */
import {readFileSync} from "node:fs";
import {basename} from "node:path";
import {parse} from "csv-parse/sync";
import {BenchstatsError} from "../../lib/core/errors.js";
import {formatTable} from "../../loaders/tidy/write.js";

/** One row of the tidy runs table. */
export interface RunRow {
  experiment: string;
  algorithm: string;
  task: string;
  seed: number;
  step: number;
  metric: string;
  value: number;
}

/** Random-agent and human reference scores of one game. */
export interface ReferenceScore {
  random: number;
  human: number;
}

/** How an agent's file is laid out: raw scores `{game: number[]}` or CURL's already-normalised records. */
export type AgentFormat = "raw-json" | "curl-hns-json";

/** An agent of the Atari 100k comparison: the name shown in reports and the file holding its runs. */
export interface AgentFile {
  algorithm: string;
  file: string;
  format: AgentFormat;
  /** Shown in the paper (rliable's seven agents) or an extra agent the page offers unchecked. */
  inPaper: boolean;
}

/**
 * The seven agents of Agarwal et al. (2021), Fig. 1/3/4, with the paper's names (DrQ(ε) and OTR), plus
 * PlayVirtual, which is in the same bucket but not in the paper.
 */
export const ATARI100K_AGENTS: readonly AgentFile[] = [
  {algorithm: "CURL", file: "CURL_10_evals.json", format: "curl-hns-json", inPaper: true},
  {algorithm: "DER", file: "DER.json", format: "raw-json", inPaper: true},
  {algorithm: "DrQ", file: "DrQ.json", format: "raw-json", inPaper: true},
  {algorithm: "DrQ(ε)", file: "DrQ_eps.json", format: "raw-json", inPaper: true},
  {algorithm: "OTR", file: "OTRainbow.json", format: "raw-json", inPaper: true},
  {algorithm: "SimPLe", file: "SimPLe.json", format: "raw-json", inPaper: true},
  {algorithm: "SPR", file: "SPR.json", format: "raw-json", inPaper: true},
  {algorithm: "PlayVirtual", file: "PlayVirtual.json", format: "raw-json", inPaper: false}
];

/** The experiment name written to the `experiment` column. */
export const EXPERIMENT = "atari100k";
/** The metric name written to the `metric` column. */
export const HNS = "human_normalized_score";
/** Agent steps at the end of training (100k steps = 400k frames with action repeat 4). */
export const FINAL_STEP = 100_000;
/** DER evaluated every 10k agent steps: iteration i (0..9) is at (i + 1)·10k steps. */
export const DER_EVAL_INTERVAL = 10_000;

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new BenchstatsError("io", `cannot read the file (${(error as Error).message})`, {file: path});
  }
}

function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BenchstatsError("parse", `expected JSON (${(error as Error).message})`, {file: path});
  }
}

function readCsv(path: string, columns: string[]): Record<string, string>[] {
  let records: Record<string, string>[];
  try {
    records = parse(readText(path), {columns: true, skip_empty_lines: true, trim: true});
  } catch (error) {
    throw new BenchstatsError("parse", `expected CSV (${(error as Error).message})`, {file: path});
  }
  const header = records.length ? Object.keys(records[0]) : [];
  for (const column of columns) {
    if (!header.includes(column)) {
      throw new BenchstatsError("parse", `expected a "${column}" column (columns: ${columns.join(", ")}), found ${header.join(", ") || "no rows"}`, {file: path, line: 1});
    }
  }
  return records;
}

function finiteNumber(text: string | undefined, file: string, line: number, field: string): number {
  const value = text === undefined || text === "" ? NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new BenchstatsError("parse", `expected a finite number, got ${JSON.stringify(text)}`, {file, line, field});
  }
  return value;
}

/**
 * Reads `atari100k_reference_scores.csv` (`game, random, human`) into a map game → reference scores.
 * Human-normalised score = (score − random) / (human − random), so `human` must differ from `random`.
 * @example readReferenceScores(dataPath("rl", "atari100k", "atari100k_reference_scores.csv")).get("Pong") // {random: -20.7, human: 14.6}
 */
export function readReferenceScores(path: string): Map<string, ReferenceScore> {
  const file = basename(path);
  const records = readCsv(path, ["game", "random", "human"]);
  const table = new Map<string, ReferenceScore>();
  records.forEach((record, i) => {
    const line = i + 2; // 1-based, after the header
    const game = record.game;
    if (!game) throw new BenchstatsError("parse", "expected a game name", {file: path, line, field: "game"});
    if (table.has(game)) throw new BenchstatsError("duplicate", `game "${game}" appears twice`, {file: path, line, field: "game"});
    const random = finiteNumber(record.random, path, line, "random");
    const human = finiteNumber(record.human, path, line, "human");
    if (human === random) {
      throw new BenchstatsError("degenerate", `human and random scores of "${game}" are equal (${human}); normalisation would divide by zero`, {file: path, line});
    }
    table.set(game, {random, human});
  });
  if (table.size === 0) throw new BenchstatsError("empty", `no games in ${file}`, {file: path});
  return table;
}

/**
 * Human-normalised score: (score − random) / (human − random) (Mnih et al. 2015; rliable colab's
 * `score_normalization`). The lib's `minMaxNormalize` does the same for whole matrices.
 * @example humanNormalize(14.6, {random: -20.7, human: 14.6}) // 1
 */
export function humanNormalize(score: number, reference: ReferenceScore): number {
  return (score - reference.random) / (reference.human - reference.random);
}

function checkGames(path: string, games: Iterable<string>, reference: Map<string, ReferenceScore>): void {
  const seen = new Set(games);
  for (const game of seen) {
    if (!reference.has(game)) {
      throw new BenchstatsError("unknown-task", `game "${game}" is not in the reference table (expected one of ${[...reference.keys()].join(", ")})`, {file: path, field: game});
    }
  }
  for (const game of reference.keys()) {
    if (!seen.has(game)) throw new BenchstatsError("missing", `no runs for game "${game}" (every reference game needs runs)`, {file: path, field: game});
  }
}

/**
 * Reads a raw-score agent file `{game: [score_run1, …]}` into `{game: raw scores in run order}`.
 * Every value must be a finite number; the run counts may differ between games.
 * @example readRawAgentScores(`${dir}/DER.json`).get("Pong")!.length // 100
 */
export function readRawAgentScores(path: string): Map<string, number[]> {
  const json = readJson(path);
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new BenchstatsError("parse", "expected a JSON object {game: [score per run]}", {file: path});
  }
  const scores = new Map<string, number[]>();
  for (const [game, runs] of Object.entries(json as Record<string, unknown>)) {
    if (!Array.isArray(runs) || runs.length === 0) {
      throw new BenchstatsError("parse", `expected a non-empty array of run scores for game "${game}"`, {file: path, field: game});
    }
    runs.forEach((value, run) => {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new BenchstatsError("parse", `expected a finite number, got ${JSON.stringify(value)}`, {file: path, field: game, row: run});
      }
    });
    scores.set(game, runs as number[]);
  }
  return scores;
}

/**
 * Reads CURL's `CURL_10_evals.json` (records `{game, seed, HNS, Max HNS}`) into
 * `{game: [{seed, hns}] sorted by seed}`. `HNS` is already human-normalised and used as is (like the colab).
 * @example readCurlScores(`${dir}/CURL_10_evals.json`).get("Alien")![0] // {seed: 1, hns: 0.0538268671}
 */
export function readCurlScores(path: string): Map<string, {seed: number; hns: number}[]> {
  const json = readJson(path);
  if (!Array.isArray(json)) throw new BenchstatsError("parse", "expected a JSON array of {game, seed, HNS} records", {file: path});
  const scores = new Map<string, {seed: number; hns: number}[]>();
  json.forEach((record: unknown, row) => {
    const r = record as {game?: unknown; seed?: unknown; HNS?: unknown};
    if (r === null || typeof r !== "object" || typeof r.game !== "string") {
      throw new BenchstatsError("parse", "expected a record with a string \"game\"", {file: path, row, field: "game"});
    }
    if (typeof r.seed !== "number" || !Number.isInteger(r.seed)) {
      throw new BenchstatsError("parse", `expected an integer seed, got ${JSON.stringify(r.seed)}`, {file: path, row, field: "seed"});
    }
    if (typeof r.HNS !== "number" || !Number.isFinite(r.HNS)) {
      throw new BenchstatsError("parse", `expected a finite number, got ${JSON.stringify(r.HNS)}`, {file: path, row, field: "HNS"});
    }
    let runs = scores.get(r.game);
    if (!runs) scores.set(r.game, (runs = []));
    if (runs.some((d) => d.seed === r.seed)) {
      throw new BenchstatsError("duplicate", `seed ${r.seed} of game "${r.game}" appears twice`, {file: path, row, field: "seed"});
    }
    runs.push({seed: r.seed, hns: r.HNS});
  });
  for (const runs of scores.values()) runs.sort((a, b) => a.seed - b.seed);
  return scores;
}

/**
 * The final human-normalised scores of one agent as tidy run rows, games in the reference table's order
 * and runs in file order (seed = 1-based run number; CURL keeps its own seeds).
 * @example agentRuns(dir, ATARI100K_AGENTS[1], readReferenceScores(`${dir}/atari100k_reference_scores.csv`)).length // 2600 (DER)
 */
export function agentRuns(dir: string, agent: AgentFile, reference: Map<string, ReferenceScore>): RunRow[] {
  const path = `${dir}/${agent.file}`;
  const rows: RunRow[] = [];
  const base = {experiment: EXPERIMENT, algorithm: agent.algorithm, step: FINAL_STEP, metric: HNS};
  if (agent.format === "curl-hns-json") {
    const scores = readCurlScores(path);
    checkGames(path, scores.keys(), reference);
    for (const task of reference.keys()) {
      for (const {seed, hns} of scores.get(task)!) rows.push({...base, task, seed, value: hns});
    }
  } else {
    const scores = readRawAgentScores(path);
    checkGames(path, scores.keys(), reference);
    for (const [task, ref] of reference) {
      scores.get(task)!.forEach((score, run) => rows.push({...base, task, seed: run + 1, value: humanNormalize(score, ref)}));
    }
  }
  return rows;
}

/**
 * All agents' final human-normalised scores as one tidy runs table (agents in `agents` order).
 * @example atari100kRuns(dataPath("rl", "atari100k"))[0] // {experiment: "atari100k", algorithm: "CURL", task: "Alien", seed: 1, step: 100000, metric: "human_normalized_score", value: 0.0538268671}
 */
export function atari100kRuns(dir: string, agents: readonly AgentFile[] = ATARI100K_AGENTS): RunRow[] {
  const reference = readReferenceScores(`${dir}/atari100k_reference_scores.csv`);
  return agents.flatMap((agent) => agentRuns(dir, agent, reference));
}

/**
 * DER's ten evaluations during training (`DER_10_evals.csv`: `game, run_number, iteration, eval_average_return`)
 * as tidy run rows of human-normalised scores, step = (iteration + 1)·10k agent steps. Rows come out sorted by
 * game (reference order), run, iteration; each (game, run) must have all ten iterations exactly once.
 * @example derCurveRuns(dataPath("rl", "atari100k")).length // 26,000 = 26 games × 100 runs × 10 checkpoints
 */
export function derCurveRuns(dir: string): RunRow[] {
  const reference = readReferenceScores(`${dir}/atari100k_reference_scores.csv`);
  const path = `${dir}/DER_10_evals.csv`;
  const records = readCsv(path, ["game", "run_number", "iteration", "eval_average_return"]);
  const byGame = new Map<string, Map<number, Float64Array>>();
  const iterations = 10;
  records.forEach((record, i) => {
    const line = i + 2;
    const game = record.game;
    const ref = reference.get(game);
    if (!ref) throw new BenchstatsError("unknown-task", `game "${game}" is not in the reference table`, {file: path, line, field: "game"});
    const run = finiteNumber(record.run_number, path, line, "run_number");
    const iteration = finiteNumber(record.iteration, path, line, "iteration");
    if (!Number.isInteger(run) || run < 1) throw new BenchstatsError("parse", `expected a run number ≥ 1, got ${record.run_number}`, {file: path, line, field: "run_number"});
    if (!Number.isInteger(iteration) || iteration < 0 || iteration >= iterations) {
      throw new BenchstatsError("parse", `expected an iteration in 0..${iterations - 1}, got ${record.iteration}`, {file: path, line, field: "iteration"});
    }
    const score = finiteNumber(record.eval_average_return, path, line, "eval_average_return");
    let runs = byGame.get(game);
    if (!runs) byGame.set(game, (runs = new Map()));
    let curve = runs.get(run);
    if (!curve) runs.set(run, (curve = new Float64Array(iterations).fill(NaN)));
    if (!Number.isNaN(curve[iteration])) {
      throw new BenchstatsError("duplicate", `game "${game}" run ${run} iteration ${iteration} appears twice`, {file: path, line});
    }
    curve[iteration] = humanNormalize(score, ref);
  });
  checkGames(path, byGame.keys(), reference);
  const rows: RunRow[] = [];
  for (const task of reference.keys()) {
    const runs = byGame.get(task)!;
    for (const run of [...runs.keys()].sort((a, b) => a - b)) {
      const curve = runs.get(run)!;
      curve.forEach((value, iteration) => {
        if (Number.isNaN(value)) {
          throw new BenchstatsError("missing", `game "${task}" run ${run} lacks iteration ${iteration} (expected 0..${iterations - 1})`, {file: path, field: "iteration"});
        }
        rows.push({experiment: EXPERIMENT, algorithm: "DER", task, seed: run, step: (iteration + 1) * DER_EVAL_INTERVAL, metric: HNS, value});
      });
    }
  }
  return rows;
}

/**
 * Formats tidy run rows as CSV through the one table writer (loaders/tidy/write.ts): numbers use
 * JavaScript's shortest round-trip form, so they parse back exactly; a missing value (NaN) is an empty field.
 * @example runsToCsv(atari100kRuns(dir)).split("\n")[0] // "experiment,algorithm,task,seed,step,metric,value"
 */
export function runsToCsv(rows: readonly RunRow[]): string {
  return formatTable(rows, "csv", ["experiment", "algorithm", "task", "seed", "step", "metric", "value"]);
}
