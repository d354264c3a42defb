/**
 * Checks a text file must pass before DuckDB reads it: it exists and is a file, it is not empty, its gzip
 * stream is whole, its head is UTF-8 text without NUL bytes, and (for line formats) its last line ends
 * with a line break.
 *
 * Why here and not in DuckDB: DuckDB reads a gzip file cut short without complaint (the rows before the cut
 * come back, the rest are silently missing), and a CSV cut mid-value reads `785.2` as `78`. Both look like
 * good data, so they are caught before the scan.
 */
import {createReadStream} from "node:fs";
import {open, stat} from "node:fs/promises";
import {createGunzip} from "node:zlib";
import {BenchstatsError} from "../../lib/core/errors.js";
import {badByteError, checkTextHead, firstBadByte} from "../common/text-bytes.js";

/** What {@link checkTextFile} checks besides existence. */
export interface TextFileChecks {
  /** Name of what the file should hold, for the message about an empty file ("a runs table"). */
  what: string;
  /** Whether the last line must end with a line break (CSV, TSV, JSONL; not a JSON document). Default true. */
  lastLineBreak?: boolean;
  /** Whether the file is text, whose head must be UTF-8 without NUL bytes. Default true (false for Parquet). */
  text?: boolean;
}

/**
 * Throws a located `BenchstatsError` when `path` is missing, a folder, empty, a gzip stream that is corrupt
 * or cut short (with the byte offset where it broke), or (unless `lastLineBreak` is false) a file whose last
 * line has no line break. Returns the file's size and whether it ends with a line break. zstd files are not
 * checked inside (Node has no zstd).
 *
 * @example
 * await checkTextFile("runs.csv.gz", {what: "a runs table"});
 */
export async function checkTextFile(path: string, checks: TextFileChecks): Promise<{size: number; endsWithLineBreak: boolean}> {
  const info = await stat(path).catch(() => {
    throw new BenchstatsError("io", "no such file, or it cannot be read", {file: path});
  });
  if (info.isDirectory()) throw new BenchstatsError("io", "expected a file, got a folder", {file: path});
  if (info.size === 0) throw new BenchstatsError("empty", `the file is empty; expected ${checks.what}`, {file: path, line: 1});
  const lastLineBreak = checks.lastLineBreak ?? true;
  let last: number;
  if (/\.gz$/i.test(path)) {
    const whole = await gunzipWhole(path, info.size, checks.text === false ? undefined : checks.what);
    if (whole.bytes === 0) throw new BenchstatsError("empty", `the file is empty once decompressed; expected ${checks.what}`, {file: path});
    last = whole.last;
  } else if (/\.(zst|zstd)$/i.test(path)) {
    last = 0x0a;
  } else {
    if (checks.text !== false) await checkTextHead(path, checks.what);
    const handle = await open(path, "r");
    try {
      const tail = Buffer.alloc(1);
      await handle.read(tail, 0, 1, info.size - 1);
      last = tail[0];
      if (!/\.parquet$/i.test(path)) {
        const head = Buffer.alloc(Math.min(1024, info.size));
        await handle.read(head, 0, head.length, 0);
        if (head.includes(0)) throw binaryFile(path, head, checks.what);
      }
    } finally {
      await handle.close();
    }
  }
  if (lastLineBreak && last !== 0x0a) throw cutOff(path, /\.gz$/i.test(path) ? undefined : info.size);
  return {size: info.size, endsWithLineBreak: last === 0x0a};
}

/**
 * A text table that holds NUL bytes is a binary file (an executable, an image, a compressed file without
 * its extension): say so with its first bytes in hex, never the bytes themselves.
 */
function binaryFile(path: string, head: Buffer, what: string): BenchstatsError {
  const magic = [...head.subarray(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
  return new BenchstatsError("format", `a binary file (it starts with the bytes ${magic} and holds NUL bytes); expected ${what} as text`, {file: path});
}

function cutOff(path: string, offset: number | undefined): BenchstatsError {
  return new BenchstatsError(
    "parse",
    "the last line has no line break at its end, so the file may be cut off mid-value; if the file is complete, end it with a newline",
    {file: path, offset}
  );
}

/**
 * Decompresses a gzip file to nowhere, keeping its last byte: a corrupt header, a bad checksum or a stream
 * cut short becomes a `BenchstatsError` with the compressed byte offset at which it was found. With `what`
 * (what the text should be), a NUL or non-UTF-8 byte in the first 64 KiB of text is one too.
 *
 * @example
 * await gunzipWhole("runs.csv.gz", size); // {last: 10, bytes: 52311}
 */
export async function gunzipWhole(path: string, size: number, what?: string): Promise<{last: number; bytes: number}> {
  const raw = createReadStream(path, {highWaterMark: 1 << 20});
  const gunzip = createGunzip();
  raw.on("error", (error) => gunzip.destroy(error));
  let last = -1;
  let bytes = 0;
  try {
    for await (const chunk of raw.pipe(gunzip) as AsyncIterable<Buffer>) {
      // The head of the decompressed text, as for a plain file (offsets are then decompressed bytes).
      if (what !== undefined && bytes === 0) {
        const bad = firstBadByte(chunk.subarray(0, 1 << 16), {complete: false});
        if (bad) throw badByteError(path, bad, what);
      }
      if (chunk.length) last = chunk[chunk.length - 1];
      bytes += chunk.length;
    }
  } catch (error) {
    throw gzipError(error, path, raw.bytesRead, size);
  } finally {
    raw.destroy();
  }
  return {last, bytes};
}

/**
 * A zlib error as a located `BenchstatsError`: a header that is not gzip at byte 0, a stream cut short at
 * the file's end, other corruption at the compressed bytes read so far.
 *
 * @example
 * throw gzipError(error, "runs.csv.gz", raw.bytesRead, size);
 */
export function gzipError(error: unknown, path: string, bytesRead: number, size: number): BenchstatsError {
  if (error instanceof BenchstatsError) return error;
  const message = (error as Error)?.message ?? String(error);
  const code = (error as {code?: unknown})?.code;
  if (code === "Z_DATA_ERROR" && /header/i.test(message)) {
    return new BenchstatsError("parse", `not gzip data (${message}); the name ends in .gz`, {file: path, offset: 0});
  }
  if (/unexpected end/i.test(message) || code === "Z_BUF_ERROR") {
    return new BenchstatsError("parse", "the gzip stream is cut short (truncated file)", {file: path, offset: size});
  }
  return new BenchstatsError("parse", `corrupt gzip data (${message})`, {file: path, offset: Math.min(bytesRead, size)});
}
