import type {IndexStream} from "../../bootstrap/index-stream.js";
import {trimLane} from "../aggregates.js";
import type {DrawKernel, DrawLoopInput, Sorted} from "./draw-loop.js";

/**
 * The draw loop in JavaScript, for hosts without WebAssembly SIMD: each task's run indices from
 * IndexStream.fill, then the task's drawn values and clipped values summed as pairedSum does, and each
 * drawn cell's value group counted — exactly what the WebAssembly kernel does.
 */
export function javascriptDraw(input: DrawLoopInput): DrawKernel {
  const {values, offsets, groupOf, layout, groups, clipped, maxTasks, maxRuns} = input;
  const {sums: doSums, counts: doCount} = input.needs;
  const {slotBase, countIndex} = layout;
  const counts = new Int32Array(doCount ? layout.slotValues.length : 0);
  const countOf = groupOf.map((m) => countIndex[m]);
  const entryCounts = groups.map((_, e) => counts.subarray(4 * slotBase[e], 4 * slotBase[e + 1]));
  const taskSums = new Float64Array(maxTasks);
  const clipSums = new Float64Array(maxTasks);
  const idx = new Int32Array(maxRuns);
  const draw = (stream: IndexStream, taskBase: number, sel: Int32Array, tasks: number) => {
    for (let t = 0; t < tasks; ++t) {
      const m = taskBase + sel[t];
      const off = offsets[m];
      const n = offsets[m + 1] - off;
      stream.fill(idx, n, n);
      if (doSums) taskSums[t] = pairedSumAt(values, off, idx, n);
      if (clipped) clipSums[t] = pairedSumAt(clipped, off, idx, n);
      if (doCount) for (let j = 0; j < n; ++j) counts[countOf[off + idx[j]]]++;
    }
  };
  const trimmed = (entry: number, pooled: number) => {
    const {values, cellAt, lanes} = groups[entry];
    return trimmedOfSortedCells(values[0], cellAt[0], lanes[0], entryCounts[entry], pooled);
  };
  return {counts, taskSums, clipSums, draw, trimmed};
}

/** {@link pairedSum} of values[base + idx[j]] for j < n, in that order. */
export function pairedSumAt(values: Float64Array, base: number, idx: Int32Array, n: number): number {
  let even = 0;
  let odd = 0;
  let j = 0;
  for (; j + 1 < n; j += 2) {
    even += values[base + idx[j]];
    odd += values[base + idx[j + 1]];
  }
  if (j < n) even += values[base + idx[j]];
  return even + odd;
}

/**
 * The trimmed mean of the counted multiset of `pooled` draws over sorted cells (`cellAt[p]` is the
 * cell at sorted position p, `lanes[p]` its value's trimLane), cells of equal value merged into one
 * group: with g = ⌊pooled/4⌋ and hi = pooled − g, the draws ranked g .. hi − 1, each group added to its
 * lane as value × its draws inside the range — term for term what {@link trimmedMeanOfSorted} adds on
 * the resampled values, so the same bits. Also the JavaScript twin of the WebAssembly `trimmed`
 * (draw-kernel.template.wat), there over an entry's value groups.
 */
export function trimmedOfSortedCells(sorted: Float64Array, cellAt: Int32Array, lanes: Uint8Array, counts: Int32Array, pooled: number): number {
  const n = sorted.length;
  const g = Math.floor(0.25 * pooled);
  const hi = pooled - g;
  const sums = [0, 0, 0, 0];
  for (let p = 0, rank = 0; rank < hi; ) {
    const v = sorted[p];
    const lane = lanes[p];
    let c = counts[cellAt[p++]];
    while (p < n && sorted[p] === v) c += counts[cellAt[p++]];
    const lo = rank > g ? rank : g;
    const up = rank + c < hi ? rank + c : hi;
    if (up > lo) sums[lane] += v * (up - lo);
    rank += c;
  }
  return (sums[0] + sums[1] + (sums[2] + sums[3])) / (hi - g) + 0;
}

/** The trimLane of each value. */
export function lanesOf(values: Float64Array): Uint8Array {
  const lanes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; ++i) lanes[i] = trimLane(values[i]);
  return lanes;
}
