import {IndexStream} from "../bootstrap/index-stream.js";
import {BenchstatsError} from "../core/errors.js";
import {blockCount, blockReps} from "./engine/block.js";
import {blockStream, type BootstrapPlan, type PlanEntry} from "./engine/plan.js";
import {specName, specOutputs, type StatisticSpec} from "./engine/statistic-spec.js";

/**
 * Standard errors for the studentized (bootstrap-t) interval: for one plan entry, the plug-in standard
 * error of every output on the data and on each bootstrap resample, from formulas rather than a nested
 * bootstrap. The draws replay the engine's (`IndexStream(seed, blockStream(key hash, block))`, then per
 * replicate, task and sample the task's n_t run indices, per checkpoint with `perCell`), so se*_b
 * belongs to the very resample whose value is replicate b (test/rl/studentized.test.ts checks this).
 *
 * With v_{t,i} the n_t scores of task t (of one sample and checkpoint), s²_t(·) the within-task
 * variance with divisor n_t − 1, T tasks and N = Σ n_t pooled scores (a stratified sample, so the
 * variance of a sum is the sum of per-task variances):
 * - mean (mean of task means): se² = Σ_t s²_t(v)/n_t / T².
 * - optimality gap at γ (γ − pooled mean of min(v, γ)): se² = Σ_t n_t s²_t(min(v, γ)) / N².
 * - IQM (25% trimmed mean of the pooled scores, g = ⌊N/4⌋ cut each side): the influence function of a
 *   trimmed mean is the winsorized score over the kept share (Huber 1981, §3.3), so
 *   se² = Σ_t n_t s²_t(w) / (N − 2g)², w = v clamped to the pooled (g+1)-th smallest and largest scores.
 * - median of task means: the middle task's mean carries the estimate (both middle ones for an even T,
 *   each with weight ½), so se² = Σ_{middle t} c² s²_t(v)/n_t with c = 1 or ½; this ignores tasks trading
 *   places, which is why the study measures it rather than trusts it.
 * - score distribution at τ (pooled share of scores above τ): se² = Σ_t n_t s²_t(1{v > τ}) / N².
 * - probability of improvement ((1/T) Σ_t P̂(X_t > Y_t), ties ½): per task the two-sample U-statistic's
 *   variance from placements (DeLong et al. 1988): s²(P_x)/n + s²(P_y)/m with P_x,i the share of Y beaten
 *   by x_i and P_y,j the share of X beating y_j; se² = Σ_t var_t / T².
 * Tasks with one score add 0. Throws a `BenchstatsError` (code `"option"`) for the average score
 * distribution, user-defined statistics and `taskBootstrap`, which have no formula here.
 *
 * Returns `data[k]` (ŝe of output k) and `replicates[k·reps + b]` (se*_b), layout as the replicates.
 * `only` limits the work to the statistics of those kinds (the others' standard errors stay 0), e.g. the
 * mean alone when the default method studentizes only the mean.
 *
 * @example const {data, replicates} = studentizedStandardErrors(plan, 0);
 */
export function studentizedStandardErrors(plan: BootstrapPlan, e: number, only?: ReadonlySet<StatisticSpec["kind"]>): {data: number[]; replicates: Float64Array} {
  const entry = plan.entries[e];
  checkSupported(plan, entry, only);
  const specs = plan.statistics as StatisticSpec[];
  const {samples, outputs} = entry;
  const tasks = samples[0].tasks;
  const layers = plan.layers;
  // values[layer][sample][task]: that task's (resampled) scores.
  const values: Float64Array[][][] = Array.from({length: layers}, () =>
    samples.map((sample) => Array.from({length: tasks}, (_, t) => new Float64Array(sample.offsets[t + 1] - sample.offsets[t])))
  );
  const fillData = (): void => {
    for (let l = 0; l < layers; ++l) {
      samples.forEach((sample, s) => {
        const cells = sample.offsets[sample.tasks];
        for (let t = 0; t < tasks; ++t) values[l][s][t].set(sample.values.subarray(l * cells + sample.offsets[t], l * cells + sample.offsets[t + 1]));
      });
    }
  };
  const out = new Array<number>(outputs).fill(0);
  const seOf = (target: number[] | Float64Array, offset: number, stride: number): void => {
    let k = 0;
    for (let l = 0; l < layers; ++l) {
      for (const spec of specs) k = only && !only.has(spec.kind) ? k + specOutputs(spec) : standardErrors(spec, values[l], target, offset + k * stride, stride, k);
    }
  };
  fillData();
  seOf(out, 0, 1);
  const reps = plan.reps;
  const replicates = new Float64Array(outputs * reps);
  const idx = new Int32Array(samples.reduce((m, s) => Math.max(m, s.runs), 1));
  for (let b = 0; b < blockCount(plan); ++b) {
    const stream = new IndexStream(plan.seed, blockStream(entry.stream, b));
    const start = b * plan.blockSize;
    for (let rep = 0; rep < blockReps(plan, b); ++rep) {
      for (let t = 0; t < tasks; ++t) {
        samples.forEach((sample, s) => {
          const off = sample.offsets[t];
          const n = sample.offsets[t + 1] - off;
          const cells = sample.offsets[sample.tasks];
          if (!plan.perCell) stream.fill(idx, n, n);
          for (let l = 0; l < layers; ++l) {
            if (plan.perCell) stream.fill(idx, n, n);
            const v = values[l][s][t];
            for (let j = 0; j < n; ++j) v[j] = sample.values[l * cells + off + idx[j]];
          }
        });
      }
      seOf(replicates, start + rep, reps);
    }
  }
  return {data: out, replicates};
}

