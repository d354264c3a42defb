import {REPS} from "../bootstrap/reps.js";
import {booleanArg, checkLimit, intArg, numbersArg, objectArg, optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {aggregateOptimalityGap} from "./aggregates.js";
import {intervalEstimates, type IntervalOptions} from "./interval-estimates.js";
import {matrixColumns, type MatrixColumns, type ScoreMatrix} from "./matrix.js";
import type {StatisticInput} from "./engine/plan.js";
import {statisticSpec} from "./engine/statistic-spec.js";

/** Probability of each rank (1 = best) per algorithm. */
export interface RankDistribution {
  algorithms: string[];
  /** `probabilities[a][r]` = P(algorithm a has rank r + 1); each row sums to 1. */
  probabilities: number[][];
  /** Expected rank of each algorithm (1 = best). */
  meanRank: number[];
  /** Per-task matrices (tasks × algorithms × ranks) when ranking per task. */
  perTask?: number[][][];
}

export interface RankOptions extends IntervalOptions {
  /**
   * Rank by this aggregate under stratified-bootstrap resampling instead of per task. Default: none,
   * i.e. rliable's colab ranking of one random run per task.
   */
  statistic?: StatisticInput;
  /** Higher values rank first; default true, except for aggregateOptimalityGap (lower is better). */
  higherIsBetter?: boolean;
}

/**
 * Rank distributions of algorithms.
 *
 * Without `statistic` (rliable colab's `get_rank_matrix`): on each task, every algorithm contributes one
 * run drawn uniformly at random, algorithms are ranked by those scores (higher first, ties broken
 * uniformly at random), and `probabilities` is the probability of each rank averaged over tasks
 * (`perTask` keeps the task matrices). The colab estimates this by sampling 100,000 draws; here it is
 * computed exactly (a dynamic programme over the other algorithms for each run), which is the limit the
 * colab's estimate converges to, so no `reps`/`seed` are needed.
 *
 * With `statistic` (e.g. `aggregateIqm`): each algorithm's aggregate is bootstrapped as in
 * {@link intervalEstimates} (`reps`, default 2,000, and `seed`), replicate b of every algorithm is ranked,
 * and ties share their ranks equally. This answers "how sure is the IQM ordering?".
 *
 * @example
 * const rd = rankDistribution({DER: der, SPR: spr, DrQ: drq});
 * rd.probabilities[1][0]; // P(SPR ranks first on a random task)
 */
export function rankDistribution(scoreDict: Record<string, ScoreMatrix>, options: RankOptions = {}): RankDistribution {
  const fn = "rankDistribution";
  options = optionsArg(options, fn);
  objectArg(scoreDict, "scoreDict", fn, "an object {algorithm: scores}");
  const algorithms = Object.keys(scoreDict);
  if (algorithms.length === 0) throw new BenchstatsError("option", "rankDistribution: the score dict is empty");
  if (options.higherIsBetter !== undefined) booleanArg(options.higherIsBetter, "higherIsBetter", fn);
  if (options.statistic !== undefined) return bootstrapRanks(scoreDict, algorithms, options);
  const columns = algorithms.map((a) => matrixColumns(scoreDict[a], `scores["${a}"]`));
  // The exact programme takes about tasks × runs × algorithms³ steps.
  const k = algorithms.length;
  checkLimit(columns.reduce((sum, c) => sum + c.values.length, 0) * k * k, "draws", "scoreDict", fn, "the steps of the exact rank programme (runs × tasks × algorithms²)");
  const tasks = columns[0].tasks;
  columns.forEach((c, i) => {
    if (c.tasks !== tasks) throw new BenchstatsError("shape", `rankDistribution: scores["${algorithms[i]}"] has ${c.tasks} tasks but scores["${algorithms[0]}"] has ${tasks}`);
  });
  const higher = options.higherIsBetter ?? true;
  const perTask: number[][][] = [];
  const mean = algorithms.map(() => new Array<number>(k).fill(0));
  for (let t = 0; t < tasks; ++t) {
    const m = taskRanks(columns, t, higher);
    perTask.push(m);
    for (let a = 0; a < k; ++a) for (let r = 0; r < k; ++r) mean[a][r] += m[a][r] / tasks;
  }
  return {algorithms, probabilities: mean, meanRank: mean.map(expectedRank), perTask};
}

function expectedRank(p: number[]): number {
  return p.reduce((s, v, r) => s + v * (r + 1), 0);
}

/** Exact rank probabilities on task t with one uniformly drawn run per algorithm and random tie-breaking. */
function taskRanks(columns: MatrixColumns[], t: number, higher: boolean): number[][] {
  const k = columns.length;
  const sorted = columns.map((c) => c.values.slice(c.offsets[t], c.offsets[t + 1]).sort());
  const out = Array.from({length: k}, () => new Array<number>(k).fill(0));
  // dp[above][tied] over the other algorithms.
  let dp = new Float64Array(k * k);
  let next = new Float64Array(k * k);
  for (let a = 0; a < k; ++a) {
    const runs = sorted[a];
    for (let i = 0; i < runs.length; ++i) {
      const x = runs[i];
      dp.fill(0);
      dp[0] = 1;
      let used = 0;
      for (let b = 0; b < k; ++b) {
        if (b === a) continue;
        const s = sorted[b];
        const n = s.length;
        const le = upper(s, x);
        const lt = lower(s, x);
        const eq = (le - lt) / n;
        const better = (higher ? n - le : lt) / n;
        const worse = 1 - better - eq;
        next.fill(0);
        for (let u = 0; u <= used; ++u) {
          for (let v = 0; u + v <= used; ++v) {
            const p = dp[u * k + v];
            if (p === 0) continue;
            next[(u + 1) * k + v] += p * better;
            next[u * k + v + 1] += p * eq;
            next[u * k + v] += p * worse;
          }
        }
        [dp, next] = [next, dp];
        ++used;
      }
      const w = 1 / runs.length;
      for (let u = 0; u < k; ++u) {
        for (let v = 0; u + v < k; ++v) {
          const p = dp[u * k + v];
          if (p === 0) continue;
          // Rank u + 1 + uniform(0..v) (0-based: u .. u + v).
          for (let r = u; r <= u + v; ++r) out[a][r] += (w * p) / (v + 1);
        }
      }
    }
  }
  return out;
}

function upper(s: Float64Array, x: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lower(s: Float64Array, x: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function bootstrapRanks(scoreDict: Record<string, ScoreMatrix>, algorithms: string[], options: RankOptions): RankDistribution {
  const statistic = options.statistic!;
  const first = typeof statistic === "function" ? statistic : statistic[0];
  const higher = options.higherIsBetter ?? !(first === aggregateOptimalityGap || statisticSpec(first)?.kind === "optimalityGap");
  const est = intervalEstimates(scoreDict, statistic, {...options, reps: options.reps ?? REPS.curves, keepReplicates: true});
  const reps = options.reps ?? REPS.curves;
  const k = algorithms.length;
  const probabilities = algorithms.map(() => new Array<number>(k).fill(0));
  const order = Array.from({length: k}, (_, i) => i);
  const values = new Float64Array(k);
  for (let b = 0; b < reps; ++b) {
    for (let a = 0; a < k; ++a) values[a] = est[algorithms[a]].replicates![b];
    order.sort((i, j) => (higher ? values[j] - values[i] : values[i] - values[j]));
    for (let r = 0; r < k; ) {
      let s = r + 1;
      while (s < k && values[order[s]] === values[order[r]]) ++s;
      for (let q = r; q < s; ++q) for (let rank = r; rank < s; ++rank) probabilities[order[q]][rank] += 1 / (s - r) / reps;
      r = s;
    }
  }
  return {algorithms, probabilities, meanRank: probabilities.map(expectedRank)};
}
