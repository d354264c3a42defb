import type {IndexStream} from "../bootstrap/index-stream.js";
import {drawKernelBytes} from "./draw-kernel-wasm.js";

/**
 * The counting path's draw loop as a WebAssembly SIMD kernel (source: draw-kernel.template.wat), used when the
 * host allows WebAssembly with SIMD128. It does exactly what the JavaScript fallback in block.ts does
 * (IndexStream.fill, then add and count each drawn cell) — same generator words, same indices, the same
 * float additions in the same order — so results are identical bit for bit whichever runs; the tests
 * compare the two. Why: the four generator lanes advance in single vector instructions and the eight
 * indices of a step come out of one vector multiply, so a draw costs a handful of instructions; and
 * unlike a JavaScript loop its speed does not depend on the engine's specialisation heuristics (V8
 * compiled the earlier JavaScript loop well only while one closure instance of it existed, so a second
 * plan in the same process ran about twice as slowly).
 */
export interface DrawKernel {
  /** Draw counts per value group, a view into the kernel's memory. */
  counts: Int32Array;
  /** Per task slot of the last draw: the sum of the drawn values. */
  taskSums: Float64Array;
  /** Per task slot of the last draw: the sum of the drawn clipped values (optimality gap). */
  clipSums: Float64Array;
  /** Draws every task slot's runs for one replicate (see draw-kernel.template.wat for what it adds and counts). */
  draw: (stream: IndexStream, taskBase: number, sel: Int32Array, tasks: number) => void;
  /** The 25% trimmed mean of the `pooled` draws counted in groups [from, to) (one entry's distinct values). */
  trimmed: (from: number, to: number, pooled: number) => number;
  /**
   * When present: `reps` replicates of the IQM of the entry whose tasks start at `taskBase` and whose
   * groups are [from, to), without task resampling — draw, trimmed, clear counts, per replicate —
   * written to out[0..reps). The same values as that loop in JavaScript.
   */
  iqmBlock?: (stream: IndexStream, taskBase: number, tasks: number, from: number, to: number, pooled: number, reps: number, out: Float64Array) => void;
  /**
   * When present: `reps` replicates of the mean, median, optimality gap at `gamma` and (when the
   * kernel counts) IQM of that entry, for at most 64 tasks, without task resampling, written as rows
   * of `reps` to `out` (mean, median, gap, IQM) — the same values as aggregateBlock's loop.
   */
  aggregatesBlock?: (stream: IndexStream, taskBase: number, tasks: number, from: number, to: number, pooled: number, gamma: number, reps: number, out: Float64Array) => void;
}

let compiled: WebAssembly.Module | null | undefined;
let enabled = true;

/** Turns the WebAssembly kernel off (JavaScript loop only) or back on; for tests and comparisons. @internal */
export function useWasmDrawKernel(on: boolean): void {
  enabled = on;
}

function compiledModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = typeof WebAssembly === "object" ? new WebAssembly.Module(drawKernelBytes) : null;
    } catch {
      compiled = null; // e.g. a content security policy without 'wasm-unsafe-eval'
    }
  }
  return compiled;
}

interface DrawExports {
  memory: WebAssembly.Memory;
  draw: (...args: number[]) => void;
  trimmed: (values: number, counts: number, groups: number, pooled: number, guess: number) => number;
  iqmBlock: (...args: number[]) => void;
  aggregatesBlock: (...args: number[]) => void;
}

/**
 * Sets up the WebAssembly draw loop over one plan's concatenated cells, or returns undefined when
 * WebAssembly is unavailable (or turned off, or the data does not fit its memory); the caller then
 * uses the JavaScript loop. `groupOf` maps each cell to its value group, `groupValues` holds the groups'
 * values (each entry's ascending) and `groupBase` each entry's first group.
 */
