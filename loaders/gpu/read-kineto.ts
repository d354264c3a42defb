import {stat} from "node:fs/promises";
import {availableParallelism} from "node:os";
import {basename} from "node:path";
import {BenchstatsError} from "../../lib/core/errors.js";
import {GpuEventTableBuilder} from "../../lib/gpu/events.js";
import type {GpuEventTable, GpuRankInfo} from "../../lib/gpu/events.js";
import {fileChunks} from "./bytes.js";
import {KinetoParser} from "./kineto.js";
import type {KinetoFileResult} from "./kineto.js";
import {inWorkers} from "./kineto-pool.js";

/** Options of {@link readKineto}. */
export interface ReadKinetoOptions {
  /** Rank for a file without `distributedInfo.rank` (single file only). */
  rank?: number;
  /** Receives each file's metadata (distributedInfo, deviceProperties, …) and event counts, in file order. */
  onFile?: (result: KinetoFileResult) => void;
  /**
   * Worker threads reading files in parallel, one file per worker at a time. Default: the machine's cores (at
   * most one per file) when several files add up to ≥ 32 MB, else 1 (this thread). The table is the same for
   * any number of workers: the per-file tables are appended in file order with their dictionaries re-interned.
   */
  workers?: number;
}

/**
 * Reads one or more Kineto Chrome-trace files (plain or gzipped), streamed, into one gpu events table, one
 * rank per file. Two files claiming the same rank are an error. Several large files are read on worker threads
 * (`workers`), with the same result as one thread.
 *
 * @example
 * const events = await readKineto(["rank-0.json.gz", "rank-1.json.gz"]);
 */
export async function readKineto(paths: string | string[], options: ReadKinetoOptions = {}): Promise<GpuEventTable> {
  const files = Array.isArray(paths) ? paths : [paths];
  const workers = await workerCount(files, options.workers);
  const builder = new GpuEventTableBuilder(await expectedEvents(files));
  const {ranks, accept} = rankRecorder(options.onFile);
  const rankOption = files.length === 1 ? options.rank : undefined;
  if (workers > 1) {
    const jobs = files.map((file) => ({type: "read", file, rank: rankOption}));
    await inWorkers(jobs, workers, (index, {table, result}: {table: GpuEventTable; result: KinetoFileResult}) => {
      accept(files[index], result);
      builder.append(table);
    });
    return builder.finish(ranks);
  }
  for (const file of files) {
    const parser = new KinetoParser(builder, {source: file, rank: rankOption});
    for await (const chunk of fileChunks(file)) parser.push(chunk);
    accept(file, parser.end());
  }
  return builder.finish(ranks);
}

/**
 * Records each file's rank, in file order, and passes its result to `onFile`: a rank claimed by two files is a
 * `duplicate` error naming both.
 */
export function rankRecorder(onFile?: (result: KinetoFileResult) => void): {ranks: GpuRankInfo[]; accept: (file: string, result: KinetoFileResult) => void} {
  const ranks: GpuRankInfo[] = [];
  const seen = new Map<number, string>();
  const accept = (file: string, result: KinetoFileResult) => {
    const other = seen.get(result.info.rank);
    if (other !== undefined) {
      throw new BenchstatsError("duplicate", `rank ${result.info.rank} already read from ${basename(other)}`, {file});
    }
    seen.set(result.info.rank, file);
    ranks.push(result.info);
    onFile?.(result);
  };
  return {ranks, accept};
}

/**
 * Initial capacity of the table: plain JSON traces hold about one event per 200 bytes (Kineto's events with their
 * args, flows included), so the columns are sized once instead of doubling four or five times; gzip files, whose
 * size says little, start at 64 Ki events.
 */
export async function expectedEvents(files: string[]): Promise<number> {
  let bytes = 0;
  for (const file of files) {
    if (file.endsWith(".gz")) continue;
    bytes += (await stat(file).catch(() => ({size: 0}))).size;
  }
  return Math.max(1 << 16, Math.min(Math.ceil(bytes / 200), 1 << 26));
}

/** The worker threads for `files`: `asked` (checked, at most one per file), or the default of {@link ReadKinetoOptions.workers}. */
export async function workerCount(files: string[], asked: number | undefined, fn = "readKineto"): Promise<number> {
  if (asked !== undefined) {
    if (!Number.isInteger(asked) || asked < 1) throw new BenchstatsError("option", `${fn}: workers must be a positive integer, got ${asked}`);
    return Math.min(asked, files.length);
  }
  if (files.length < 2) return 1;
  let bytes = 0;
  for (const file of files) bytes += (await stat(file).catch(() => ({size: 0}))).size;
  return bytes >= 32 * 2 ** 20 ? Math.min(availableParallelism(), files.length) : 1;
}
