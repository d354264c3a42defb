/**
 * The marginal-maximum-likelihood EM engine behind fitIrt (internal): parameters, the M-step.
 * The E-step and the M-step's sufficient statistics are in e-step.ts.
 *
 * The M-step needs only the posterior mass at each node (N_q, or n_jq per item with missing
 * responses) and, per item, the sum of the posterior means of the respondents who answered it
 * correctly, because the expected complete-data log-likelihood of item j is
 * a·Σ_q θ_q·r_jq + d·Σ_q r_jq − Σ_q n_jq·log(1 + e^{a·θ_q + d}) with Σ_q θ_q·r_jq = Σ_{i correct} E[θ_i].
 * With guessing (3PL) the engine falls back to the per-node sums r_jq.
 */
import type {IrtModel} from "./model.js";
import {softplus, logistic} from "../core/logistic.js";
import {newtonMaximise} from "../core/newton.js";
import {normalWeightMoments} from "./quadrature.js";
import {guessLogPrior, interceptLogPrior, slopeLogPrior, type IrtPriors} from "./priors.js";

/** Parameters being estimated. `active[j]` = 0 marks an item left out (constant or unobserved). */
export interface EmState {
  model: IrtModel;
  a: Float64Array;
  d: Float64Array;
  g: Float64Array;
  variance: number;
  active: Uint8Array;
}

export interface Grid {
  nodes: Float64Array;
}

export interface EStepResult {
  logLik: number;
  /** nRows × Q posterior probabilities (rows with weight 0 are left at 0). */
  post: Float64Array;
  /** Posterior mean per row. */
  mean: Float64Array;
  /** Weighted posterior mass per node. */
  nq: Float64Array;
}

/** Sufficient statistics of the M-step. */
export interface MStats {
  nq: Float64Array;
  /** n_jq (J×Q) when some response is missing; null means n_jq = N_q for every item. */
  njq: Float64Array | null;
  /** Σ_{i correct on j} w_i·E[θ_i] (models without guessing). */
  s1: Float64Array | null;
  /** r_jq (J×Q) for 3PL. */
  rjq: Float64Array | null;
}

/**
 * Box bounds on slopes and intercepts. Under (quasi-)separation, common with few respondents, the
 * likelihood keeps rising as |a| or |d| grows; the bounds keep the iteration finite, and fitIrt
 * warns about every item that ends on one.
 */
export const SLOPE_BOUND = 20;
export const INTERCEPT_BOUND = 40;

function clamp(v: number, bound: number): number {
  return v > bound ? bound : v < -bound ? -bound : v;
}

export function isLinear(model: IrtModel): boolean {
  return model !== "3pl";
}

/**
 * out[q] = σ(a·x_q + d) over equally spaced nodes, using the geometric progression of e^{a·x_q + d}
 * (recomputed exactly every 8 nodes) to save most of the exponentials.
 */
function fillLogistic(a: number, d: number, nodes: Float64Array, out: Float64Array): void {
  const Q = nodes.length;
  const step = Q > 1 ? Math.exp(a * (nodes[1] - nodes[0])) : NaN;
  const fast = step > 1e-8 && step < 1e8;
  let ez = NaN;
  for (let q = 0; q < Q; ++q) {
    const z = a * nodes[q] + d;
    if (!fast || z > 30 || z < -30) {
      out[q] = logistic(z);
      ez = NaN;
    } else {
      ez = (q & 7) === 0 || Number.isNaN(ez) ? Math.exp(z) : ez * step;
      out[q] = ez / (1 + ez);
    }
  }
}

const scratchP = new Float64Array(1024);

/**
 * The M-steps' Newton settings ({@link newtonMaximise}): stop on a step below 1e-12 (the M-step runs
 * only `newtonSteps` iterations inside each EM cycle, so it is cheap to finish them exactly); steps
 * below 0.5 in every coordinate are taken without evaluating the objective (concave part only, see
 * mStep2pl); 30 halvings.
 */
const M_STEP_NEWTON = {tolerance: 1e-12, trustedStep: 0.5};

/**
 * M-step: updates `state` in place by Newton steps on each item's expected complete-data
 * log-posterior (a generalised EM step: each step increases that function). Returns the largest
 * absolute parameter change.
 */
