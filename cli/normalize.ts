// Min-max normalisation of run scores against a reference table (e.g. Atari random/human scores).
import {BenchstatsError} from "../lib/index.js";
import {readTable, TidyTable} from "../loaders/tidy/index.js";

/** Per-task reference scores: `low` maps to 0 and `high` to 1. */
export type ReferenceScores = Map<string, {low: number; high: number}>;

/**
 * Reads a reference table with a task column (`task` or `game`) and the two anchors: `random`/`human`
 * (rliable's human-normalised scores), or `min`/`max`, or `low`/`high`.
 */
export async function readReference(path: string): Promise<ReferenceScores> {
  const table = await readTable(path, "reference");
  const out: ReferenceScores = new Map();
  const rows = table.rows();
  for (let i = 0; i < rows.length; ++i) {
    const low = rows[i].low as number;
    const high = rows[i].high as number;
    if (low === high) {
      throw new BenchstatsError("value", `expected two different finite reference scores, got ${low} and ${high}`, await table.locate(i));
    }
    out.set(String(rows[i].task), {low, high});
  }
  return out;
}

/**
 * Replaces each runs row's `value` by (value − low) / (high − low) of its task. A task without a
 * reference is an error naming it (and the reference file), never a silently unnormalised score.
 */
export async function normalizeRuns(table: TidyTable, reference: ReferenceScores, referenceFile: string): Promise<TidyTable> {
  const task = table.labels("task");
  const anchors = task.labels.map((name) => reference.get(name));
  const value = table.numbers("value");
  const normalised = new Float64Array(table.length);
  for (let i = 0; i < table.length; ++i) {
    const ref = anchors[task.codes[i]];
    if (!ref) {
      throw new BenchstatsError("missing", `task "${task.labels[task.codes[i]]}" has no reference scores in ${referenceFile}`, await table.locate(i));
    }
    normalised[i] = (value[i] - ref.low) / (ref.high - ref.low);
  }
  return new TidyTable(table.kind, table.length, {...table.columns, value: normalised}, table.source, (row) => table.locate(row));
}
