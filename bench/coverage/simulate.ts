/**
 * Benchmark-like score data with known truth, for the interval-coverage study (bench/coverage.bench.ts).
 *
 * Each task's score distribution is a finite mixture of log-normals, which gives the skew seen in real
 * benchmark scores (Atari human-normalised scores span orders of magnitude across games; many tasks
 * have a "failed run" mode near 0) while keeping every population quantity the study needs in closed
 * form: the mixture CDF, partial expectations E[X·1{a < X < b}] and P(X > Y) between two mixtures.
 *
 * The estimands are those of rliable's stratified bootstrap, which conditions on the task set: the
 * tasks are fixed (drawn once per scenario from a seed) and only runs are random.
 * - mean: (1/T) Σ_t E[X_t], the population version of `aggregateMean`;
 * - IQM: the 25%-trimmed mean of the equal-weight pooled distribution (1/T) Σ_t F_t, i.e.
 *   2 ∫_{0.25}^{0.75} Q(u) du, the limit of `aggregateIqm` as the run count grows;
 * - probability of improvement: (1/T) Σ_t P(X_t > Y_t), the limit of `probabilityOfImprovement`.
 */
import {createRandom, type Random} from "../../lib/index.js";

/** One log-normal component: weight w, and log X ~ N(mu, sigma²). */
export interface Component {
  weight: number;
  mu: number;
  sigma: number;
}

/** A task's score distribution: a mixture of log-normal components whose weights sum to 1. */
export type TaskDistribution = Component[];

export type Family = "lognormal" | "bimodal";

export interface Scenario {
  family: Family;
  /** Task distributions of algorithm X. */
  x: TaskDistribution[];
  /** Task distributions of algorithm Y (X shifted per task, so P(X > Y) varies around ~0.6). */
  y: TaskDistribution[];
}

/**
 * Draws a fixed task set. `lognormal`: log X_t ~ N(μ_t, σ_t²) with μ_t ~ N(ln 0.5, 1) across tasks
 * (task scales differ by orders of magnitude) and σ_t ~ U(0.3, 1) (right skew within a task).
 * `bimodal`: each run fails with probability p_t ~ U(0.1, 0.5), scoring LN(ln 0.02, 0.5²), and
 * otherwise scores LN(μ_t, 0.4²): a failure mode near 0 plus a skewed success mode, as in sparse-
 * reward games. Y uses the same tasks with log-scale shifts δ_t ~ N(−0.25, 0.3²) on the success mode.
 */
export function makeScenario(family: Family, nTasks: number, seed: number): Scenario {
  const rng = createRandom(seed, 1000 + nTasks);
  const x: TaskDistribution[] = [];
  const y: TaskDistribution[] = [];
  for (let t = 0; t < nTasks; ++t) {
    const mu = Math.log(0.5) + rng.normal();
    const delta = -0.25 + 0.3 * rng.normal();
    if (family === "lognormal") {
      const sigma = 0.3 + 0.7 * rng.float();
      x.push([{weight: 1, mu, sigma}]);
      y.push([{weight: 1, mu: mu + delta, sigma}]);
    } else {
      const p = 0.1 + 0.4 * rng.float();
      const fail = {weight: p, mu: Math.log(0.02), sigma: 0.5};
      x.push([fail, {weight: 1 - p, mu, sigma: 0.4}]);
      y.push([fail, {weight: 1 - p, mu: mu + delta, sigma: 0.4}]);
    }
  }
  return {family, x, y};
}

/** One draw from a task distribution. */
export function sampleTask(task: TaskDistribution, rng: Random): number {
  let u = rng.float();
  let component = task[task.length - 1];
  for (const c of task) {
    if (u < c.weight) {
      component = c;
      break;
    }
    u -= c.weight;
  }
  return Math.exp(component.mu + component.sigma * rng.normal());
}

/** A runs × tasks score matrix (rliable layout) with `nRuns` independent runs per task. */
export function sampleMatrix(tasks: TaskDistribution[], nRuns: number, rng: Random): number[][] {
  const matrix: number[][] = [];
  for (let r = 0; r < nRuns; ++r) matrix.push(tasks.map((task) => sampleTask(task, rng)));
  return matrix;
}

/** Population aggregate mean: (1/T) Σ_t Σ_c w_c exp(μ_c + σ_c²/2). */
export function trueMean(tasks: TaskDistribution[]): number {
  let sum = 0;
  for (const task of tasks) for (const c of task) sum += c.weight * Math.exp(c.mu + (c.sigma * c.sigma) / 2);
  return sum / tasks.length;
}

