/**
 * DuckDB embedded (`@duckdb/node-api`): the engine that reads CSV/TSV/JSON/JSONL/Parquet files, plain or
 * compressed, computes sufficient statistics next to the data and writes Parquet. One in-process database
 * per Node process, in memory, spilling to a temporary folder when a query outgrows memory; nothing to
 * start, no network, and no extension downloads (json and parquet are built into the binary).
 *
 * Why DuckDB rather than hand-written parsers: it reads a 60 MB long CSV into typed columns in well under a
 * second with both cores, parses numbers and quoting to the RFC, reads Parquet and gzip/zstd natively,
 * and runs the group-bys of `summarize` over 10⁸ rows on disk at a fixed memory cost.
 *
 * The native module (~25 MiB resident) is loaded on the first query, not when a loader module is imported:
 * a script that reads GPU traces only never pays for it.
 */
import {mkdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {DuckDBConnection, DuckDBInstance} from "@duckdb/node-api";
import {BenchstatsError, type ErrorCode, type ErrorLocation} from "../../lib/core/errors.js";
import {badByteOfFile} from "../common/text-bytes.js";

let instance: Promise<DuckDBInstance> | undefined;
let connection: Promise<DuckDBConnection> | undefined;

/**
 * The process's DuckDB connection (created on first use). Settings: all cores (or
 * `BENCHSTATS_DUCKDB_THREADS`), memory capped at `BENCHSTATS_DUCKDB_MEMORY` (DuckDB's syntax, e.g. `4GB`;
 * default DuckDB's 80 % of RAM), spilling to `$TMPDIR/benchstats-duckdb`, and no automatic extension
 * installs (nothing leaves the machine).
 */
export function duckdb(): Promise<DuckDBConnection> {
  connection ??= database().then((db) => db.connect());
  return connection;
}

/**
 * A new connection to the process's database, for work that must not share the common connection's
 * state: an appender and its temporary table (temporary tables belong to one connection), or a long
 * COPY beside other queries. Close it with `closeSync()` when done.
 */
export async function duckdbConnection(): Promise<DuckDBConnection> {
  return (await database()).connect();
}

function database(): Promise<DuckDBInstance> {
  instance ??= (async () => {
    const spill = join(tmpdir(), "benchstats-duckdb");
    mkdirSync(spill, {recursive: true});
    const options: Record<string, string> = {
      temp_directory: spill,
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false"
    };
    if (process.env.BENCHSTATS_DUCKDB_MEMORY) options.memory_limit = process.env.BENCHSTATS_DUCKDB_MEMORY;
    if (process.env.BENCHSTATS_DUCKDB_THREADS) options.threads = process.env.BENCHSTATS_DUCKDB_THREADS;
    const {DuckDBInstance} = await import("@duckdb/node-api");
    return DuckDBInstance.create(":memory:", options);
  })();
  return instance;
}

/**
 * Drops the process's database, so that the next query opens a fresh one: after an internal error DuckDB
 * marks its database invalid and refuses every later query. Connections taken before stay with the old one.
 */
export function resetDuckdb(): void {
  instance = undefined;
  connection = undefined;
}

/** A SQL string literal: `it's` → `'it''s'`. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A SQL identifier: `my col` → `"my col"`. */
export function sqlName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Runs `sql` and returns its rows as objects (BIGINTs as numbers when they are safe integers). For small
 * results only: statistics, dictionaries, counts. Errors become located `BenchstatsError`s ({@link duckdbError}).
 */
export async function queryRows(sql: string, file?: string): Promise<Record<string, unknown>[]> {
  const db = await duckdb();
  try {
    const reader = await db.runAndReadAll(sql);
    return reader.getRowObjects().map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) out[key] = typeof value === "bigint" ? toNumber(value) : value;
      return out;
    });
  } catch (error) {
    throw duckdbError(error, file);
  }
}

/** Runs a statement for its effect (CREATE, COPY, …). */
export async function execute(sql: string, file?: string): Promise<void> {
  const db = await duckdb();
  try {
    await db.run(sql);
  } catch (error) {
    throw duckdbError(error, file);
  }
}

