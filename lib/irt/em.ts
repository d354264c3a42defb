/**
 * The M-step of the marginal-maximum-likelihood EM engine behind fitIrt (internal), for the models
 * without guessing (Rasch, 1PL, 2PL); 3PL's is in m-step-3pl.ts, the state and bounds in
 * em-state.ts, the E-step and the M-step's sufficient statistics in e-step.ts.
 *
 * The M-step needs only the posterior mass at each node (N_q, or n_jq per item with missing
 * responses) and, per item, the sum of the posterior means of the respondents who answered it
 * correctly, because the expected complete-data log-likelihood of item j is
 * a·Σ_q θ_q·r_jq + d·Σ_q r_jq − Σ_q n_jq·log(1 + e^{a·θ_q + d}) with Σ_q θ_q·r_jq = Σ_{i correct} E[θ_i].
 * With guessing (3PL) the engine falls back to the per-node sums r_jq.
 */
import {clamp, INTERCEPT_BOUND, M_STEP_NEWTON, SLOPE_BOUND, type EmState, type MStats} from "./em-state.js";
import {mStep3pl} from "./m-step-3pl.js";
import {softplus, logistic} from "../core/logistic.js";
import {newtonMaximise} from "../core/newton.js";
import {normalWeightMoments} from "./quadrature.js";
import {interceptLogPrior, slopeLogPrior, type IrtPriors} from "./priors.js";

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

/** The 2PL M-step objective of one item: its expected complete-data log-likelihood plus log priors. */
function objective2pl(a: number, d: number, s1: number, s0: number, n: Float64Array, nodes: Float64Array, priors: IrtPriors | undefined): number {
  let f = a * s1 + d * s0;
  for (let q = 0; q < nodes.length; ++q) f -= n[q] * softplus(a * nodes[q] + d);
  return f + slopeLogPrior(priors?.a, a).value + interceptLogPrior(priors?.d, d).value;
}

function mStep2pl(
  state: EmState, j: number, s1: number, s0: number, n: Float64Array, nodes: Float64Array,
  priors: IrtPriors | undefined, steps: number
): number {
  const Q = nodes.length;
  let a = state.a[j];
  let d = state.d[j];
  const a0 = a;
  const d0 = d;
  const x = Float64Array.of(a, d);
  const step = new Float64Array(2);
  // The likelihood part is concave (a logistic GLM in (a, d)) and only the concave part of the
  // prior's curvature enters the Newton matrix, so a moderate step is taken as is; the objective
  // is evaluated only to damp large steps (SQUAREM's objective check guards the whole iteration).
  // Anonymous arrows: this runs once per item per EM map, and a named closure costs a name
  // definition per call where the code is compiled with esbuild's keepNames (tsx, the loaders).
  newtonMaximise(
    x,
    (x) => newtonStep2pl(x[0], x[1], s1, s0, n, nodes, priors, step),
    (x) => objective2pl(x[0], x[1], s1, s0, n, nodes, priors),
    {maxIterations: steps, ...M_STEP_NEWTON}
  );
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
