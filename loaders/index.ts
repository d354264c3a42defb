// The loaders' public Node surface: read a file or folder, detect its format (or take {format}), and return
// the tidy table of its kind (loaders/tidy: a columnar TidyTable; `.rows()` gives row objects). Each streaming
// format module also exports a generator of row objects.
import {stat} from "node:fs/promises";
import {basename, dirname, relative, sep} from "node:path";
import {BenchstatsError} from "../lib/core/errors.js";
import {fail} from "./common/fail.js";
import {findFiles} from "./common/walk.js";
import {warn, type WarningOptions} from "./common/warn.js";
import {detectRunFormat, findEventFiles, findRunFiles, type RunFormat} from "./runs/detect.js";
import {readLongCsvRuns} from "./runs/long-csv.js";
import {readMlflowRuns} from "./runs/mlflow.js";
import {readMlflowSqlite} from "./runs/mlflow-sqlite.js";
import {readOpenRlBenchmarkRuns} from "./runs/openrlbenchmark.js";
import {readTensorboardRuns} from "./runs/tensorboard.js";
import {readWandbRuns} from "./runs/wandb.js";
import {readAlpacaEvalLeaderboard, readArenaHardLeaderboard, readScoresCsv} from "./scores/leaderboards.js";
import {readLmEvalResults, readLmEvalSamples} from "./scores/lm-eval.js";
import {readAlpacaEvalAnnotations, readSamplesCsv} from "./scores/samples.js";
import {readArenaHardJudgments} from "./scores/arena-hard-judgments.js";
import {detectSampleFormat, detectScoreFormat, type SampleFormat, type ScoreFormat} from "./scores/detect.js";
import type {RunRow, SampleRow, ScoreRow} from "./tidy/rows.js";
import {readTable} from "./tidy/read.js";
import {TidyTable} from "./tidy/table.js";
import type {RunLabels} from "./types.js";

export type {RunLabels} from "./types.js";
export type {RunRow, ScoreRow, SampleRow, BattleRow, GpuMetricRow} from "./tidy/rows.js";
export {TidyTable, TidyTableBuilder} from "./tidy/table.js";
// Tidy files through DuckDB: reading, writing (Parquet too), and statistics computed next to the data.
export {readTable, writeTable, readResponseMatrix, summarizeFile, battleCounts, pairCounts} from "./tidy/index.js";
export type {TableKind, ReadTableOptions, PairCounts, ReadResponseMatrix} from "./tidy/index.js";
export type {WarningOptions} from "./common/warn.js";
export type {RunFormat} from "./runs/detect.js";
export {detectRunFormat} from "./runs/detect.js";
export type {ScoreFormat, SampleFormat} from "./scores/detect.js";
export {detectScoreFormat, detectSampleFormat} from "./scores/detect.js";
export {readTensorboardRuns, tensorboardRows} from "./runs/tensorboard.js";
export {readWandbRuns, wandbJsonlRows} from "./runs/wandb.js";
export {readMlflowRuns} from "./runs/mlflow.js";
export {readMlflowSqlite} from "./runs/mlflow-sqlite.js";
export {readOpenRlBenchmarkRuns} from "./runs/openrlbenchmark.js";
export {readLongCsvRuns} from "./runs/long-csv.js";
export {readLmEvalResults, readLmEvalSamples} from "./scores/lm-eval.js";
export {readAlpacaEvalLeaderboard, readArenaHardLeaderboard, readScoresCsv} from "./scores/leaderboards.js";
export {readAlpacaEvalAnnotations, readSamplesCsv, instructionId} from "./scores/samples.js";
export {readArenaHardJudgments} from "./scores/arena-hard-judgments.js";
export {readAlpacaEvalMatrices} from "./scores/alpaca-matrices.js";
export type {AlpacaEvalMatrices} from "./scores/alpaca-matrices.js";
export type {ArenaHardOptions} from "./scores/arena-hard-judgments.js";
// Battle logs (loaders/battles.ts) and GPU traces / metric logs (loaders/gpu/).
export {readBattles, normalizeVerdict} from "./battles.js";
export type {Battle, BattleFormat, ReadBattlesOptions} from "./battles.js";
export {readGpuEvents, readGpuMetrics, readKineto, analyseKinetoRanks, readNsysSqlite, readNvidiaSmiCsv, readDmon} from "./gpu/index.js";
export type {GpuTraceFormat, GpuMetricFormat, ReadKinetoOptions, AnalyseKinetoOptions, RankAnalyses, RankAnalysisName} from "./gpu/index.js";
export {maskedCrc32c, readTfRecords} from "./common/tfrecord.js";

