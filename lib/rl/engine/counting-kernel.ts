// The counting path's state: per entry, what the draws are counted against (cells sorted once, or the
// value groups of the plan-wide draw loop) and the buffers they are counted into; per plan, the one
// draw loop (WebAssembly, or its JavaScript twin) that serves all entries of one layer of whole-run
// draws. Built on first use and cached with the sample or plan, so every block of an entry reuses it.
import type {IndexStream} from "../../bootstrap/index-stream.js";
import {upperBound} from "../profiles.js";
import {wasmDrawKernel} from "./draw-kernel.js";
import {javascriptDraw, lanesOf, trimmedOfSortedCells} from "./draw-loop-js.js";
import type {DrawKernel, DrawLoopInput, Sorted} from "./draw-loop.js";
import {laneLayout} from "./lane-layout.js";
import {maxTaskRuns, type BootstrapPlan, type PlanSample} from "./plan.js";

function sortCells(sample: PlanSample): Sorted {
  const n = sample.offsets[sample.tasks];
  const values: Float64Array[] = [];
  const cellAt: Int32Array[] = [];
  for (let l = 0; l < sample.layers; ++l) {
    const layer = sample.values.subarray(l * n, (l + 1) * n);
    const order = Int32Array.from({length: n}, (_, i) => i).sort((a, b) => layer[a] - layer[b] || a - b);
    values.push(Float64Array.from(order, (i) => layer[i]));
    cellAt.push(order);
  }
  return {values, cellAt, lanes: values.map(lanesOf)};
}

/** What the drawn resamples must provide for a list of statistics. */
export interface Needs {
  /** Per-task sums of the drawn values (mean, median, average score distribution). */
  sums: boolean;
  /** Draw counts per cell or value group (IQM, score distribution). */
  counts: boolean;
  /** The distinct γ of the optimality gaps (per-task sums of min(value, γ)). */
  gammas: number[];
}

export function needsOf(statistics: NonNullable<BootstrapPlan["statistics"]>): Needs {
  return {
    sums: statistics.some((s) => s.kind === "mean" || s.kind === "median" || s.kind === "averageScoreDistribution"),
    counts: statistics.some((s) => s.kind === "iqm" || s.kind === "scoreDistribution"),
    gammas: [...new Set(statistics.flatMap((s) => (s.kind === "optimalityGap" ? [s.gamma] : [])))]
  };
}

/** The cache key of a Needs: equal needs, equal keys (γ in order of first use, as needsOf lists them). */
function needsKey(needs: Needs): string {
  return `${needs.sums ? "sums" : ""}+${needs.counts ? "counts" : ""}+${needs.gammas.join(",")}`;
}

/**
 * Per-sample state of the counting path, built once and reused by every block of the entry: the sorted
 * cells (or value groups), the count and sum buffers and the draw loop.
 */
export interface AggregateKernel {
  sorted: Sorted | undefined;
  clipped: Float64Array[];
  counts: Int32Array[];
  taskSums: Float64Array;
  clipSums: Float64Array;
  sel: Int32Array;
  idx: Int32Array;
  /** The plan-wide draw loop (WebAssembly or its JavaScript twin), when the sample allows it (one layer, whole-run draws, ≤ 1 γ). */
  draw: ((stream: IndexStream) => void) | undefined;
  /** Per layer: the trimmed mean of the counted multiset of `pooled` draws. */
  trimmed: ((pooled: number) => number)[];
  /** The whole replicate loop of an IQM-only plan without task resampling, when the draw loop offers it. */
  iqmBlock: ((stream: IndexStream, pooled: number, reps: number, out: Float64Array) => void) | undefined;
  /** The whole replicate loop for mean, median, optimality gap and IQM (rows of `reps` in that order), likewise. */
  aggregatesBlock: ((stream: IndexStream, pooled: number, gamma: number, reps: number, out: Float64Array) => void) | undefined;
}

