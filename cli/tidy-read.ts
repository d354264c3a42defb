// Reading tidy tables (DESIGN.md "Tidy tables") from CSV, TSV, JSON and JSONL files, with located errors.
// Node-only: the CLI's file layer. lib/ never reads files.
import {createReadStream} from "node:fs";
import {readFile, stat} from "node:fs/promises";
import {createInterface} from "node:readline";
import {basename, extname} from "node:path";
import {parse, CsvError} from "csv-parse";
import {BenchstatsError} from "../lib/index.js";

/** One row of a tidy table: column name → string or number (NaN = missing). */
export type TidyRow = Record<string, string | number>;

/** A tidy table read from a file, with the line each row came from (for located errors downstream). */
export interface TidyTable {
  file: string;
  columns: string[];
  rows: TidyRow[];
  /** 1-based source line of each row (CSV/JSONL), or the array index + 1 for JSON arrays. */
  lines: number[];
}

/** Which columns a tidy table kind requires, may carry, and which of them are numeric. */
export interface TidySchema {
  kind: string;
  required: string[];
  numeric: string[];
  /** Alternative names accepted for a column (e.g. `run` for `seed`), mapped to the canonical name. */
  aliases?: Record<string, string>;
}

export const SCHEMAS = {
  runs: {
    kind: "runs",
    required: ["algorithm", "task", "value"],
    numeric: ["value", "step", "wall_time"],
    aliases: {run: "seed", agent: "algorithm", method: "algorithm", game: "task", env: "task", score: "value"}
  },
  scores: {
    kind: "scores",
    required: ["model", "task", "score"],
    numeric: ["score", "stderr", "n"],
    aliases: {system: "model", value: "score"}
  },
  samples: {
    kind: "samples",
    required: ["model", "item", "value"],
    numeric: ["value"],
    aliases: {score: "value", correct: "value", respondent: "model"}
  },
  battles: {kind: "battles", required: ["model_a", "model_b", "winner"], numeric: []},
  gpu: {
    kind: "gpu events",
    required: ["rank", "stream", "name", "start_us", "dur_us"],
    numeric: ["rank", "device", "stream", "start_us", "dur_us", "correlation"]
  }
} satisfies Record<string, TidySchema>;

export type TidyKind = keyof typeof SCHEMAS;

const MISSING = new Set(["", "na", "nan", "n/a", "null", "none", "-"]);

/** Extensions the tidy reader understands directly; anything else goes to the format loaders. */
export function isTidyExtension(path: string): boolean {
  return [".csv", ".tsv", ".json", ".jsonl", ".ndjson"].includes(extname(path).toLowerCase());
}

/**
 * Reads a tidy table of the given kind. CSV/TSV need a header row; JSON is an array of row objects (or
 * `{rows: [...]}`, or rliable's per-run `{task: [run scores]}` with the file name as algorithm); JSONL has
 * one row object per line. Column names are matched case-insensitively and
 * through the schema's aliases. Numeric columns accept numbers and the usual missing markers
 * (empty, NA, NaN, null → NaN); anything else is an error naming the file, line and column.
 */
export async function readTidy(file: string, schema: TidySchema): Promise<TidyTable> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new BenchstatsError("io", `cannot read input file (does it exist?)`, {file});
  }
  if (info.isDirectory()) throw new BenchstatsError("io", "expected a file, got a folder", {file});
  const ext = extname(file).toLowerCase();
  const raw =
    ext === ".json" ? await readJsonArray(file) : ext === ".jsonl" || ext === ".ndjson" ? await readJsonLines(file) : await readDelimited(file, ext === ".tsv" ? "\t" : ",");
  return normalise(file, raw, schema);
}

interface RawTable {
  columns: string[];
  rows: Record<string, unknown>[];
  lines: number[];
}

async function readDelimited(file: string, delimiter: string): Promise<RawTable> {
  const parser = createReadStream(file).pipe(
    parse({delimiter, info: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: true})
  );
  let header: string[] | undefined;
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  try {
    for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: {lines: number}}>) {
      if (!header) {
        header = record;
        continue;
      }
      if (record.length !== header.length) {
        throw new BenchstatsError(
          "parse",
          `expected ${header.length} fields (${header.join(", ")}), got ${record.length}`,
          {file: file, line: info.lines}
        );
      }
      const row: Record<string, unknown> = {};
      for (let j = 0; j < header.length; ++j) row[header[j]] = record[j];
      rows.push(row);
      lines.push(info.lines);
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new BenchstatsError("parse", `malformed CSV: ${error.message}`, {file: file, line: (error as CsvError & {lines?: number}).lines});
    }
    throw error;
  }
  if (!header) throw new BenchstatsError("empty", "expected a header row and data rows, the file is empty", {file: file});
  return {columns: header, rows, lines};
}

