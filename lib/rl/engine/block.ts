import {IndexStream} from "../../bootstrap/index-stream.js";
import {intArg, reject} from "../../core/check.js";
import {BenchstatsError} from "../../core/errors.js";
import {sortSmall} from "../aggregates.js";
import {wasmDrawKernel, type DrawKernel} from "./draw-kernel.js";
import {javascriptDraw, lanesOf, pairedSumAt, trimmedOfSortedCells, type Sorted} from "./draw-loop-js.js";
import {laneLayout} from "./lane-layout.js";
import {blockStream, evaluate, type BootstrapPlan, type PlanEntry, type PlanSample} from "./plan.js";
import {poiBlock} from "./poi-block.js";
import {upperBound} from "../profiles.js";

/**
 * Number of replicates in block `block` of a plan: blockSize, except for the last block.
 *
 * @example blockReps(plan, blockCount(plan) - 1); // the last block's size
 */
export function blockReps(plan: BootstrapPlan, block: number): number {
  checkPlan(plan, "blockReps", undefined, block);
  return Math.max(0, Math.min(plan.blockSize, plan.reps - block * plan.blockSize));
}

/**
 * Number of blocks per entry: ⌈reps / blockSize⌉.
 *
 * @example blockCount(planIntervalEstimates({A: a}, aggregateIqm, {reps: 2000})); // 4 (blocks of 500)
 */
export function blockCount(plan: BootstrapPlan): number {
  checkPlan(plan, "blockCount");
  return Math.ceil(plan.reps / plan.blockSize);
}

/**
 * Computes the bootstrap replicates of one block of one entry: a pure function of the plan, the entry
 * index and the block number. Returns `outputs × blockReps` values, output-major (output k's replicates
 * are `out[k·blockReps .. (k+1)·blockReps)`).
 *
 * Resampling order (identical on both paths, so they agree bit for bit): the block's draws come from
 * `IndexStream(seed, blockStream(hash(key), block))`; for each replicate, first (with `taskBootstrap`)
 * T task indices, then for each task slot, for each sample (X, then Y), n_t run indices (once per
 * checkpoint with `perCell`, else once for the whole trajectory).
 *
 * Built-in statistics take the fast path: per task the drawn runs are only counted (no matrix is built),
 * per-task sums give the means, and order statistics (IQM, profiles) come from a walk over the pooled
 * distinct values sorted once per entry; for one layer of whole-run draws this runs in a WebAssembly
 * SIMD kernel (draw-kernel.ts) when the host allows, else in its JavaScript twin, with identical
 * results. Probability of improvement counts X and Y draws on each task's merged value grid. Any other
 * statistic is called on a materialised resample (reused buffers); the plain aggregates sum in the
 * same order as the fast path (pairedSum, trimmedMeanOfSorted), so both paths agree bit for bit.
 *
 * @example
 * const plan = planIntervalEstimates({A: scores}, aggregateIqm, {reps: 2000, seed: 1});
 * const values = runBootstrapBlock(plan, 0, 0); // replicates 0..499 of "A"
 */
export function runBootstrapBlock(plan: BootstrapPlan, entryIndex: number, block: number): Float64Array {
  checkPlan(plan, "runBootstrapBlock", entryIndex, block);
  const entry = plan.entries[entryIndex];
  const reps = blockReps(plan, block);
  const out = new Float64Array(entry.outputs * reps);
  if (reps === 0) return out;
  const stream = new IndexStream(plan.seed, blockStream(entry.stream, block));
  const statistics = plan.statistics;
  if (statistics && !plan.forceGeneric) {
    if (statistics[0].kind === "probabilityOfImprovement") poiBlock(plan, entry, stream, reps, out);
    else aggregateBlock(plan, entry, stream, reps, out);
  } else genericBlock(plan, entry, stream, reps, out);
  return out;
}

/**
 * Checks that `plan` looks like a plan made by one of the planners (after a structured clone too), and
 * that `entryIndex` and `block`, when given, name one of its entries and blocks.
 */
