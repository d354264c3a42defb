// Final scores of every run found in a data folder: the input of the "write your own analysis page" report.
import {join} from "node:path";
import type {RunFormat} from "../loaders/index.js";
import type {DataFile} from "./discover.js";
import {minMaxScore} from "../lib/index.js";
import {readReference, type ReferenceScores} from "./normalize.js";
import {readTable} from "../loaders/tidy/index.js";

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
}


/**
 * Reads every runs file of `files` (from {@link discoverData}) under `root` and keeps each run's final
 * value per metric: the row with the largest step for each (algorithm, task, seed, metric). Summary
 * rows over seeds (with a `std`, e.g. Open RL Benchmark tables) are skipped and counted. Missing labels fall back to the
 * experiment or file name (algorithm), `all` (task) and `value` (metric). When the folder holds a
 * reference table (task, random/human or min/max), values of the tasks it covers are also normalised.
 */
export async function finalScores(root: string, files: DataFile[]): Promise<FinalScores> {
  // Loaded on demand: the run-log parsers are needed only when the folder holds run logs.
  const {readRuns} = await import("../loaders/index.js");
  const problems: FinalScores["problems"] = [];
  let reference: ReferenceScores = {};
  for (const file of files.filter((f) => f.kind === "reference")) {
    try {
      reference = {...reference, ...(await readReference(join(root, file.path)))};
    } catch (error) {
      problems.push({path: file.path, message: (error as Error).message});
    }
  }
  const finals = new Map<string, FinalScore>();
  let skippedSummaryRows = 0;
  for (const file of files.filter((f) => f.kind === "runs")) {
    const path = join(root, file.path);
    const stem = file.path.split("/").pop()!.replace(/\.(json|jsonl|csv|tsv)(\.gz)?$/i, "");
    let rows: {experiment?: string; algorithm?: string; task?: string; seed?: string | null; step?: number; metric?: string; value: number; std?: number}[];
    try {
      if (file.format === "rliable-json" || file.format === "tidy") {
        rows = (await readTable(path, "runs")).rows().map((r) => ({...r, seed: String(r.seed ?? ""), value: r.value as number, step: (r.step as number) ?? NaN})) as typeof rows;
      } else {
        // A loader's table: seed "" = one run per file (TensorBoard, MLflow without a seed param).
        rows = (await readRuns(path, {format: file.format as RunFormat})).rows().map((r) => ({...r, seed: r.seed === "" ? null : r.seed}));
      }
    } catch (error) {
      problems.push({path: file.path, message: (error as Error).message});
      continue;
    }
    rows.forEach((row, i) => {
      if (row.std !== undefined) {
        ++skippedSummaryRows;
        return;
      }
      const algorithm = row.algorithm || row.experiment || stem;
      const task = row.task || "all";
      // No seed label: one run per file (TensorBoard, MLflow) or per row (tidy tables without a seed column).
      const seed = row.seed === null || row.seed === undefined ? "0" : row.seed === "" ? String(i) : row.seed;
      const metric = row.metric || "value";
      const step = row.step ?? NaN;
      const key = `${file.path}\u0000${algorithm}\u0000${task}\u0000${seed}\u0000${metric}`;
      const previous = finals.get(key);
      if (previous && !(step > previous.step) && !(Number.isNaN(previous.step) && !Number.isNaN(step))) return;
      const ref = Object.prototype.hasOwnProperty.call(reference, task) ? reference[task] : undefined;
      finals.set(key, {
        source: file.path,
        algorithm,
        task,
        seed,
        metric,
        step,
        value: row.value,
        normalized: ref ? minMaxScore(row.value, ref) : NaN
      });
    });
  }
  return {scores: [...finals.values()], problems, skippedSummaryRows};
}