async function readJsonArray(file: string): Promise<RawTable> {
  const text = await readFile(file, "utf8");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String((error as Error).message));
    const line = position ? text.slice(0, Number(position[1])).split("\n").length : undefined;
    throw new BenchstatsError("parse", `malformed JSON: ${(error as Error).message}`, {file: file, line});
  }
  if (data && typeof data === "object" && !Array.isArray(data) && Array.isArray((data as {rows?: unknown}).rows)) {
    data = (data as {rows: unknown[]}).rows;
  } else if (isRliableJson(data)) {
    return rliableRows(file, data);
  }
  if (!Array.isArray(data)) {
    throw new BenchstatsError("shape", "expected a JSON array of row objects (or {\"rows\": [...]})", {file: file});
  }
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const columns = new Set<string>();
  data.forEach((row, i) => {
    if (!row || typeof row !== "object" || Array.isArray(row)) {
      throw new BenchstatsError("shape", `expected a row object, got ${JSON.stringify(row)?.slice(0, 40)}`, {file: file, row: i + 1});
    }
    for (const key of Object.keys(row)) columns.add(key);
    rows.push(row as Record<string, unknown>);
    lines.push(i + 1);
  });
  return {columns: [...columns], rows, lines};
}

/** rliable's per-run files: `{task: [score of run 0, run 1, …]}` (null = missing run). */
function isRliableJson(data: unknown): data is Record<string, (number | null)[]> {
  if (!data || typeof data !== "object" || Array.isArray(data)) return false;
  const values = Object.values(data);
  return values.length > 0 && values.every((v) => Array.isArray(v) && v.every((x) => typeof x === "number" || x === null));
}

/** One runs row per (task, run) of an rliable JSON file; the algorithm is the file's name without extension. */
function rliableRows(file: string, data: Record<string, (number | null)[]>): RawTable {
  const algorithm = basename(file).replace(/\.json$/i, "");
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  for (const [task, runs] of Object.entries(data)) {
    runs.forEach((value, seed) => {
      rows.push({algorithm, task, seed: String(seed), value: value ?? NaN});
      lines.push(rows.length);
    });
  }
  return {columns: ["algorithm", "task", "seed", "value"], rows, lines};
}

async function readJsonLines(file: string): Promise<RawTable> {
  const input = createReadStream(file, "utf8");
  const reader = createInterface({input, crlfDelay: Infinity});
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const columns = new Set<string>();
  let line = 0;
  for await (const text of reader) {
    ++line;
    if (!text.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (error) {
      throw new BenchstatsError("parse", `malformed JSON line: ${(error as Error).message}`, {file: file, line});
    }
    if (!row || typeof row !== "object" || Array.isArray(row)) {
      throw new BenchstatsError("shape", "expected one JSON object per line", {file: file, line});
    }
    for (const key of Object.keys(row)) columns.add(key);
    rows.push(row as Record<string, unknown>);
    lines.push(line);
  }
  return {columns: [...columns], rows, lines};
}

function normalise(file: string, raw: RawTable, schema: TidySchema): TidyTable {
  const name = file;
  // Map each source column to its canonical name (case-insensitive, aliases).
  const rename = new Map<string, string>();
  const taken = new Set<string>();
  for (const column of raw.columns) {
    const lower = column.trim().toLowerCase();
    if (schema.required.includes(lower) || schema.numeric.includes(lower)) {
      rename.set(column, lower);
      taken.add(lower);
    }
  }
  for (const column of raw.columns) {
    if (rename.has(column)) continue;
    const lower = column.trim().toLowerCase();
    const alias = schema.aliases?.[lower];
    const target = alias && !taken.has(alias) ? alias : lower;
    rename.set(column, target);
    taken.add(target);
  }
  const ordered = new Map(raw.columns.map((c) => [c, rename.get(c)!]));
  const missing = schema.required.filter((c) => !taken.has(c));
  if (missing.length) {
    throw new BenchstatsError(
      "columns",
      `not a tidy ${schema.kind} table: missing column(s) ${missing.join(", ")}; expected ${schema.required.join(", ")}` +
        ` (found ${raw.columns.join(", ") || "none"})`,
      {file: name}
    );
  }
  const numeric = new Set(schema.numeric);
  const rows: TidyRow[] = new Array(raw.rows.length);
  const columns = [...new Set(ordered.values())];
  for (let i = 0; i < raw.rows.length; ++i) {
    const source = raw.rows[i];
    const row: TidyRow = {};
    for (const [from, to] of ordered) {
      const value = source[from];
      if (numeric.has(to)) row[to] = toNumber(value, {file: name, line: raw.lines[i], field: to});
      else if (value === undefined || value === null) row[to] = "";
      else row[to] = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
    }
    for (const column of schema.required) {
      if (!numeric.has(column) && row[column] === "") {
        throw new BenchstatsError("missing", `column "${column}" is empty; every row needs one`, {file: name, line: raw.lines[i]});
      }
    }
    rows[i] = row;
  }
  return {file, columns, rows, lines: raw.lines};
}

function toNumber(value: unknown, where: {file: string; line: number; field: string}): number {
  if (typeof value === "number") return value;
  if (value === undefined || value === null) return NaN;
  if (typeof value === "string") {
    const text = value.trim();
    if (MISSING.has(text.toLowerCase())) return NaN;
    const number = Number(text);
    if (!Number.isNaN(number)) return number;
  }
  throw new BenchstatsError("parse", `expected a number (or empty/NA for missing), got ${JSON.stringify(value)}`, {
    file: where.file,
    line: where.line,
    field: `column "${where.field}"`
  });
}
