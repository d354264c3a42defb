/**
 * Gradient and Hessian of the marginal log-likelihood of a calibrated IRT model (internal).
 *
 * For a respondent i with posterior p_iq over the nodes and complete-data scores S_iq = ∂ log f(x_i, θ_q)/∂η
 * (item terms plus, for Rasch, the derivative of the discretised prior weight w.r.t. the latent
 * variance), Louis' identity gives the exact Hessian of ℓ_i = log Σ_q π_q f(x_i | θ_q):
 *   ∂ℓ_i = Σ_q p_iq S_iq,   ∂²ℓ_i = Σ_q p_iq (H_iq + S_iq S_iqᵀ) − (∂ℓ_i)(∂ℓ_i)ᵀ.
 * Summed over respondents this is the observed information used for standard errors (what mirt's
 * Oakes/"complete" SE methods approximate) and for the Newton polish that finishes EM on small models.
 * With many parameters the full matrix is too costly (O(N·Q·K²)), so only within-item blocks (and the
 * shared slope/variance alone) are formed: a block-diagonal approximation that ignores cross-item
 * covariance, which is small when each respondent answers many items.
 */
import {logistic} from "../core/logistic.js";
import {MISSING, type PackedResponses} from "./responses.js";
import type {EmState, EStepResult, Grid} from "./em-state.js";
import {normalWeightMoments} from "./quadrature.js";
import {guessLogPrior, interceptLogPrior, slopeLogPrior, type IrtPriors} from "./priors.js";

/** Where each active item's local parameters live in the global parameter vector. */
export interface ParamLayout {
  /** Number of global parameters. */
  size: number;
  /** Local parameter count per item (1 Rasch, 2 for 1PL/2PL, 3 for 3PL). */
  local: number;
  /** index[j * local + k] = global index of item j's k-th local parameter, or −1 when inactive. */
  index: Int32Array;
  /** Global index of the Rasch latent variance, or −1. */
  varianceIndex: number;
  /** Global index of the shared 1PL slope, or −1. */
  sharedSlopeIndex: number;
}

export function paramLayout(state: EmState): ParamLayout {
  const J = state.a.length;
  const local = state.model === "rasch" ? 1 : state.model === "3pl" ? 3 : 2;
  const index = new Int32Array(J * local).fill(-1);
  let k = 0;
  for (let j = 0; j < J; ++j) {
    if (!state.active[j]) continue;
    if (state.model === "1pl") {
      index[j * 2 + 1] = k++;
    } else {
      for (let l = 0; l < local; ++l) index[j * local + l] = k++;
    }
  }
  let varianceIndex = -1;
  let sharedSlopeIndex = -1;
  if (state.model === "rasch") varianceIndex = k++;
  if (state.model === "1pl") {
    sharedSlopeIndex = k++;
    for (let j = 0; j < J; ++j) if (state.active[j]) index[j * 2] = sharedSlopeIndex;
  }
  return {size: k, local, index, varianceIndex, sharedSlopeIndex};
}

/**
 * Per item, node and response y ∈ {0, 1}: the local score vector s (length p) and the matrix
 * h + s·sᵀ (p×p, row-major), for the item's local parameters: Rasch (d); 1PL/2PL (a, d);
 * 3PL (a, d, γ = logit g). Node-major: item j at node q starts at (q·J + j)·p (s) and (q·J + j)·p²
 * (h, hss), so that a respondent's pass over the items at the few nodes where its posterior lives
 * reads each table sequentially (item-major, the stride of Q·p doubles crossed pages at every
 * few cells and made the block pass over 10⁸ cells memory-latency bound).
 */
interface LocalTables {
  p: number;
  s: [Float64Array, Float64Array];
  hss: [Float64Array, Float64Array];
  h: [Float64Array, Float64Array];
}

function localTables(state: EmState, nodes: Float64Array): LocalTables {
  const J = state.a.length;
  const Q = nodes.length;
  const p = state.model === "rasch" ? 1 : state.model === "3pl" ? 3 : 2;
  const make = (n: number): [Float64Array, Float64Array] => [new Float64Array(n), new Float64Array(n)];
  const s = make(J * Q * p);
  const hss = make(J * Q * p * p);
  const h = make(J * Q * p * p);
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  for (let j = 0; j < J; ++j) {
    if (!state.active[j]) continue;
    const a = state.model === "rasch" ? 1 : state.a[j];
    const d = state.d[j];
    const g = state.g[j];
    for (let q = 0; q < Q; ++q) {
      const x = nodes[q];
      for (let y = 0; y < 2; ++y) {
        localDerivatives(state.model, a, d, g, x, y, grad, hess);
        const so = (q * J + j) * p;
        const ho = (q * J + j) * p * p;
        for (let k = 0; k < p; ++k) {
          s[y][so + k] = grad[k];
          for (let l = 0; l < p; ++l) {
            h[y][ho + k * p + l] = hess[k * p + l];
            hss[y][ho + k * p + l] = hess[k * p + l] + grad[k] * grad[l];
          }
        }
      }
    }
  }
  return {p, s, hss, h};
}

