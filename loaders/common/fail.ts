import {statSync} from "node:fs";
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";
import {gzipError} from "../tidy/file-checks.js";

/**
 * Throws the loaders' located error: `code` is `"parse"` for malformed syntax, `"format"` for a well-formed
 * file that is not the expected shape, `"value"` for a bad cell, `"empty"` for a file without rows. The
 * message must say what was expected.
 *
 * @example
 * fail("value", "expected a number, got \"abc\"", {file: "runs.csv", line: 4, field: "value"}); // throws "runs.csv:4, value: expected …"
 */
export function fail(code: "parse" | "format" | "value" | "io" | "empty", message: string, location: ErrorLocation): never {
  throw new BenchstatsError(code, message, location);
}

/**
 * Parses a numeric cell. Empty, `nan`, `NaN`, `N/A` and `null` mean missing and give `NaN`; anything else that
 * is not a finite decimal (or ±inf) throws a located `value` error naming the field.
 *
 * @example
 * parseNumberCell("12.5", {file, line}) // 12.5;  parseNumberCell("nan", {file, line}) // NaN;  parseNumberCell("x", {file, line}) // throws
 */
export function parseNumberCell(text: string | undefined | null, location: ErrorLocation): number {
  if (text === undefined || text === null) return NaN;
  // Fast path: a plain decimal (the common case). Number() alone would also accept hex/binary/octal literals,
  // "Infinity" and whitespace-only strings, so anything else goes through the strict checks below.
  if (isDecimal(text)) return Number(text);
  const t = text.trim();
  if (t === "" || /^(nan|n\/a|\[n\/a\]|null|none)$/i.test(t)) return NaN;
  if (/^[+-]?inf(inity)?$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (isDecimal(t)) return Number(t);
  fail("value", `expected a number, got ${JSON.stringify(text.length > 40 ? text.slice(0, 40) + "…" : text)}`, location);
}

/** Whether `t` is a plain decimal literal: `[+-]digits[.digits][e[+-]digits]` (at least one digit). */
function isDecimal(t: string): boolean {
  const n = t.length;
  let i = 0;
  let c = t.charCodeAt(0);
  if (c === 43 || c === 45) c = t.charCodeAt(++i);
  let digits = 0;
  while (c >= 48 && c <= 57) {
    digits++;
    c = t.charCodeAt(++i);
  }
  if (c === 46) {
    c = t.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      digits++;
      c = t.charCodeAt(++i);
    }
  }
  if (digits === 0) return false;
  if (c === 101 || c === 69) {
    c = t.charCodeAt(++i);
    if (c === 43 || c === 45) c = t.charCodeAt(++i);
    let exponent = 0;
    while (c >= 48 && c <= 57) {
      exponent++;
      c = t.charCodeAt(++i);
    }
    if (exponent === 0) return false;
  }
  return i === n;
}

/**
 * A JSON value as a number: numbers pass, `null`/`"NaN"`/`"N/A"` mean missing, numeric strings are parsed.
 *
 * @example
 * jsonNumber("N/A", {file, field: "acc_stderr"}) // NaN
 */
export function jsonNumber(value: unknown, location: ErrorLocation): number {
  if (typeof value === "number") return value;
  if (value === null || value === undefined) return NaN;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") return parseNumberCell(value, location);
  fail("value", `expected a number, got ${typeof value === "object" ? "an object" : typeof value}`, location);
}

/**
 * Rethrows a Node file-system error (missing file, a folder where a file was expected, no permission, a corrupt
 * gzip stream, located at `compressedOffset`, the bytes of the file read so far) as a located `io`/`parse`
 * BenchstatsError; anything else is rethrown unchanged.
 *
 * @example
 * try { await handle.read(…); } catch (error) { rethrowIo(error, file); }
 */
export function rethrowIo(error: unknown, file: string, compressedOffset = 0): never {
  const code = (error as {code?: unknown})?.code;
  if (code === "ENOENT") fail("io", "no such file", {file});
  if (code === "EISDIR") fail("io", "expected a file, got a folder", {file});
  if (code === "EACCES" || code === "EPERM") fail("io", "permission denied", {file});
  if (typeof code === "string" && code.startsWith("Z_")) {
    let size = compressedOffset;
    try {
      size = statSync(file).size;
    } catch {
      // the size only places a cut-short stream; the offset read so far stands in
    }
    throw gzipError(error, file, compressedOffset, size);
  }
  throw error;
}