export function wasmDrawKernel(
  values: Float64Array,
  offsets: Int32Array,
  groupOf: Int32Array,
  groupValues: Float64Array,
  groupBase: Int32Array,
  clipped: Float64Array | undefined,
  maxTasks: number,
  maxReps: number,
  doSums: boolean,
  doCount: boolean
): DrawKernel | undefined {
  const module = enabled ? compiledModule() : null;
  if (!module) return undefined;
  // Byte layout: the float arrays first (8-byte aligned), then the 32-bit ones.
  let end = 0;
  const take = (bytes: number) => {
    const at = end;
    end += Math.ceil(bytes / 8) * 8;
    return at;
  };
  // Per cell the pair (value, clipped value or 0): one vector load feeds both sums.
  const valuesAt = take(16 * values.length);
  const taskSumsAt = take(8 * maxTasks);
  const clipSumsAt = take(8 * maxTasks);
  const groupValuesAt = take(8 * groupValues.length);
  const offsetsAt = take(4 * offsets.length);
  const thresholdsAt = take(4 * offsets.length);
  const groupOfAt = take(4 * groupOf.length);
  // The walk reads one count past either end of an entry's groups: words on both sides.
  const countsAt = take(4 * groupValues.length + 8) + 4;
  // Where draws are counted when nothing needs counting (the loop counts unconditionally).
  const dummyAt = take(8);
  // Per entry (found by its first group): the walk's starting groups, kept from one replicate to the next.
  const guessAt = take(8 * groupBase.length);
  const entryOf = new Map(Array.from(groupBase, (from, e) => [from, e]));
  const guess = (from: number) => guessAt + 8 * entryOf.get(from)!;
  const selAt = take(4 * maxTasks);
  const stateAt = take(64);
  const scratchAt = take(64);
  const outAt = take(4 * 8 * maxReps);
  const meansAt = take(8 * maxTasks);
  let exports: DrawExports;
  try {
    exports = new WebAssembly.Instance(module).exports as unknown as DrawExports;
    const pages = Math.ceil(end / 65536);
    const have = exports.memory.buffer.byteLength / 65536;
    if (pages > have) exports.memory.grow(pages - have);
  } catch {
    return undefined; // out of memory for the instance
  }
  const buffer = exports.memory.buffer;
  const groupCount = groupValues.length;
  const pairs = new Float64Array(buffer, valuesAt, 2 * values.length);
  for (let c = 0; c < values.length; ++c) {
    pairs[2 * c] = values[c];
    pairs[2 * c + 1] = clipped ? clipped[c] : 0;
  }
  new Float64Array(buffer, groupValuesAt, groupCount).set(groupValues);
  new Int32Array(buffer, offsetsAt, offsets.length).set(offsets);
  // Lemire's rejection threshold 2^16 mod n of each task (unused past a sample's last task).
  const thresholds = new Int32Array(buffer, thresholdsAt, offsets.length);
  for (let m = 0; m + 1 < offsets.length; ++m) {
    const n = offsets[m + 1] - offsets[m];
    thresholds[m] = n > 0 ? 65536 % n : 0;
  }
  // The kernel increments counts through addresses: each cell's group count's byte address.
  const groupAddress = new Int32Array(buffer, groupOfAt, groupOf.length);
  for (let c = 0; c < groupOf.length; ++c) groupAddress[c] = doCount ? countsAt + 4 * groupOf[c] : dummyAt;
  const sel = new Int32Array(buffer, selAt, maxTasks);
  const state = new Int32Array(buffer, stateAt, 16);
  // Mode 1: counts only (the IQM); mode 0: pair sums and counts.
  const mode = doCount && !doSums && !clipped ? 1 : 0;
  const run = exports.draw;
  const walk = exports.trimmed;
  const block = exports.iqmBlock;
  const outView = new Float64Array(buffer, outAt, 4 * maxReps);
  const aggregates = exports.aggregatesBlock;
  return {
    counts: new Int32Array(buffer, countsAt, groupCount),
    taskSums: new Float64Array(buffer, taskSumsAt, maxTasks),
    clipSums: new Float64Array(buffer, clipSumsAt, maxTasks),
    draw: (stream, taskBase, taskSel, tasks) => {
      sel.set(taskSel); // taskSel holds exactly the task slots (length tasks ≤ maxTasks)
      state.set(stream.state);
      run(stateAt, offsetsAt, selAt, valuesAt, groupOfAt, taskSumsAt, clipSumsAt, taskBase, tasks, mode, scratchAt, thresholdsAt);
      stream.state.set(state);
    },
    trimmed: (from, to, pooled) => walk(groupValuesAt + 8 * from, countsAt + 4 * from, to - from, pooled, guess(from)),
    iqmBlock:
      mode === 1
        ? (stream, taskBase, tasks, from, to, pooled, reps, out) => {
            for (let t = 0; t < tasks; ++t) sel[t] = t;
            state.set(stream.state);
            for (let done = 0; done < reps; done += maxReps) {
              const n = Math.min(maxReps, reps - done);
              block(stateAt, offsetsAt, selAt, groupOfAt, countsAt, taskBase, tasks, scratchAt, groupValuesAt, from, to - from, pooled, n, outAt, guess(from), thresholdsAt);
              out.set(outView.subarray(0, n), done);
            }
            stream.state.set(state);
          }
        : undefined,
    aggregatesBlock:
      mode === 0
        ? (stream, taskBase, tasks, from, to, pooled, gamma, reps, out) => {
            for (let t = 0; t < tasks; ++t) sel[t] = t;
            state.set(stream.state);
            for (let done = 0; done < reps; done += maxReps) {
              const n = Math.min(maxReps, reps - done);
              aggregates(stateAt, offsetsAt, selAt, valuesAt, groupOfAt, countsAt, taskSumsAt, clipSumsAt, taskBase, tasks, scratchAt, thresholdsAt,
                groupValuesAt, from, to - from, pooled, n, outAt, guess(from), gamma, meansAt, doCount ? 1 : 0);
              for (let row = 0; row < 4; ++row) out.set(outView.subarray(row * n, (row + 1) * n), row * reps + done);
            }
            stream.state.set(state);
          }
        : undefined
  };
}
