import {IndexStream} from "../bootstrap/index-stream.js";
import {sortSmall} from "./aggregates.js";
import {blockStream, evaluate, type BootstrapPlan, type PlanEntry, type PlanSample} from "./plan.js";
import {upperBound} from "./profiles.js";

/**
 * Number of replicates in block `block` of a plan: blockSize, except for the last block.
 *
 * @example blockReps(plan, blockCount(plan) - 1); // the last block's size
 */
export function blockReps(plan: BootstrapPlan, block: number): number {
  return Math.max(0, Math.min(plan.blockSize, plan.reps - block * plan.blockSize));
}

/**
 * Number of blocks per entry: ⌈reps / blockSize⌉.
 *
 * @example blockCount(planIntervalEstimates({A: a}, aggregateIqm, {reps: 2000})); // 4 (blocks of 500)
 */
export function blockCount(plan: BootstrapPlan): number {
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
 * cells sorted once per block; probability of improvement counts X and Y draws on each task's merged
 * value grid. Any other statistic is called on a materialised resample (reused buffers).
 *
 * @example
 * const plan = planIntervalEstimates({A: scores}, aggregateIqm, {reps: 2000, seed: 1});
 * const values = runBootstrapBlock(plan, 0, 0); // replicates 0..499 of "A"
 */
export function runBootstrapBlock(plan: BootstrapPlan, entryIndex: number, block: number): Float64Array {
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
  const idx = new Int32Array(Math.max(...rowsOf, 1));
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
        throw new Error(`the statistic returned ${values.length} values on ${where} but ${perLayer} on the original scores`);
      }
      for (let k = 0; k < perLayer; ++k) out[(l * perLayer + k) * reps + rep] = values[k];
    }
  }
}

/** Per-sample data the counting kernels need, derived once per block. */
interface Sorted {
  /** Per layer: the cell values sorted ascending. */
  values: Float64Array[];
  /** Per layer: the cell at each sorted position. */
  cellAt: Int32Array[];
  /** Per layer: whether some cells share a value (then the walks group them). */
  ties: boolean[];
}

function sortCells(sample: PlanSample): Sorted {
  const n = sample.offsets[sample.tasks];
  const values: Float64Array[] = [];
  const cellAt: Int32Array[] = [];
  const ties: boolean[] = [];
  for (let l = 0; l < sample.layers; ++l) {
    const layer = sample.values.subarray(l * n, (l + 1) * n);
    const order = Int32Array.from({length: n}, (_, i) => i).sort((a, b) => layer[a] - layer[b] || a - b);
    const sorted = Float64Array.from(order, (i) => layer[i]);
    let tied = false;
    for (let p = 1; p < n && !tied; ++p) tied = sorted[p] === sorted[p - 1];
    values.push(sorted);
    cellAt.push(order);
    ties.push(tied);
  }
  return {values, cellAt, ties};
}

/**
 * Per-sample state of the counting path, built once and reused by every block of the entry: the sorted
 * cells, scratch buffers, and the hot loops as closures over them (V8 then compiles them for these very
 * arrays, which is markedly faster than passing the arrays as arguments).
 */
interface AggregateKernel {
  sorted: Sorted | undefined;
  clipped: Float64Array[];
  counts: Int32Array[];
  taskSums: Float64Array;
  clipSums: Float64Array;
  sel: Int32Array;
  idx: Int32Array;
  /** The inline draw-and-count loop, when the sample allows it (one layer, whole-run draws, ≤ 1 γ). */
  draw: ((stream: IndexStream) => void) | undefined;
  /** Per layer: the trimmed mean of the counted multiset, given (pooled, total). */
  trimmed: ((pooled: number, total: number) => number)[];
}

const kernelCache = new WeakMap<PlanSample, Map<string, AggregateKernel>>();

