import {expandedTail} from "../bootstrap/interval.js";
import type {BootstrapPlan} from "./plan.js";
import {evaluate, sampleMatrix} from "./plan.js";

/**
 * Tail probabilities α′ of the `expanded` interval for every output of one plan entry, with each
 * stratum (one task of one sample) weighted by its share of the statistic's variance:
 *
 *   v_s = (n_s − 1)/n_s · Σ_r (θ̂_(s,r) − θ̄_(s))²   (leave-one-run-out jackknife within stratum s),
 *   k² = Σ_s v_s · n_s/(n_s − 1) / Σ_s v_s,   ν = (Σ_s v_s)² / Σ_s v_s²/(n_s − 1)   (Welch–Satterthwaite),
 *   α′ = Φ(−k · t_{1−α, ν}).
 *
 * θ̂_(s,r) is the statistic with run r of stratum s left out (that one cell, the task keeping its other
 * runs). The weights matter on benchmarks whose task scales differ: when one task dominates the mean,
 * the interval has about that task's n − 1 degrees of freedom, not the pooled Σ(n_s − 1). Strata of one
 * run carry no weight. When no stratum moves the statistic (v_s = 0 everywhere, e.g. a median that no
 * single run can shift) the strata count equally. Costs one evaluation of the statistic per present
 * cell and checkpoint.
 *
 * @example const tails = expandedTails(plan, 0, 0.95); // tails[k] for output k
 */
export function expandedTails(plan: BootstrapPlan, e: number, confidence: number): number[] {
  const entry = plan.entries[e];
  const sizes: number[] = [];
  const variances: number[][] = []; // [stratum][output]
  const where = `the expanded interval of scores["${entry.key}"]`;
  const base = Array.from({length: plan.layers}, (_, l) => entry.samples.map((sample) => sampleMatrix(sample, l)));
  entry.samples.forEach((sample, s) => {
    for (let t = 0; t < sample.tasks; ++t) {
      const n = sample.offsets[t + 1] - sample.offsets[t];
      sizes.push(n);
      const v = new Array<number>(entry.outputs).fill(0);
      variances.push(v);
      if (n < 2) continue;
      const leaveOut: number[][] = [];
      for (let i = sample.offsets[t]; i < sample.offsets[t + 1]; ++i) {
        const r = sample.rows[i];
        const values: number[] = [];
        for (let l = 0; l < plan.layers; ++l) {
          const matrices = base[l];
          const saved = matrices[s][r][t];
          matrices[s][r][t] = NaN;
          try {
            values.push(...evaluate(plan.statistics, plan.generic, matrices, where));
          } finally {
            matrices[s][r][t] = saved;
          }
        }
        leaveOut.push(values);
      }
      for (let k = 0; k < entry.outputs; ++k) {
        let mean = 0;
        for (const row of leaveOut) mean += row[k];
        mean /= n;
        let ss = 0;
        for (const row of leaveOut) ss += (row[k] - mean) ** 2;
        v[k] = Number.isFinite(ss) ? ((n - 1) / n) * ss : 0;
      }
    }
  });
  return Array.from({length: entry.outputs}, (_, k) => expandedTail(confidence, sizes, variances.map((v) => v[k])));
}
