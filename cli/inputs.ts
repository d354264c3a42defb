// Command inputs: a tidy file read directly, or any raw format through the loaders (loaders/index.ts).
import {stat} from "node:fs/promises";
import {BenchstatsError, gpuEventRows, type GpuEventTable} from "../lib/index.js";
import {isTidyExtension, readTidy, SCHEMAS, type TidyKind, type TidyRow, type TidyTable} from "./tidy-read.js";

/** Loader function names in loaders/index.ts per tidy kind (DESIGN.md). */
const LOADERS: Record<TidyKind, string> = {
  runs: "readRuns",
  scores: "readScores",
  samples: "readSamples",
  battles: "readBattles",
  gpu: "readGpuEvents"
};

// A variable specifier keeps the loaders an optional, runtime-resolved dependency of the CLI.
const LOADERS_MODULE = "../loaders/index.js";

type LoaderFunction = (path: string, options?: {format?: string}) => unknown;

async function loaderFor(kind: TidyKind): Promise<LoaderFunction | undefined> {
  let module: Record<string, unknown>;
  try {
    module = (await import(LOADERS_MODULE)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const fn = module[LOADERS[kind]];
  return typeof fn === "function" ? (fn as LoaderFunction) : undefined;
}

/**
 * Reads `path` as a tidy table of `kind`. `format` `"tidy"` forces the tidy reader; any other value is
 * passed to the loader (`readRuns(path, {format})` …). Without `format`: a .csv/.tsv/.json/.jsonl file is
 * read as a tidy table when it has the tidy columns, and otherwise handed to the loader's format
 * detection; folders and other files go straight to the loader.
 */
export async function loadTable(path: string, kind: TidyKind, format?: string): Promise<TidyTable> {
  const schema = SCHEMAS[kind];
  let isFile = false;
  try {
    isFile = (await stat(path)).isFile();
  } catch {
    throw new BenchstatsError("io", "cannot read input (no such file or folder)", {file: path});
  }
  if (format === "tidy" || (format === undefined && isFile && isTidyExtension(path))) {
    try {
      return await readTidy(path, schema);
    } catch (error) {
      // A JSON/CSV file in a tool's own format (lm-eval results, W&B export...) lacks the tidy columns:
      // let the loader try before giving up, and report the tidy error if the loader cannot read it either.
      if (format === "tidy" || !(error instanceof BenchstatsError) || error.code !== "columns") throw error;
      const loader = await loaderFor(kind);
      if (!loader) throw error;
      try {
        return await viaLoader(loader, path, kind, undefined);
      } catch {
        throw error;
      }
    }
  }
  const loader = await loaderFor(kind);
  if (!loader) {
    throw new BenchstatsError(
      "format",
      `no loader for ${schema.kind} files is available; give a tidy CSV/JSON table with columns ${schema.required.join(", ")}`,
      {file: path}
    );
  }
  return viaLoader(loader, path, kind, format);
}

async function viaLoader(loader: LoaderFunction, path: string, kind: TidyKind, format: string | undefined): Promise<TidyTable> {
  let result = await loader(path, format === undefined ? undefined : {format});
  // GPU loaders return a columnar table (typed arrays); turn it into rows.
  if (result && typeof result === "object" && (result as {start_us?: unknown}).start_us instanceof Float64Array) {
    result = gpuEventRows(result as GpuEventTable);
  }
  const rows: TidyRow[] = [];
  const source = (result && typeof result === "object" && "rows" in result ? (result as {rows: unknown}).rows : result) as
    | Iterable<TidyRow>
    | AsyncIterable<TidyRow>;
  if (!source || (typeof (source as AsyncIterable<TidyRow>)[Symbol.asyncIterator] !== "function" && typeof (source as Iterable<TidyRow>)[Symbol.iterator] !== "function")) {
    throw new BenchstatsError("format", `the ${LOADERS[kind]} loader returned no rows`, {file: path});
  }
  for await (const row of source) rows.push(row);
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const missing = SCHEMAS[kind].required.filter((c) => !columns.includes(c));
  if (rows.length && missing.length) {
    throw new BenchstatsError("columns", `${LOADERS[kind]} rows lack column(s) ${missing.join(", ")}`, {file: path});
  }
  const numeric = new Set(SCHEMAS[kind].numeric);
  for (const row of rows) {
    for (const c of columns) {
      const v = row[c] as unknown;
      if (numeric.has(c)) {
        if (typeof v === "string") row[c] = v.trim() === "" ? NaN : Number(v);
        else if (v === null || v === undefined) row[c] = NaN;
      } else if (v === null || v === undefined) row[c] = "";
    }
  }
  return {file: path, columns, rows, lines: rows.map((_, i) => i + 1)};
}
