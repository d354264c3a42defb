// Bring your own data: what a folder of mixed files holds, by tidy-table kind and loader format. Every
// format is recognised by the signature its own loader module defines (a name, header cells, the keys of
// the first record); this module only decides in which order to ask, and reads names, headers and the
// first 64 KB of each file, never whole files.
import {suggestColumns} from "./tidy/suggest.js";
import {stat} from "node:fs/promises";
import {basename, relative, sep} from "node:path";
import {fileHead} from "./common/head.js";
import {walkFolder} from "./common/walk.js";
import {isBattleColumns} from "./battles.js";
import {gpuTraceFormatOf, isDmonHeader} from "./gpu/index.js";
import {isNvidiaSmiHeader} from "./gpu/nvidia-smi.js";
import {isWandbHistoryLine, runCsvFormat, runFormatFromName} from "./runs/detect.js";
import {isMlflowFolder} from "./runs/mlflow.js";
import {isAlpacaEvalAnnotation, isLmEvalResults, sampleJsonlFormat, scoreCsvFormat} from "./scores/detect.js";
import {queryRows, sqlString} from "./tidy/duckdb.js";
import {csvRecords} from "./tidy/locate.js";
import {isRliableJson} from "./tidy/read.js";
import {mapColumns, type TableKind} from "./tidy/schema.js";

/** The table a data file feeds (`gpu`: traces and metric logs; `reference`: min-max anchors). */
export type DataKind = "runs" | "scores" | "samples" | "battles" | "gpu" | "reference" | "unknown";

export interface DataFile {
  /** Path relative to the folder, with `/` separators. */
  path: string;
  kind: DataKind;
  /** Loader format name (e.g. `tensorboard`, `lm-eval`, `kineto`) or `tidy` / `wide`; `""` when unknown. */
  format: string;
  /** Size in bytes (a folder store: 0). */
  bytes: number;
  /** Why a file is `unknown`, or what else to know. */
  note?: string;
}

/** Folders that hold tools, not data. */
const SKIP = new Set(["node_modules", ".git", ".observablehq"]);

/**
 * Lists the data files under `root` (recursively, at most `maxDepth` folders down, hidden files and folders
 * skipped) with the tidy table each one feeds and the loader format that reads it. An MLflow store
 * (`isMlflowFolder`) is one entry; every other folder is walked. Unrecognised files are listed as
 * `unknown` with a reason, so a user sees what the site ignores.
 *
 * @example
 * await discoverData("my-results/"); // [{path: "ppo/events.out.tfevents.1", kind: "runs", format: "tensorboard", bytes: 80291}, …]
 */
export async function discoverData(root: string, maxDepth = 6): Promise<DataFile[]> {
  const entries = await walkFolder(root, {skip: (name) => name.startsWith(".") || SKIP.has(name), isUnit: isMlflowFolder, maxDepth});
  const out: DataFile[] = [];
  for (const {path, folder} of entries) {
    const rel = relative(root, path).split(sep).join("/");
    if (folder) out.push({path: rel, kind: "runs", format: "mlflow", bytes: 0});
    else out.push({path: rel, bytes: (await stat(path)).size, ...(await classify(path))});
  }
  return out;
}

type Classification = Omit<DataFile, "path" | "bytes">;

const unknown = (note: string): Classification => ({kind: "unknown", format: "", note});

/** Column names of long tables; a CSV with them is not a wide score table. */
const LONG_COLUMNS = new Set(["seed", "run", "run_number", "step", "iteration", "epoch", "frame", "frames"]);

async function classify(path: string): Promise<Classification> {
  const name = basename(path);
  const stripped = name.toLowerCase().replace(/\.gz$/, "");
  const byName = runFormatFromName(name);
  if (byName === "tensorboard") return {kind: "runs", format: byName};
  if (/\.(md|txt|yaml|yml|py|ipynb|png|jpg|pdf|html)$/.test(stripped) && !/dmon/.test(stripped)) return unknown("documentation or other non-data file");
  let head: Buffer;
  try {
    head = await fileHead(path);
  } catch {
    return unknown("unreadable (or corrupt gzip data)");
  }
  if (head.length === 0) return unknown("empty file");
  if (/\.(parquet|pq)$/.test(stripped)) return classifyParquet(path);
  // nsys exports and MLflow stores are both SQLite: `nsys export` names its files *.sqlite.
  if (gpuTraceFormatOf(head) === "nsys" && /\.sqlite$/.test(stripped)) return {kind: "gpu", format: "nsys"};
  if (byName === "mlflow-sqlite") return {kind: "runs", format: byName};
  const text = head.toString("utf8").replace(/^\uFEFF/, "");
  if (stripped.endsWith(".json")) return classifyJson(name, head, text);
  if (/\.(jsonl|ndjson)$/.test(stripped)) return classifyJsonl(text.split(/\r?\n/, 1)[0]);
  if (/\.(csv|tsv)$/.test(stripped)) return classifyCsv(path, stripped.endsWith(".tsv") ? "\t" : ",");
  if (/dmon/.test(stripped) || isDmonHeader(text.split(/\r?\n/, 1)[0])) return {kind: "gpu", format: "dmon"};
  return unknown("unrecognised file type");
}