export function mStep(
  state: EmState,
  stats: MStats,
  s0: Float64Array,
  nodes: Float64Array,
  priors: IrtPriors | undefined,
  newtonSteps: number
): number {
  const J = state.a.length;
  const Q = nodes.length;
  let change = 0;
  if (state.model === "3pl") {
    for (let j = 0; j < J; ++j) {
      if (!state.active[j]) continue;
      const n = stats.njq ? stats.njq.subarray(j * Q, (j + 1) * Q) : stats.nq;
      change = Math.max(change, mStep3pl(state, j, stats.rjq!.subarray(j * Q, (j + 1) * Q), n, nodes, priors, newtonSteps));
    }
    return change;
  }
  const s1 = stats.s1!;
  if (state.model === "2pl") {
    for (let j = 0; j < J; ++j) {
      if (!state.active[j]) continue;
      const n = stats.njq ? stats.njq.subarray(j * Q, (j + 1) * Q) : stats.nq;
      change = Math.max(change, mStep2pl(state, j, s1[j], s0[j], n, nodes, priors, newtonSteps));
    }
    return change;
  }
  // Rasch and 1PL: intercepts given the (fixed or shared) slope, then the slope or the variance.
  for (let j = 0; j < J; ++j) {
    if (!state.active[j]) continue;
    const n = stats.njq ? stats.njq.subarray(j * Q, (j + 1) * Q) : stats.nq;
    change = Math.max(change, mStepIntercept(state, j, s0[j], n, nodes, priors, newtonSteps));
  }
  if (state.model === "rasch") change = Math.max(change, mStepVariance(state, stats.nq, nodes));
  else change = Math.max(change, mStepSharedSlope(state, stats, s1, nodes, priors, newtonSteps));
  return change;
}

/**
 * The 2PL M-step's Newton direction at (a, d) for one item, written into `out` (null when the Newton
 * matrix is not positive definite). A module-level function rather than a closure per item, so the
 * JIT optimises it once for all items (a closure's loop ran unoptimised often enough to allocate a
 * boxed number per operation: ~300 MB a fit on 1,000 × 2,000).
 */
function newtonStep2pl(
  a: number, d: number, s1: number, s0: number, n: Float64Array, nodes: Float64Array, priors: IrtPriors | undefined, out: Float64Array
): Float64Array | null {
  const Q = nodes.length;
  let ga = s1;
  let gd = s0;
  let haa = 0;
  let had = 0;
  let hdd = 0;
  const P = Q <= scratchP.length ? scratchP : new Float64Array(Q);
  fillLogistic(a, d, nodes, P);
  for (let q = 0; q < Q; ++q) {
    const x = nodes[q];
    const p = P[q];
    const np = n[q] * p;
    const w = np * (1 - p);
    ga -= np * x;
    gd -= np;
    haa += w * x * x;
    had += w * x;
    hdd += w;
  }
  const pa = slopeLogPrior(priors?.a, a);
  const pd = interceptLogPrior(priors?.d, d);
  ga += pa.d1;
  gd += pd.d1;
  // Negative Hessian; prior curvature can be positive (log-normal), so keep only its negative part.
  haa -= Math.min(pa.d2, 0);
  hdd -= Math.min(pd.d2, 0);
  const det = haa * hdd - had * had;
  if (!(det > 0)) return null;
  out[0] = (hdd * ga - had * gd) / det;
  out[1] = (haa * gd - had * ga) / det;
  return out;
}

function mStep2pl(
  state: EmState, j: number, s1: number, s0: number, n: Float64Array, nodes: Float64Array,
  priors: IrtPriors | undefined, steps: number
): number {
  const Q = nodes.length;
  let a = state.a[j];
  let d = state.d[j];
  const objective = (a: number, d: number): number => {
    let f = a * s1 + d * s0;
    for (let q = 0; q < Q; ++q) f -= n[q] * softplus(a * nodes[q] + d);
    return f + slopeLogPrior(priors?.a, a).value + interceptLogPrior(priors?.d, d).value;
  };
  const a0 = a;
  const d0 = d;
  const x = Float64Array.of(a, d);
  const step = new Float64Array(2);
  const direction = (x: Float64Array): Float64Array | null => newtonStep2pl(x[0], x[1], s1, s0, n, nodes, priors, step);
  // The likelihood part is concave (a logistic GLM in (a, d)) and only the concave part of the
  // prior's curvature enters the Newton matrix, so a moderate step is taken as is; the objective
  // is evaluated only to damp large steps (SQUAREM's objective check guards the whole iteration).
  newtonMaximise(x, direction, (x) => objective(x[0], x[1]), {maxIterations: steps, ...M_STEP_NEWTON});
  a = x[0];
  d = x[1];
  state.a[j] = a = clamp(a, SLOPE_BOUND);
  state.d[j] = d = clamp(d, INTERCEPT_BOUND);
  return Math.max(Math.abs(a - a0), Math.abs(d - d0));
}

