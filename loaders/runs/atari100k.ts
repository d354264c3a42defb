/**
 * The Atari 100k score files of the rliable bucket (see data/rl/SOURCE.md) as tidy `runs` tables of
 * human-normalised scores, read through DuckDB (loaders/tidy) and normalised with lib's min-max
 * normalisation against the bucket's random/human reference table. They read, check and normalise; they
 * compute no statistics. Every problem is a `BenchstatsError` naming the file and the line, row or game.
 *
 * Rows: `experiment, algorithm, task, seed, step, metric, value`, one per (agent, game, run[, checkpoint]),
 * games in the reference table's order, runs in file order, seeds numbered from 1.
 */
import {BenchstatsError} from "../../lib/core/errors.js";
import type {LabelColumn} from "../../lib/core/columns.js";
import {minMaxNormalizeRuns, type ReferenceScores} from "../../lib/rl/normalize.js";
import {finalRunRows} from "../../lib/rl/tidy.js";
import {readReference} from "../reference.js";
import {locatedError} from "../tidy/located.js";
import {readTable} from "../tidy/read.js";
import type {RunRow} from "../tidy/rows.js";
import {TidyTable} from "../tidy/table.js";

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
/** DER's evaluations per run in `DER_10_evals.csv`. */
const DER_ITERATIONS = 10;

/** The bucket's random/human table (`game, random, human`) as lib's reference scores, games in file order. */
export function readAtariReference(dir: string): Promise<ReferenceScores> {
  return readReference(`${dir}/atari100k_reference_scores.csv`);
}

/**
 * The final human-normalised scores of one agent: raw scores `{game: [score of run 1, …]}` normalised
 * against `reference` ((score − random) / (human − random), lib's `minMaxNormalizeRuns`), or CURL's records
 * `{game, seed, HNS}` whose `HNS` is normalised already (used as is, like the rliable colab). Every game of
 * the reference needs runs and every game needs a reference.
 *
 * @example
 * (await agentRuns(dir, ATARI100K_AGENTS[1], await readAtariReference(dir))).length // 2600 (DER: 26 games × 100 runs)
 */
export async function agentRuns(dir: string, agent: AgentFile, reference: ReferenceScores): Promise<TidyTable<RunRow>> {
  const path = `${dir}/${agent.file}`;
  const curl = agent.format === "curl-hns-json";
  const table = await readTable<RunRow>(path, "runs", curl ? {rename: {HNS: "value"}, labels: {algorithm: agent.algorithm}} : {});
  await checkRuns(table);
  const ordered = inReferenceOrder(table, reference, path);
  const value = curl ? ordered.numbers("value") : await normalized(ordered, reference);
  // rliable's files number runs from 0; CURL's records carry their own seeds (1-based, written as 1.0).
  const seeds = ordered.labels("seed");
  for (const label of seeds.labels) {
    if (!/^\d+(\.0*)?$/.test(label)) {
      const row = seeds.codes.findIndex((code) => seeds.labels[code] === label);
      throw new BenchstatsError("value", `expected a whole seed number, got ${JSON.stringify(label)}`, {...(await ordered.locate(row)), field: "seed"});
    }
  }
  const seed = relabel(seeds, (label) => String(Number(label) + (curl ? 0 : 1)));
  return finalColumns(ordered, agent.algorithm, seed, value, FINAL_STEP);
}

/**
 * All agents' final human-normalised scores as one tidy runs table (agents in `agents` order).
 *
 * @example
 * (await atari100kRuns(dataPath("rl", "atari100k"))).rows()[0] // {experiment: "atari100k", algorithm: "CURL", task: "Alien", seed: "1", step: 100000, metric: "human_normalized_score", value: 0.0538268671}
 */
export async function atari100kRuns(dir: string, agents: readonly AgentFile[] = ATARI100K_AGENTS): Promise<TidyTable<RunRow>> {
  const reference = await readAtariReference(dir);
  const tables: TidyTable<RunRow>[] = [];
  for (const agent of agents) tables.push(await agentRuns(dir, agent, reference));
  return TidyTable.concat("runs", tables, dir);
}

/**
 * DER's ten evaluations during training (`DER_10_evals.csv`: `game, run_number, iteration,
 * eval_average_return`) as human-normalised scores at step (iteration + 1)·10k. Rows come out sorted by game
 * (reference order), run and iteration; each (game, run) must have iterations 0–9 exactly once.
 *
 * @example
 * (await derCurveRuns(dataPath("rl", "atari100k"))).length // 26,000 = 26 games × 100 runs × 10 checkpoints
 */
