// Readers for GPU traces and GPU metric logs: Node-only, streamed where files get large.
import {stat} from "node:fs/promises";
import {BenchstatsError} from "../../lib/core/errors.js";
import {gpuEventTable, type GpuEventTable} from "../../lib/gpu/events.js";
import {fileHead} from "../common/head.js";
import {walkFolder} from "../common/walk.js";
import {readKineto} from "./read-kineto.js";
import type {ReadKinetoOptions} from "./read-kineto.js";
import {readNsysSqlite} from "./nsys.js";
import type {NvidiaSmiOptions} from "./nvidia-smi.js";
import type {GpuMetricRow} from "../tidy/rows.js";
import type {TidyTable} from "../tidy/table.js";

export {readKineto, readNsysSqlite};
export {analyseKinetoRanks} from "./analyse-ranks.js";
export type {AnalyseKinetoOptions, RankAnalyses, RankAnalysisName} from "./analyse-ranks.js";

// The metric-log and Parquet readers pull in DuckDB and the tidy-table stack (~30 MiB resident); they are
// loaded when first called, so that reading a trace costs only the trace reader's memory (bench/gpu.bench.ts).

/** `nvidia-smi --query-gpu` CSV log → gpu-metrics table (see nvidia-smi.ts; loaded on first call). */
export async function readNvidiaSmiCsv(...args: Parameters<typeof import("./nvidia-smi.js").readNvidiaSmiCsv>): ReturnType<typeof import("./nvidia-smi.js").readNvidiaSmiCsv> {
  return (await import("./nvidia-smi.js")).readNvidiaSmiCsv(...args);
}

/** `nvidia-smi dmon` text log → gpu-metrics table (see dmon.ts; loaded on first call). */
export async function readDmon(...args: Parameters<typeof import("./dmon.js").readDmon>): ReturnType<typeof import("./dmon.js").readDmon> {
  return (await import("./dmon.js")).readDmon(...args);
}

async function readTable<R extends object>(...args: Parameters<typeof import("../tidy/read.js").readTable>): Promise<TidyTable<R>> {
  return (await import("../tidy/read.js")).readTable<R>(...args);
}
export {KinetoParser} from "./kineto.js";
export {powerSamples} from "./power.js";
export type {PowerSampleOptions} from "./power.js";
export type {KinetoFileResult} from "./kineto.js";
export type {ReadKinetoOptions} from "./read-kineto.js";
export type {NsysOptions} from "./nsys.js";
export type {NvidiaSmiOptions} from "./nvidia-smi.js";
export type {GpuMetricRow} from "../tidy/rows.js";

/** Trace formats {@link readGpuEvents} reads. */
export type GpuTraceFormat = "kineto" | "nsys" | "parquet";
/** Metric-log formats {@link readGpuMetrics} reads. */
export type GpuMetricFormat = "nvidia-smi" | "dmon" | "parquet";

/**
 * Reads GPU trace events into the tidy gpu events table (docs/design.md): a Kineto / PyTorch-profiler Chrome-trace
 * JSON (plain or .gz, streamed), an Nsight Systems SQLite export, or a folder of Kineto traces (one rank per
 * file, e.g. `rank-0.json.gz` … ). The format is detected from the content unless `{format}` is given.
 * Analyse the result with lib's `temporalBreakdown`, `idleTimeBreakdown`, … (HTA definitions).
 *
 * @throws BenchstatsError naming the file and byte offset for malformed or truncated input.
 * @example
 * const events = await readGpuEvents("data/gpu/kineto_a100_nccl_2rank_rank0.json.gz");
 * temporalBreakdown(events);
 */
export async function readGpuEvents(path: string, options: ReadKinetoOptions & {format?: GpuTraceFormat} = {}): Promise<GpuEventTable> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new BenchstatsError("missing", "no such file or folder", {file: path});
  }
  if (info.isDirectory()) return readKineto(await kinetoFilesOf(path), {onFile: options.onFile, workers: options.workers});
  const format = options.format ?? (/\.(parquet|pq)$/i.test(path) ? "parquet" : await detectFormat(path));
  // A tidy gpu events table (written by `benchstats convert gpu … -o events.parquet`).
  if (format === "parquet") return gpuEventTable(await readTable(path, "gpu"));
  if (format === "kineto") return readKineto(path, options);
  if (format === "nsys") return readNsysSqlite(path, {rank: options.rank});
  throw new BenchstatsError("option", `readGpuEvents: unknown format ${JSON.stringify(format)}; use "kineto" or "nsys" (metric logs: readGpuMetrics)`, {file: path});
}

