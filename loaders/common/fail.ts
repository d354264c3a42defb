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
export function fail(code: "parse" | "format" | "value" | "io" | "empty" | "size", message: string, location: ErrorLocation): never {
  throw new BenchstatsError(code, message, location);
}

/**
 * Parses a numeric cell. Empty, `nan`, `NaN`, `N/A` and `null` mean missing and give `NaN`; anything else that
 * is not a finite decimal throws a located `value` error naming the field: text, `inf`, and a decimal too
 * large for a double (`1e400`), since a tidy table holds finite numbers only.
 *
 * @example
 * parseNumberCell("12.5", {file, line}) // 12.5;  parseNumberCell("nan", {file, line}) // NaN;  parseNumberCell("x", {file, line}) // throws
 */
export function parseNumberCell(text: string | undefined | null, location: ErrorLocation): number {
  if (text === undefined || text === null) return NaN;
  // Fast path: a plain decimal (the common case). Number() alone would also accept hex/binary/octal literals,
  // "Infinity" and whitespace-only strings, so anything else goes through the strict checks below.
  const t = isDecimal(text) ? text : text.trim();
  if (isDecimal(t)) {
    const value = Number(t);
    if (Number.isFinite(value)) return value;
    fail("value", `expected a finite number, got ${quoted(text)} (too large for a double)`, location);
  }
  if (t === "" || /^(nan|n\/a|\[n\/a\]|null|none)$/i.test(t)) return NaN;
  if (/^[+-]?inf(inity)?$/i.test(t)) fail("value", `expected a finite number, got ${quoted(text)}`, location);
  fail("value", `expected a number, got ${quoted(text)}`, location);
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? text.slice(0, 40) + "…" : text);
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
 * A JSON value as a number: finite numbers pass, `null`/`"NaN"`/`"N/A"` mean missing, numeric strings are
 * parsed ({@link parseNumberCell}). A boolean is not a number (`true` is not 1 here), nor is ±Infinity
 * (`1e400`, or Python's bare `Infinity`): both throw a located `value` error.
 *
 * @example
 * jsonNumber("N/A", {file, field: "acc_stderr"}) // NaN
 * jsonNumber(true, {file, field: "acc,none"}) // throws "expected a number, got the boolean true"
 */
export function jsonNumber(value: unknown, location: ErrorLocation): number {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    fail("value", `expected a finite number, got ${value} (a number too large for a double, or Infinity)`, location);
  }
  if (value === null || value === undefined) return NaN;
  if (typeof value === "boolean") fail("value", `expected a number, got the boolean ${value}`, location);
  if (typeof value === "string") return parseNumberCell(value, location);
  fail("value", `expected a number, got ${Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : typeof value}`, location);
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
