// Min-max normalisation of run scores against a reference table (e.g. Atari random/human scores).
import {BenchstatsError} from "../lib/index.js";
import {readTidy, type TidyTable} from "./tidy-read.js";

/** Per-task reference scores: `low` maps to 0 and `high` to 1. */
export type ReferenceScores = Map<string, {low: number; high: number}>;

/**
 * Reads a reference table with a task column (`task` or `game`) and the two anchors: `random`/`human`
 * (rliable's human-normalised scores), or `min`/`max`, or `low`/`high`.
 */
export async function readReference(path: string): Promise<ReferenceScores> {
  const table = await readTidy(path, {
    kind: "reference scores",
    required: ["task", "low", "high"],
    numeric: ["low", "high"],
    aliases: {game: "task", env: "task", random: "low", min: "low", human: "high", max: "high"}
  });
  const out: ReferenceScores = new Map();
  table.rows.forEach((row, i) => {
    const low = row.low as number;
    const high = row.high as number;
    if (!Number.isFinite(low) || !Number.isFinite(high) || low === high) {
      throw new BenchstatsError("value", `expected two different finite reference scores, got ${low} and ${high}`, {file: path, line: table.lines[i]});
    }
    out.set(String(row.task), {low, high});
  });
  return out;
}

/**
 * Replaces each runs row's `value` by (value − low) / (high − low) of its task. A task without a
 * reference is an error naming it (and the reference file), never a silently unnormalised score.
 */
export function normalizeRuns(table: TidyTable, reference: ReferenceScores, referenceFile: string): TidyTable {
  const rows = table.rows.map((row, i) => {
    const ref = reference.get(String(row.task));
    if (!ref) {
      throw new BenchstatsError("missing", `task "${row.task}" has no reference scores in ${referenceFile}`, {file: table.file, line: table.lines[i]});
    }
    return {...row, value: ((row.value as number) - ref.low) / (ref.high - ref.low)};
  });
  return {...table, rows};
}