/** Gradient and Hessian of log f(y | θ = x) for one item's local parameters. */
export function localDerivatives(
  model: EmState["model"], a: number, d: number, g: number, x: number, y: number, grad: Float64Array, hess: Float64Array
): void {
  if (model !== "3pl") {
    const P = logistic(a * x + d);
    const e = y - P;
    const w = P * (1 - P);
    if (model === "rasch") {
      grad[0] = e;
      hess[0] = -w;
      return;
    }
    grad[0] = e * x;
    grad[1] = e;
    hess[0] = -w * x * x;
    hess[1] = hess[2] = -w * x;
    hess[3] = -w;
    return;
  }
  const psi = logistic(a * x + d);
  const P = g + (1 - g) * psi;
  const psi1 = psi * (1 - psi);
  const psi2 = psi1 * (1 - 2 * psi);
  const g1 = g * (1 - g);
  const g2 = g1 * (1 - 2 * g);
  const dP = [(1 - g) * psi1 * x, (1 - g) * psi1, (1 - psi) * g1];
  const d2P = [
    (1 - g) * psi2 * x * x, (1 - g) * psi2 * x, -g1 * psi1 * x,
    (1 - g) * psi2 * x, (1 - g) * psi2, -g1 * psi1,
    -g1 * psi1 * x, -g1 * psi1, (1 - psi) * g2
  ];
  const u = y / P - (1 - y) / (1 - P);
  const u2 = -y / (P * P) - (1 - y) / ((1 - P) * (1 - P));
  for (let k = 0; k < 3; ++k) {
    grad[k] = u * dP[k];
    for (let l = 0; l < 3; ++l) hess[k * 3 + l] = u2 * dP[k] * dP[l] + u * d2P[k * 3 + l];
  }
}

/** Score and Hessian of log π_q(v) with respect to the Rasch latent variance v, per node. */
function varianceTerms(nodes: Float64Array, v: number): {s: Float64Array; h: Float64Array} {
  const Q = nodes.length;
  const {m2, m4} = normalWeightMoments(nodes, v);
  const varX2 = m4 - m2 * m2;
  const s = new Float64Array(Q);
  const h = new Float64Array(Q);
  for (let q = 0; q < Q; ++q) {
    const c = nodes[q] * nodes[q] - m2;
    s[q] = c / (2 * v * v);
    h[q] = -c / (v * v * v) - varX2 / (4 * v * v * v * v);
  }
  return {s, h};
}

export interface MarginalDerivatives {
  layout: ParamLayout;
  gradient: Float64Array;
  /** K×K Hessian (full) or null when only blocks were formed. */
  hessian: Float64Array | null;
  /** Per active item: its p×p block of the Hessian (row-major), at blocks[j]. */
  blocks: (Float64Array | null)[];
  /** Hessian entry of the shared parameter (variance or 1PL slope), block mode. */
  sharedHessian: number;
}

/**
 * Gradient and Hessian of the marginal log-likelihood (plus log priors) at `state`, from the
 * posteriors of an E-step at the same parameters.
 */
