import {stat} from "node:fs/promises";
import {basename} from "node:path";
import {fail} from "../common/fail.js";
import {firstLine} from "../common/lines.js";
import {findFiles} from "../common/walk.js";
import {csvHeader} from "../tidy/locate.js";
import {isMlflowFolder} from "./mlflow.js";

/** Run-log formats {@link detectRunFormat} recognises. */
export type RunFormat = "tensorboard" | "wandb" | "mlflow" | "mlflow-sqlite" | "openrlbenchmark" | "long-csv" | "parquet" | "folder";

const TFEVENTS = /tfevents/;

/**
 * Guesses the run-log format of a file or folder from names and the first line, never reading more:
 * a folder is an MLflow store (`meta.yaml` layout), a TensorBoard log dir (event files below it), or else a
 * `"folder"` of run files (`*.csv`, `*.jsonl`, each detected on its own, e.g. one W&B export per run); a file
 * is placed by its name ({@link runFormatFromName}) or, for a CSV, by its header ({@link runCsvFormat}).
 *
 * @example
 * await detectRunFormat("data/runs/tdmpc2/tdmpc2_results_long.csv") // "long-csv"
 */
export async function detectRunFormat(path: string): Promise<RunFormat> {
  const info = await stat(path).catch(() => fail("io", "no such file or folder", {file: path}));
  if (info.isDirectory()) {
    if (isMlflowFolder(path)) return "mlflow";
    if ((await findEventFiles(path)).length) return "tensorboard";
    if ((await findRunFiles(path)).length) return "folder";
    fail("format", "folder is neither an MLflow store (meta.yaml), a TensorBoard log dir (events.out.tfevents.* files) nor a folder of run files (*.csv, *.jsonl)", {file: path});
  }
  const byName = runFormatFromName(basename(path));
  if (byName) return byName;
  if (RUN_CSV.test(path)) {
    if (info.size === 0) fail("format", "the file is empty; expected a run CSV (W&B, Open RL Benchmark or long)", {file: path, line: 1});
    const header = await csvHeader(path, ",");
    const format = runCsvFormat(header);
    if (format) return format;
    fail("format", `unrecognised run CSV header ${JSON.stringify(header.slice(0, 6))}; expected W&B (_step), Open RL Benchmark (empty first cell) or long (algorithm|method,task,seed,step,value)`, {file: path, line: 1});
  }
  const line = await firstLine(path);
  fail("format", `unrecognised run log${line === undefined ? " (empty file)" : ""}; name it *.tfevents*, *.csv or *.jsonl, or pass {format}`, {file: path});
}

/** A run CSV by name (optionally gzipped); its header says which kind ({@link runCsvFormat}). */
const RUN_CSV = /\.csv(\.gz)?$/i;

/**
 * The run-log format a file name alone settles: `*tfevents*` is TensorBoard, `*.db` / `*.sqlite` /
 * `*.sqlite3` an MLflow SQL store, `*.jsonl` (optionally gzipped) W&B history; `undefined` for anything
 * else (a CSV needs its header: {@link runCsvFormat}).
 *
 * @example
 * runFormatFromName("events.out.tfevents.1712.host") // "tensorboard"
 */
export function runFormatFromName(name: string): "tensorboard" | "mlflow-sqlite" | "wandb" | "parquet" | undefined {
  if (TFEVENTS.test(name)) return "tensorboard";
  if (/\.(db|sqlite3?)$/i.test(name)) return "mlflow-sqlite";
  // A tidy runs table (written by `benchstats convert` or any Parquet writer).
  if (/\.(parquet|pq)$/i.test(name)) return "parquet";
  if (/\.jsonl(\.gz)?$/i.test(name)) return "wandb";
  return undefined;
}

/**
 * The run-log format of a CSV from its header cells (as written): W&B when it has `_step` or starts with
 * `Step` (a chart export), Open RL Benchmark when its first cell is empty, the long run CSV when it has
 * `step` and `value`; `undefined` otherwise.
 *
 * @example
 * runCsvFormat(["method", "task", "seed", "step", "metric", "value"]) // "long-csv"
 */
export function runCsvFormat(header: readonly string[]): "wandb" | "openrlbenchmark" | "long-csv" | undefined {
  if (header.includes("_step") || header[0] === "Step") return "wandb";
  if (header[0] === "" && header.length > 1) return "openrlbenchmark";
  if (header.includes("step") && header.includes("value")) return "long-csv";
  return undefined;
}

/**
 * Whether a JSONL record is a W&B history row (it has the `_step` key every history record carries).
 *
 * @example
 * isWandbHistoryLine('{"_step": 0, "_runtime": 3.2, "charts/episodic_return": 12}') // true
 */
export function isWandbHistoryLine(line: string): boolean {
  return /"_step"\s*:/.test(line);
}

/**
 * Event files below a TensorBoard log dir, sorted (TensorBoard reads a run's files in name order = time order).
 *
 * @example
 * await findEventFiles("logs") // ["logs/run1/events.out.tfevents.1.host", …]
 */
export async function findEventFiles(dir: string): Promise<string[]> {
  return findFiles(dir, TFEVENTS);
}

/**
 * Run files (`*.csv`, `*.jsonl`, optionally gzipped) below a folder, sorted by path.
 *
 * @example
 * await findRunFiles("wandb-exports") // ["wandb-exports/ppo-seed1.csv", "wandb-exports/ppo-seed2.csv"]
 */
export async function findRunFiles(dir: string): Promise<string[]> {
  return findFiles(dir, /\.(csv|jsonl)(\.gz)?$/i);
}
