// Writing command results: a tidy table of rows as CSV or JSON, to stdout or a file.
import {writeFile} from "node:fs/promises";

export type OutputRow = Record<string, string | number | boolean | null | undefined>;
export type OutputFormat = "json" | "csv";

/**
 * Formats rows as RFC 4180 CSV. Columns are the union of the rows' keys in first-seen order; numbers are
 * written with full precision (shortest round-trip form), NaN/undefined/null as an empty field.
 */
export function formatCsv(rows: OutputRow[]): string {
  const columns = columnsOf(rows);
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(","));
  return lines.join("\n") + "\n";
}

/** Formats rows as a JSON array of objects; NaN and ±Infinity become null (JSON has no such numbers). */
export function formatJson(rows: OutputRow[]): string {
  return JSON.stringify(rows, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value), 2) + "\n";
}

export async function writeRows(rows: OutputRow[], format: OutputFormat, output?: string): Promise<void> {
  const text = format === "csv" ? formatCsv(rows) : formatJson(rows);
  if (output && output !== "-") await writeFile(output, text);
  else await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

function columnsOf(rows: OutputRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function csvField(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return Number.isNaN(value) ? "" : String(value);
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
