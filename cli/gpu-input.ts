// GPU events for `benchstats trace`: traces through the GPU loaders, or a tidy gpu-events CSV/JSON.
import {BenchstatsError, gpuEventTable, type GpuEventRow, type GpuEventTable} from "../lib/index.js";
import {readTidy, SCHEMAS} from "./tidy-read.js";

// Variable specifiers: the GPU loaders are resolved at run time (readGpuEvents in loaders/index.ts when it
// is exported there, else the Kineto reader it is built on).
const LOADERS_MODULE = "../loaders/index.js";
const KINETO_MODULE = "../loaders/gpu/read-kineto.js";

type Reader = (paths: string | string[], options?: Record<string, unknown>) => Promise<GpuEventTable | GpuEventRow[]>;

async function traceReader(files: number): Promise<Reader | undefined> {
  // readGpuEvents detects the format of one file; several files are the ranks of one Kineto trace.
  const candidates = [
    [LOADERS_MODULE, "readGpuEvents"],
    [KINETO_MODULE, "readKineto"]
  ];
  for (const [module, name] of files === 1 ? candidates : candidates.slice(1)) {
    try {
      const fn = ((await import(module)) as Record<string, unknown>)[name];
      if (typeof fn === "function") return fn as Reader;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

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
      const table = await readTidy(path, SCHEMAS.gpu);
      for (const row of table.rows) {
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
  const reader = await traceReader(paths.length);
  if (!reader) throw new BenchstatsError("format", "no GPU trace loader is available; give a tidy gpu events CSV", {file: paths[0]});
  const result = await reader(paths.length === 1 ? paths[0] : paths);
  return Array.isArray(result) ? gpuEventTable(result) : result;
}