function checkSupported(plan: BootstrapPlan, entry: PlanEntry, only?: ReadonlySet<StatisticSpec["kind"]>): void {
  const unsupported = !plan.statistics
    ? "a user-defined statistic"
    : plan.statistics.find((s) => s.kind === "averageScoreDistribution" && (!only || only.has(s.kind)))
      ? "the average score distribution"
      : plan.taskBootstrap
        ? "taskBootstrap (the standard errors here are within tasks)"
        : undefined;
  if (unsupported) {
    throw new BenchstatsError("option", `scores["${entry.key}"]: the studentized interval has no standard-error formula for ${unsupported}; use method "expanded"`, {field: "method"});
  }
}

/** Writes the standard errors of `spec`'s outputs (from output index k on) into target; returns the next k. */
function standardErrors(spec: StatisticSpec, tasks: Float64Array[][], target: number[] | Float64Array, at: number, stride: number, k: number): number {
  const x = tasks[0];
  const T = x.length;
  switch (spec.kind) {
    case "mean": {
      let v = 0;
      for (const s of x) if (s.length > 1) v += variance(s) / s.length;
      target[at] = Math.sqrt(v) / T;
      return k + 1;
    }
    case "optimalityGap": {
      const g = spec.gamma;
      target[at] = pooledSe(x, (v) => (v < g ? v : g));
      return k + 1;
    }
    case "scoreDistribution":
      spec.taus.forEach((tau, j) => (target[at + j * stride] = pooledSe(x, (v) => (v > tau ? 1 : 0))));
      return k + spec.taus.length;
    case "iqm": {
      let N = 0;
      for (const s of x) N += s.length;
      const pooled = new Float64Array(N);
      let i = 0;
      for (const s of x) for (const v of s) pooled[i++] = v;
      pooled.sort();
      const g = Math.floor(0.25 * N);
      const lo = pooled[g];
      const hi = pooled[N - g - 1];
      target[at] = (pooledSe(x, (v) => (v < lo ? lo : v > hi ? hi : v)) * N) / (N - 2 * g);
      return k + 1;
    }
    case "median": {
      const means = x.map((s, t) => ({t, m: mean(s)})).sort((a, b) => a.m - b.m || a.t - b.t);
      const middle = T % 2 ? [means[(T - 1) / 2].t] : [means[T / 2 - 1].t, means[T / 2].t];
      const c = 1 / middle.length;
      let v = 0;
      for (const t of middle) if (x[t].length > 1) v += (c * c * variance(x[t])) / x[t].length;
      target[at] = Math.sqrt(v);
      return k + 1;
    }
    case "probabilityOfImprovement": {
      const y = tasks[1];
      let v = 0;
      for (let t = 0; t < T; ++t) v += placementVariance(x[t], y[t]);
      target[at] = Math.sqrt(v) / T;
      return k + 1;
    }
    default:
      throw new BenchstatsError("option", `the studentized interval has no standard-error formula for the ${specName(spec)}; use method "expanded"`, {field: "method"});
  }
}

function mean(s: Float64Array): number {
  let m = 0;
  for (const v of s) m += v;
  return m / s.length;
}

/** Sample variance (divisor n − 1), two-pass. */
function variance(s: Float64Array, f: (v: number) => number = (v) => v): number {
  const n = s.length;
  let m = 0;
  for (let i = 0; i < n; ++i) m += f(s[i]);
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; ++i) ss += (f(s[i]) - m) ** 2;
  return ss / (n - 1);
}

/** Standard error of a pooled mean of f(v) over stratified tasks: √(Σ_t n_t s²_t) / N. */
function pooledSe(x: Float64Array[], f: (v: number) => number): number {
  let N = 0;
  let v = 0;
  for (const s of x) {
    N += s.length;
    if (s.length > 1) v += s.length * variance(s, f);
  }
  return Math.sqrt(v) / N;
}

/** DeLong's variance of the two-sample U-statistic P̂(X > Y) (ties ½) of one task. */
function placementVariance(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const m = y.length;
  const px = new Float64Array(n);
  const py = new Float64Array(m);
  for (let i = 0; i < n; ++i) {
    for (let j = 0; j < m; ++j) {
      const w = x[i] > y[j] ? 1 : x[i] === y[j] ? 0.5 : 0;
      px[i] += w / m;
      py[j] += w / n;
    }
  }
  return (n > 1 ? variance(px) / n : 0) + (m > 1 ? variance(py) / m : 0);
}