export async function derCurveRuns(dir: string): Promise<TidyTable<RunRow>> {
  const path = `${dir}/DER_10_evals.csv`;
  const reference = await readAtariReference(dir);
  const table = await readTable<RunRow>(path, "runs", {rename: {run_number: "seed", iteration: "step", eval_average_return: "value"}, labels: {algorithm: "DER"}});
  await checkRuns(table);
  const iteration = table.numbers("step");
  const seeds = table.labels("seed");
  const games = table.labels("task");
  for (let i = 0; i < table.length; ++i) {
    const it = iteration[i];
    if (!Number.isInteger(it) || it < 0 || it >= DER_ITERATIONS) throw new BenchstatsError("value", `expected an iteration in 0..${DER_ITERATIONS - 1}, got ${it}`, {...(await table.locate(i)), field: "iteration"});
    const run = Number(seeds.labels[seeds.codes[i]]);
    if (!Number.isInteger(run) || run < 1) throw new BenchstatsError("value", `expected a run number ≥ 1, got ${seeds.labels[seeds.codes[i]]}`, {...(await table.locate(i)), field: "run_number"});
  }
  // Each (game, run) needs every iteration once: lib's final-row rule finds repeats, counting finds gaps.
  const counts = new Map<string, number>();
  for (let i = 0; i < table.length; ++i) {
    const key = `${games.labels[games.codes[i]]}\u0000${seeds.labels[seeds.codes[i]]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, n] of counts) {
    if (n < DER_ITERATIONS) {
      const [game, run] = key.split("\u0000");
      throw new BenchstatsError("missing", `game "${game}" run ${run} has ${n} of the ${DER_ITERATIONS} iterations 0..${DER_ITERATIONS - 1}`, {file: path, field: "iteration"});
    }
  }
  const ordered = inReferenceOrder(table, reference, path, (i) => Number(seeds.labels[seeds.codes[i]]) * DER_ITERATIONS + iteration[i]);
  const step = Float64Array.from(ordered.numbers("step"), (it) => (it + 1) * DER_EVAL_INTERVAL);
  return finalColumns(ordered, "DER", ordered.labels("seed"), await normalized(ordered, reference), step);
}

/** Two values for one run (and step) are an error naming both lines: lib's final-row rule finds them. */
async function checkRuns(table: TidyTable<RunRow>): Promise<void> {
  const steps = table.column("step") ? [...new Set(table.numbers("step"))] : ["last" as const];
  try {
    for (const step of steps) finalRunRows(table, {step});
  } catch (error) {
    throw await locatedError(error, table);
  }
}

/**
 * The rows of `table` with games in the reference's order (rows of one game in file order, or by
 * `within`); a game the reference lacks, or a reference game without runs, is an error.
 */
function inReferenceOrder(table: TidyTable<RunRow>, reference: ReferenceScores, path: string, within?: (i: number) => number): TidyTable<RunRow> {
  const games = table.labels("task");
  const byGame = new Map<string, number[]>();
  for (let i = 0; i < table.length; ++i) {
    const game = games.labels[games.codes[i]];
    const rows = byGame.get(game);
    if (rows) rows.push(i);
    else byGame.set(game, [i]);
  }
  const known = Object.keys(reference);
  for (const game of byGame.keys()) {
    if (!Object.prototype.hasOwnProperty.call(reference, game)) throw new BenchstatsError("unknown-task", `game "${game}" is not in the reference table (expected one of ${known.join(", ")})`, {file: path, field: game});
  }
  const index: number[] = [];
  for (const game of known) {
    const rows = byGame.get(game);
    if (!rows) throw new BenchstatsError("missing", `no runs for game "${game}" (every reference game needs runs)`, {file: path, field: game});
    if (within) rows.sort((a, b) => within(a) - within(b));
    for (const row of rows) index.push(row);
  }
  return table.take(index);
}

/** lib's min-max normalisation of each row's value by its game, a missing reference located at its line. */
async function normalized(table: TidyTable<RunRow>, reference: ReferenceScores): Promise<Float64Array> {
  try {
    return minMaxNormalizeRuns(table, reference);
  } catch (error) {
    throw await locatedError(error, table);
  }
}

/** A label column with each label rewritten (codes shared). */
function relabel(column: LabelColumn, rewrite: (label: string) => string): LabelColumn {
  return {codes: column.codes, labels: column.labels.map(rewrite)};
}

/** The tidy runs table of an agent: its rows with the experiment, algorithm, metric and step of the report. */
function finalColumns(table: TidyTable<RunRow>, algorithm: string, seed: LabelColumn, value: Float64Array, step: number | Float64Array): TidyTable<RunRow> {
  const n = table.length;
  return new TidyTable<RunRow>("runs", n, {
    experiment: TidyTable.constantLabel(n, EXPERIMENT),
    algorithm: TidyTable.constantLabel(n, algorithm),
    task: table.labels("task"),
    seed,
    step: typeof step === "number" ? new Float64Array(n).fill(step) : step,
    metric: TidyTable.constantLabel(n, HNS),
    value
  }, table.source, (row) => table.locate(row));
}
