// One fuzz case: write a mutated copy of a corpus file, read it, and say what happened — a located error,
// the original rows, other rows (acceptable only for an undetectable mutation, and only when they still
// satisfy the table's rules), or a failure: a crash (anything but a BenchstatsError), an error that names
// no line or byte, or a bad value let through.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {BenchstatsError} from "../../lib/core/errors.js";
import type {CorpusEntry, Rows} from "./corpus.js";

const scratch = mkdtempSync(join(tmpdir(), "benchstats-fuzz-"));
let cases = 0;

/** What reading a mutated file gave. */
export type Outcome =
  | {kind: "located"; error: BenchstatsError}
  | {kind: "same"}
  | {kind: "other rows"; rows: number}
  | {kind: "warned"; warnings: string[]}
  | {kind: "failure"; reason: string};

/** Rows as a canonical string (NaN and ±Infinity spelled out, keys in order). */
export function fingerprint(rows: Rows): string {
  return JSON.stringify(rows.map((row) => Object.keys(row).sort().map((k) => [k, typeof row[k] === "number" && !Number.isFinite(row[k]) ? String(row[k]) : row[k]])));
}

const originals = new Map<string, Promise<Rows>>();

/** The unmutated file's rows (read once per entry). */
export function originalTable(entry: CorpusEntry): Promise<Rows> {
  let found = originals.get(entry.name);
  if (!found) originals.set(entry.name, (found = readCopy(entry, entry.bytes())));
  return found;
}

/** The fingerprint of the unmutated file's rows. */
export async function originalRows(entry: CorpusEntry): Promise<string> {
  return fingerprint(await originalTable(entry));
}

async function readCopy(entry: CorpusEntry, bytes: Uint8Array, warnings: string[] = []): Promise<Rows> {
  // The same folder name every time: some readers take labels from it (lm-eval's model).
  const dir = join(scratch, String(++cases));
  mkdirSync(join(dir, "files"), {recursive: true});
  const path = join(dir, "files", entry.fileName);
  writeFileSync(path, bytes);
  try {
    return await entry.read(path, (message) => warnings.push(message));
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** A value no table may hold: ±Infinity in a number field. */
function nonFinite(rows: Rows): string | undefined {
  for (let r = 0; r < rows.length; ++r) {
    for (const [k, v] of Object.entries(rows[r])) if (v === Infinity || v === -Infinity) return `row ${r}: ${k} = ${v}`;
  }
  return undefined;
}

/** Whether two tables have the same rows but for label (string) values. */
function sameNumbers(a: Rows, b: Rows): boolean {
  if (a.length !== b.length) return false;
  return a.every((row, r) => {
    const other = b[r];
    const keys = Object.keys(row);
    if (keys.length !== Object.keys(other).length) return false;
    return keys.every((k) => (typeof row[k] === "number" ? typeof other[k] === "number" && Object.is(row[k], other[k]) : typeof other[k] !== "number"));
  });
}

/**
 * Reads `bytes` as a copy of `entry`'s file and classifies the result. `detectable`: the mutation can be
 * told from the file alone, so other rows than the original's are a failure too, unless the reader warned
 * (it was not silent) or, with `labelsMayChange`, only label values changed.
 */
export async function runCase(entry: CorpusEntry, bytes: Uint8Array, detectable: boolean, labelsMayChange = false): Promise<Outcome> {
  let rows: Rows;
  const warnings: string[] = [];
  try {
    rows = await readCopy(entry, bytes, warnings);
  } catch (error) {
    if (!(error instanceof BenchstatsError)) return {kind: "failure", reason: `crashed: ${(error as Error)?.stack ?? String(error)}`};
    const at = error.location;
    if (at?.file === undefined || (at.line === undefined && at.offset === undefined)) return {kind: "failure", reason: `error without a file and line or byte offset: ${error.message}`};
    return {kind: "located", error};
  }
  const bad = nonFinite(rows);
  if (bad) return {kind: "failure", reason: `accepted a non-finite value (${bad})`};
  try {
    entry.check?.(rows);
  } catch (error) {
    return {kind: "failure", reason: `accepted a value out of range (${(error as Error).message})`};
  }
  if (fingerprint(rows) === (await originalRows(entry))) return {kind: "same"};
  if (detectable && warnings.length) return {kind: "warned", warnings};
  if (detectable && labelsMayChange && sameNumbers(rows, await originalTable(entry))) return {kind: "other rows", rows: rows.length};
  if (detectable) return {kind: "failure", reason: `accepted silently: ${rows.length} rows that differ from the original's`};
  return {kind: "other rows", rows: rows.length};
}
