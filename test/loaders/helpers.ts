import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {expect} from "vitest";
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";

export const fixtures = new URL("../fixtures/loaders/", import.meta.url).pathname;
export const fixture = (...parts: string[]) => join(fixtures, ...parts);
export const bundled = (...parts: string[]) => join(new URL("../../data/", import.meta.url).pathname, ...parts);

/** Asserts that `promise` rejects with a BenchstatsError whose message matches and whose location contains `location`. */
export async function expectLocated(promise: Promise<unknown>, pattern: RegExp, location: ErrorLocation): Promise<BenchstatsError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BenchstatsError);
  expect((error as BenchstatsError).message).toMatch(pattern);
  expect((error as BenchstatsError).location).toMatchObject(location);
  return error as BenchstatsError;
}

const scratch = mkdtempSync(join(tmpdir(), "benchstats-bad-input-"));
let copies = 0;

/**
 * A copy of the real file `source` in a temp folder, named `name` (its own sub-folder, so that names derived
 * from the folder stay those of the copy), with its text changed by `edit` (bytes when `edit` takes a Buffer).
 */
export function mutated(source: string, name: string, edit: (text: string) => string | Uint8Array = (t) => t): string {
  const dir = join(scratch, String(++copies));
  mkdirSync(dir);
  const path = join(dir, name);
  writeFileSync(path, edit(readFileSync(source, "utf8")));
  return path;
}

/** A file of `content` (text or bytes) named `name` in a temp folder of its own. */
export function written(name: string, content: string | Uint8Array): string {
  const dir = join(scratch, String(++copies));
  mkdirSync(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Replaces the `n`-th line (1-based) of `text` with `edit(line)`. */
export function editLine(text: string, n: number, edit: (line: string) => string): string {
  const lines = text.split("\n");
  lines[n - 1] = edit(lines[n - 1]);
  return lines.join("\n");
}
