/**
 * Bytes a text file must not hold: a NUL (a binary file, or a corrupt one: a NUL in a CSV header silently
 * renames a column) and a byte sequence that is not UTF-8 (DuckDB's CSV scanner has failed internally on
 * one, taking the process's database down with it). Found by one pass of a UTF-8 decoder written out
 * (RFC 3629, table 3-7 of the Unicode standard: overlongs, surrogates and values above U+10FFFF refused),
 * with the line counted, so the error names the byte and the line.
 */
import {readFileSync, statSync} from "node:fs";
import {open} from "node:fs/promises";
import {BenchstatsError} from "../../lib/core/errors.js";

/** The first bad byte of a text: its offset, its 1-based line, and what is wrong with it. */
export interface BadByte {
  offset: number;
  line: number;
  problem: "a NUL byte" | "bytes that are not UTF-8";
}

/**
 * The first NUL or invalid UTF-8 sequence in `bytes` (`start` = the offset of `bytes[0]` in the file,
 * `firstLine` its line), or undefined. A sequence cut by the end of `bytes` is not an error unless
 * `complete` (the bytes end where the file ends).
 *
 * @example firstBadByte(Buffer.from("a,b\nc\u0000,d\n")); // {offset: 5, line: 2, problem: "a NUL byte"}
 */
export function firstBadByte(bytes: Uint8Array, {start = 0, firstLine = 1, complete = true} = {}): BadByte | undefined {
  let line = firstLine;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === 0) return {offset: start + i, line, problem: "a NUL byte"};
      if (b === 0x0a) ++line;
      ++i;
      continue;
    }
    // Lead byte: the sequence length and the allowed range of the second byte.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return {offset: start + i, line, problem: "bytes that are not UTF-8"};
    if (i + length > n && !complete) return undefined;
    for (let k = 1; k < length; ++k) {
      const c = bytes[i + k];
      const lo = k === 1 ? low : 0x80;
      const hi = k === 1 ? high : 0xbf;
      if (c === undefined || c < lo || c > hi) return {offset: start + i, line, problem: "bytes that are not UTF-8"};
    }
    i += length;
  }
  return undefined;
}

/** The located error for a bad byte of `file`. */
export function badByteError(file: string, bad: BadByte, what: string): BenchstatsError {
  const hint = bad.problem === "a NUL byte" ? "a binary or corrupt file" : "another encoding, or corrupt";
  return new BenchstatsError("parse", `${bad.problem} (${hint}); expected ${what} as UTF-8 text`, {file, line: bad.line, offset: bad.offset});
}

/**
 * Throws a located error when the first `limit` bytes of an uncompressed text file hold a NUL or bytes that
 * are not UTF-8: the header and first records, where a binary file of the wrong kind or a corrupt header shows.
 *
 * @example await checkTextHead("runs.csv", "a runs table");
 */
export async function checkTextHead(file: string, what: string, limit = 1 << 16): Promise<void> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(limit);
    const {bytesRead} = await handle.read(head, 0, limit, 0);
    const bad = firstBadByte(head.subarray(0, bytesRead), {complete: bytesRead < limit});
    if (bad) throw badByteError(file, bad, what);
  } finally {
    await handle.close();
  }
}

/**
 * The first carriage return of `bytes` that does not end a line (no line feed after it): a line break only
 * to old Mac files and a state DuckDB's CSV parser cannot leave, or undefined.
 *
 * @example loneCarriageReturn(Buffer.from("a,b\r\nc,\rd\n")); // {offset: 7, line: 2}
 */
export function loneCarriageReturn(bytes: Uint8Array): {offset: number; line: number} | undefined {
  let line = 1;
  for (let i = 0; i < bytes.length; ++i) {
    if (bytes[i] === 0x0a) ++line;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) return {offset: i, line};
  }
  return undefined;
}

/**
 * The first bad byte of a whole uncompressed file (read at once, up to 1 GiB: for error paths only), or undefined.
 *
 * @example badByteOfFile("scores.csv"); // {offset: 4006, line: 29, problem: "bytes that are not UTF-8"}
 */
export function badByteOfFile(file: string): BadByte | undefined {
  try {
    if (statSync(file).size > 1 << 30) return undefined;
    return firstBadByte(readFileSync(file));
  } catch {
    return undefined;
  }
}