function aggregateKernel(plan: BootstrapPlan, entryIndex: number, needCounts: boolean, gammas: number[]): AggregateKernel {
  const sample = plan.entries[entryIndex].samples[0];
  const perCell = plan.perCell;
  const key = JSON.stringify([needCounts, gammas, perCell]);
  let bySpec = kernelCache.get(sample);
  if (!bySpec) kernelCache.set(sample, (bySpec = new Map()));
  const cached = bySpec.get(key);
  if (cached) return cached;
  const {tasks, layers, offsets} = sample;
  const cells = offsets[tasks];
  const maxRuns = maxTaskRuns(sample);
  const inline = layers === 1 && !perCell && gammas.length <= 1 && maxRuns <= 65536;
  const shared = inline ? sharedKernel(plan, needCounts, gammas) : undefined;
  const sorted = shared ? shared.groups[entryIndex] : needCounts ? sortCells(sample) : undefined;
  // Clipped values min(v, γ) per γ and layer, with the same expression as aggregateOptimalityGap.
  const clipped: Float64Array[] = gammas.map((gamma) => {
    const c = new Float64Array(layers * cells);
    for (let i = 0; i < c.length; ++i) c[i] = sample.values[i] < gamma ? sample.values[i] : gamma;
    return c;
  });
  // Counts of draws per cell (not per sorted position: the increment then needs no lookup). With the
  // shared kernel these are per distinct value instead (this entry's slice of the plan-wide counts).
  const counts = shared
    ? [shared.counts.subarray(shared.groupBase[entryIndex], shared.groupBase[entryIndex + 1])]
    : Array.from({length: layers}, () => new Int32Array(needCounts ? cells : 0));
  const taskSums = shared ? shared.taskSums : new Float64Array(layers * tasks);
  const clipSums = shared ? shared.clipSums : new Float64Array(layers * tasks * gammas.length);
  const sel = Int32Array.from({length: tasks}, (_, t) => t);
  const idx = new Int32Array(maxRuns + 1);
  let draw: ((stream: IndexStream) => void) | undefined;
  let trimmed: ((pooled: number, total: number) => number)[] = [];
  if (shared) {
    const taskBase = shared.taskBase[entryIndex];
    const groupFrom = shared.groupBase[entryIndex];
    const groupTo = shared.groupBase[entryIndex + 1];
    draw = (stream) => shared.draw(stream, taskBase, sel, tasks);
    if (needCounts) trimmed = [(pooled, total) => shared.trimmed(groupFrom, groupTo, pooled, total)];
  } else if (needCounts) {
    trimmed = sorted!.values.map((v, l) => {
      const f = sorted!.ties[l] ? sharedTrimmedWithTies(v, globalCells(sorted!.cellAt[l], 0), counts[l]) : sharedTrimmed(v, globalCells(sorted!.cellAt[l], 0), counts[l]);
      return (pooled: number, total: number) => f(0, v.length, pooled, total);
    });
  }
  const kernel = {sorted, clipped, counts, taskSums, clipSums, sel, idx, draw, trimmed};
  bySpec.set(key, kernel);
  return kernel;
}

function globalCells(cellAt: Int32Array, base: number): Int32Array {
  return base === 0 ? cellAt : cellAt.map((c) => c + base);
}

/**
 * Plan-wide state of the inline counting path: every entry's cells concatenated, so that one closure
 * per plan serves all entries (V8 compiles it against these very arrays, which is markedly faster than
 * passing arrays as arguments; one closure per entry would share one generic compilation instead).
 */
interface SharedKernel {
  taskBase: Int32Array;
  /** Entry e's distinct values are groups groupBase[e] .. groupBase[e + 1] (ascending). */
  groupBase: Int32Array;
  /** Draw counts per group (distinct value of an entry), the walk then reads them in order. */
  counts: Int32Array;
  taskSums: Float64Array;
  clipSums: Float64Array;
  /** Per entry: its distinct values as a tie-free "sorted cells" view whose cells are the groups. */
  groups: Sorted[];
  draw: (stream: IndexStream, taskBase: number, sel: Int32Array, tasks: number) => void;
  trimmed: (from: number, to: number, pooled: number, total: number) => number;
}

const sharedCache = new WeakMap<BootstrapPlan, Map<string, SharedKernel>>();

