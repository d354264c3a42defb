import type {IndexStream} from "../../bootstrap/index-stream.js";
import {wasmModule} from "../../core/wasm-module.js";
import {drawKernelBytes} from "./draw-kernel-wasm.js";
import type {DrawKernel, DrawLoopInput} from "./draw-loop.js";

let enabled = true;

/** Turns the WebAssembly kernel off (JavaScript loop only) or back on; for tests and comparisons. @internal */
export function useWasmDrawKernel(on: boolean): void {
  enabled = on;
}


interface DrawExports {
  memory: WebAssembly.Memory;
  draw: (...args: number[]) => void;
  trimmed: (entry: number, pooled: number) => number;
  iqmBlock: (...args: number[]) => void;
  aggregatesBlock: (...args: number[]) => void;
  mannWhitney: (counts: number, slots: number) => number;
}

/**
 * Sets up the WebAssembly draw loop over one plan's concatenated cells, or returns undefined when
 * WebAssembly is unavailable (or turned off, or the data does not fit its memory); the caller then
 * uses the JavaScript loop. `groupOf` maps each cell to its value group (entry e's groups are
 * groupBase[e] .. groupBase[e + 1], ascending), `layout` places the groups' counts and values.
 */
export function wasmDrawKernel(input: DrawLoopInput): DrawKernel | undefined {
  const {values, offsets, groupOf, layout, groupBase, clipped, maxTasks, maxReps} = input;
  const {sums: doSums, counts: doCount} = input.needs;
  const module = enabled ? wasmModule(drawKernelBytes) : null;
  if (!module) return undefined;
  // Byte layout: every array 16-byte aligned (vector loads), the float arrays first.
  let end = 0;
  const take = (bytes: number) => {
    const at = end;
    end += Math.ceil(bytes / 16) * 16;
    return at;
  };
  const entries = groupBase.length - 1;
  const {slotBase, slotValues, countIndex, below} = layout;
  // Per cell the pair (value, clipped value or 0): one vector load feeds both sums.
  const valuesAt = take(16 * values.length);
  const taskSumsAt = take(8 * maxTasks);
  const clipSumsAt = take(8 * maxTasks);
  const slotValuesAt = take(8 * slotValues.length);
  const offsetsAt = take(4 * offsets.length);
  const thresholdsAt = take(4 * offsets.length);
  const groupOfAt = take(4 * groupOf.length);
  const countsAt = take(4 * slotValues.length);
  // Per group, its count's byte address; per entry the walk's rows (LaneLayout.below) and its record.
  const addrsAt = take(4 * countIndex.length);
  const belowAt = take(4 * below.length);
  const entriesAt = take(32 * entries);
  const selAt = take(4 * maxTasks);
  const stateAt = take(64);
  const scratchAt = take(256); // the rare path's 64 bytes, the step's vector operands and the sink (see the template)
  // Where draws are counted when nothing needs counting (the loop counts unconditionally): the
  // kernel's sink, which also takes the halves a task's last step discards.
  const sinkAt = scratchAt + 244;
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
  const pairs = new Float64Array(buffer, valuesAt, 2 * values.length);
  for (let c = 0; c < values.length; ++c) {
    pairs[2 * c] = values[c];
    pairs[2 * c + 1] = clipped ? clipped[c] : 0;
  }
  new Float64Array(buffer, slotValuesAt, slotValues.length).set(slotValues);
  new Int32Array(buffer, belowAt, below.length).set(below);
  const addrs = new Int32Array(buffer, addrsAt, countIndex.length);
  for (let m = 0; m < countIndex.length; ++m) addrs[m] = countsAt + 4 * countIndex[m];
  // The trimmed walk's record per entry (see the template): values, counts, slots, groups, addrs,
  // below, and two words it keeps between replicates.
  const records = new Int32Array(buffer, entriesAt, 8 * entries);
  for (let e = 0; e < entries; ++e) {
    records.set([slotValuesAt + 32 * slotBase[e], countsAt + 16 * slotBase[e], slotBase[e + 1] - slotBase[e], groupBase[e + 1] - groupBase[e],
      addrsAt + 4 * groupBase[e], belowAt + 16 * (groupBase[e] + e), 0, 0], 8 * e);
  }
  const record = (entry: number) => entriesAt + 32 * entry;
  new Int32Array(buffer, offsetsAt, offsets.length).set(offsets);
  // Lemire's rejection threshold 2^16 mod n of each task (unused past a sample's last task).
  const thresholds = new Int32Array(buffer, thresholdsAt, offsets.length);
  for (let m = 0; m + 1 < offsets.length; ++m) {
    const n = offsets[m + 1] - offsets[m];
    thresholds[m] = n > 0 ? 65536 % n : 0;
  }
  // The kernel increments counts through addresses: each cell's group count's byte address.
  const groupAddress = new Int32Array(buffer, groupOfAt, groupOf.length);
  for (let c = 0; c < groupOf.length; ++c) groupAddress[c] = doCount ? addrs[groupOf[c]] : sinkAt;
  const sel = new Int32Array(buffer, selAt, maxTasks);
  const state = new Int32Array(buffer, stateAt, 16);
  // Mode 1: counts only (the IQM); mode 0: pair sums and counts.
  const mode = doCount && !doSums && !clipped ? 1 : 0;
  const run = exports.draw;
  const walk = exports.trimmed;
  const block = exports.iqmBlock;
  const outView = new Float64Array(buffer, outAt, 4 * maxReps);
  const aggregates = exports.aggregatesBlock;
  const mannWhitney = exports.mannWhitney;
  return {
    counts: new Int32Array(buffer, countsAt, slotValues.length),
    taskSums: new Float64Array(buffer, taskSumsAt, maxTasks),
    clipSums: new Float64Array(buffer, clipSumsAt, maxTasks),
    draw: (stream, taskBase, taskSel, tasks) => {
      sel.set(taskSel); // at most maxTasks slots; the first `tasks` are drawn
      state.set(stream.state);
      run(stateAt, offsetsAt, selAt, valuesAt, groupOfAt, taskSumsAt, clipSumsAt, taskBase, tasks, mode, scratchAt, thresholdsAt);
      stream.state.set(state);
    },
    trimmed: (entry, pooled) => walk(record(entry), pooled),
    mannWhitney: (from, slots) => mannWhitney(countsAt + 4 * from, slots),
    iqmBlock:
      mode === 1
        ? (stream, taskBase, tasks, entry, pooled, reps, out) => {
            for (let t = 0; t < tasks; ++t) sel[t] = t;
            state.set(stream.state);
            for (let done = 0; done < reps; done += maxReps) {
              const n = Math.min(maxReps, reps - done);
              block(stateAt, offsetsAt, selAt, groupOfAt, taskBase, tasks, scratchAt, record(entry), pooled, n, outAt, thresholdsAt);
              out.set(outView.subarray(0, n), done);
            }
            stream.state.set(state);
          }
        : undefined,
    aggregatesBlock:
      mode === 0
        ? (stream, taskBase, tasks, entry, pooled, gamma, reps, out) => {
            for (let t = 0; t < tasks; ++t) sel[t] = t;
            state.set(stream.state);
            for (let done = 0; done < reps; done += maxReps) {
              const n = Math.min(maxReps, reps - done);
              aggregates(stateAt, offsetsAt, selAt, valuesAt, groupOfAt, taskSumsAt, clipSumsAt, taskBase, tasks, scratchAt, thresholdsAt,
                record(entry), pooled, n, outAt, gamma, meansAt, doCount ? 1 : 0);
              for (let row = 0; row < 4; ++row) out.set(outView.subarray(row * n, (row + 1) * n), row * reps + done);
            }
            stream.state.set(state);
          }
        : undefined
  };
}
