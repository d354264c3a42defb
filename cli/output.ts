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

/**
 * A computed number rounded to `digits` significant digits (default 12, which removes floating-point
 * noise and nothing any interval here resolves: `4259.379999999999` → `4259.38`, `0.30000000000000004` →
 * `0.3`). Integers, NaN and ±Infinity are returned as they are.
 */
export function roundForOutput(value: number, digits = 12): number {
  return Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toPrecision(digits)) : value;
}

/**
 * Writes a command's result (rows, or a columnar table) to `output` (a file; stdout when absent or "-").
 * With `digits`, numbers of result rows go through {@link roundForOutput}: the CLI passes `--digits`, or 12
 * when the table goes to a terminal; files and pipes otherwise get the library's numbers bit for bit.
 * Columnar tables (converted data) are written as read.
 */
export async function writeRows(rows: OutputRow[] | WritableTable, format: OutputFormat, output?: string, stdout: NodeJS.WritableStream = process.stdout, digits?: number): Promise<void> {
  const rounded =
    Array.isArray(rows) && digits !== undefined
      ? rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === "number" ? roundForOutput(value, digits) : value])))
      : rows;
  await writeTable(rounded, output && output !== "-" ? output : "-", {format, stdout});
}