function mStepIntercept(
  state: EmState, j: number, s0: number, n: Float64Array, nodes: Float64Array,
  priors: IrtPriors | undefined, steps: number
): number {
  const Q = nodes.length;
  const a = state.model === "rasch" ? 1 : state.a[j];
  let d = state.d[j];
  const d0 = d;
  const objective = (d: number): number => {
    let f = d * s0;
    for (let q = 0; q < Q; ++q) f -= n[q] * softplus(a * nodes[q] + d);
    return f + interceptLogPrior(priors?.d, d).value;
  };
  const x = Float64Array.of(d);
  const direction = (x: Float64Array): Float64Array | null => {
    const d = x[0];
    let gd = s0;
    let hdd = 0;
    const P = Q <= scratchP.length ? scratchP : new Float64Array(Q);
    fillLogistic(a, d, nodes, P);
    for (let q = 0; q < Q; ++q) {
      const p = P[q];
      gd -= n[q] * p;
      hdd += n[q] * p * (1 - p);
    }
    const pd = interceptLogPrior(priors?.d, d);
    gd += pd.d1;
    hdd -= pd.d2;
    return hdd > 0 ? Float64Array.of(gd / hdd) : null;
  };
  newtonMaximise(x, direction, (x) => objective(x[0]), {maxIterations: steps, ...M_STEP_NEWTON});
  d = x[0];
  state.d[j] = d = clamp(d, INTERCEPT_BOUND);
  return Math.abs(d - d0);
}

/** Shared 1PL slope: Newton on a with the intercepts fixed. */
function mStepSharedSlope(
  state: EmState, stats: MStats, s1: Float64Array, nodes: Float64Array, priors: IrtPriors | undefined, steps: number
): number {
  const J = state.a.length;
  const Q = nodes.length;
  let a = state.a[0];
  const a0 = a;
  let s1sum = 0;
  for (let j = 0; j < J; ++j) if (state.active[j]) s1sum += s1[j];
  const nOf = (j: number): Float64Array => (stats.njq ? stats.njq.subarray(j * Q, (j + 1) * Q) : stats.nq);
  const objective = (a: number): number => {
    let f = a * s1sum;
    for (let j = 0; j < J; ++j) {
      if (!state.active[j]) continue;
      const n = nOf(j);
      const dj = state.d[j];
      for (let q = 0; q < Q; ++q) f -= n[q] * softplus(a * nodes[q] + dj);
    }
    return f + slopeLogPrior(priors?.a, a).value;
  };
  const x = Float64Array.of(a);
  const direction = (x: Float64Array): Float64Array | null => {
    const a = x[0];
    let ga = s1sum;
    let haa = 0;
    for (let j = 0; j < J; ++j) {
      if (!state.active[j]) continue;
      const n = nOf(j);
      const dj = state.d[j];
      for (let q = 0; q < Q; ++q) {
        const x = nodes[q];
        const p = logistic(a * x + dj);
        ga -= n[q] * p * x;
        haa += n[q] * p * (1 - p) * x * x;
      }
    }
    const pa = slopeLogPrior(priors?.a, a);
    ga += pa.d1;
    haa -= Math.min(pa.d2, 0);
    return haa > 0 ? Float64Array.of(ga / haa) : null;
  };
  // Every trial sums over all items, so every step is checked (no trusted steps).
  newtonMaximise(x, direction, (x) => objective(x[0]), {maxIterations: steps, tolerance: M_STEP_NEWTON.tolerance});
  a = x[0];
  a = clamp(a, SLOPE_BOUND);
  state.a.fill(a);
  return Math.abs(a - a0);
}

/**
 * Rasch latent variance: maximise Σ_q N_q·log w_q(v) over v, where w_q(v) are the normalised normal
 * weights on the fixed grid (mirt's discretised prior). The stationary condition is moment matching
 * on the grid, E_w(v)[θ²] = Σ_q N_q θ_q² / Σ_q N_q, and E_w(v)[θ²] increases with v, so a safeguarded
 * Newton iteration on v (bracketed by bisection) finds the unique root.
 */
function mStepVariance(state: EmState, nq: Float64Array, nodes: Float64Array): number {
  const Q = nodes.length;
  let total = 0;
  let target = 0;
  for (let q = 0; q < Q; ++q) {
    total += nq[q];
    target += nq[q] * nodes[q] * nodes[q];
  }
  target /= total;
  const v0 = state.variance;
  let lo = 1e-6;
  let hi = 1e4;
  let v = v0;
  for (let it = 0; it < 100; ++it) {
    const {m2, m4} = normalWeightMoments(nodes, v);
    const f = m2 - target;
    if (Math.abs(f) < 1e-15 * Math.max(1, target)) break;
    if (f > 0) hi = v;
    else lo = v;
    const slope = (m4 - m2 * m2) / (2 * v * v);
    let next = v - f / slope;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = 0.5 * (lo + hi);
    if (Math.abs(next - v) < 1e-15 * v) {
      v = next;
      break;
    }
    v = next;
  }
  state.variance = v;
  return Math.abs(v - v0);
}

