// Readers for GPU traces and GPU metric logs (methods/formats.md §1): Node-only, streamed where files get large.
import {readdir, stat} from "node:fs/promises";
import {join} from "node:path";
import {BenchstatsError} from "../../lib/core/errors.js";
import {gpuEventTable, type GpuEventTable} from "../../lib/gpu/events.js";
import {fileChunks} from "./bytes.js";
import {readKineto} from "./read-kineto.js";
import type {ReadKinetoOptions} from "./read-kineto.js";
import {readNsysSqlite} from "./nsys.js";
import {readNvidiaSmiCsv} from "./nvidia-smi.js";
import {readDmon} from "./dmon.js";
import type {NvidiaSmiOptions} from "./nvidia-smi.js";
import type {GpuMetricRow} from "../tidy/rows.js";
import type {TidyTable} from "../tidy/table.js";
import {readTable} from "../tidy/read.js";

export {readKineto, readNsysSqlite, readNvidiaSmiCsv, readDmon};
export {KinetoParser} from "./kineto.js";
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
 * Reads GPU trace events into the tidy gpu events table (DESIGN.md): a Kineto / PyTorch-profiler Chrome-trace
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
  if (info.isDirectory()) {
    const files = (await readdir(path)).filter((f) => /\.json(\.gz)?$/i.test(f)).sort().map((f) => join(path, f));
    if (files.length === 0) throw new BenchstatsError("missing", "the folder holds no *.json or *.json.gz trace files", {file: path});
    return readKineto(files, {onFile: options.onFile});
  }
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
    const head = await firstBytes(path, 4096);
    if (head.length === 0) throw new BenchstatsError("empty", "the file is empty; expected an nvidia-smi CSV log or dmon output", {file: path, line: 1});
    const line = head.toString("utf8").split("\n")[0].trim();
    format = line.startsWith("#") ? "dmon" : "nvidia-smi";
  }
  if (format === "dmon") return readDmon(path);
  if (format === "nvidia-smi") return readNvidiaSmiCsv(path, options);
  throw new BenchstatsError("option", `readGpuMetrics: unknown format ${JSON.stringify(format)}; use "nvidia-smi" or "dmon"`, {file: path});
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of fileChunks(path, 1 << 16)) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= n) break;
  }
  return Buffer.concat(parts).subarray(0, n);
}

async function detectFormat(path: string): Promise<GpuTraceFormat> {
  const head = await firstBytes(path, 64);
  if (head.subarray(0, 15).toString("latin1") === "SQLite format 3") return "nsys";
  const text = head.toString("utf8").trimStart();
  if (text.startsWith("{")) return "kineto";
  throw new BenchstatsError("format", "not a Kineto JSON trace (starts with '{') or an Nsight Systems SQLite export", {file: path, offset: 0});
}