const kernelCache = new WeakMap<PlanSample, Map<string, AggregateKernel>>();

/** The kernel of entry `entryIndex` for these needs, built on first use and cached with its sample. */
export function aggregateKernel(plan: BootstrapPlan, entryIndex: number, needs: Needs): AggregateKernel {
  const sample = plan.entries[entryIndex].samples[0];
  const perCell = plan.perCell;
  const key = `${needsKey(needs)}|${perCell ? "cell" : "run"}`;
  let bySpec = kernelCache.get(sample);
  if (!bySpec) kernelCache.set(sample, (bySpec = new Map()));
  const cached = bySpec.get(key);
  if (cached) return cached;
  const {tasks, layers, offsets} = sample;
  const {gammas} = needs;
  const cells = offsets[tasks];
  const maxRuns = maxTaskRuns(sample);
  const inline = layers === 1 && !perCell && gammas.length <= 1 && maxRuns <= 65536;
  const shared = inline ? sharedKernel(plan, needs) : undefined;
  const sorted = shared ? shared.groups[entryIndex] : needs.counts ? sortCells(sample) : undefined;
  // Clipped values min(v, γ) per γ and layer, with the same expression as aggregateOptimalityGap.
  const clipped: Float64Array[] = gammas.map((gamma) => {
    const c = new Float64Array(layers * cells);
    for (let i = 0; i < c.length; ++i) c[i] = sample.values[i] < gamma ? sample.values[i] : gamma;
    return c;
  });
  // Counts of draws per cell (not per sorted position: the increment then needs no lookup). With the
  // shared kernel these are per distinct value instead (this entry's slice of the plan-wide counts).
  const counts = shared
    ? [shared.loop.counts.subarray(4 * shared.slotBase[entryIndex], 4 * shared.slotBase[entryIndex + 1])]
    : Array.from({length: layers}, () => new Int32Array(needs.counts ? cells : 0));
  const taskSums = shared ? shared.loop.taskSums : new Float64Array(layers * tasks);
  const clipSums = shared ? shared.loop.clipSums : new Float64Array(layers * tasks * gammas.length);
  const sel = Int32Array.from({length: tasks}, (_, t) => t);
  const idx = new Int32Array(maxRuns + 1);
  let draw: ((stream: IndexStream) => void) | undefined;
  let trimmed: ((pooled: number) => number)[] = [];
  let iqmBlock: AggregateKernel["iqmBlock"];
  let aggregatesBlock: AggregateKernel["aggregatesBlock"];
  if (shared) {
    const taskBase = shared.taskBase[entryIndex];
    const {loop} = shared;
    draw = (stream) => loop.draw(stream, taskBase, sel, tasks);
    if (needs.counts) trimmed = [(pooled) => loop.trimmed(entryIndex, pooled)];
    const block = loop.iqmBlock;
    if (block) iqmBlock = (stream, pooled, reps, out) => block(stream, taskBase, tasks, entryIndex, pooled, reps, out);
    const fused = loop.aggregatesBlock;
    if (fused) aggregatesBlock = (stream, pooled, gamma, reps, out) => fused(stream, taskBase, tasks, entryIndex, pooled, gamma, reps, out);
  } else if (needs.counts) {
    trimmed = sorted!.values.map((v, l) => (pooled: number) => trimmedOfSortedCells(v, sorted!.cellAt[l], sorted!.lanes[l], counts[l], pooled));
  }
  const kernel = {sorted, clipped, counts, taskSums, clipSums, sel, idx, draw, trimmed, iqmBlock, aggregatesBlock};
  bySpec.set(key, kernel);
  return kernel;
}

/**
 * Plan-wide state of the inline counting path: every entry's cells concatenated, so that one draw loop
 * (one WebAssembly instance) per plan serves all entries.
 */
