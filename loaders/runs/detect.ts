import {readdir, stat} from "node:fs/promises";
import {basename, join} from "node:path";
import {fail} from "../common/fail.js";
import {firstLine} from "../common/lines.js";
import {csvHeader} from "../tidy/locate.js";
import {isMlflowFolder} from "./mlflow.js";

/** Run-log formats {@link detectRunFormat} recognises. */
export type RunFormat = "tensorboard" | "wandb" | "mlflow" | "mlflow-sqlite" | "openrlbenchmark" | "long-csv" | "parquet" | "folder";

const TFEVENTS = /tfevents/;

/**
 * Guesses the run-log format of a file or folder from names and the first line, never reading more:
 * a folder is an MLflow store (`meta.yaml` layout), a TensorBoard log dir (event files below it), or else a
 * `"folder"` of run files (`*.csv`, `*.jsonl`, each detected on its own, e.g. one W&B export per run); a file
 * named `*tfevents*` is TensorBoard; `.jsonl` is W&B history; a CSV is W&B when its header has `_step` or starts
 * with `Step`, `*.db` / `*.sqlite` is an MLflow SQL store, Open RL Benchmark when its first header cell is empty, and the long run CSV when it has `step`
 * and `value` columns.
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
  const name = basename(path);
  if (TFEVENTS.test(name)) return "tensorboard";
  if (/\.(db|sqlite3?)$/i.test(name)) return "mlflow-sqlite";
  if (/\.(parquet|pq)$/i.test(name)) return "parquet";
  if (/\.jsonl(\.gz)?$/i.test(name)) return "wandb";
  if (/\.csv(\.gz)?$/i.test(name)) {
    if (info.size === 0) fail("format", "the file is empty; expected a run CSV (W&B, Open RL Benchmark or long)", {file: path, line: 1});
    const header = await csvHeader(path, ",");
    if (header.includes("_step") || header[0] === "Step") return "wandb";
    if (header[0] === "" && header.length > 1) return "openrlbenchmark";
    if (header.includes("step") && header.includes("value")) return "long-csv";
    fail("format", `unrecognised run CSV header ${JSON.stringify(header.slice(0, 6))}; expected W&B (_step), Open RL Benchmark (empty first cell) or long (algorithm|method,task,seed,step,value)`, {file: path, line: 1});
  }
  const line = await firstLine(path);
  fail("format", `unrecognised run log${line === undefined ? " (empty file)" : ""}; name it *.tfevents*, *.csv or *.jsonl, or pass {format}`, {file: path});
}

/**
 * Event files below a TensorBoard log dir, sorted (TensorBoard reads a run's files in name order = time order).
 *
 * @example
 * await findEventFiles("logs") // ["logs/run1/events.out.tfevents.1.host", …]
 */
export async function findEventFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await findEventFiles(path)));
    else if (entry.isFile() && TFEVENTS.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * Run files (`*.csv`, `*.jsonl`, optionally gzipped) below a folder, sorted by path.
 *
 * @example
 * await findRunFiles("wandb-exports") // ["wandb-exports/ppo-seed1.csv", "wandb-exports/ppo-seed2.csv"]
 */
export async function findRunFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await findRunFiles(path)));
    else if (entry.isFile() && /\.(csv|jsonl)(\.gz)?$/i.test(entry.name)) out.push(path);
  }
  return out;
}
