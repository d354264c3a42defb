// Leave-cells-out evaluation of the built-in statistics, for the expanded interval's delete-a-group
// jackknife (../strata.ts): the statistic of a sample with a few cells of one task left out, read off
// per-task sums and the pooled values sorted once, instead of rebuilding the matrix and sorting it again
// for every left-out group.
import {medianInPlace, sortSmall, trimLane} from "../aggregates.js";
import {pairedSum} from "../matrix.js";
import {upperBound} from "../profiles.js";
import type {BootstrapPlan} from "./plan.js";
import type {StatisticSpec} from "./statistic-spec.js";

/** The outputs of every layer (layer-major) with cells `cells[0 .. count)` of task `task` left out. */
export type LeaveOut = (task: number, cells: Int32Array, count: number) => number[];

/** What one layer of the sample provides: its values, per-task means and clipped sums, sorted pool. */
interface Layer {
  values: Float64Array;
  means: Float64Array;
  /** Per γ (as `gammas`): the clipped values min(v, γ) and their per-task pairedSum. */
  clipped: Float64Array[];
  clipSums: Float64Array[];
  /** The pooled values ascending, and the cell at each sorted position (when IQM or a score distribution needs them). */
  sorted: Float64Array;
  cellAt: Int32Array;
}

/**
 * The leave-cells-out evaluator of entry `e`, or undefined when the plan must take the generic path
 * (a user statistic, `forceGeneric`, a pair such as probability of improvement).
 *
 * With cells C of task t left out, every statistic is the plain aggregate's arithmetic on the remaining
 * matrix, term for term (so the same bits as evaluating it on the matrix with those cells NaN):
 * - the task means m_t = pairedSum(values of t, in run order)/n_t, only task t's recomputed from its
 *   remaining values; mean = (Σ_t m_t)/T, median and average score distribution from the means sorted
 *   as sortSmall sorts them;
 * - optimality gap γ − (Σ_t pairedSum(min(v, γ) of t))/N′, N′ the remaining cells;
 * - IQM: the trimmed-mean walk of {@link trimmedMeanOfSorted} over the pooled values sorted once,
 *   skipping the left-out cells (the remaining values' sorted order is that subsequence);
 * - score distribution at τ: (N′ − #{remaining ≤ τ})/N′.
 *
 * Cost per call: O(cells) for the sums plus one pass over the sorted pool for the IQM and score
 * distributions, against a matrix rebuild and an O(N log N) sort per statistic on the generic path.
 *
 * @example const f = leaveOutEvaluator(plan, 0); f?.(3, Int32Array.of(12, 22), 2); // outputs without cells 12, 22
 */