/** Options for {@link readRuns}: labels the files lack, a forced format, and a warning sink. */
export interface ReadRunsOptions extends RunLabels, WarningOptions {
  format?: RunFormat;
}

/**
 * Reads run logs into the `runs` table (`experiment, algorithm, task, seed, step, metric, value[, wall_time, std]`).
 * `path` is a file or folder in one of: TensorBoard event files (a file, or a log dir whose sub-folders are runs:
 * `experiment` = the run's folder relative to `path`), W&B history CSV/JSONL or chart CSV, an MLflow `mlruns/`
 * file store or `mlflow.db` SQLite store, an Open RL Benchmark summary CSV, the long run CSV, or a folder of
 * such files (each detected on its own; the tables concatenated, e.g. one W&B export per run). The format is
 * detected ({@link detectRunFormat}) unless `options.format` says it; labels in `options` fill or override what
 * the files say (`algorithm` and `task` stay `""` where neither does). In a TensorBoard log dir, an event file
 * without scalars is skipped with a warning; what each reader skips on purpose goes to `onWarning`. Errors
 * are `BenchstatsError`s naming the file and line or byte offset.
 *
 * @example
 * const runs = await readRuns("data/runs/tdmpc2/tdmpc2_results_long.csv");
 * runs.length; // 47162
 * const tb = await readRuns("logs/", {algorithm: "ppo", task: "CartPole-v1"});
 */
export async function readRuns(path: string, options: ReadRunsOptions = {}): Promise<TidyTable<RunRow>> {
  const {format = await detectRunFormat(path), onWarning, ...labels} = options;
  switch (format) {
    case "tensorboard": {
      if (!(await isFolder(path))) return readTensorboardRuns(path, {...labels, onWarning});
      const tables: TidyTable<RunRow>[] = [];
      for (const file of await findEventFiles(path)) {
        const run = relative(path, dirname(file)).split(sep).join("/") || basename(path);
        try {
          tables.push(await readTensorboardRuns(file, {experiment: run, ...labels, onWarning}));
        } catch (error) {
          // A log dir holds event files of other plugins too (profiles, histograms only): those are not runs.
          if (!(error instanceof BenchstatsError) || error.code !== "empty") throw error;
          warn({onWarning}, "skipped: an event file without scalar summaries", {file});
        }
      }
      if (!tables.length) fail("format", "no event file below the log dir holds scalar summaries", {file: path});
      return TidyTable.concat("runs", tables, path);
    }
    case "wandb":
      return readWandbRuns(path, {...labels, onWarning});
    case "mlflow":
      return readMlflowRuns(path, {...labels, onWarning});
    case "mlflow-sqlite":
      return readMlflowSqlite(path, {...labels, onWarning});
    case "openrlbenchmark":
      return readOpenRlBenchmarkRuns(path, {experiment: labels.experiment});
    case "parquet":
      // A runs table already tidy, written by `benchstats convert` or any Parquet writer.
      return readTable<RunRow>(path, "runs", {emptyAllowed: ["algorithm", "task"]});
    case "long-csv":
      return readLongCsvRuns(path, labels);
    case "folder": {
      const tables: TidyTable<RunRow>[] = [];
      for (const file of await findRunFiles(path)) tables.push(await readRuns(file, {...labels, onWarning}));
      return TidyTable.concat("runs", tables, path);
    }
    default:
      fail("format", `unknown run format ${JSON.stringify(format)}; expected tensorboard, wandb, mlflow, mlflow-sqlite, openrlbenchmark, long-csv or folder`, {file: path});
  }
}


