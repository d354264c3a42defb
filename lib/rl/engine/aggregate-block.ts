// The counting path of a bootstrap block for mean, median, IQM, optimality gap and the score
// distributions: per replicate the drawn runs are counted and summed, never copied, and each statistic
// is read off the counts and per-task sums with the same additions, in the same order, as the plain
// aggregates (aggregates.ts) make on the resampled matrix.
import type {IndexStream} from "../../bootstrap/index-stream.js";
import {sortSmall} from "../aggregates.js";
import {upperBound} from "../profiles.js";
import {aggregateKernel, needsOf, type AggregateKernel, type Needs} from "./counting-kernel.js";
import {pairedSumAt} from "./draw-loop-js.js";
import {drawTasks, type BootstrapPlan, type PlanEntry, type PlanSample} from "./plan.js";

/** Rows of the fused aggregates loop (DrawKernel.aggregatesBlock) by statistic. */
const FUSED_ROWS = {mean: 0, median: 1, optimalityGap: 2, iqm: 3};

/** `reps` replicates of the entry's built-in statistics by counting draws (see runBootstrapBlock). */
export function aggregateBlock(plan: BootstrapPlan, entry: PlanEntry, stream: IndexStream, reps: number, out: Float64Array): void {
  const statistics = plan.statistics!;
  const sample = entry.samples[0];
  const {tasks, layers, offsets} = sample;
  const perLayer = plan.outputsPerLayer;
  const needs = needsOf(statistics);
  const {gammas} = needs;
  const needSortedMeans = statistics.some((s) => s.kind === "median" || s.kind === "averageScoreDistribution");
  const kernel = aggregateKernel(plan, plan.entries.indexOf(entry), needs);
  const {sorted, counts, taskSums, clipSums, sel, draw, trimmed, iqmBlock, aggregatesBlock} = kernel;
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
    if (spec.kind === "scoreDistribution") tauThresholds.set(spec, sorted!.values.map((v, l) => thresholds(v, sorted!.cellAt[l], spec.taus)));
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
    else countBuffered(plan, stream, sample, needs, kernel);
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
            countedExceedances(tauThresholds.get(spec)![l], counts[l], pooled, out, k * reps + rep, reps);
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
function countBuffered(plan: BootstrapPlan, stream: IndexStream, sample: PlanSample, needs: Needs, kernel: AggregateKernel): void {
  const {sel, counts, clipped, taskSums, clipSums, idx} = kernel;
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

/**
 * For each τ, the number of sorted values ≤ τ, and the τ indices in increasing order of that number;
 * with the cell at each sorted position, whose count the walk reads.
 */
interface Thresholds {
  first: Int32Array;
  order: Int32Array;
  cellAt: Int32Array;
}

function thresholds(sorted: Float64Array, cellAt: Int32Array, taus: number[]): Thresholds {
  const first = Int32Array.from(taus, (tau) => upperBound(sorted, sorted.length, tau));
  const order = Int32Array.from(taus.keys()).sort((a, b) => first[a] - first[b]);
  return {first, order, cellAt};
}

/**
 * Fraction of the counted multiset strictly above each τ i, written to out[at + i·stride]: one walk up
 * the sorted cells, reading the running count at each τ's threshold.
 */
function countedExceedances(th: Thresholds, counts: Int32Array, pooled: number, out: Float64Array, at: number, stride: number): void {
  const {first, order, cellAt} = th;
  let p = 0;
  let atOrBelow = 0;
  for (let j = 0; j < order.length; ++j) {
    const i = order[j];
    const stop = first[i];
    for (; p < stop; ++p) atOrBelow += counts[cellAt[p]];
    out[at + i * stride] = (pooled - atOrBelow) / pooled;
  }
}