function mStep3pl(
  state: EmState, j: number, r: Float64Array, n: Float64Array, nodes: Float64Array,
  priors: IrtPriors | undefined, steps: number
): number {
  const Q = nodes.length;
  let a = state.a[j];
  let d = state.d[j];
  let gamma = Math.log(state.g[j] / (1 - state.g[j]));
  const a0 = a;
  const d0 = d;
  const g0 = state.g[j];
  const objective = (a: number, d: number, gamma: number): number => {
    const g = logistic(gamma);
    if (!(g > 0 && g < 1)) return -Infinity;
    let f = 0;
    for (let q = 0; q < Q; ++q) {
      const p = g + (1 - g) * logistic(a * nodes[q] + d);
      f += r[q] * Math.log(p) + (n[q] - r[q]) * Math.log1p(-p);
    }
    return f + slopeLogPrior(priors?.a, a).value + interceptLogPrior(priors?.d, d).value + guessLogPrior(priors?.g, g).value;
  };
  const grad = new Float64Array(3);
  const info = new Float64Array(9);
  const direction = (x: Float64Array): Float64Array | null => {
    const [a, d, gamma] = x;
    const g = logistic(gamma);
    const gp = g * (1 - g);
    grad.fill(0);
    info.fill(0);
    for (let q = 0; q < Q; ++q) {
      const x = nodes[q];
      const psi = logistic(a * x + d);
      const p = g + (1 - g) * psi;
      const pq = p * (1 - p);
      if (!(pq > 0)) continue;
      const dz = (1 - g) * psi * (1 - psi);
      const v0 = dz * x;
      const v1 = dz;
      const v2 = (1 - psi) * gp;
      const u = (r[q] - n[q] * p) / pq;
      grad[0] += u * v0;
      grad[1] += u * v1;
      grad[2] += u * v2;
      const w = n[q] / pq;
      info[0] += w * v0 * v0;
      info[1] += w * v0 * v1;
      info[2] += w * v0 * v2;
      info[4] += w * v1 * v1;
      info[5] += w * v1 * v2;
      info[8] += w * v2 * v2;
    }
    const pa = slopeLogPrior(priors?.a, a);
    const pd = interceptLogPrior(priors?.d, d);
    const pg = guessLogPrior(priors?.g, g);
    grad[0] += pa.d1;
    grad[1] += pd.d1;
    grad[2] += pg.d1;
    info[0] -= Math.min(pa.d2, 0);
    info[4] -= Math.min(pd.d2, 0);
    info[8] -= Math.min(pg.d2, 0);
    // A tiny ridge keeps the 3×3 Fisher system solvable when the asymptote is weakly identified.
    const ridge = 1e-8 * (info[0] + info[4] + info[8] + 1);
    const step = solve3(info[0] + ridge, info[1], info[2], info[4] + ridge, info[5], info[8] + ridge, grad);
    return step && Float64Array.from(step);
  };
  // Fisher scoring: the 3PL likelihood is not concave in (a, d, γ), so every step is checked.
  const x = Float64Array.of(a, d, gamma);
  newtonMaximise(x, direction, (x) => objective(x[0], x[1], x[2]), {maxIterations: steps, tolerance: M_STEP_NEWTON.tolerance});
  [a, d, gamma] = x;
  // Keep g strictly inside (0, 1) so that logs stay finite.
  gamma = Math.min(Math.max(gamma, -30), 30);
  state.a[j] = a = clamp(a, SLOPE_BOUND);
  state.d[j] = d = clamp(d, INTERCEPT_BOUND);
  state.g[j] = logistic(gamma);
  return Math.max(Math.abs(a - a0), Math.abs(d - d0), Math.abs(state.g[j] - g0));
}

/** Solves the symmetric 3×3 system [[a,b,c],[b,e,f],[c,f,i]]·x = r. */
function solve3(a: number, b: number, c: number, e: number, f: number, i: number, r: Float64Array): [number, number, number] | null {
  const A = e * i - f * f;
  const B = -(b * i - c * f);
  const C = b * f - c * e;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 0) || !Number.isFinite(det)) return null;
  const E = a * i - c * c;
  const F = -(a * f - b * c);
  const I = a * e - b * b;
  return [
    (A * r[0] + B * r[1] + C * r[2]) / det,
    (B * r[0] + E * r[1] + F * r[2]) / det,
    (C * r[0] + F * r[1] + I * r[2]) / det
  ];
}
