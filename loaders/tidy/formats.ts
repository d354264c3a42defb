// The table file formats and how a file name says which: kept apart from the DuckDB reader so that
// code that only names formats (the CLI's options, the text writers) does not load DuckDB.

/** File formats DuckDB reads for tidy tables. */
export type TableFileFormat = "csv" | "tsv" | "json" | "jsonl" | "parquet";

/**
 * The table format of a file name, ignoring a `.gz`/`.zst` suffix; undefined for other files.
 *
 * @example tableFileFormat("runs.csv.gz"); // "csv"
 */
export function tableFileFormat(path: string): TableFileFormat | undefined {
  const name = path.toLowerCase().replace(/\.(gz|zst|zstd)$/, "");
  if (name.endsWith(".csv")) return "csv";
  if (name.endsWith(".tsv") || name.endsWith(".tab")) return "tsv";
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return "jsonl";
  if (name.endsWith(".json")) return "json";
  if (name.endsWith(".parquet") || name.endsWith(".pq")) return "parquet";
  return undefined;
}
