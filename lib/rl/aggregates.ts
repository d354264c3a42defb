import {show} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {columnMeans, matrixColumns, pairedSum, type ScoreMatrix} from "./matrix.js";

/**
 * Mean over tasks of the per-task mean score: (1/T) Σ_t mean_r scores[r][t].
 *
 * rliable's `aggregate_mean` (`mean(mean(scores, axis=0))`). Missing runs (NaN) are left out of their
 * task's mean, so each task weighs the same whatever its run count; on a complete matrix this equals
 * rliable's value to rounding.
 *
 * @example aggregateMean([[1, 10], [3, 30]]); // (2 + 20) / 2 = 11
 */
export function aggregateMean(scores: ScoreMatrix): number {
  const means = columnMeans(matrixColumns(scores));
  let s = 0;
  for (let t = 0; t < means.length; ++t) s += means[t];
  return s / means.length;
}

/**
 * Median over tasks of the per-task mean score (numpy's median: the average of the two middle values
 * for an even task count).
 *
 * rliable's `aggregate_median` (`median(mean(scores, axis=0))`); missing runs are left out of their
 * task's mean.
 *
 * @example aggregateMedian([[1, 10, 5], [3, 30, 7]]); // median(2, 20, 6) = 6
 */
export function aggregateMedian(scores: ScoreMatrix): number {
  const means = columnMeans(matrixColumns(scores));
  return medianInPlace(means);
}

/**
 * Interquartile mean (IQM): the 25% trimmed mean of all runs × tasks scores pooled. With n scores
 * sorted ascending, g = ⌊0.25·n⌋ are dropped at each end and the remaining n − 2g averaged (no
 * fractional weighting of the cut points).
 *
 * rliable's `aggregate_iqm` = `scipy.stats.trim_mean(scores, 0.25, axis=None)`; for n = 10 it drops 2 each
 * side. Missing runs are simply absent from the pool, so with ragged run counts every run weighs the
 * same (tasks with more runs weigh more, as in rliable's pooling). The kept values are added as
 * {@link trimmedMeanOfSorted} says, which is how the bootstrap's counting path evaluates it from draw
 * counts: both give the same bits (and agree with scipy to ~1e-15).
 *
 * @example aggregateIqm([[0, 1], [1, 2], [2, 3], [3, 4], [10, -5]]); // sorted −5,0,1,1,2,2,3,3,4,10 → mean(1,1,2,2,3,3) = 2
 */
export function aggregateIqm(scores: ScoreMatrix): number {
  return trimmedMeanOfSorted(matrixColumns(scores).values.slice().sort());
}

/**
 * Optimality gap: γ − mean over all runs × tasks of min(score, γ), the amount by which the pooled
 * scores fall short of the target γ (scores above γ count as γ). Lower is better.
 *
 * rliable's `aggregate_optimality_gap(scores, gamma=1)`; missing runs are absent from the pool.
 *
 * @example aggregateOptimalityGap([[0.5, 2], [1, 0]]); // 1 − (0.5 + 1 + 1 + 0)/4 = 0.375
 */
export function aggregateOptimalityGap(scores: ScoreMatrix, gamma = 1): number {
  if (typeof gamma !== "number" || !Number.isFinite(gamma)) throw new BenchstatsError("option", `aggregateOptimalityGap: gamma must be a finite number, got ${show(gamma)}`, {field: "gamma"});
  const {tasks, offsets, values} = matrixColumns(scores);
  // Task by task with pairedSum, as the bootstrap's counting path sums (identical bits).
  const clipped = values.map((v) => (v < gamma ? v : gamma));
  let total = 0;
  for (let t = 0; t < tasks; ++t) total += pairedSum(clipped, offsets[t], offsets[t + 1]);
  return gamma - total / values.length;
}

/** Median of the values, reordering them (numpy rule for even counts). */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  sortSmall(values);
  const h = n >> 1;
  return n % 2 === 1 ? values[h] : (values[h - 1] + values[h]) / 2;
}

/**
 * Sorts ascending in place: insertion sort up to 64 values (much cheaper than the built-in sort for the
 * per-replicate task means), the built-in numeric sort beyond. Both order −0 before +0, so the bootstrap's
 * fast path and the plain aggregates give identical bits.
 */
export function sortSmall(values: Float64Array): void {
  const n = values.length;
  if (n > 64) {
    values.sort();
    return;
  }
  for (let i = 1; i < n; ++i) {
    const v = values[i];
    let j = i - 1;
    while (j >= 0 && (values[j] > v || (values[j] === v && v === 0 && 1 / values[j] > 1 / v))) {
      values[j + 1] = values[j];
      --j;
    }
    values[j + 1] = v;
  }
}

/**
 * 25% trimmed mean of ascending `sorted`: with g = ⌊n/4⌋ and hi = n − g, the mean of sorted[g .. hi).
 * The kept values are summed in four lanes by {@link trimLane}: lane l adds its distinct values in
 * ascending order, each as value × the number of its copies kept, and the total is
 * ((lane 0 + lane 1) + (lane 2 + lane 3))/(hi − g). Why lanes: the bootstrap's counting path walks
 * the four lanes' value groups at once in two vector accumulators, and a lane chosen by the value
 * itself lets this plain version follow the same terms in the same order (the same bits). A zero mean
 * is +0.
 */
export function trimmedMeanOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  const g = Math.floor(0.25 * n);
  const hi = n - g;
  const lanes = [0, 0, 0, 0];
  for (let i = g; i < hi; ) {
    const v = sorted[i];
    let j = i + 1;
    while (j < hi && sorted[j] === v) ++j;
    lanes[trimLane(v)] += v * (j - i);
    i = j;
  }
  return (lanes[0] + lanes[1] + (lanes[2] + lanes[3])) / (hi - g) + 0;
}

const laneFloat = new Float64Array(1);
const laneWords = new Int32Array(laneFloat.buffer);

/**
 * The lane (0..3) in which {@link trimmedMeanOfSorted} adds value `v`: the top two bits of a
 * multiplicative (Fibonacci) hash of its two 32-bit halves, 0 for ±0 (whose terms add nothing).
 * @internal
 */
export function trimLane(v: number): number {
  if (v === 0) return 0;
  laneFloat[0] = v;
  return Math.imul(laneWords[0] ^ laneWords[1], 0x9e3779b1) >>> 30;
}