export function checkPlan(plan: BootstrapPlan, fn: string, entryIndex?: number, block?: number): void {
  if (
    plan === null ||
    typeof plan !== "object" ||
    !Array.isArray(plan.entries) ||
    !Number.isInteger(plan.reps) ||
    !(plan.reps >= 2) ||
    !Number.isInteger(plan.blockSize) ||
    !(plan.blockSize >= 1)
  ) {
    reject("type", fn, "plan", "a bootstrap plan (planIntervalEstimates and the other planners)", plan);
  }
  if (entryIndex !== undefined) intArg(entryIndex, "entryIndex", fn, {min: 0, max: plan.entries.length - 1, code: "range"});
  if (block !== undefined) intArg(block, "block", fn, {min: 0, max: Math.ceil(plan.reps / plan.blockSize) - 1, code: "range"});
}

function maxTaskRuns(s: PlanSample): number {
  let m = 0;
  for (let t = 0; t < s.tasks; ++t) m = Math.max(m, s.offsets[t + 1] - s.offsets[t]);
  return m;
}

function drawTasks(plan: BootstrapPlan, stream: IndexStream, sel: Int32Array, tasks: number): void {
  if (plan.taskBootstrap) stream.fill(sel, tasks, tasks);
}

function genericBlock(plan: BootstrapPlan, entry: PlanEntry, stream: IndexStream, reps: number, out: Float64Array): void {
  const {samples} = entry;
  const tasks = samples[0].tasks;
  const layers = plan.layers;
  const perLayer = plan.outputsPerLayer;
  const rowsOf = samples.map(maxTaskRuns);
  // matrices[layer][sample]: reused runs × tasks buffers.
  const matrices: number[][][][] = [];
  for (let l = 0; l < layers; ++l) {
    matrices.push(samples.map((_, s) => Array.from({length: rowsOf[s]}, () => new Array<number>(tasks).fill(NaN))));
  }
  const idx = new Int32Array(rowsOf.reduce((a, b) => Math.max(a, b), 1));
  const sel = Int32Array.from({length: tasks}, (_, t) => t);
  const where = `a bootstrap resample of scores["${entry.key}"]`;
  for (let rep = 0; rep < reps; ++rep) {
    drawTasks(plan, stream, sel, tasks);
    for (let t = 0; t < tasks; ++t) {
      const m = sel[t];
      for (let s = 0; s < samples.length; ++s) {
        const sample = samples[s];
        const off = sample.offsets[m];
        const n = sample.offsets[m + 1] - off;
        const cells = sample.offsets[sample.tasks];
        if (!plan.perCell) stream.fill(idx, n, n);
        for (let l = 0; l < layers; ++l) {
          if (plan.perCell) stream.fill(idx, n, n);
          const mat = matrices[l][s];
          const base = l * cells + off;
          for (let j = 0; j < n; ++j) mat[j][t] = sample.values[base + idx[j]];
          for (let j = n; j < rowsOf[s]; ++j) mat[j][t] = NaN;
        }
      }
    }
    for (let l = 0; l < layers; ++l) {
      const values = evaluate(plan.statistics, plan.generic, matrices[l], where);
      if (values.length !== perLayer) {
        throw new BenchstatsError("statistic", `the statistic returned ${values.length} values on ${where} but ${perLayer} on the original scores; it must return as many values for every resample`);
      }
      for (let k = 0; k < perLayer; ++k) out[(l * perLayer + k) * reps + rep] = values[k];
    }
  }
}

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
interface Needs {
  /** Per-task sums of the drawn values (mean, median, average score distribution). */
  sums: boolean;
  /** Draw counts per cell or value group (IQM, score distribution). */
  counts: boolean;
  /** The distinct γ of the optimality gaps (per-task sums of min(value, γ)). */
  gammas: number[];
}

function needsOf(statistics: NonNullable<BootstrapPlan["statistics"]>): Needs {
  return {
    sums: statistics.some((s) => s.kind === "mean" || s.kind === "median" || s.kind === "averageScoreDistribution"),
    counts: statistics.some((s) => s.kind === "iqm" || s.kind === "scoreDistribution"),
    gammas: [...new Set(statistics.flatMap((s) => (s.kind === "optimalityGap" ? [s.gamma] : [])))]
  };
}

