// Command inputs: a tidy file read through DuckDB (loaders/tidy), or any raw format through the loaders.
import {AsyncLocalStorage} from "node:async_hooks";
import {stat} from "node:fs/promises";
import {BenchstatsError, type GpuEventTable} from "../lib/index.js";
import {kernelCategory} from "../lib/engine.js";
import {readTable, tableFileFormat, TidyTable, type ReadTableOptions, type TableKind} from "../loaders/tidy/index.js";

/** The tables a command can take as input; `gpu` is the gpu events table. */
export type InputKind = "runs" | "scores" | "samples" | "battles" | "gpu";

/** Loader function names in loaders/index.ts per table, for messages. */
const LOADER_NAMES: Record<InputKind, string> = {
  runs: "readRuns",
  scores: "readScores",
  samples: "readSamples",
  battles: "readBattles",
  gpu: "readGpuEvents"
};

/**
 * The `--columns` mapping of the command being run (schema column → the file's column), kept for the
 * command's duration so that every input it reads takes it without each command passing it along.
 */
const columnMapping = new AsyncLocalStorage<Record<string, string>>();

/** Runs `fn` with `--columns algorithm=method,task=env,…` applied to every tidy input it reads. */
export function withColumnMapping<T>(text: string | undefined, fn: () => Promise<T>): Promise<T> {
  return columnMapping.run(parseColumnMapping(text), fn);
}

/**
 * Parses `--columns`: comma-separated `schema=file` pairs, e.g. `algorithm=method,value=final_return`,
 * into the reader's rename map (file column → schema column).
 */
export function parseColumnMapping(text: string | undefined): Record<string, string> {
  const rename: Record<string, string> = {};
  if (text === undefined) return rename;
  for (const pair of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const match = /^([A-Za-z_][\w]*)\s*=\s*(.+)$/.exec(pair);
    if (!match) {
      throw new BenchstatsError("option", `expected pairs like algorithm=method,value=final_return (a table's column = your file's column), got ${JSON.stringify(pair)}`, {field: "--columns"});
    }
    rename[match[2].trim()] = match[1];
  }
  return rename;
}

/**
 * Reads `path` as a tidy table of `kind`. `format` `"tidy"` forces the tidy reader; any other value is
 * passed to the loader (`readRuns(path, {format})` …). Without `format`: a .csv/.tsv/.json/.jsonl/.parquet
 * file is read as a tidy table when it has the tidy columns, and otherwise handed to the loader's format
 * detection; folders and other files go straight to the loader.
 */
export async function loadTable(path: string, kind: InputKind, format?: string, options: Pick<ReadTableOptions, "rename" | "checkValues"> = {}): Promise<TidyTable> {
  let isFile = false;
  try {
    isFile = (await stat(path)).isFile();
  } catch {
    throw new BenchstatsError("io", "cannot read input (no such file or folder)", {file: path});
  }
  if (format === "tidy" || (format === undefined && isFile && tableFileFormat(path))) {
    const mapped = columnMapping.getStore();
    if (mapped && Object.keys(mapped).length) options = {...options, rename: {...mapped, ...options.rename}};
    try {
      return await readTable(path, kind, options);
    } catch (error) {
      // A JSON/CSV file in a tool's own format (lm-eval results, W&B export...) lacks the tidy columns:
      // let the loader try before giving up. When the loader recognised the file and found a bad value in it,
      // its located error is the one to report (a leaderboard's "abc" score at its line); when it did not
      // recognise the file either, the tidy error says what was expected.
      if (format === "tidy" || !(error instanceof BenchstatsError) || (error.code !== "columns" && error.code !== "format")) throw error;
      try {
        return await viaLoader(path, kind, undefined);
      } catch (loaderError) {
        if (loaderError instanceof BenchstatsError && loaderError.code !== "columns" && loaderError.code !== "format") throw loaderError;
        throw error;
      }
    }
  }
  return viaLoader(path, kind, format);
}

async function viaLoader(path: string, kind: InputKind, format: string | undefined): Promise<TidyTable> {
  // Loaded on demand: the loaders pull in parsers (SQLite, protobuf) most commands never need.
  const loaders = await import("../loaders/index.js");
  const options = format === undefined ? undefined : ({format} as never);
  let result: unknown;
  switch (kind) {
    case "runs":
      result = await loaders.readRuns(path, options);
      break;
    case "scores":
      result = await loaders.readScores(path, options);
      break;
    case "samples":
      result = await loaders.readSamples(path, options);
      break;
    case "battles":
      result = await loaders.readBattles(path, options);
      break;
    case "gpu":
      result = await loaders.readGpuEvents(path, options);
      break;
  }
  return asTidyTable(result, kind, path);
}

/** A loader's result (a TidyTable, row objects, or lib's columnar gpu events) as a TidyTable. */
function asTidyTable(result: unknown, kind: TableKind, path: string): TidyTable {
  if (result instanceof TidyTable) return result;
  if (Array.isArray(result)) {
    if (!result.length) throw new BenchstatsError("empty", `the ${LOADER_NAMES[kind as InputKind]} loader found no rows`, {file: path});
    // Loaders check their formats' values; labels a file lacks (a TensorBoard run's algorithm) stay empty for the command to fill.
    return TidyTable.fromRows(kind, result, {source: path, check: false});
  }
  if (result && typeof result === "object" && (result as GpuEventTable).start_us instanceof Float64Array) return gpuEvents(result as GpuEventTable, path);
  throw new BenchstatsError("format", `the ${LOADER_NAMES[kind as InputKind]} loader returned no table`, {file: path});
}

/** lib's gpu events table as a tidy gpu table (typed columns, names and kinds as labels). */
function gpuEvents(table: GpuEventTable, path: string): TidyTable {
  if (!table.length) throw new BenchstatsError("empty", "the trace holds no events with a duration", {file: path});
  const asNumbers = (values: ArrayLike<number>) => Float64Array.from(values);
  const codes = (values: Uint16Array | Int32Array, labels: readonly string[]) => {
    const out = labels.length <= 256 ? new Uint8Array(values.length) : labels.length <= 65536 ? new Uint16Array(values.length) : new Uint32Array(values.length);
    out.set(values);
    return {codes: out, labels};
  };
  // HTA's category per event: by kernel name, "CPU" for host-side events (stream −1), as gpuEventRows.
  const byName: string[] = table.names.map(kernelCategory);
  const categories = [...new Set([...byName, "CPU"])];
  const categoryOfName = byName.map((c) => categories.indexOf(c));
  const cpu = categories.indexOf("CPU");
  const category = categories.length <= 256 ? new Uint8Array(table.length) : new Uint16Array(table.length);
  for (let i = 0; i < table.length; ++i) category[i] = table.stream[i] === -1 ? cpu : categoryOfName[table.name[i]];
  return new TidyTable("gpu", table.length, {
    rank: asNumbers(table.rank),
    device: asNumbers(table.device),
    stream: table.stream,
    thread: table.thread,
    kind: codes(table.kind, table.kinds),
    category: {codes: category, labels: categories},
    name: codes(table.name, table.names),
    start_us: table.start_us,
    dur_us: table.dur_us,
    correlation: table.correlation
  }, path);
}
