// Min-max normalisation of run scores against a reference table (e.g. Atari random/human scores).
import {BenchstatsError, minMaxNormalizeRuns, type ReferenceScores} from "../lib/index.js";
import {TidyTable} from "../loaders/tidy/index.js";

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