/**
 * Per-sample state of the counting path, built once and reused by every block of the entry: the sorted
 * cells (or value groups), the count and sum buffers and the draw loop.
 */
interface AggregateKernel {
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

function aggregateKernel(plan: BootstrapPlan, entryIndex: number, needs: Needs): AggregateKernel {
  const sample = plan.entries[entryIndex].samples[0];
  const perCell = plan.perCell;
  const key = JSON.stringify([needs, perCell]);
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
  const key = JSON.stringify(needs);
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
  const clipped = gammas.length ? clip : undefined;
  const loop =
    wasmDrawKernel(values, offsets, groupOf, layout, groupBase, clipped, maxTasks, plan.blockSize, needs.sums, needs.counts) ??
    javascriptDraw(values, offsets, needs.sums, needs.counts, groupOf, layout, groups, clipped, maxTasks, maxRuns);
  const kernel: SharedKernel = {taskBase, slotBase, groups, loop};
  byKey.set(key, kernel);
  return kernel;
}

/** Rows of the fused aggregates loop (DrawKernel.aggregatesBlock) by statistic. */
const FUSED_ROWS = {mean: 0, median: 1, optimalityGap: 2, iqm: 3};

function aggregateBlock(plan: BootstrapPlan, entry: PlanEntry, stream: IndexStream, reps: number, out: Float64Array): void {
  const statistics = plan.statistics!;
  const sample = entry.samples[0];
  const {tasks, layers, offsets} = sample;
  const perLayer = plan.outputsPerLayer;
  const needs = needsOf(statistics);
  const {gammas} = needs;
  const needSortedMeans = statistics.some((s) => s.kind === "median" || s.kind === "averageScoreDistribution");
  const kernel = aggregateKernel(plan, plan.entries.indexOf(entry), needs);
  const {sorted, clipped, counts, taskSums, clipSums, sel, idx, draw, trimmed, iqmBlock, aggregatesBlock} = kernel;
  // The common cases run their whole replicate loop in WebAssembly (same arithmetic as the loop below).
  if (!plan.taskBootstrap) {
    const pooled = offsets[tasks] - offsets[0];
    if (iqmBlock && statistics.length === 1 && statistics[0].kind === "iqm") {
      iqmBlock(stream, pooled, reps, out);
      return;
    }
    if (aggregatesBlock && tasks <= 64 && statistics.every((spec) => spec.kind in FUSED_ROWS)) {
      const rows = new Float64Array(4 * reps);
      aggregatesBlock(stream, pooled, gammas.length ? gammas[0] : 1, reps, rows);
      statistics.forEach((spec, k) => {
        const row = FUSED_ROWS[spec.kind as keyof typeof FUSED_ROWS];
        out.set(rows.subarray(row * reps, (row + 1) * reps), k * reps);
      });
      return;
    }
  }
  const tauThresholds = new Map<object, Thresholds[]>();
  for (const spec of statistics) {
    if (spec.kind === "scoreDistribution") tauThresholds.set(spec, sorted!.values.map((v) => thresholds(v, spec.taus)));
  }
  const scratch = new Float64Array(tasks);
  const means = new Float64Array(tasks);
  for (let t = 0; t < tasks; ++t) sel[t] = t;
  for (const c of counts) c.fill(0);

  for (let rep = 0; rep < reps; ++rep) {
    drawTasks(plan, stream, sel, tasks);
    let pooled = 0;
    for (let t = 0; t < tasks; ++t) pooled += offsets[sel[t] + 1] - offsets[sel[t]];
    if (draw) draw(stream);
    else countBuffered(plan, stream, sample, sel, needs, counts, clipped, taskSums, clipSums, idx);
    for (let l = 0; l < layers; ++l) {
      if (needs.sums) {
        for (let t = 0; t < tasks; ++t) means[t] = taskSums[l * tasks + t] / (offsets[sel[t] + 1] - offsets[sel[t]]);
      }
      if (needSortedMeans) {
        scratch.set(means);
        sortSmall(scratch);
      }
      let k = l * perLayer;
      for (const spec of statistics) {
        switch (spec.kind) {
          case "mean": {
            let s = 0;
            for (let t = 0; t < tasks; ++t) s += means[t];
            out[k++ * reps + rep] = s / tasks;
            break;
          }
          case "median": {
            const h = tasks >> 1;
            out[k++ * reps + rep] = tasks % 2 === 1 ? scratch[h] : (scratch[h - 1] + scratch[h]) / 2;
            break;
          }
          case "optimalityGap": {
            const g = gammas.indexOf(spec.gamma);
            let clip = 0;
            for (let t = 0; t < tasks; ++t) clip += clipSums[(l * gammas.length + g) * tasks + t];
            out[k++ * reps + rep] = spec.gamma - clip / pooled;
            break;
          }
          case "iqm":
            out[k++ * reps + rep] = trimmed[l](pooled);
            break;
          case "scoreDistribution":
            countedExceedances(counts[l], sorted!.cellAt[l], pooled, tauThresholds.get(spec)![l], out, k, reps, rep);
            k += spec.taus.length;
            break;
          case "averageScoreDistribution":
            for (const tau of spec.taus) out[k++ * reps + rep] = (tasks - upperBound(scratch, tasks, tau)) / tasks;
            break;
          default:
            throw new Error(`unexpected statistic ${spec.kind}`);
        }
      }
      if (needs.counts) counts[l].fill(0);
    }
  }
}

/** The general counting loop (checkpoint layers, per-cell draws, several γ): draws through IndexStream.fill. */
function countBuffered(
  plan: BootstrapPlan,
  stream: IndexStream,
  sample: PlanSample,
  sel: Int32Array,
  needs: Needs,
  counts: Int32Array[],
  clipped: Float64Array[],
  taskSums: Float64Array,
  clipSums: Float64Array,
  idx: Int32Array
): void {
  const {tasks, layers, offsets, values} = sample;
  const cells = offsets[tasks];
  const gammas = clipped.length;
  for (let t = 0; t < tasks; ++t) {
    const m = sel[t];
    const off = offsets[m];
    const n = offsets[m + 1] - off;
    if (!plan.perCell) stream.fill(idx, n, n);
    for (let l = 0; l < layers; ++l) {
      if (plan.perCell) stream.fill(idx, n, n);
      const base = l * cells + off;
      if (needs.sums) taskSums[l * tasks + t] = pairedSumAt(values, base, idx, n);
      if (needs.counts) {
        const cnt = counts[l];
        for (let j = 0; j < n; ++j) cnt[off + idx[j]]++;
      }
      for (let g = 0; g < gammas; ++g) {
        clipSums[(l * gammas + g) * tasks + t] = pairedSumAt(clipped[g], base, idx, n);
      }
    }
  }
}

/** For each τ, the number of sorted values ≤ τ, and the τ indices in increasing order of that number. */
interface Thresholds {
  first: Int32Array;
  order: Int32Array;
}

function thresholds(sorted: Float64Array, taus: number[]): Thresholds {
  const first = Int32Array.from(taus, (tau) => upperBound(sorted, sorted.length, tau));
  const order = Int32Array.from(taus.keys()).sort((a, b) => first[a] - first[b]);
  return {first, order};
}

/**
 * Fraction of the counted multiset strictly above each τ, written to out[(k + i)·reps + rep]: one walk
 * up the sorted cells, reading the running count at each τ's threshold.
 */
function countedExceedances(counts: Int32Array, cellAt: Int32Array, pooled: number, th: Thresholds, out: Float64Array, k: number, reps: number, rep: number): void {
  const {first, order} = th;
  let p = 0;
  let atOrBelow = 0;
  for (let j = 0; j < order.length; ++j) {
    const i = order[j];
    const stop = first[i];
    for (; p < stop; ++p) atOrBelow += counts[cellAt[p]];
    out[(k + i) * reps + rep] = (pooled - atOrBelow) / pooled;
  }
}
