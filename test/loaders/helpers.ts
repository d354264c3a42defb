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
