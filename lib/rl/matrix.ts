import {BenchstatsError} from "../core/errors.js";
import {show} from "../core/check.js";

/**
 * A score matrix in rliable's layout: `scores[run][task]` (runs × tasks). `NaN` marks a run that is
 * missing for that task, so tasks may have different run counts. Rows may be plain arrays or typed
 * arrays.
 */
export type ScoreMatrix = ArrayLike<ArrayLike<number>>;

/** Scores over training: `curves[run][task][checkpoint]` (runs × tasks × checkpoints). */
export type ScoreCurves = ArrayLike<ArrayLike<ArrayLike<number>>>;

/**
 * A score matrix read column by column with the missing cells dropped: task t's values are
 * `values[offsets[t] .. offsets[t + 1])` in run order, and `rows[i]` is the run (row) of value i.
 */
export interface MatrixColumns {
  runs: number;
  tasks: number;
  offsets: Int32Array;
  values: Float64Array;
  rows: Int32Array;
}

/**
 * Reads and checks a runs × tasks matrix. Throws a `BenchstatsError` naming `label` (e.g.
 * `scores["DER"]`) and the row/task on: no rows, rows of different lengths, non-numbers, ±Infinity,
 * or a task with no (non-NaN) runs.
 */
export function matrixColumns(scores: ScoreMatrix, label = "scores"): MatrixColumns {
  if (scores == null || typeof scores !== "object" || typeof scores.length !== "number") {
    throw new BenchstatsError("shape", `${label} must be a runs × tasks matrix (an array of rows), got ${show(scores)}`);
  }
  const runs = scores.length;
  if (runs === 0) throw new BenchstatsError("shape", `${label} has no runs (expected a runs × tasks matrix)`);
  const first = scores[0];
  if (first == null || typeof first !== "object" || typeof first.length !== "number") {
    throw new BenchstatsError("shape", `${label} must be a runs × tasks matrix, but row 0 is ${show(first)}`);
  }
  const tasks = first.length;
  if (tasks === 0) throw new BenchstatsError("shape", `${label} has no tasks (row 0 is empty)`);
  const counts = new Int32Array(tasks);
  for (let r = 0; r < runs; ++r) {
    const row = scores[r];
    if (row == null || typeof row !== "object" || row.length !== tasks) {
      throw new BenchstatsError(
        "shape",
        `${label}: row ${r} has ${row == null || typeof row !== "object" ? show(row) : `${row.length} tasks`}, expected ${tasks} like row 0 (matrices are runs × tasks)`
      );
    }
    for (let t = 0; t < tasks; ++t) {
      const v = row[t];
      if (typeof v !== "number") throw new BenchstatsError("value", `${label}: row ${r}, task ${t} is ${show(v)}, expected a number (NaN for a missing run)`);
      if (v === Infinity || v === -Infinity) throw new BenchstatsError("value", `${label}: row ${r}, task ${t} is ${v}; scores must be finite (NaN marks a missing run)`);
      if (v === v) ++counts[t];
    }
  }
  const offsets = new Int32Array(tasks + 1);
  for (let t = 0; t < tasks; ++t) {
    if (counts[t] === 0) throw new BenchstatsError("missing", `${label}: task ${t} has no runs (every value in column ${t} is NaN)`);
    offsets[t + 1] = offsets[t] + counts[t];
  }
  const n = offsets[tasks];
  const values = new Float64Array(n);
  const rows = new Int32Array(n);
  const fill = offsets.slice(0, tasks);
  for (let r = 0; r < runs; ++r) {
    const row = scores[r];
    for (let t = 0; t < tasks; ++t) {
      const v = row[t];
      if (v === v) {
        const i = fill[t]++;
        values[i] = v;
        rows[i] = r;
      }
    }
  }
  return {runs, tasks, offsets, values, rows};
}

/**
 * Sum of values[from .. to) as two interleaved running sums, (v0 + v2 + v4 + …) + (v1 + v3 + …), each
 * in order. Every per-task sum in lib/rl is taken this way because the bootstrap's counting path adds
 * its draws into two alternating accumulators (two independent chains of additions run about twice as
 * fast as one); summing alike keeps the plain aggregates and the bootstrap equal to the last bit.
 */
export function pairedSum(values: Float64Array, from: number, to: number): number {
  let even = 0;
  let odd = 0;
  let i = from;
  for (; i + 1 < to; i += 2) {
    even += values[i];
    odd += values[i + 1];
  }
  if (i < to) even += values[i];
  return even + odd;
}

/** Per-task mean over the task's runs ({@link pairedSum} in run order). */
export function columnMeans(cols: MatrixColumns): Float64Array {
  const {tasks, offsets, values} = cols;
  const means = new Float64Array(tasks);
  for (let t = 0; t < tasks; ++t) means[t] = pairedSum(values, offsets[t], offsets[t + 1]) / (offsets[t + 1] - offsets[t]);
  return means;
}
