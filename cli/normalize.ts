// Min-max normalisation of run scores against a reference table (e.g. Atari random/human scores).
import {BenchstatsError, minMaxNormalizeRuns, type ReferenceScores} from "../lib/index.js";
import {readTable, TidyTable} from "../loaders/tidy/index.js";

export type {ReferenceScores};

/**
 * Reads a reference table (`reference` in loaders/tidy/schema.ts): a task column (`task`, `game` or
 * `env`) and the two anchors, `random`/`human` (rliable's human-normalised scores), `min`/`max` or
 * `low`/`high`. A task listed twice or with equal anchors is an error naming its line.
 */
export async function readReference(path: string): Promise<ReferenceScores> {
  const table = await readTable(path, "reference");
  const out: ReferenceScores = {};
  const rows = table.rows();
  for (let i = 0; i < rows.length; ++i) {
    const {task, min, max} = rows[i] as {task: string; min: number; max: number};
    if (min === max) throw new BenchstatsError("value", `expected two different finite reference scores, got ${min} and ${max}`, await table.locate(i));
    if (Object.prototype.hasOwnProperty.call(out, task)) throw new BenchstatsError("duplicate", `task "${task}" appears twice`, await table.locate(i));
    out[task] = {min, max};
  }
  return out;
}

/**
 * Replaces each runs row's `value` by its min-max normalised score ({@link minMaxNormalizeRuns}). A task
 * without a reference is an error naming its line and the reference file, never an unnormalised score.
 */
export async function normalizeRuns(table: TidyTable, reference: ReferenceScores, referenceFile: string): Promise<TidyTable> {
  let normalised: Float64Array;
  try {
    normalised = minMaxNormalizeRuns(table, reference);
  } catch (error) {
    const row = error instanceof BenchstatsError ? error.location?.row : undefined;
    if (row === undefined) throw error;
    const task = table.value("task", row);
    throw new BenchstatsError("missing", `task "${task}" has no reference scores in ${referenceFile}`, await table.locate(row));
  }
  return new TidyTable(table.kind, table.length, {...table.columns, value: normalised}, table.source, (row) => table.locate(row));
}