interface SharedKernel {
  taskBase: Int32Array;
  /** Entry e's counts are the loop's counts[4·slotBase[e] .. 4·slotBase[e + 1]) (LaneLayout). */
  slotBase: Int32Array;
  /** Per entry: its distinct values as a tie-free "sorted cells" view whose cells are the groups' counts. */
  groups: Sorted[];
  /** The draw loop over all entries; its counts are per group (distinct value of an entry). */
  loop: DrawKernel;
}

const sharedCache = new WeakMap<BootstrapPlan, Map<string, SharedKernel>>();

function sharedKernel(plan: BootstrapPlan, needs: Needs): SharedKernel {
  const key = needsKey(needs);
  let byKey = sharedCache.get(plan);
  if (!byKey) sharedCache.set(plan, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  const {gammas} = needs;
  const samples = plan.entries.map((e) => e.samples[0]);
  const taskBase = new Int32Array(samples.length);
  const cellBase = new Int32Array(samples.length);
  let totalTasks = 0;
  let totalCells = 0;
  let maxTasks = 0;
  let maxRuns = 0;
  samples.forEach((s, e) => {
    taskBase[e] = totalTasks;
    cellBase[e] = totalCells;
    totalTasks += s.tasks + 1;
    totalCells += s.offsets[s.tasks];
    maxTasks = Math.max(maxTasks, s.tasks);
    maxRuns = Math.max(maxRuns, maxTaskRuns(s));
  });
  const offsets = new Int32Array(totalTasks);
  const values = new Float64Array(totalCells);
  const clip = new Float64Array(gammas.length ? totalCells : 0);
  samples.forEach((s, e) => {
    for (let t = 0; t <= s.tasks; ++t) offsets[taskBase[e] + t] = cellBase[e] + s.offsets[t];
    const n = s.offsets[s.tasks];
    values.set(s.values.subarray(0, n), cellBase[e]);
    if (gammas.length) for (let i = 0; i < n; ++i) clip[cellBase[e] + i] = s.values[i] < gammas[0] ? s.values[i] : gammas[0];
  });
  // Equal values share one group (valued as the first of them in sorted order), so the trimmed-mean
  // walk reads counts sequentially and never has to merge ties.
  const groupBase = new Int32Array(samples.length + 1);
  const groupOf = new Int32Array(totalCells);
  const groupValueList: number[] = [];
  if (needs.counts) {
    samples.forEach((s, e) => {
      const cells = s.values.subarray(0, s.offsets[s.tasks]);
      const sorted = cells.slice().sort();
      const first = groupValueList.length;
      for (let p = 0; p < sorted.length; ++p) if (p === 0 || sorted[p] !== sorted[p - 1]) groupValueList.push(sorted[p]);
      groupBase[e + 1] = groupValueList.length;
      const distinct = groupValueList.slice(first);
      for (let c = 0; c < cells.length; ++c) groupOf[cellBase[e] + c] = first + upperBound(distinct, distinct.length, cells[c]) - 1;
    });
  }
  const groupValues = Float64Array.from(groupValueList);
  const layout = laneLayout(groupValues, groupBase);
  const {slotBase, countIndex} = layout;
  const groups: Sorted[] = samples.map((_, e) => {
    const values = groupValues.slice(groupBase[e], groupBase[e + 1]);
    const cellAt = countIndex.slice(groupBase[e], groupBase[e + 1]).map((i) => i - 4 * slotBase[e]);
    return {values: [values], cellAt: [cellAt], lanes: [lanesOf(values)]};
  });
  const input: DrawLoopInput = {
    values, offsets, groupOf, layout, groupBase, groups, clipped: gammas.length ? clip : undefined,
    maxTasks, maxRuns, maxReps: plan.blockSize, needs: {sums: needs.sums, counts: needs.counts}
  };
  const loop = wasmDrawKernel(input) ?? javascriptDraw(input);
  const kernel: SharedKernel = {taskBase, slotBase, groups, loop};
  byKey.set(key, kernel);
  return kernel;
}