/**
 * Reads benchmark scores into the `scores` table (`model, benchmark, task, score[, stderr, n, source, metric,
 * filter, lower, upper]`) from an lm-evaluation-harness `results_*.json`, an AlpacaEval or Arena-Hard leaderboard
 * CSV, or the generic scores CSV. Detected from the name and header unless `options.format` is given. A folder is
 * read as an lm-eval output folder: every `results_*.json` below it.
 *
 * @example
 * const scores = await readScores("data/scores/arena_hard/arena_hard_leaderboard_20240731.csv");
 * scores.length; // 60
 */
export async function readScores(path: string, options: {format?: ScoreFormat; model?: string} = {}): Promise<TidyTable<ScoreRow>> {
  if (await isFolder(path)) {
    // An lm-eval output folder (<output_path>/<model>/results_<timestamp>.json, one per model and run).
    const files = await findFiles(path, /^results_.*\.json(\.gz)?$/i);
    if (!files.length) fail("format", "folder holds no lm-eval results_*.json files", {file: path});
    const tables: TidyTable<ScoreRow>[] = [];
    for (const file of files) tables.push(await readScores(file, options));
    return TidyTable.concat("scores", tables, path);
  }
  const format = options.format ?? (await detectScoreFormat(path));
  switch (format) {
    case "lm-eval":
      return readLmEvalResults(path, {model: options.model});
    case "alpaca-eval":
      return readAlpacaEvalLeaderboard(path);
    case "arena-hard":
      return readArenaHardLeaderboard(path);
    case "parquet":
      return readTable<ScoreRow>(path, "scores");
    case "csv":
      return readScoresCsv(path);
    default:
      fail("format", `unknown score format ${JSON.stringify(format)}; expected lm-eval, alpaca-eval, arena-hard, csv or parquet`, {file: path});
  }
}


/** Options of {@link readSamples}: a forced format, labels the files lack, and a warning sink. */
export interface ReadSamplesOptions extends WarningOptions {
  format?: SampleFormat;
  model?: string;
  benchmark?: string;
  metric?: string;
}

/**
 * Reads item-level results into the `samples` table (`model, benchmark, item, metric, value`) from an
 * lm-evaluation-harness `samples_<task>_*.jsonl`, AlpacaEval annotations (JSON array or JSONL), Arena-Hard-Auto
 * judgment JSONL (per-question outcome against the baseline), or a long/wide samples CSV. Detected from the name
 * and first record unless `options.format` is given. A folder is read as an lm-eval output folder: every
 * `samples_*.jsonl` below it.
 *
 * @example
 * const samples = await readSamples("data/scores/alpaca_eval/annotations.slim.jsonl");
 * samples.rows()[0]; // {model: "FuseChat-Llama-3.2-1B-Instruct", benchmark: "alpaca_eval", item: "f0aa9c85c9cd3bff", metric: "preference", value: 1.00004}
 */
export async function readSamples(path: string, options: ReadSamplesOptions = {}): Promise<TidyTable<SampleRow>> {
  if (await isFolder(path)) {
    // An lm-eval output folder: every samples_<task>_<timestamp>.jsonl below it (model = its folder).
    const files = await findFiles(path, /^samples_.*\.jsonl(\.gz)?$/i);
    if (!files.length) fail("format", "folder holds no lm-eval samples_*.jsonl files", {file: path});
    const tables: TidyTable<SampleRow>[] = [];
    for (const file of files) tables.push(await readSamples(file, options));
    return TidyTable.concat("samples", tables, path);
  }
  const format = options.format ?? (await detectSampleFormat(path));
  switch (format) {
    case "lm-eval":
      return readLmEvalSamples(path, options);
    case "alpaca-eval":
      return readAlpacaEvalAnnotations(path);
    case "arena-hard":
      return readArenaHardJudgments(path, {onWarning: options.onWarning});
    case "parquet":
      return readTable<SampleRow>(path, "samples");
    case "csv":
      return readSamplesCsv(path, options);
    default:
      fail("format", `unknown sample format ${JSON.stringify(format)}; expected lm-eval, alpaca-eval, arena-hard, csv or parquet`, {file: path});
  }
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => fail("io", "no such file or folder", {file: path}))).isDirectory();
}