function toNumber(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * DuckDB's error → a `BenchstatsError` naming the file and, where DuckDB says it, the line or byte
 * (`CSV Error on Line: 3`, `in line 2`, `at byte 27`), with DuckDB's advice about its own options cut.
 * A `BenchstatsError` passes through. An internal error of DuckDB (an assertion that failed on odd bytes)
 * resets the database ({@link resetDuckdb}) and names the file's first bad byte when it has one.
 */
export function duckdbError(error: unknown, file?: string): BenchstatsError {
  if (error instanceof BenchstatsError) return error;
  const text = String((error as Error)?.message ?? error);
  if (/^(INTERNAL|FATAL) Error|database has been invalidated/.test(text)) return internalError(text, file);
  const location: ErrorLocation = {file};
  // DuckDB's JSON errors count records ("in line N" is record N − 1, its bytes within the record): callers
  // that read JSON locate those themselves (loaders/tidy/json-syntax.ts).
  const json = /Malformed JSON/i.test(text);
  const line = /CSV Error on Line: (\d+)/.exec(text) ?? (json ? null : /\bin line (\d+)/.exec(text));
  if (line) location.line = Number(line[1]);
  const byte = json ? null : /at byte (\d+)/.exec(text);
  if (byte) location.offset = Number(byte[1]);
  let message = text
    .split(/\n\s*(?:Possible (?:solutions|fixes):|Try setting|Column \S+ is being converted|This type was auto-detected|\s*file = |LINE \d+:)/)[0]
    .replace(/^(Conversion|Invalid Input|IO|Binder|Parser|Out of Memory) Error: /, "")
    .replace(/CSV Error on Line: \d+\s*/, "")
    .replace(/in file "[^"]*",?\s*/, "");
  // DuckDB quotes the offending CSV record first ("Original Line: …", which may span lines); keep its verdict.
  if (message.includes("Original Line:")) {
    const verdict = message.split("\n").find((l) => /^(Error when converting|Expected Number of Columns|Value with unterminated quote|Invalid unicode|Maximum line size)/.test(l.trim()));
    message = verdict ?? message.slice(0, message.indexOf("Original Line:"));
  }
  message = message
    .replace(/Malformed JSON (?:at byte \d+ in line \d+: )?/, "malformed JSON: ")
    .replace(/Value with unterminated quote found\./, "malformed CSV: a quoted value is not closed (unterminated quote)")
    .replace(/\s+/g, " ")
    .trim();
  let code: ErrorCode = "parse";
  if (/^No files found|No such file|Cannot open file/i.test(message)) {
    code = "io";
    message = "no such file, or it cannot be read";
  } else if (/Could not convert string "(true|false)"/i.test(message)) {
    message = message.replace(/Error when converting column "([^"]+)"\. Could not convert string "(\w+)" to '[A-Z]+'/, 'column "$1": expected a number, got the boolean $2');
  } else if (/Could not convert string/.test(message)) {
    message = message.replace(/Error when converting column "([^"]+)"\. Could not convert string "([^"]*)" to '([A-Z]+)'/, (_m, column: string, value: string) => `column "${column}": expected a number, got ${JSON.stringify(value)}`);
  } else if (/Expected Number of Columns: \d+ Found: \d+/.test(message)) {
    message = message.replace(/Expected Number of Columns: (\d+) Found: (\d+)/, "malformed CSV: expected $1 fields like the header, got $2");
  } else if (/not a GZIP stream|gzip/i.test(message)) {
    // DuckDB checks the gzip header when it opens the file; a stream cut short is caught before the scan.
    location.offset ??= 0;
    message = `not gzip data (${message.replace(/:\s*\S+$/, "")}); the name ends in .gz`;
  } else if (/out of memory/i.test(text)) {
    code = "size";
    message = `DuckDB ran out of memory (${message}); set BENCHSTATS_DUCKDB_MEMORY higher or use Parquet input`;
  }
  return new BenchstatsError(code, message, location);
}

function internalError(text: string, file?: string): BenchstatsError {
  resetDuckdb();
  const what = text.replace(/\s*Stack Trace:[\s\S]*$/, "").replace(/^(INTERNAL|FATAL) Error: /, "");
  const bad = file !== undefined && !/\.(gz|zst|zstd|parquet|pq)$/i.test(file) ? badByteOfFile(file) : undefined;
  if (bad) return new BenchstatsError("parse", `${bad.problem} here, on which DuckDB failed (${what}); expected UTF-8 text`, {file, line: bad.line, offset: bad.offset});
  return new BenchstatsError("parse", `DuckDB failed on this file (internal error: ${what})`, {file, offset: 0});
}
