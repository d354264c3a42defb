import type {IndexStream} from "../../bootstrap/index-stream.js";
import {wasmDrawKernel} from "./draw-kernel.js";
import type {DrawKernel} from "./draw-loop.js";
import {javascriptDraw} from "./draw-loop-js.js";
import {plainLayout} from "./lane-layout.js";
import type {BootstrapPlan, PlanEntry, PlanSample} from "./plan.js";

/**
 * The counting path of probability of improvement for one pair (X, Y): per task, the X and Y draws
 * are counted on the task's merged grid of distinct values, then one pass over the grid gives
 * P(X > Y) + ½ P(X = Y) (Mann–Whitney with ties ½). The draws run in the plan-wide draw loop
 * (WebAssembly when available): X's task t and Y's task t are pseudo-tasks 2t and 2t + 1, drawn in
 * that order exactly as IndexStream.fill would (the same numbers as the generic path).
 */
interface PoiKernel {
  /** Per task, its grid's first slot; a slot holds the X count then the Y count of one grid value. */
  gridOffsets: Int32Array;
  loop: DrawKernel;
  /** The pseudo-tasks in order, 0 .. 2·tasks − 1. */
  sel: Int32Array;
}

const kernels = new WeakMap<PlanEntry, PoiKernel>();

function poiKernel(entry: PlanEntry): PoiKernel {
  const cached = kernels.get(entry);
  if (cached) return cached;
  const [x, y] = entry.samples;
  const tasks = x.tasks;
  const xCells = x.offsets[tasks];
  const yCells = y.offsets[tasks];
  const gridOffsets = new Int32Array(tasks + 1);
  // Pseudo-task 2t holds X's cells of task t, 2t + 1 Y's, one after the other.
  const offsets = new Int32Array(2 * tasks + 1);
  const values = new Float64Array(xCells + yCells);
  const groupOf = new Int32Array(xCells + yCells);
  let maxRuns = 0;
  for (let t = 0; t < tasks; ++t) {
    const xs = x.values.subarray(x.offsets[t], x.offsets[t + 1]);
    const ys = y.values.subarray(y.offsets[t], y.offsets[t + 1]);
    const grid = [...new Set([...xs, ...ys])].sort((a, b) => a - b);
    const index = new Map(grid.map((v, i) => [v, i]));
    const base = gridOffsets[t];
    offsets[2 * t + 1] = offsets[2 * t] + xs.length;
    offsets[2 * t + 2] = offsets[2 * t + 1] + ys.length;
    values.set(xs, offsets[2 * t]);
    values.set(ys, offsets[2 * t + 1]);
    xs.forEach((v, i) => (groupOf[offsets[2 * t] + i] = 2 * (base + index.get(v)!)));
    ys.forEach((v, i) => (groupOf[offsets[2 * t + 1] + i] = 2 * (base + index.get(v)!) + 1));
    gridOffsets[t + 1] = base + grid.length;
    maxRuns = Math.max(maxRuns, xs.length, ys.length);
  }
  const counters = 2 * gridOffsets[tasks];
  const layout = plainLayout(counters);
  const groupBase = Int32Array.from([0, counters]);
  const input = {values, offsets, groupOf, layout, groupBase, groups: [], maxTasks: 2 * tasks, maxRuns, maxReps: 1, needs: {sums: false, counts: true}};
  const loop = wasmDrawKernel(input) ?? javascriptDraw(input);
  const kernel = {gridOffsets, loop, sel: new Int32Array(2 * tasks)};
  kernels.set(entry, kernel);
  return kernel;
}

/** `reps` replicates of the probability of improvement of the entry's pair (X, Y). */
export function poiBlock(plan: BootstrapPlan, entry: PlanEntry, stream: IndexStream, reps: number, out: Float64Array): void {
  const [x, y]: PlanSample[] = entry.samples;
  const tasks = x.tasks;
  const {gridOffsets, loop, sel} = poiKernel(entry);
  const {counts, mannWhitney} = loop;
  const taskSel = Int32Array.from({length: tasks}, (_, t) => t);
  for (let t = 0; t < tasks; ++t) {
    sel[2 * t] = 2 * t;
    sel[2 * t + 1] = 2 * t + 1;
  }
  for (let rep = 0; rep < reps; ++rep) {
    // Without task resampling every task is drawn at once; with it a task may come twice, so each is
    // drawn (as its two pseudo-tasks) just before its grid pass.
    if (plan.taskBootstrap) stream.fill(taskSel, tasks, tasks);
    else loop.draw(stream, 0, sel, 2 * tasks);
    let total = 0;
    for (let t = 0; t < tasks; ++t) {
      const m = taskSel[t];
      if (plan.taskBootstrap) loop.draw(stream, 2 * m, sel, 2);
      const nx = x.offsets[m + 1] - x.offsets[m];
      const ny = y.offsets[m + 1] - y.offsets[m];
      const from = 2 * gridOffsets[m];
      total += (mannWhitney ? mannWhitney(from, gridOffsets[m + 1] - gridOffsets[m]) : mannWhitneyOf(counts, from, 2 * gridOffsets[m + 1])) / (nx * ny);
    }
    out[rep] = total / tasks;
  }
}

/** The JavaScript twin of the kernel's mannWhitney, over counts[from .. to) (X, Y pairs). */
function mannWhitneyOf(counts: Int32Array, from: number, to: number): number {
  let greater = 0;
  let ties = 0;
  let below = 0;
  for (let c = from; c < to; c += 2) {
    const a = counts[c];
    const b = counts[c + 1];
    greater += a * below;
    ties += a * b;
    below += b;
  }
  counts.fill(0, from, to);
  return greater + 0.5 * ties;
}