export function leaveOutEvaluator(plan: BootstrapPlan, e: number): LeaveOut | undefined {
  const statistics = plan.statistics;
  const entry = plan.entries[e];
  if (!statistics || plan.forceGeneric || entry.samples.length !== 1) return undefined;
  if (statistics.some((s) => s.kind === "probabilityOfImprovement")) return undefined;
  const sample = entry.samples[0];
  const {tasks, offsets} = sample;
  const cellCount = offsets[tasks];
  const gammas = [...new Set(statistics.flatMap((s) => (s.kind === "optimalityGap" ? [s.gamma] : [])))];
  const needSorted = statistics.some((s) => s.kind === "iqm" || s.kind === "scoreDistribution");
  const layers: Layer[] = [];
  for (let l = 0; l < plan.layers; ++l) {
    const values = sample.values.subarray(l * cellCount, (l + 1) * cellCount);
    const means = new Float64Array(tasks);
    for (let t = 0; t < tasks; ++t) means[t] = pairedSum(values, offsets[t], offsets[t + 1]) / (offsets[t + 1] - offsets[t]);
    const clipped = gammas.map((gamma) => values.map((v) => (v < gamma ? v : gamma)));
    const clipSums = clipped.map((c) => Float64Array.from({length: tasks}, (_, t) => pairedSum(c, offsets[t], offsets[t + 1])));
    let sorted = new Float64Array(0);
    let cellAt = new Int32Array(0);
    if (needSorted) {
      cellAt = Int32Array.from({length: cellCount}, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
      sorted = Float64Array.from(cellAt, (i) => values[i]);
    }
    layers.push({values, means, clipped, clipSums, sorted, cellAt});
  }
  const removed = new Uint8Array(cellCount);
  const kept = new Float64Array(cellCount);
  const scratch = new Float64Array(tasks);
  return (task, cells, count) => {
    const out: number[] = [];
    const from = offsets[task];
    const to = offsets[task + 1];
    for (let j = 0; j < count; ++j) removed[cells[j]] = 1;
    const remaining = cellCount - count;
    try {
      for (const layer of layers) {
        // Task t's remaining values in run order, for its pairedSum.
        const keptSum = (values: Float64Array) => {
          let k = 0;
          for (let i = from; i < to; ++i) if (!removed[i]) kept[k++] = values[i];
          return pairedSum(kept, 0, k);
        };
        const {means} = layer;
        const saved = means[task];
        means[task] = keptSum(layer.values) / (to - from - count);
        try {
          for (const spec of statistics) evaluateLeftOut(spec, layer, gammas, keptSum, task, remaining, removed, scratch, out);
        } finally {
          means[task] = saved;
        }
      }
    } finally {
      for (let j = 0; j < count; ++j) removed[cells[j]] = 0;
    }
    return out;
  };
}

/** One statistic's outputs on the layer with the marked cells left out (the task mean already replaced). */
function evaluateLeftOut(
  spec: StatisticSpec,
  layer: Layer,
  gammas: number[],
  keptSum: (values: Float64Array) => number,
  task: number,
  remaining: number,
  removed: Uint8Array,
  scratch: Float64Array,
  out: number[]
): void {
  const {means} = layer;
  const tasks = means.length;
  switch (spec.kind) {
    case "mean": {
      // aggregateMean's sum over the task means.
      let s = 0;
      for (let t = 0; t < tasks; ++t) s += means[t];
      out.push(s / tasks);
      return;
    }
    case "median":
      scratch.set(means);
      out.push(medianInPlace(scratch));
      return;
    case "optimalityGap": {
      const g = gammas.indexOf(spec.gamma);
      const sums = layer.clipSums[g];
      let total = 0;
      for (let t = 0; t < tasks; ++t) total += t === task ? keptSum(layer.clipped[g]) : sums[t];
      out.push(spec.gamma - total / remaining);
      return;
    }
    case "iqm":
      out.push(trimmedSkipping(layer.sorted, layer.cellAt, removed, remaining));
      return;
    case "scoreDistribution":
      for (const tau of spec.taus) {
        const below = upperBound(layer.sorted, layer.sorted.length, tau);
        let gone = 0;
        for (let p = 0; p < below; ++p) gone += removed[layer.cellAt[p]];
        out.push((remaining - (below - gone)) / remaining);
      }
      return;
    case "averageScoreDistribution":
      scratch.set(means);
      sortSmall(scratch);
      for (const tau of spec.taus) out.push((tasks - upperBound(scratch, tasks, tau)) / tasks);
      return;
    default:
      throw new Error(`unexpected statistic ${spec.kind}`);
  }
}

/**
 * {@link trimmedMeanOfSorted} of the `remaining` values of `sorted` whose cells are not marked removed:
 * the same ranks g .. hi, the same groups of equal values (each valued as its first remaining member)
 * and the same four lane sums in the same order.
 */
function trimmedSkipping(sorted: Float64Array, cellAt: Int32Array, removed: Uint8Array, remaining: number): number {
  const g = Math.floor(0.25 * remaining);
  const hi = remaining - g;
  const lanes = [0, 0, 0, 0];
  let rank = 0;
  let value = 0;
  let copies = 0;
  for (let p = 0; p < sorted.length && rank < hi; ++p) {
    if (removed[cellAt[p]]) continue;
    if (rank++ < g) continue;
    const v = sorted[p];
    if (copies > 0 && v === value) {
      ++copies;
      continue;
    }
    if (copies > 0) lanes[trimLane(value)] += value * copies;
    value = v;
    copies = 1;
  }
  if (copies > 0) lanes[trimLane(value)] += value * copies;
  return (lanes[0] + lanes[1] + (lanes[2] + lanes[3])) / (hi - g) + 0;
}