export function marginalDerivatives(
  state: EmState, data: PackedResponses, grid: Grid, e: EStepResult, weight: Float64Array,
  priors: IrtPriors | undefined, full: boolean
): MarginalDerivatives {
  const {nodes} = grid;
  const Q = nodes.length;
  const J = data.nItems;
  const layout = paramLayout(state);
  const K = layout.size;
  const tables = localTables(state, nodes);
  const {p} = tables;
  const gradient = new Float64Array(K);
  const hessian = full ? new Float64Array(K * K) : null;
  const vt = layout.varianceIndex >= 0 ? varianceTerms(nodes, state.variance) : null;
  const sharedSlope = layout.sharedSlopeIndex;
  const blocks: (Float64Array | null)[] = new Array(J).fill(null);
  let sharedHessian = 0;
  let sharedH = 0;
  if (hessian) fullRows(state, data, e, weight, Q, layout, tables, vt, gradient, hessian);
  else {
    // One flat array for all blocks (the per-cell loop then touches no per-item objects); each
    // item's block is handed out as a view of it.
    const flat = new Float64Array(J * p * p);
    const shared = blockRows(state, data, e, weight, Q, layout, tables, vt, gradient, flat);
    sharedHessian = shared.sharedHessian;
    sharedH = shared.sharedH;
    for (let j = 0; j < J; ++j) if (state.active[j]) blocks[j] = flat.subarray(j * p * p, (j + 1) * p * p);
  }
  if (!full && sharedSlope >= 0) {
    // Block mode keeps the shared 1PL slope's own entry (with its cross-item score covariance, from
    // the per-row sums above) and drops its cross terms with the intercepts.
    sharedHessian += sharedH;
    for (let j = 0; j < J; ++j) {
      const block = blocks[j];
      if (!block) continue;
      block[0] = block[1] = block[2] = 0;
    }
  }
  addPriorDerivatives(state, layout, priors, gradient, hessian, blocks, p);
  if (!full && sharedSlope >= 0) {
    const pa = slopeLogPrior(priors?.a, state.a[0]);
    sharedHessian += pa.d2;
  }
  return {layout, gradient, hessian, blocks, sharedHessian};
}

/** Full mode: per row, the Q×K matrix of complete-data scores and the exact Louis Hessian terms. */
function fullRows(
  state: EmState, data: PackedResponses, e: EStepResult, weight: Float64Array, Q: number, layout: ParamLayout,
  tables: LocalTables, vt: {s: Float64Array; h: Float64Array} | null, gradient: Float64Array, hessian: Float64Array
): void {
  const {nRows, nItems: J, x} = data;
  const {p, s, h} = tables;
  const K = layout.size;
  const index = layout.index;
  const S = new Float64Array(Q * K);
  const M = new Float64Array(K);
  for (let i = 0; i < nRows; ++i) {
    const wi = weight[i];
    if (wi === 0) continue;
    const post = e.post.subarray(i * Q, (i + 1) * Q);
    S.fill(0);
    const off = i * J;
    for (let j = 0; j < J; ++j) {
      if (!state.active[j]) continue;
      const y = x[off + j];
      if (y === MISSING) continue;
      const sy = s[y];
      const hOnly = h[y];
      const ib = j * p;
      for (let q = 0; q < Q; ++q) {
        const so = (q * J + j) * p;
        const row = q * K;
        for (let k = 0; k < p; ++k) S[row + index[ib + k]] += sy[so + k];
        // Σ_q p_q·h enters the Hessian directly (cross terms s·sᵀ are added from S below).
        const pq = wi * post[q];
        const ho = (q * J + j) * p * p;
        for (let k = 0; k < p; ++k) {
          for (let l = 0; l < p; ++l) hessian[index[ib + k] * K + index[ib + l]] += pq * hOnly[ho + k * p + l];
        }
      }
    }
    if (vt) {
      const vi = layout.varianceIndex;
      for (let q = 0; q < Q; ++q) {
        S[q * K + vi] += vt.s[q];
        hessian[vi * K + vi] += wi * post[q] * vt.h[q];
      }
    }
    M.fill(0);
    for (let q = 0; q < Q; ++q) {
      const pq = post[q];
      if (pq === 0) continue;
      const row = q * K;
      for (let k = 0; k < K; ++k) {
        const sk = S[row + k];
        if (sk === 0) continue;
        M[k] += pq * sk;
        const c = wi * pq * sk;
        for (let l = 0; l < K; ++l) hessian[k * K + l] += c * S[row + l];
      }
    }
    for (let k = 0; k < K; ++k) {
      gradient[k] += wi * M[k];
      for (let l = 0; l < K; ++l) hessian[k * K + l] -= wi * M[k] * M[l];
    }
  }
}

/**
 * Block mode: per item its p×p block (at flat[j·p² ..]) and, alone, the shared parameter (Rasch
 * variance or 1PL slope). This is the loop over every cell of a 10⁸-cell pool, so it works on flat
 * typed arrays only (no per-cell views or objects).
 */
