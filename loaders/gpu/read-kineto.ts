import {stat} from "node:fs/promises";
import {availableParallelism} from "node:os";
import {basename} from "node:path";
import {Worker} from "node:worker_threads";
import {BenchstatsError, type ErrorCode, type ErrorLocation} from "../../lib/core/errors.js";
import {GpuEventTableBuilder} from "../../lib/gpu/events.js";
import type {GpuEventTable, GpuRankInfo} from "../../lib/gpu/events.js";
import {fileChunks} from "./bytes.js";
import {KinetoParser} from "./kineto.js";
import type {KinetoFileResult} from "./kineto.js";

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
  const ranks: GpuRankInfo[] = [];
  const seen = new Map<number, string>();
  const accept = (file: string, result: KinetoFileResult) => {
    const other = seen.get(result.info.rank);
    if (other !== undefined) {
      throw new BenchstatsError("duplicate", `rank ${result.info.rank} already read from ${basename(other)}`, {file});
    }
    seen.set(result.info.rank, file);
    ranks.push(result.info);
    options.onFile?.(result);
  };
  const rankOption = files.length === 1 ? options.rank : undefined;
  if (workers > 1) {
    await readInWorkers(files, workers, rankOption, (file, part, result) => {
      accept(file, result);
      builder.append(part);
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
 * Initial capacity of the table: plain JSON traces hold about one event per 200 bytes (Kineto's events with their
 * args, flows included), so the columns are sized once instead of doubling four or five times; gzip files, whose
 * size says little, start at 64 Ki events.
 */
async function expectedEvents(files: string[]): Promise<number> {
  let bytes = 0;
  for (const file of files) {
    if (file.endsWith(".gz")) continue;
    bytes += (await stat(file).catch(() => ({size: 0}))).size;
  }
  return Math.max(1 << 16, Math.min(Math.ceil(bytes / 200), 1 << 26));
}

async function workerCount(files: string[], asked: number | undefined): Promise<number> {
  if (asked !== undefined) {
    if (!Number.isInteger(asked) || asked < 1) throw new BenchstatsError("option", `readKineto: workers must be a positive integer, got ${asked}`);
    return Math.min(asked, files.length);
  }
  if (files.length < 2) return 1;
  let bytes = 0;
  for (const file of files) bytes += (await stat(file).catch(() => ({size: 0}))).size;
  return bytes >= 32 * 2 ** 20 ? Math.min(availableParallelism(), files.length) : 1;
}

/**
 * Reads files on `workers` threads and hands each file's table to `take` in file order as soon as it and every
 * file before it are done, so finished tables do not pile up.
 */
async function readInWorkers(files: string[], workers: number, rank: number | undefined,
  take: (file: string, part: GpuEventTable, result: KinetoFileResult) => void): Promise<void> {
  const here = import.meta.url;
  const typescript = here.endsWith(".ts");
  const url = new URL(typescript ? "./kineto-worker.ts" : "./kineto-worker.js", here);
  // From TypeScript sources (tests, the CLI through tsx), the worker registers tsx before loading its entry.
  const spawn = () => typescript
    ? new Worker(`import("tsx/esm/api").then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`, {eval: true})
    : new Worker(url);
  const done = new Map<number, {part: GpuEventTable; result: KinetoFileResult}>();
  let nextToTake = 0;
  let next = 0;
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      const drain = () => {
        while (done.has(nextToTake)) {
          const {part, result} = done.get(nextToTake)!;
          done.delete(nextToTake);
          take(files[nextToTake], part, result);
          nextToTake++;
        }
      };
      const feed = (worker: Worker) => {
        if (next >= files.length) {
          if (--active === 0) resolve();
          return;
        }
        const index = next++;
        worker.once("message", (msg: {table?: GpuEventTable; result?: KinetoFileResult; error?: {code: ErrorCode; message: string; location?: ErrorLocation}}) => {
          if (msg.error) {
            const {code, message, location} = msg.error;
            // The message already names the location: strip that prefix before building the error again.
            const prefix = location ? new BenchstatsError(code, "", location).message : "";
            reject(new BenchstatsError(code, message.startsWith(prefix) ? message.slice(prefix.length) : message, location));
            return;
          }
          done.set(index, {part: msg.table!, result: msg.result!});
          try {
            drain();
          } catch (e) {
            reject(e);
            return;
          }
          feed(worker);
        });
        worker.postMessage({file: files[index], rank});
      };
      for (let w = 0; w < workers; ++w) {
        const worker = spawn();
        pool.push(worker);
        worker.on("error", reject);
        active++;
        feed(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
