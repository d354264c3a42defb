// Writing command results: through the one table writer (loaders/tidy/write.ts), as JSON, CSV, TSV,
// JSONL or Parquet, to stdout or a file.
import type {TableFileFormat} from "../loaders/tidy/read.js";
import {formatTable, writeTable, type WritableTable} from "../loaders/tidy/write.js";

export type OutputRow = Record<string, string | number | boolean | null | undefined>;
export type OutputFormat = TableFileFormat;

/** The formats `--format` takes, JSON (the default) first. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["json", "csv", "tsv", "jsonl", "parquet"];

/**
 * Formats rows as RFC 4180 CSV. Columns are the union of the rows' keys in first-seen order; numbers are
 * written with full precision (shortest round-trip form), NaN/undefined/null as an empty field.
 */
export function formatCsv(rows: OutputRow[]): string {
  return formatTable(rows, "csv");
}

/** Formats rows as a JSON array of objects; NaN and ±Infinity become null (JSON has no such numbers). */
export function formatJson(rows: OutputRow[]): string {
  return formatTable(rows, "json");
}

/** Writes a command's result (rows, or a columnar table) to `output` (a file; stdout when absent or "-"). */
export async function writeRows(rows: OutputRow[] | WritableTable, format: OutputFormat, output?: string, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  await writeTable(rows, output && output !== "-" ? output : "-", {format, stdout});
}