/**
 * Reads a GPU metric log (nvidia-smi `--query-gpu` CSV, through DuckDB, or `nvidia-smi dmon` text) into the
 * `gpu-metrics` table: `timestamp, sample, gpu, metric, unit, value, text`. The format is detected from the
 * first line unless given; an empty file is an error at line 1.
 *
 * @example
 * const metrics = await readGpuMetrics("data/gpu/query-gpu-4xT4.csv");
 * metrics.rows()[0]; // {timestamp: "2023/01/11 00:06:01.255", sample: 0, gpu: "00000001:00:00.0", metric: "name", unit: "", value: NaN, text: "Tesla T4"}
 */
export async function readGpuMetrics(path: string, options: {format?: GpuMetricFormat} & NvidiaSmiOptions = {}): Promise<TidyTable<GpuMetricRow>> {
  let format = options.format ?? (/\.(parquet|pq)$/i.test(path) ? "parquet" : undefined);
  if (format === "parquet") return readTable<GpuMetricRow>(path, "gpu-metrics");
  if (!format) {
    const head = await fileHead(path, 4096);
    if (head.length === 0) throw new BenchstatsError("empty", "the file is empty; expected an nvidia-smi CSV log or dmon output", {file: path, line: 1});
    format = isDmonHeader(head.toString("utf8").split("\n")[0]) ? "dmon" : "nvidia-smi";
  }
  if (format === "dmon") return readDmon(path);
  if (format === "nvidia-smi") return readNvidiaSmiCsv(path, options);
  throw new BenchstatsError("option", `readGpuMetrics: unknown format ${JSON.stringify(format)}; use "nvidia-smi" or "dmon"`, {file: path});
}

/**
 * The trace format of a file from its first bytes: an SQLite database (`SQLite format 3`) is an Nsight
 * Systems export, a JSON object with `"traceEvents"` or `"schemaVersion"` a Kineto / PyTorch-profiler trace;
 * `undefined` otherwise.
 *
 * @example
 * gpuTraceFormatOf(await fileHead("rank-0.json.gz")) // "kineto"
 */
export function gpuTraceFormatOf(head: Uint8Array): GpuTraceFormat | undefined {
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString("utf8");
  if (text.startsWith("SQLite format 3\u0000")) return "nsys";
  if (/^\s*\{/.test(text) && /"(traceEvents|schemaVersion)"\s*:/.test(text)) return "kineto";
  return undefined;
}

/**
 * Whether the first line of a text log is the header of `nvidia-smi dmon`: a `#` comment naming the
 * columns, `gpu` among them (`# gpu pwr gtemp …`, or `#Date Time gpu …` with `-o DT`).
 *
 * @example
 * isDmonHeader("# gpu   pwr  gtemp  mtemp     sm    mem") // true
 */
export function isDmonHeader(line: string): boolean {
  return /^\s*#.*\bgpu\b/i.test(line);
}

/** The Kineto trace files of a folder of rank files (`*.json`, `*.json.gz`, not in sub-folders), sorted. */
export async function kinetoFilesOf(folder: string): Promise<string[]> {
  const files = (await walkFolder(folder, {match: /\.json(\.gz)?$/i, maxDepth: 0})).map((entry) => entry.path);
  if (files.length === 0) throw new BenchstatsError("missing", "the folder holds no *.json or *.json.gz trace files", {file: folder});
  return files;
}

async function detectFormat(path: string): Promise<GpuTraceFormat> {
  const head = await fileHead(path);
  const format = gpuTraceFormatOf(head);
  if (format) return format;
  const text = head.toString("utf8").trimStart();
  if (text.startsWith("{")) return "kineto"; // a JSON object without those keys in its head: the Kineto reader says what it lacks
  throw new BenchstatsError("format", "not a Kineto JSON trace (starts with '{') or an Nsight Systems SQLite export", {file: path, offset: 0});
}