/** A Parquet file is a tidy table: which one, from its column names (read from the footer by DuckDB). */
async function classifyParquet(path: string): Promise<Classification> {
  let columns: string[];
  try {
    columns = (await queryRows(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`, path)).map((row) => String(row.column_name));
  } catch {
    return unknown("not a readable Parquet file");
  }
  if (isBattleColumns(columns)) return {kind: "battles", format: "parquet"};
  const kind = (["gpu", "reference", "runs", "scores", "samples"] as const).find((k) => mapColumns(k, columns).missing.length === 0);
  return kind ? {kind, format: "parquet"} : unknown(`Parquet columns ${JSON.stringify(columns.slice(0, 5))} match no tidy table`);
}

function classifyJson(name: string, head: Buffer, text: string): Classification {
  if (gpuTraceFormatOf(head) === "kineto") return {kind: "gpu", format: "kineto"};
  if (isLmEvalResults(name, text)) return {kind: "scores", format: "lm-eval"};
  if (isAlpacaEvalAnnotation(text)) return {kind: "samples", format: "alpaca-eval"};
  const keys = jsonKeys(text);
  if (isBattleColumns(keys)) return {kind: "battles", format: "tidy"};
  if (isRliableJson(text)) return {kind: "runs", format: "rliable-json"};
  const kind = tidyKind(keys);
  return kind ? {kind, format: "tidy"} : unknown("JSON without traceEvents, lm-eval results, {task: [run scores]} or tidy row keys");
}

function classifyJsonl(first: string): Classification {
  const samples = sampleJsonlFormat(first);
  if (samples) return {kind: "samples", format: samples};
  const keys = jsonKeys(first);
  if (isBattleColumns(keys)) return {kind: "battles", format: "tidy"};
  if (isWandbHistoryLine(first)) return {kind: "runs", format: "wandb"};
  const kind = tidyKind(keys);
  return kind ? {kind, format: "tidy"} : unknown("JSONL whose first record has no known keys");
}

async function classifyCsv(path: string, delimiter: string): Promise<Classification> {
  const [header = [""], ...records] = await csvRecords(path, delimiter, 6);
  const complete = (kind: TableKind) => mapColumns(kind, header).missing.length === 0;
  if (isBattleColumns(header)) return {kind: "battles", format: "tidy"};
  if (complete("gpu")) return {kind: "gpu", format: "tidy"};
  if (isNvidiaSmiHeader(header)) return {kind: "gpu", format: "nvidia-smi"};
  if (complete("reference")) return {kind: "reference", format: "min-max"};
  const scores = scoreCsvFormat(header);
  if (scores && scores !== "csv") return {kind: "scores", format: scores};
  const runs = runCsvFormat(header);
  if (runs === "wandb" || runs === "openrlbenchmark") return {kind: "runs", format: runs};
  const kind = tidyKind(header);
  if (kind) return {kind, format: kind === "runs" && runs === "long-csv" ? "long-csv" : "tidy"};
  const shown = JSON.stringify(header.slice(0, 5).map((h) => h.toLowerCase()));
  for (const kind of ["runs", "scores"] as const) {
    const mapping = suggestColumns(kind, header);
    if (mapping) return unknown(`a ${kind} table once its columns are named: read it with --columns ${mapping} (header ${shown})`);
  }
  if (header.some((h) => LONG_COLUMNS.has(h.toLowerCase()))) return unknown(`long table without the columns a runs/scores table needs (header ${shown})`);
  // A wide table: a label column (system or model names: not all numbers), then numeric columns (0/1 only:
  // item responses). A table of numbers only (IRT response patterns with their counts, item parameters,
  // abilities by respondent number) names no systems: it is no leaderboard.
  const rows = records.filter((record) => record.length > 1 || record[0] !== "");
  const cells = rows.flatMap((record) => record.slice(1)).filter((c) => c !== "" && c !== "-" && c.toLowerCase() !== "nan");
  const numeric = (c: string) => c.trim() !== "" && Number.isFinite(Number(c));
  if (header.length >= 2 && cells.length && cells.every(numeric) && rows.every((record) => numeric(record[0]))) {
    return unknown(`a table of numbers only, with no column of system or model names: not a leaderboard (header ${shown})`);
  }
  if (header.length >= 2 && cells.length && cells.every((c) => Number.isFinite(Number(c)))) {
    return cells.every((c) => c === "0" || c === "1") && header.length > 3 ? {kind: "samples", format: "wide"} : {kind: "scores", format: "wide"};
  }
  return unknown(`CSV header ${shown} matches no known table`);
}

/** The keys of the first JSON object in `text` (its first 2,000 characters). */
function jsonKeys(text: string): string[] {
  return [...text.slice(0, 2000).matchAll(/"([A-Za-z_][\w.]*)"\s*:/g)].map((m) => m[1]);
}

/** The tidy table whose required columns (aliases included, loaders/tidy/schema.ts) `columns` has. */
function tidyKind(columns: readonly string[]): "runs" | "scores" | "samples" | undefined {
  return (["runs", "scores", "samples"] as const).find((kind) => mapColumns(kind, columns).missing.length === 0);
}
