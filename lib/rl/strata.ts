import {expandedTail} from "../bootstrap/interval.js";
import type {BootstrapPlan} from "./engine/plan.js";
import {leaveOutEvaluator} from "./engine/leave-out.js";
import {evaluate, sampleMatrix} from "./engine/plan.js";

/** Most jackknife groups per task (see {@link expandedTails}). */
const GROUPS = 10;

/**
 * Tail probabilities α′ of the `expanded` interval for every output of one plan entry, with each
 * stratum (one task of one sample) weighted by its share of the statistic's variance:
 *
 *   v_s = (G_s − 1)/G_s · Σ_g (θ̂_(s,g) − θ̄_(s))²   (delete-a-group jackknife within stratum s),
 *   k² = Σ_s v_s · n_s/(n_s − 1) / Σ_s v_s,   ν = (Σ_s v_s)² / Σ_s v_s²/(n_s − 1)   (Welch–Satterthwaite),
 *   α′ = Φ(−k · t_{1−α, ν}).
 *
 * θ̂_(s,g) is the statistic with group g of stratum s left out (those cells; the task keeps its other
 * runs). The n_s runs go round-robin into G_s = min(n_s, 10) groups, so up to 10 runs per task this is the
 * leave-one-run-out jackknife, and beyond it costs 10 evaluations per task however many runs there are
 * (Kott's delete-a-group jackknife). The weights matter on benchmarks whose task scales differ: when one task dominates the mean,
 * the interval has about that task's n − 1 degrees of freedom, not the pooled Σ(n_s − 1). Strata of one
 * run carry no weight. When no stratum moves the statistic (v_s = 0 everywhere, e.g. a median that no
 * single run can shift) the strata count equally. Costs min(n_s, 10) evaluations of the statistic per
 * task, sample and checkpoint.
 *
 * `varianceExponent` raises the variance factor k to that power (see {@link expandedTail}).
 *
 * @example const tails = expandedTails(plan, 0, 0.95); // tails[k] for output k
 */
export function expandedTails(plan: BootstrapPlan, e: number, confidence: number, varianceExponent = 1): number[] {
  const {sizes, variances} = strataVariances(plan, e);
  return Array.from({length: plan.entries[e].outputs}, (_, k) => expandedTail(confidence, sizes, variances.map((v) => v[k]), varianceExponent));
}

/**
 * Computes (and caches with the plan) every entry's stratum variances, so that finishing the intervals
 * later only reads them: runPlanParallel calls it while the workers draw.
 *
 * @example prepareExpandedTails(plan); // then expandedTails(plan, e, 0.95) costs no jackknife
 */
export function prepareExpandedTails(plan: BootstrapPlan): void {
  for (let e = 0; e < plan.entries.length; ++e) strataVariances(plan, e);
}

/** Per plan and entry: the strata's run counts and jackknife variances (the same for every exponent). */
const varianceCache = new WeakMap<BootstrapPlan, Map<number, {sizes: number[]; variances: number[][]}>>();

/**
 * The run count n_s and jackknife variance v_s of every stratum (per output) of entry `e`. Built-in
 * statistics take the leave-cells-out path ({@link leaveOutEvaluator}: the same bits as rebuilding the
 * matrix, at a fraction of the cost); others, and `forceGeneric` plans, evaluate each left-out matrix.
 */
function strataVariances(plan: BootstrapPlan, e: number): {sizes: number[]; variances: number[][]} {
  let byEntry = varianceCache.get(plan);
  if (!byEntry) varianceCache.set(plan, (byEntry = new Map()));
  const cached = byEntry.get(e);
  if (cached) return cached;
  const entry = plan.entries[e];
  const sizes: number[] = [];
  const variances: number[][] = []; // [stratum][output]
  const where = `the expanded interval of scores["${entry.key}"]`;
  const fast = leaveOutEvaluator(plan, e);
  const base = fast ? [] : Array.from({length: plan.layers}, (_, l) => entry.samples.map((sample) => sampleMatrix(sample, l)));
  const left = new Int32Array(Math.max(0, ...entry.samples.map((s) => s.runs)));
  entry.samples.forEach((sample, s) => {
    for (let t = 0; t < sample.tasks; ++t) {
      const n = sample.offsets[t + 1] - sample.offsets[t];
      sizes.push(n);
      const v = new Array<number>(entry.outputs).fill(0);
      variances.push(v);
      if (n < 2) continue;
      // Runs go round-robin into min(n, GROUPS) groups; each group is left out in turn (with n ≤ GROUPS
      // every group is one run: the leave-one-run-out jackknife).
      const groups = Math.min(n, GROUPS);
      const leaveOut: number[][] = [];
      for (let g = 0; g < groups; ++g) {
        if (fast) {
          let count = 0;
          for (let i = sample.offsets[t] + g; i < sample.offsets[t + 1]; i += groups) left[count++] = i;
          leaveOut.push(fast(t, left, count));
          continue;
        }
        const cells: number[] = [];
        for (let i = sample.offsets[t] + g; i < sample.offsets[t + 1]; i += groups) cells.push(sample.rows[i]);
        const values: number[] = [];
        for (let l = 0; l < plan.layers; ++l) {
          const matrices = base[l];
          const saved = cells.map((r) => matrices[s][r][t]);
          for (const r of cells) matrices[s][r][t] = NaN;
          try {
            values.push(...evaluate(plan.statistics, plan.generic, matrices, where));
          } finally {
            cells.forEach((r, j) => (matrices[s][r][t] = saved[j]));
          }
        }
        leaveOut.push(values);
      }
      for (let k = 0; k < entry.outputs; ++k) {
        let mean = 0;
        for (const row of leaveOut) mean += row[k];
        mean /= groups;
        let ss = 0;
        for (const row of leaveOut) ss += (row[k] - mean) ** 2;
        v[k] = Number.isFinite(ss) ? ((groups - 1) / groups) * ss : 0;
      }
    }
  });
  const result = {sizes, variances};
  byEntry.set(e, result);
  return result;
}
