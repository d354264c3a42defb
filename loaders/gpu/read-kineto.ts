import {basename} from "node:path";
import {BenchstatsError} from "../../lib/core/errors.js";
import {GpuEventTableBuilder} from "../../lib/gpu/events.js";
import type {GpuEventTable, GpuRankInfo} from "../../lib/gpu/events.js";
import {fileChunks} from "./bytes.js";
import {KinetoParser} from "./kineto.js";
import type {KinetoFileResult} from "./kineto.js";

/** Options of {@link readKineto}. */
export interface ReadKinetoOptions {
  /** Rank for a file without `distributedInfo.rank` (single file only). */
  rank?: number;
  /** Receives each file's metadata (distributedInfo, deviceProperties, …) and event counts. */
  onFile?: (result: KinetoFileResult) => void;
}

/**
 * Reads one or more Kineto Chrome-trace files (plain or gzipped), streamed, into one gpu events table, one
 * rank per file. Two files claiming the same rank are an error.
 *
 * @example
 * const events = await readKineto(["rank-0.json.gz", "rank-1.json.gz"]);
 */
export async function readKineto(paths: string | string[], options: ReadKinetoOptions = {}): Promise<GpuEventTable> {
  const files = Array.isArray(paths) ? paths : [paths];
  const builder = new GpuEventTableBuilder(1 << 16);
  const ranks: GpuRankInfo[] = [];
  const seen = new Map<number, string>();
  for (const file of files) {
    const parser = new KinetoParser(builder, {source: file, rank: files.length === 1 ? options.rank : undefined});
    for await (const chunk of fileChunks(file)) parser.push(chunk);
    const result = parser.end();
    const other = seen.get(result.info.rank);
    if (other !== undefined) {
      throw new BenchstatsError("duplicate", `rank ${result.info.rank} already read from ${basename(other)}`, {file});
    }
    seen.set(result.info.rank, file);
    ranks.push(result.info);
    options.onFile?.(result);
  }
  return builder.finish(ranks);
}