function blockRows(
  state: EmState, data: PackedResponses, e: EStepResult, weight: Float64Array, Q: number, layout: ParamLayout,
  tables: LocalTables, vt: {s: Float64Array; h: Float64Array} | null, gradient: Float64Array, flat: Float64Array
): {sharedHessian: number; sharedH: number} {
  const {nRows, nItems: J, x} = data;
  const {p, s, hss, h} = tables;
  const index = layout.index;
  const sharedSlope = layout.sharedSlopeIndex;
  const sharedScore = new Float64Array(Q);
  const mLocal = new Float64Array(p);
  const pp = p * p;
  let sharedHessian = 0;
  let sharedH = 0;
  for (let i = 0; i < nRows; ++i) {
    const wi = weight[i];
    if (wi === 0) continue;
    const pi = i * Q;
    const post = e.post;
    // Skip nodes with negligible posterior mass (< 1e-15 each): with many items the posterior
    // occupies a handful of nodes, and their total contribution is below rounding error.
    let qLo = 0;
    let qHi = Q - 1;
    while (qLo < qHi && post[pi + qLo] < 1e-15) ++qLo;
    while (qHi > qLo && post[pi + qHi] < 1e-15) --qHi;
    sharedScore.fill(0);
    const off = i * J;
    for (let j = 0; j < J; ++j) {
      if (!state.active[j]) continue;
      const y = x[off + j];
      if (y === MISSING) continue;
      const sy = s[y];
      const hy = hss[y];
      const hOnly = h[y];
      const ib = j * p;
      const bo = j * pp;
      for (let k = 0; k < p; ++k) mLocal[k] = 0;
      for (let q = qLo; q <= qHi; ++q) {
        const pq = post[pi + q];
        const so = (q * J + j) * p;
        const ho = so * p;
        for (let k = 0; k < p; ++k) mLocal[k] += pq * sy[so + k];
        for (let k = 0; k < pp; ++k) flat[bo + k] += wi * pq * hy[ho + k];
        if (sharedSlope >= 0) {
          sharedScore[q] += sy[so];
          sharedH += wi * pq * hOnly[ho];
        }
      }
      for (let k = 0; k < p; ++k) {
        if (index[ib + k] !== sharedSlope) gradient[index[ib + k]] += wi * mLocal[k];
        for (let l = 0; l < p; ++l) flat[bo + k * p + l] -= wi * mLocal[k] * mLocal[l];
      }
    }
    // Shared parameter alone: Rasch variance (prior-only score) or the 1PL slope (sum over items).
    if (vt || sharedSlope >= 0) {
      let m = 0;
      let second = 0;
      for (let q = 0; q < Q; ++q) {
        const sc = vt ? vt.s[q] : sharedScore[q];
        m += post[pi + q] * sc;
        second += post[pi + q] * (sc * sc + (vt ? vt.h[q] : 0));
      }
      const gi = vt ? layout.varianceIndex : sharedSlope;
      gradient[gi] += wi * m;
      sharedHessian += wi * (second - m * m);
    }
  }
  return {sharedHessian, sharedH};
}

function addPriorDerivatives(
  state: EmState, layout: ParamLayout, priors: IrtPriors | undefined, gradient: Float64Array,
  hessian: Float64Array | null, blocks: (Float64Array | null)[], p: number
): void {
  if (!priors) return;
  const K = layout.size;
  const J = state.a.length;
  const add = (j: number, k: number, d1: number, d2: number): void => {
    const gi = layout.index[j * p + k];
    gradient[gi] += d1;
    if (hessian) hessian[gi * K + gi] += d2;
    else if (blocks[j]) blocks[j]![k * p + k] += d2;
  };
  for (let j = 0; j < J; ++j) {
    if (!state.active[j]) continue;
    if (state.model === "2pl" || state.model === "3pl") {
      const pa = slopeLogPrior(priors.a, state.a[j]);
      add(j, 0, pa.d1, pa.d2);
    }
    const dk = state.model === "rasch" ? 0 : 1;
    const pd = interceptLogPrior(priors.d, state.d[j]);
    add(j, dk, pd.d1, pd.d2);
    if (state.model === "3pl") {
      const pg = guessLogPrior(priors.g, state.g[j]);
      add(j, 2, pg.d1, pg.d2);
    }
  }
  if (state.model === "1pl" && hessian) {
    const pa = slopeLogPrior(priors.a, state.a[0]);
    const gi = layout.sharedSlopeIndex;
    gradient[gi] += pa.d1;
    hessian[gi * K + gi] += pa.d2;
  } else if (state.model === "1pl") {
    gradient[layout.sharedSlopeIndex] += slopeLogPrior(priors.a, state.a[0]).d1;
  }
}
