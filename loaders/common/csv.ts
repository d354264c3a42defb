import {parse} from "csv-parse";
import {openStream} from "./lines.js";
import {fail} from "./fail.js";

/** One parsed CSV record with the 1-based line of the file it starts on. */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * Streams CSV records with csv-parse (RFC 4180 quoting; fields may hold newlines). Rows must all have the
 * header's column count; a ragged row or broken quoting fails with the file and line.
 */
export async function* readCsv(file: string, options: {delimiter?: string; trim?: boolean} = {}): AsyncGenerator<CsvRecord> {
  const parser = openStream(file).pipe(
    parse({delimiter: options.delimiter ?? ",", trim: options.trim ?? false, info: true, bom: true, skip_empty_lines: true})
  );
  try {
    for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: {lines: number; raw?: string}}>) {
      // info.lines is the line the record ends on; records spanning lines are rare, so this is close enough.
      yield {cells: record, line: info.lines};
    }
  } catch (error) {
    if (error instanceof Error && "code" in error && typeof (error as {code: unknown}).code === "string" && (error as {code: string}).code.startsWith("CSV_")) {
      const lines = (error as unknown as {lines?: number}).lines;
      fail("parse", `malformed CSV (${error.message})`, {file, line: lines});
    }
    throw error;
  }
}

/** Index of each header name, failing with the file when a required column is absent. */
export function columnIndex(header: string[], required: string[], file: string, what: string): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => index.set(name.trim(), i));
  const missing = required.filter((name) => !index.has(name));
  if (missing.length) {
    fail("format", `${what} needs column(s) ${missing.join(", ")}; the header has ${header.map((h) => JSON.stringify(h)).join(", ")}`, {file, line: 1});
  }
  return index;
}
