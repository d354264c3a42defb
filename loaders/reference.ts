// Reference scores for min-max normalisation (the `reference` table: task, min, max; e.g. Atari's random and
// human scores), read through DuckDB into lib's ReferenceScores.
import {BenchstatsError} from "../lib/core/errors.js";
import type {ReferenceScores} from "../lib/rl/normalize.js";
import {readTable} from "./tidy/read.js";

/**
 * Reads a reference table (`reference` in loaders/tidy/schema.ts): a task column (`task`, `game` or `env`)
 * and the two anchors, `random`/`human` (rliable's human-normalised scores), `min`/`max` or `low`/`high`,
 * as CSV/TSV/JSON/JSONL/Parquet. Tasks keep the file's order. A missing or non-finite anchor, a task listed
 * twice, or equal anchors (normalising would divide by zero) is a `BenchstatsError` naming its line.
 *
 * @example
 * (await readReference("data/rl/atari100k/atari100k_reference_scores.csv")).Pong; // {min: -20.7, max: 14.6}
 */
export async function readReference(path: string): Promise<ReferenceScores> {
  const table = await readTable(path, "reference");
  const tasks = table.labels("task");
  const min = table.numbers("min");
  const max = table.numbers("max");
  const out: ReferenceScores = {};
  for (let i = 0; i < table.length; ++i) {
    const task = tasks.labels[tasks.codes[i]];
    if (min[i] === max[i]) throw new BenchstatsError("value", `expected two different reference scores for task "${task}", got ${min[i]} and ${max[i]}; normalising would divide by zero`, await table.locate(i));
    if (Object.prototype.hasOwnProperty.call(out, task)) throw new BenchstatsError("duplicate", `task "${task}" appears twice`, await table.locate(i));
    out[task] = {min: min[i], max: max[i]};
  }
  return out;
}
