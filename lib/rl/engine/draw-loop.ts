// The draw loop's contract: what the counting path asks of it (DrawKernel) and what it is built from
// (DrawLoopInput). Two implementations keep it, bit for bit: the WebAssembly SIMD kernel
// (draw-kernel.ts, from draw-kernel.template.wat) and its JavaScript twin (draw-loop-js.ts);
// docs/bootstrap-engine.md explains the rule and the test that enforces it.
import type {IndexStream} from "../../bootstrap/index-stream.js";
import type {LaneLayout} from "./lane-layout.js";

/** Per-sample data the counting kernels need, derived once per entry. */
export interface Sorted {
  /** Per layer: the cell values sorted ascending. */
  values: Float64Array[];
  /** Per layer: the cell at each sorted position. */
  cellAt: Int32Array[];
  /** Per layer: the trimLane of the value at each sorted position. */
  lanes: Uint8Array[];
}

/**
 * The counting path's draw loop. The WebAssembly SIMD kernel (source: draw-kernel.template.wat) serves when the
 * host allows WebAssembly with SIMD128. It does exactly what the JavaScript fallback in draw-loop-js.ts does
 * (IndexStream.fill, then add and count each drawn cell) — same generator words, same indices, the same
 * float additions in the same order — so results are identical bit for bit whichever runs; the tests
 * compare the two. Why: the four generator lanes advance in single vector instructions and the eight
 * indices of a step come out of one vector multiply, so a draw costs a handful of instructions; and
 * unlike a JavaScript loop its speed does not depend on the engine's specialisation heuristics (V8
 * compiled the earlier JavaScript loop well only while one closure instance of it existed, so a second
 * plan in the same process ran about twice as slowly).
 */
export interface DrawKernel {
  /** Draw counts per value group, a view into the kernel's memory, at the groups' LaneLayout.countIndex. */
  counts: Int32Array;
  /** Per task slot of the last draw: the sum of the drawn values. */
  taskSums: Float64Array;
  /** Per task slot of the last draw: the sum of the drawn clipped values (optimality gap). */
  clipSums: Float64Array;
  /** Draws every task slot's runs for one replicate (see draw-kernel.template.wat for what it adds and counts). */
  draw: (stream: IndexStream, taskBase: number, sel: Int32Array, tasks: number) => void;
  /** The 25% trimmed mean of the `pooled` draws counted in entry `entry`'s groups. */
  trimmed: (entry: number, pooled: number) => number;
  /**
   * When present: `reps` replicates of the IQM of entry `entry` (its tasks start at `taskBase`),
   * without task resampling — draw, trimmed, clear counts, per replicate —
   * written to out[0..reps). The same values as that loop in JavaScript.
   */
  iqmBlock?: (stream: IndexStream, taskBase: number, tasks: number, entry: number, pooled: number, reps: number, out: Float64Array) => void;
  /**
   * When present: `reps` replicates of the mean, median, optimality gap at `gamma` and (when the
   * kernel counts) IQM of that entry, for at most 64 tasks, without task resampling, written as rows
   * of `reps` to `out` (mean, median, gap, IQM) — the same values as aggregateBlock's loop.
   */
  aggregatesBlock?: (stream: IndexStream, taskBase: number, tasks: number, entry: number, pooled: number, gamma: number, reps: number, out: Float64Array) => void;
  /**
   * When present: over the `slots` (X count, Y count) pairs at counts[from ..], ascending values, the
   * X > Y draw pairs plus half the X = Y ones, clearing those counts (probability of improvement).
   */
  mannWhitney?: (from: number, slots: number) => number;
}

/** What a draw loop is built from: one plan's cells, concatenated over its entries, and what to add up. */
export interface DrawLoopInput {
  /** Every entry's cells (runs of each task, task by task), concatenated. */
  values: Float64Array;
  /** Per task slot (entry e's slots start at its taskBase, one extra slot closes each entry): its first cell. */
  offsets: Int32Array;
  /** Per cell: its value group (entry e's groups are groupBase[e] .. groupBase[e + 1], ascending values). */
  groupOf: Int32Array;
  /** Where each group's count and value sit in the lanes (lane-layout.ts). */
  layout: LaneLayout;
  /** Per entry: its first value group, and the end of the last entry's. */
  groupBase: Int32Array;
  /** Per entry: its groups as a sorted view (the JavaScript trimmed-mean walk reads it). */
  groups: Sorted[];
  /** Per cell: min(value, γ) for the optimality gap, when one is asked for. */
  clipped?: Float64Array;
  /** The most task slots one replicate draws. */
  maxTasks: number;
  /** The most runs of one task. */
  maxRuns: number;
  /** The most replicates one block asks of the kernel's block loops. */
  maxReps: number;
  /** What each draw adds up: per-task sums (means, medians) and per-group counts (IQM, distributions). */
  needs: {sums: boolean; counts: boolean};
}