/** CDF of the pooled (equal task weight) distribution at x > 0. */
export function pooledCdf(tasks: TaskDistribution[], x: number): number {
  const lx = Math.log(x);
  let sum = 0;
  for (const task of tasks) for (const c of task) sum += c.weight * normalCdf((lx - c.mu) / c.sigma);
  return sum / tasks.length;
}

/** Quantile of the pooled distribution, by bisection on log x (to ~1e-13 relative). */
export function pooledQuantile(tasks: TaskDistribution[], p: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const task of tasks) {
    for (const c of task) {
      lo = Math.min(lo, c.mu - 12 * c.sigma);
      hi = Math.max(hi, c.mu + 12 * c.sigma);
    }
  }
  for (let i = 0; i < 200 && hi - lo > 1e-13; ++i) {
    const mid = (lo + hi) / 2;
    if (pooledCdf(tasks, Math.exp(mid)) < p) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Population IQM: the mean of the pooled distribution between its 25% and 75% quantiles,
 * 2·(1/T) Σ_t Σ_c w_c e^{μ+σ²/2} [Φ((ln q75 − μ − σ²)/σ) − Φ((ln q25 − μ − σ²)/σ)]
 * (the log-normal partial expectation).
 */
export function trueIqm(tasks: TaskDistribution[]): number {
  const a = Math.log(pooledQuantile(tasks, 0.25));
  const b = Math.log(pooledQuantile(tasks, 0.75));
  let sum = 0;
  for (const task of tasks) {
    for (const c of task) {
      const s2 = c.sigma * c.sigma;
      sum += c.weight * Math.exp(c.mu + s2 / 2) * (normalCdf((b - c.mu - s2) / c.sigma) - normalCdf((a - c.mu - s2) / c.sigma));
    }
  }
  return (2 * sum) / tasks.length;
}

/**
 * Population probability of improvement (1/T) Σ_t P(X_t > Y_t); for log-normal components
 * P(X > Y) = Φ((μ_x − μ_y) / √(σ_x² + σ_y²)), mixed over the component pairs.
 */
export function trueProbabilityOfImprovement(x: TaskDistribution[], y: TaskDistribution[]): number {
  let sum = 0;
  for (let t = 0; t < x.length; ++t) {
    for (const cx of x[t]) {
      for (const cy of y[t]) {
        sum += cx.weight * cy.weight * normalCdf((cx.mu - cy.mu) / Math.hypot(cx.sigma, cy.sigma));
      }
    }
  }
  return sum / x.length;
}

/**
 * Standard normal CDF Φ(z) = erfc(−z/√2)/2: the Maclaurin series of erf for |x| < 3 and the Laplace
 * continued fraction of erfc beyond (absolute error below 1e-14 over the real line; checked against
 * tabulated values in test/cli/coverage-simulation.test.ts).
 */
export function normalCdf(z: number): number {
  const x = -z / Math.SQRT2;
  return 0.5 * erfc(x);
}

function erfc(x: number): number {
  if (Math.abs(x) < 3) {
    // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 200; ++n) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  if (x < 0) return 2 - erfc(-x);
  // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated bottom-up.
  let f = x;
  for (let k = 60; k >= 1; --k) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/**
 * Population aggregate median: the median over tasks of the task means E[X_t] (the average of the two
 * middle ones for an even task count), the limit of `aggregateMedian` (rliable's median of per-task means).
 */
export function trueMedian(tasks: TaskDistribution[]): number {
  const means = tasks.map((task) => task.reduce((s, c) => s + c.weight * Math.exp(c.mu + (c.sigma * c.sigma) / 2), 0)).sort((a, b) => a - b);
  const m = means.length >> 1;
  return means.length % 2 ? means[m] : (means[m - 1] + means[m]) / 2;
}

/**
 * Population optimality gap at γ: (1/T) Σ_t E[max(γ − X_t, 0)] = (1/T) Σ_t Σ_c w_c [γ Φ(d) − e^{μ+σ²/2} Φ(d − σ)]
 * with d = (ln γ − μ)/σ (the limit of `aggregateOptimalityGap`, γ − mean(min(x, γ))).
 */
export function trueOptimalityGap(tasks: TaskDistribution[], gamma = 1): number {
  const lg = Math.log(gamma);
  let sum = 0;
  for (const task of tasks) {
    for (const c of task) {
      const d = (lg - c.mu) / c.sigma;
      sum += c.weight * (gamma * normalCdf(d) - Math.exp(c.mu + (c.sigma * c.sigma) / 2) * normalCdf(d - c.sigma));
    }
  }
  return sum / tasks.length;
}
