// GPU events for `benchstats trace`: traces through the GPU loaders, or a tidy gpu-events CSV/JSON.
import {stat} from "node:fs/promises";
import {BenchstatsError, gpuEventTable, type GpuEventRow, type GpuEventTable} from "../lib/index.js";
import type {RankAnalyses, RankAnalysisName} from "../loaders/gpu/analyse-ranks.js";
import {readTable} from "../loaders/tidy/index.js";

const isTidyGpu = (path: string) => /\.(csv|tsv|jsonl)$/i.test(path);

/**
 * Reads one or more files into one gpu events table: tidy rows (CSV/TSV/JSONL with the gpu events
 * columns), one trace in any format the GPU loaders detect (Kineto JSON plain or gzipped, Nsight Systems
 * SQLite), or several Kineto files, one rank each.
 */
export async function loadGpuEvents(paths: string[]): Promise<GpuEventTable> {
  if (paths.every(isTidyGpu)) {
    const rows: GpuEventRow[] = [];
    for (const path of paths) {
      const table = await readTable(path, "gpu");
      for (const row of table.rows()) {
        rows.push({
          rank: row.rank as number,
          device: Number.isNaN(row.device as number) || row.device === undefined ? -1 : (row.device as number),
          stream: row.stream as number,
          kind: String(row.kind ?? ""),
          name: String(row.name),
          start_us: row.start_us as number,
          dur_us: row.dur_us as number,
          correlation: row.correlation === undefined || Number.isNaN(row.correlation as number) ? -1 : (row.correlation as number)
        });
      }
    }
    return gpuEventTable(rows);
  }
  if (paths.some(isTidyGpu)) throw new BenchstatsError("option", "give either tidy gpu-event tables or trace files, not both", {file: paths.join(", ")});
  // Loaded on demand: the trace parsers (SQLite for Nsight) are not needed by the tidy path.
  const {readGpuEvents, readKineto} = await import("../loaders/index.js");
  // readGpuEvents detects the format of one file; several files are the ranks of one Kineto trace.
  return paths.length === 1 ? readGpuEvents(paths[0]) : readKineto(paths);
}

/**
 * A per-rank HTA analysis of several Kineto files, or of a folder of them, computed where each rank is read
 * (loaders' analyseKinetoRanks: worker threads send back the rows only); `undefined` for one file or tidy
 * tables, which {@link loadGpuEvents} reads as before.
 */
export async function analyseGpuRanks(paths: string[], analysis: RankAnalysisName, mode: "hta" | "exact"):
  Promise<{rows: NonNullable<RankAnalyses[RankAnalysisName]>; events: number; ranks: number} | undefined> {
  if (paths.some(isTidyGpu)) return undefined;
  let files = paths;
  if (paths.length === 1) {
    const info = await stat(paths[0]).catch(() => undefined);
    if (!info?.isDirectory()) return undefined;
    const {kinetoFilesOf} = await import("../loaders/gpu/index.js");
    files = await kinetoFilesOf(paths[0]);
  }
  const {analyseKinetoRanks} = await import("../loaders/gpu/index.js");
  let events = 0;
  const result = await analyseKinetoRanks(files, {analyses: [analysis], mode, onFile: (r) => (events += r.eventsKept)});
  return {rows: result[analysis]!, events, ranks: files.length};
}