function sharedKernel(plan: BootstrapPlan, needCounts: boolean, gammas: number[]): SharedKernel {
  const key = JSON.stringify([needCounts, gammas]);
  let byKey = sharedCache.get(plan);
  if (!byKey) sharedCache.set(plan, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  const samples = plan.entries.map((e) => e.samples[0]);
  const taskBase = new Int32Array(samples.length);
  const cellBase = new Int32Array(samples.length);
  let totalTasks = 0;
  let totalCells = 0;
  let maxTasks = 0;
  samples.forEach((s, e) => {
    taskBase[e] = totalTasks;
    cellBase[e] = totalCells;
    totalTasks += s.tasks + 1;
    totalCells += s.offsets[s.tasks];
    maxTasks = Math.max(maxTasks, s.tasks);
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
  // Equal values share one group (the first cell's value in sorted order, as the walk with ties used),
  // so the trimmed-mean walk reads counts sequentially and never has to merge ties.
  const groupBase = new Int32Array(samples.length + 1);
  const groupOf = new Int32Array(totalCells);
  const groupValueList: number[] = [];
  if (needCounts) {
    samples.forEach((s, e) => {
      const so = sortCells(s);
      const v = so.values[0];
      const at = so.cellAt[0];
      for (let p = 0; p < v.length; ++p) {
        if (p === 0 || v[p] !== v[p - 1]) groupValueList.push(v[p]);
        groupOf[cellBase[e] + at[p]] = groupValueList.length - 1;
      }
      groupBase[e + 1] = groupValueList.length;
    });
  }
  const groupValues = Float64Array.from(groupValueList);
  const groups: Sorted[] = samples.map((_, e) => {
    const size = groupBase[e + 1] - groupBase[e];
    return {values: [groupValues.slice(groupBase[e], groupBase[e + 1])], cellAt: [Int32Array.from({length: size}, (_, i) => i)], ties: [false]};
  });
  const counts = new Int32Array(needCounts ? groupValues.length : 0);
  const taskSums = new Float64Array(maxTasks);
  const clipSums = new Float64Array(maxTasks);
  const kernel: SharedKernel = {
    taskBase,
    groupBase,
    counts,
    taskSums,
    clipSums,
    groups,
    draw: makeDraw(values, offsets, needCounts, groupOf, counts, gammas.length ? clip : undefined, taskSums, clipSums),
    trimmed: groupTrimmed(groupValues, counts)
  };
  byKey.set(key, kernel);
  return kernel;
}

function aggregateBlock(plan: BootstrapPlan, entry: PlanEntry, stream: IndexStream, reps: number, out: Float64Array): void {
  const statistics = plan.statistics!;
  const sample = entry.samples[0];
  const {tasks, layers, offsets} = sample;
  const perLayer = plan.outputsPerLayer;
  const needCounts = statistics.some((s) => s.kind === "iqm" || s.kind === "scoreDistribution");
  const needSortedMeans = statistics.some((s) => s.kind === "median" || s.kind === "averageScoreDistribution");
  const gammas = [...new Set(statistics.flatMap((s) => (s.kind === "optimalityGap" ? [s.gamma] : [])))];
  const kernel = aggregateKernel(plan, plan.entries.indexOf(entry), needCounts, gammas);
  const {sorted, clipped, counts, taskSums, clipSums, sel, idx, draw, trimmed} = kernel;
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
    else countBuffered(plan, stream, sample, sel, needCounts, counts, clipped, taskSums, clipSums, idx);
    for (let l = 0; l < layers; ++l) {
      let total = 0;
      for (let t = 0; t < tasks; ++t) {
        const s = taskSums[l * tasks + t];
        total += s;
        means[t] = s / (offsets[sel[t] + 1] - offsets[sel[t]]);
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
            out[k++ * reps + rep] = trimmed[l](pooled, total);
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
      if (needCounts) counts[l].fill(0);
    }
  }
}

/**
 * Makes the hot loop of the counting path (one layer, whole-run draws, bounds ≤ 2^16): draws each
 * task's run indices with the generator inlined and per draw adds the value to the task sum (and the
 * clipped value to the clipped sum) and counts the cell's value group. Draw semantics are exactly IndexStream.fill's
 * (same words, same halves, same rejections, a half left over at the end of a task discarded); the
 * common case, both halves accepted, is handled without per-half branches.
 */
function makeDraw(
  values: Float64Array,
  offsets: Int32Array,
  doCount: boolean,
  groupOf: Int32Array,
  counts: Int32Array,
  clipped: Float64Array | undefined,
  taskSums: Float64Array,
  clipSums: Float64Array
): (stream: IndexStream, taskBase: number, sel: Int32Array, tasks: number) => void {
  const doClip = clipped !== undefined;
  const clip = clipped ?? values;
  // With clipping (optimality gap), a closure of its own: V8 specialises a closure to its captured
  // values (folding the flags) only while it is the sole instance of its code, and the IQM-only plan
  // built first would otherwise leave this one the unspecialised code, which retests every flag per draw.
  if (doClip) {
    return (stream, taskBase, sel, tasks) => {
      let s0 = stream.s0;
      let s1 = stream.s1;
      let s2 = stream.s2;
      let s3 = stream.s3;
      for (let t = 0; t < tasks; ++t) {
        const m = taskBase + sel[t];
        const off = offsets[m];
        const n = offsets[m + 1] - off;
        const threshold = 65536 % n;
        let s = 0;
        let sc = 0;
        let j = 0;
        while (j < n) {
          const m5 = Math.imul(s1, 5);
          const x = Math.imul((m5 << 7) | (m5 >>> 25), 9);
          const w = s1 << 9;
          s2 ^= s0;
          s3 ^= s1;
          s1 ^= s2;
          s0 ^= s3;
          s2 ^= w;
          s3 = (s3 << 11) | (s3 >>> 21);
          const a = Math.imul(x >>> 16, n);
          const b = Math.imul(x & 0xffff, n);
          if (j + 1 < n && (a & 0xffff) >= threshold && (b & 0xffff) >= threshold) {
            const ca = off + (a >>> 16);
            const cb = off + (b >>> 16);
            s += values[ca];
            s += values[cb];
            sc += clip[ca];
            sc += clip[cb];
            if (doCount) {
              counts[groupOf[ca]]++;
              counts[groupOf[cb]]++;
            }
            j += 2;
            continue;
          }
          // Rare: a rejected half, or the last index of the task (then the second half is discarded).
          if ((a & 0xffff) >= threshold) {
            const ca = off + (a >>> 16);
            s += values[ca];
            sc += clip[ca];
            if (doCount) counts[groupOf[ca]]++;
            ++j;
          }
          if (j < n && (b & 0xffff) >= threshold) {
            const cb = off + (b >>> 16);
            s += values[cb];
            sc += clip[cb];
            if (doCount) counts[groupOf[cb]]++;
            ++j;
          }
        }
        taskSums[t] = s;
        clipSums[t] = sc;
      }
      stream.s0 = s0;
      stream.s1 = s1;
      stream.s2 = s2;
      stream.s3 = s3;
    };
  }
  return (stream, taskBase, sel, tasks) => {
    let s0 = stream.s0;
    let s1 = stream.s1;
    let s2 = stream.s2;
    let s3 = stream.s3;
    for (let t = 0; t < tasks; ++t) {
      const m = taskBase + sel[t];
      const off = offsets[m];
      const n = offsets[m + 1] - off;
      const threshold = 65536 % n;
      let s = 0;
      let sc = 0;
      let j = 0;
      while (j < n) {
        const m5 = Math.imul(s1, 5);
        const x = Math.imul((m5 << 7) | (m5 >>> 25), 9);
        const w = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= w;
        s3 = (s3 << 11) | (s3 >>> 21);
        const a = Math.imul(x >>> 16, n);
        const b = Math.imul(x & 0xffff, n);
        if (j + 1 < n && (a & 0xffff) >= threshold && (b & 0xffff) >= threshold) {
          const ca = off + (a >>> 16);
          const cb = off + (b >>> 16);
          s += values[ca];
          s += values[cb];
          if (doClip) {
            sc += clip[ca];
            sc += clip[cb];
          }
          if (doCount) {
            counts[groupOf[ca]]++;
            counts[groupOf[cb]]++;
          }
          j += 2;
          continue;
        }
        // Rare: a rejected half, or the last index of the task (then the second half is discarded).
        if ((a & 0xffff) >= threshold) {
          const ca = off + (a >>> 16);
          s += values[ca];
          if (doClip) sc += clip[ca];
          if (doCount) counts[groupOf[ca]]++;
          ++j;
        }
        if (j < n && (b & 0xffff) >= threshold) {
          const cb = off + (b >>> 16);
          s += values[cb];
          if (doClip) sc += clip[cb];
          if (doCount) counts[groupOf[cb]]++;
          ++j;
        }
      }
      taskSums[t] = s;
      if (doClip) clipSums[t] = sc;
    }
    stream.s0 = s0;
    stream.s1 = s1;
    stream.s2 = s2;
    stream.s3 = s3;
  };
}

/** The general counting loop (checkpoint layers, per-cell draws, several γ): draws through IndexStream.fill. */
function countBuffered(
  plan: BootstrapPlan,
  stream: IndexStream,
  sample: PlanSample,
  sel: Int32Array,
  doCount: boolean,
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
      let s = 0;
      for (let j = 0; j < n; ++j) s += values[base + idx[j]];
      taskSums[l * tasks + t] = s;
      if (doCount) {
        const cnt = counts[l];
        for (let j = 0; j < n; ++j) cnt[off + idx[j]]++;
      }
      for (let g = 0; g < gammas; ++g) {
        const c = clipped[g];
        let sc = 0;
        for (let j = 0; j < n; ++j) sc += c[base + idx[j]];
        clipSums[(l * gammas + g) * tasks + t] = sc;
      }
    }
  }
}

/**
 * The trimmed mean of the counted multiset for sorted cells [from, to) (one entry), without ties:
 * (total − low − high)/(pooled − 2g) with low/high the sums of the g = ⌊pooled/4⌋ lowest/highest draws,
 * added in ascending/descending order as value × count, exactly as aggregateIqm does (same bits).
 * Walks only the tails. `cellAt` holds global cell ids into `counts`.
 */
function sharedTrimmed(sorted: Float64Array, cellAt: Int32Array, counts: Int32Array): (from: number, to: number, pooled: number, total: number) => number {
  return (from, to, pooled, total) => {
    const g = Math.floor(0.25 * pooled);
    let low = 0;
    let rank = 0;
    let p = from;
    for (; rank + counts[cellAt[p]] < g; ++p) {
      const c = counts[cellAt[p]];
      low += sorted[p] * c;
      rank += c;
    }
    if (rank < g) low += sorted[p] * (g - rank);
    let high = 0;
    rank = 0;
    p = to - 1;
    for (; rank + counts[cellAt[p]] < g; --p) {
      const c = counts[cellAt[p]];
      high += sorted[p] * c;
      rank += c;
    }
    if (rank < g) high += sorted[p] * (g - rank);
    return (total - low - high) / (pooled - 2 * g);
  };
}

/**
 * {@link sharedTrimmedWithTies} over distinct values (groups [from, to) of one entry, ascending, with
 * their draw counts): the same products added in the same order, so the same bits. The low and high
 * walks are independent sums, so they advance together and their additions overlap in the CPU.
 */
function groupTrimmed(values: Float64Array, counts: Int32Array): (from: number, to: number, pooled: number, total: number) => number {
  return (from, to, pooled, total) => trimmedOfGroups(values, counts, from, to, pooled, total);
}

/**
 * The walk of {@link groupTrimmed}, a plain function of typed-array arguments: a closure over the
 * arrays made V8 reload and recheck them at every step. Whole groups are taken with one test per step
 * (a group's full product is what the min-with-g form gives short of g); the last group is partial.
 */
function trimmedOfGroups(values: Float64Array, counts: Int32Array, from: number, to: number, pooled: number, total: number): number {
  const g = Math.floor(0.25 * pooled);
  let low = 0;
  let high = 0;
  let lowRank = 0;
  let highRank = 0;
  let p = from;
  let q = to - 1;
  // Whole groups from both ends while both tails are short of g (the common steps), then the rest.
  while (g > 0) {
    const cl = counts[p];
    const ch = counts[q];
    if (lowRank + cl >= g || highRank + ch >= g) break;
    low += values[p++] * cl;
    high += values[q--] * ch;
    lowRank += cl;
    highRank += ch;
  }
  while (lowRank < g) {
    const c = counts[p];
    low += values[p++] * (g - lowRank < c ? g - lowRank : c);
    lowRank += c;
  }
  while (highRank < g) {
    const c = counts[q];
    high += values[q--] * (g - highRank < c ? g - highRank : c);
    highRank += c;
  }
  return (total - low - high) / (pooled - 2 * g);
}

/** {@link sharedTrimmed} when some cells share a value: equal values are grouped (value × summed count). */
function sharedTrimmedWithTies(sorted: Float64Array, cellAt: Int32Array, counts: Int32Array): (from: number, to: number, pooled: number, total: number) => number {
  return (from, to, pooled, total) => {
    const g = Math.floor(0.25 * pooled);
    let low = 0;
    for (let p = from, rank = 0; rank < g; ) {
      const v = sorted[p];
      let c = counts[cellAt[p++]];
      while (p < to && sorted[p] === v) c += counts[cellAt[p++]];
      const take = g - rank < c ? g - rank : c;
      low += v * take;
      rank += c;
    }
    let high = 0;
    for (let p = to - 1, rank = 0; rank < g; ) {
      const v = sorted[p];
      let c = counts[cellAt[p--]];
      while (p >= from && sorted[p] === v) c += counts[cellAt[p--]];
      const take = g - rank < c ? g - rank : c;
      high += v * take;
      rank += c;
    }
    return (total - low - high) / (pooled - 2 * g);
  };
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

/** Per-task merged value grids for probability of improvement. */
interface PoiGrid {
  /** Grid offset of each task and grid size. */
  gridOffsets: Int32Array;
  /** Grid index of each X cell and each Y cell. */
  gx: Int32Array;
  gy: Int32Array;
  maxGrid: number;
}

function poiGrid(x: PlanSample, y: PlanSample): PoiGrid {
  const tasks = x.tasks;
  const gridOffsets = new Int32Array(tasks + 1);
  const gx = new Int32Array(x.offsets[tasks]);
  const gy = new Int32Array(y.offsets[tasks]);
  let maxGrid = 0;
  for (let t = 0; t < tasks; ++t) {
    const grid = [...new Set([...x.values.subarray(x.offsets[t], x.offsets[t + 1]), ...y.values.subarray(y.offsets[t], y.offsets[t + 1])])].sort((a, b) => a - b);
    const index = new Map(grid.map((v, i) => [v, i]));
    for (let i = x.offsets[t]; i < x.offsets[t + 1]; ++i) gx[i] = index.get(x.values[i])!;
    for (let i = y.offsets[t]; i < y.offsets[t + 1]; ++i) gy[i] = index.get(y.values[i])!;
    gridOffsets[t + 1] = gridOffsets[t] + grid.length;
    maxGrid = Math.max(maxGrid, grid.length);
  }
  return {gridOffsets, gx, gy, maxGrid};
}

function poiBlock(plan: BootstrapPlan, entry: PlanEntry, stream: IndexStream, reps: number, out: Float64Array): void {
  const [x, y] = entry.samples;
  const tasks = x.tasks;
  const {gridOffsets, gx, gy, maxGrid} = poiGrid(x, y);
  const cx = new Int32Array(maxGrid);
  const cy = new Int32Array(maxGrid);
  const idx = new Int32Array(Math.max(maxTaskRuns(x), maxTaskRuns(y)));
  const sel = Int32Array.from({length: tasks}, (_, t) => t);
  for (let rep = 0; rep < reps; ++rep) {
    drawTasks(plan, stream, sel, tasks);
    let total = 0;
    for (let t = 0; t < tasks; ++t) {
      const m = sel[t];
      const size = gridOffsets[m + 1] - gridOffsets[m];
      const xOff = x.offsets[m];
      const nx = x.offsets[m + 1] - xOff;
      stream.fill(idx, nx, nx);
      for (let j = 0; j < nx; ++j) cx[gx[xOff + idx[j]]]++;
      const yOff = y.offsets[m];
      const ny = y.offsets[m + 1] - yOff;
      stream.fill(idx, ny, ny);
      for (let j = 0; j < ny; ++j) cy[gy[yOff + idx[j]]]++;
      let greater = 0;
      let ties = 0;
      let below = 0;
      for (let g = 0; g < size; ++g) {
        const a = cx[g];
        const b = cy[g];
        greater += a * below;
        ties += a * b;
        below += b;
        cx[g] = 0;
        cy[g] = 0;
      }
      total += (greater + 0.5 * ties) / (nx * ny);
    }
    out[rep] = total / tasks;
  }
}
