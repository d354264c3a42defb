// Final scores of every run found in a data folder (the input of the "Write your own analysis page"
// report and of `benchstats inventory`'s users): each runs file read by its loader, each run reduced to its
// last value by lib's one definition (finalRunRows), normalised where the folder holds reference scores.
import {join} from "node:path";
import type {LabelColumn} from "../lib/core/columns.js";
import {minMaxScore, type ReferenceScores} from "../lib/rl/normalize.js";
import {finalRunRows, type FinalRows} from "../lib/rl/tidy.js";
import type {DataFile} from "./discover.js";
import {readReference} from "./reference.js";
import type {RunFormat} from "./runs/detect.js";
import {locatedError} from "./tidy/located.js";
import {readTable} from "./tidy/read.js";
import type {TidyTable} from "./tidy/table.js";

export interface FinalScore {
  /** The file (relative to the folder) the run came from. */
  source: string;
  algorithm: string;
  task: string;
  seed: string;
  metric: string;
  /** Step of the final value (NaN when the source has no steps). */
  step: number;
  value: number;
  /** Min-max normalised value when a reference table in the folder covers the task, else NaN. */
  normalized: number;
}

export interface FinalScores {
  scores: FinalScore[];
  /** Files that could not be read, with the loader's located message: shown to the user, never hidden. */
  problems: {path: string; message: string}[];
  /** Summary rows (no per-seed values, e.g. Open RL Benchmark tables) left out. */
  skippedSummaryRows: number;
  /** Rows that repeat the final step of their run (a run logged twice) and were passed over: the first row counts. */
  repeatedRows: number;
}

/**
 * Reads every runs file of `files` (from `discoverData`) under `root` and keeps each run's final value per
 * metric ({@link finalRunRows}: the row with the largest step for each algorithm, task, seed and metric).
 * Summary rows over seeds (in a table with a `std` column, the rows with a std or without a seed, e.g. Open
 * RL Benchmark tables) are skipped and counted. 
 * Missing labels fall back to the experiment or file name (algorithm), `all` (task), `value` (metric) and,
 * for a file without seeds, `0` (one run per file) or the run's number within its task. When the folder
 * holds reference tables (task, random/human or min/max), values of the tasks they cover are also
 * normalised. Of several rows at a run's final step (a run logged twice), the first counts; the others are
 * counted in `repeatedRows`. A file that cannot be read is listed in `problems` with its located message;
 * the other files still count.
 *
 * @example
 * const {scores, problems} = await finalScores("data", await discoverData("data"));
 * scores.find((s) => s.algorithm === "SPR"); // {source: "rl/atari100k/SPR.json", task: "Alien", seed: "0", step: NaN, value: 919.6, normalized: 0.1, …}
 */
export async function finalScores(root: string, files: readonly DataFile[]): Promise<FinalScores> {
  const problems: FinalScores["problems"] = [];
  let reference: ReferenceScores = {};
  for (const file of files.filter((f) => f.kind === "reference")) {
    try {
      reference = {...reference, ...(await readReference(join(root, file.path)))};
    } catch (error) {
      problems.push({path: file.path, message: (error as Error).message});
    }
  }
  const scores: FinalScore[] = [];
  let skippedSummaryRows = 0;
  let repeatedRows = 0;
  for (const file of files.filter((f) => f.kind === "runs")) {
    try {
      const table = await readRunsFile(join(root, file.path), file.format);
      const {runs, summaryRows} = labelledRuns(table, file.path);
      const finals = await finalRows(runs, file.path, reference);
      skippedSummaryRows += summaryRows;
      repeatedRows += finals.repeated;
      for (const row of finals.scores) scores.push(row);
    } catch (error) {
      problems.push({path: file.path, message: (error as Error).message});
    }
  }
  return {scores, problems, skippedSummaryRows, repeatedRows};
}

async function readRunsFile(path: string, format: string): Promise<TidyTable> {
  if (format === "rliable-json" || format === "tidy") return readTable(path, "runs");
  // Loaded on demand: the run-log parsers are needed only when the folder holds run logs.
  const {readRuns} = await import("./index.js");
  return (await readRuns(path, {format: format as RunFormat})) as unknown as TidyTable;
}

/**
 * The per-run rows of `table` with every label filled (see {@link finalScores}), and how many summary rows
 * over seeds were left out.
 */
function labelledRuns(table: TidyTable, path: string): {runs: TidyTable; summaryRows: number} {
  // A table with spreads holds summaries over seeds: rows with a std, or without a seed (Open RL Benchmark).
  const std = table.column("std");
  const seed = optionalLabels(table, "seed");
  const perRun = std instanceof Float64Array ? table.filter((i) => Number.isNaN(std[i]) && seed(i) !== "") : table;
  const stem = path.split("/").pop()!.replace(/\.(json|jsonl|csv|tsv)(\.gz)?$/i, "");
  const experiment = optionalLabels(perRun, "experiment");
  const runs = perRun.withColumns({
    algorithm: filled(perRun, "algorithm", (i) => experiment(i) || stem),
    task: filled(perRun, "task", () => "all"),
    metric: filled(perRun, "metric", () => "value")
  });
  return {runs, summaryRows: table.length - perRun.length};
}

/** The final row of every run, labelled as {@link FinalScore}s, in file order of those rows. */
async function finalRows(runs: TidyTable, source: string, reference: ReferenceScores): Promise<{scores: FinalScore[]; repeated: number}> {
  let kept: FinalRows;
  try {
    kept = finalRunRows(runs, {eachMetric: true, repeatedRows: "first"});
  } catch (error) {
    throw await locatedError(error, runs);
  }
  const algorithm = runs.labels("algorithm");
  const task = runs.labels("task");
  const metric = runs.labels("metric");
  const seed = optionalLabels(runs, "seed");
  const steps = runs.column("step");
  const value = runs.numbers("value");
  const label = (column: LabelColumn, i: number) => column.labels[column.codes[i]];
  // A file without seeds: one run per (algorithm, task, metric) when it has steps, else one per row.
  const seedless = new Map<string, number>();
  const scores = kept.rows.map((i) => {
    const key = `${label(algorithm, i)}\u0000${label(task, i)}\u0000${label(metric, i)}`;
    let run = seed(i);
    if (run === "") {
      const k = seedless.get(key) ?? 0;
      seedless.set(key, k + 1);
      run = String(k);
    }
    const taskName = label(task, i);
    const range = Object.prototype.hasOwnProperty.call(reference, taskName) ? reference[taskName] : undefined;
    return {
      source,
      algorithm: label(algorithm, i),
      task: taskName,
      seed: run,
      metric: label(metric, i),
      step: steps instanceof Float64Array ? steps[i] : NaN,
      value: value[i],
      normalized: range ? minMaxScore(value[i], range) : NaN
    };
  });
  return {scores, repeated: kept.repeated};
}

/** Row `i`'s label in column `name`, `""` where the table has no such column. */
function optionalLabels(table: TidyTable, name: string): (i: number) => string {
  const column = table.column(name);
  if (!column || column instanceof Float64Array) return () => "";
  return (i) => column.labels[column.codes[i]];
}

/** Column `name` with each empty (or absent) label replaced by `fallback(row)`. */
function filled(table: TidyTable, name: string, fallback: (i: number) => string): LabelColumn {
  const own = optionalLabels(table, name);
  const labels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Uint32Array(table.length);
  for (let i = 0; i < table.length; ++i) {
    const label = own(i) || fallback(i);
    let code = index.get(label);
    if (code === undefined) index.set(label, (code = labels.push(label) - 1));
    codes[i] = code;
  }
  return {codes, labels};
}
