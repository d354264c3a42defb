/**
 * E-step of the EM engine behind fitIrt, and the M-step's sufficient statistics (internal).
 *
 * For every respondent the log-likelihood at each of the Q quadrature nodes is a sum of per-item
 * log-probabilities. For logistic models without guessing, Σ_{j correct} (a_j·θ_q + d_j) =
 * θ_q·A_i + D_i with A_i = Σ a_j and D_i = Σ d_j over the items answered correctly, and
 * Σ_{j observed} log(1 − P_j(θ_q)) is one Q-vector shared by all rows, less the row's missing items,
 * so a 2PL E-step costs O(N·J + J·Q + N·Q + missing cells·Q) instead of O(N·J·Q). Everything runs on
 * the byte matrix and typed arrays, without per-cell index lists or objects: at 10⁸ cells those
 * would cost more memory than the matrix itself.
 */
import {logistic, softplus} from "../core/logistic.js";
import {isLinear, type EmState, type EStepResult, type Grid, type MStats} from "./em-state.js";
import {normalWeights} from "./quadrature.js";
import {columnSums, correctBits, rowSums} from "./correct-bits.js";
import {MISSING, type PackedResponses} from "./responses.js";

/**
 * log(1 − P_jq) for every item and node (`lp0`, only when some cell is missing: complete data need
 * just their sum over the items, `base`), and (3PL) log P_jq − log(1 − P_jq).
 */
function nodeLogProbabilities(
  state: EmState, nodes: Float64Array, complete: boolean
): {lp0: Float64Array; diff: Float64Array | null; base: Float64Array} {
  const {a, d, g, active} = state;
  const J = a.length;
  const Q = nodes.length;
  const linear = isLinear(state.model);
  if (linear && complete) return {lp0: new Float64Array(0), diff: null, base: sumLogOneMinusP(a, d, active, nodes)};
  const lp0 = new Float64Array(J * Q);
  const base = new Float64Array(Q);
  const diff = linear ? null : new Float64Array(J * Q);
  for (let j = 0; j < J; ++j) {
    if (!active[j]) continue;
    const aj = a[j];
    const dj = d[j];
    const off = j * Q;
    if (linear) {
      // log(1 − σ(z)) = −log(1 + e^z); e^{a·x_q + d} follows a geometric progression over the
      // equally spaced nodes, which saves one exp per node (recomputed exactly every 8 nodes).
      const step = Q > 1 ? Math.exp(aj * (nodes[1] - nodes[0])) : NaN;
      const fast = step > 1e-8 && step < 1e8;
      let ez = NaN;
      for (let q = 0; q < Q; ++q) {
        const z = aj * nodes[q] + dj;
        let v: number;
        if (!fast || z > 30 || z < -30) {
          v = -softplus(z);
          ez = NaN;
        } else {
          ez = (q & 7) === 0 || Number.isNaN(ez) ? Math.exp(z) : ez * step;
          v = -Math.log1p(ez);
        }
        lp0[off + q] = v;
        base[q] += v;
      }
    } else {
      const gj = g[j];
      const log1mg = Math.log1p(-gj);
      for (let q = 0; q < Q; ++q) {
        const z = aj * nodes[q] + dj;
        const v = log1mg - softplus(z);
        const p = gj + (1 - gj) * logistic(z);
        lp0[off + q] = v;
        diff![off + q] = Math.log(p) - v;
        base[q] += v;
      }
    }
  }
  return {lp0, diff, base};
}

/**
 * Σ_j log(1 − P_j(θ_q)) = −Σ_j log(1 + e^{a_j·θ_q + d_j}) over the active items, at every node, for
 * the logistic models without guessing. The factors 1 + e^z are multiplied per node and the product's
 * log taken when it nears the top of the double range (each factor is at most 1 + e³⁰) and once at
 * the end: one log per node and ~20 items instead of a log1p per item and node, with the rounding of a
 * sum of logs (e^{a·θ + d} runs as a geometric progression over the equally spaced nodes, recomputed
 * exactly every 8). |z| > 30 and uneven grids take softplus term by term.
 */
export function sumLogOneMinusP(a: Float64Array, d: Float64Array, active: Uint8Array, nodes: Float64Array): Float64Array {
  const Q = nodes.length;
  const base = new Float64Array(Q);
  const product = new Float64Array(Q).fill(1);
  for (let j = 0; j < a.length; ++j) {
    if (!active[j]) continue;
    const aj = a[j];
    const dj = d[j];
    const step = Q > 1 ? Math.exp(aj * (nodes[1] - nodes[0])) : NaN;
    const fast = step > 1e-8 && step < 1e8;
    let ez = NaN;
    for (let q = 0; q < Q; ++q) {
      const z = aj * nodes[q] + dj;
      if (!fast || z > 30 || z < -30) {
        base[q] -= softplus(z);
        ez = NaN;
      } else {
        ez = (q & 7) === 0 || Number.isNaN(ez) ? Math.exp(z) : ez * step;
        const p = (product[q] *= 1 + ez);
        if (p > 1e250) {
          base[q] -= Math.log(p);
          product[q] = 1;
        }
      }
    }
  }
  for (let q = 0; q < Q; ++q) base[q] -= Math.log(product[q]);
  return base;
}

/**
 * E-step: posterior over the nodes for every row, and the marginal log-likelihood.
 *
 * Each row's log-likelihood at the nodes is built in its slot of `post`: the sum of log(1 − P_jq)
 * over all items (one shared Q-vector), minus the items the row did not answer, plus the
 * correct-response terms. The missing items are taken out item by item, from per-item lists, so
 * that item j's Q-vector stays in cache while the (small) N×Q table takes the updates; per row the
 * subtractions still run in ascending item order.
 */
export function eStep(state: EmState, data: PackedResponses, grid: Grid, weight: Float64Array): EStepResult {
  const {nodes} = grid;
  const Q = nodes.length;
  const {nRows, nItems: J, rowMissing, itemMissStart, itemMissIdx, x} = data;
  const {active} = state;
  const linear = isLinear(state.model);
  const {lp0, diff, base} = nodeLogProbabilities(state, nodes, data.complete);
  const prior = normalWeights(nodes, 0, state.variance);
  const logPrior = new Float64Array(Q);
  for (let q = 0; q < Q; ++q) logPrior[q] = Math.log(prior[q]);
  const post = new Float64Array(nRows * Q);
  const mean = new Float64Array(nRows);
  const nq = new Float64Array(Q);
  // Rows missing more than half of the items sum over their observed items instead.
  const dense = (i: number): boolean => rowMissing[i] > J / 2;
  for (let i = 0; i < nRows; ++i) {
    if (weight[i] === 0) continue;
    const L = post.subarray(i * Q, (i + 1) * Q);
    if (!dense(i)) {
      L.set(base);
      continue;
    }
    const off = i * J;
    for (let j = 0; j < J; ++j) {
      if (x[off + j] === MISSING) continue;
      const o = j * Q;
      for (let q = 0; q < Q; ++q) L[q] += lp0[o + q];
    }
  }
  for (let j = 0; j < J; ++j) {
    const o = j * Q;
    for (let k = itemMissStart[j]; k < itemMissStart[j + 1]; ++k) {
      const i = itemMissIdx[k];
      if (weight[i] === 0 || dense(i)) continue;
      const r = i * Q;
      for (let q = 0; q < Q; ++q) post[r + q] -= lp0[o + q];
    }
  }
  const sums = linear ? correctItemSums(state, data) : null;
  let logLik = 0;
  for (let i = 0; i < nRows; ++i) {
    const wi = weight[i];
    if (wi === 0) continue;
    const L = post.subarray(i * Q, (i + 1) * Q);
    const rowOff = i * J;
    if (linear) {
      const A = sums!.rowA[i];
      const D = sums!.rowD[i];
      for (let q = 0; q < Q; ++q) L[q] += A * nodes[q] + D;
    } else {
      for (let j = 0; j < J; ++j) {
        if (x[rowOff + j] !== 1 || !active[j]) continue;
        const o = j * Q;
        for (let q = 0; q < Q; ++q) L[q] += diff![o + q];
      }
    }
    let max = -Infinity;
    for (let q = 0; q < Q; ++q) {
      const v = (L[q] += logPrior[q]);
      if (v > max) max = v;
    }
    let sum = 0;
    const off = i * Q;
    // With many items a row's posterior is narrow: far from its peak e^{L − max} underflows to exactly
    // 0 (below −746), so those nodes skip the exponential and the loops below (the same bits).
    let lo = Q;
    let hi = -1;
    for (let q = 0; q < Q; ++q) {
      const t = L[q] - max;
      if (t < -746) {
        post[off + q] = 0;
        continue;
      }
      sum += post[off + q] = Math.exp(t);
      if (q < lo) lo = q;
      hi = q;
    }
    const inv = 1 / sum;
    let m = 0;
    for (let q = lo; q <= hi; ++q) {
      const p = (post[off + q] *= inv);
      m += p * nodes[q];
      nq[q] += wi * p;
    }
    mean[i] = m;
    logLik += wi * (max + Math.log(sum));
  }
  return {logLik, post, mean, nq};
}

/**
 * Per row, the sums of the slopes (A_i) and intercepts (D_i) of the active items it answered
 * correctly, through the packed bits (correct-bits.ts: a fixed order of sums, so results do not
 * depend on how the matrix was given).
 */
export function correctItemSums(state: EmState, data: PackedResponses): {rowA: Float64Array; rowD: Float64Array} {
  const {a, d, active} = state;
  const J = data.nItems;
  const aActive = new Float64Array(J);
  const dActive = new Float64Array(J);
  for (let j = 0; j < J; ++j) {
    if (!active[j]) continue;
    aActive[j] = a[j];
    dActive[j] = d[j];
  }
  const bits = correctBits(data);
  const table = new Float64Array(bits.groups * 256);
  const rowA = new Float64Array(data.nRows);
  const rowD = new Float64Array(data.nRows);
  rowSums(bits, aActive, rowA, table);
  rowSums(bits, dActive, rowD, table);
  return {rowA, rowD};
}

/**
 * Sufficient statistics for the M-step from an E-step. Every sum runs over rows in ascending order
 * for each item (so the figures are the same however the work is arranged), reading the byte matrix
 * row by row, which is how it lies in memory.
 */
export function mStats(state: EmState, data: PackedResponses, e: EStepResult, Q: number, weight: Float64Array): MStats {
  const {nRows, nItems: J, x} = data;
  const {active} = state;
  const njq = data.complete ? null : observedNodeMass(state, data, e, Q, weight);
  let s1: Float64Array | null = null;
  let rjq: Float64Array | null = null;
  if (state.model === "1pl" || state.model === "2pl") {
    // (Rasch needs no s1: its slopes are fixed and the variance step uses N_q only.)
    s1 = new Float64Array(J);
    const u = new Float64Array(nRows);
    for (let i = 0; i < nRows; ++i) if (weight[i] !== 0) u[i] = weight[i] * e.mean[i];
    columnSums(correctBits(data), u, s1);
  } else if (state.model === "3pl") {
    rjq = new Float64Array(J * Q);
    for (let i = 0; i < nRows; ++i) {
      const wi = weight[i];
      if (wi === 0) continue;
      const off = i * J;
      const pi = i * Q;
      for (let j = 0; j < J; ++j) {
        if (x[off + j] !== 1 || !active[j]) continue;
        const o = j * Q;
        for (let q = 0; q < Q; ++q) rjq[o + q] += wi * e.post[pi + q];
      }
    }
  }
  return {nq: e.nq, njq, s1, rjq};
}

/**
 * n_jq = Σ_{i observed on j} w_i·p_iq for every active item. Summed directly that costs
 * O(observed cells · Q) per EM step (6·10⁹ at 10⁸ cells): instead, an item missing in fewer rows
 * than it is observed in gets N_q − Σ_{i missing on j} w_i·p_iq, which costs O(missing cells · Q).
 * The difference is exact up to rounding (≈ 1e-16·N_q); tiny negative remainders are set to 0.
 */
function observedNodeMass(state: EmState, data: PackedResponses, e: EStepResult, Q: number, weight: Float64Array): Float64Array {
  const {nRows, nItems: J, x, itemMissStart, itemMissIdx} = data;
  const {active} = state;
  const njq = new Float64Array(J * Q);
  const complement = new Uint8Array(J);
  let anyDirect = false;
  // Per row, the nodes with nonzero posterior: with many items the posterior underflows to exactly 0
  // away from a few nodes, and subtracting exact zeros would change nothing.
  const lo = new Int32Array(nRows);
  const hi = new Int32Array(nRows);
  for (let i = 0; i < nRows; ++i) {
    const pi = i * Q;
    let l = 0;
    let h = Q - 1;
    while (l < h && e.post[pi + l] === 0) ++l;
    while (h > l && e.post[pi + h] === 0) --h;
    lo[i] = l;
    hi[i] = h;
  }
  for (let j = 0; j < J; ++j) {
    if (!active[j]) continue;
    if (2 * (itemMissStart[j + 1] - itemMissStart[j]) >= nRows) {
      anyDirect = true;
      continue;
    }
    complement[j] = 1;
    const o = j * Q;
    njq.set(e.nq, o);
    for (let k = itemMissStart[j]; k < itemMissStart[j + 1]; ++k) {
      const i = itemMissIdx[k];
      const wi = weight[i];
      if (wi === 0) continue;
      const pi = i * Q;
      for (let q = lo[i]; q <= hi[i]; ++q) njq[o + q] -= wi * e.post[pi + q];
    }
    for (let q = 0; q < Q; ++q) if (njq[o + q] < 0) njq[o + q] = 0;
  }
  if (!anyDirect) return njq;
  for (let i = 0; i < nRows; ++i) {
    const wi = weight[i];
    if (wi === 0) continue;
    const pi = i * Q;
    const off = i * J;
    for (let j = 0; j < J; ++j) {
      if (!active[j] || complement[j] || x[off + j] === MISSING) continue;
      const o = j * Q;
      for (let q = 0; q < Q; ++q) njq[o + q] += wi * e.post[pi + q];
    }
  }
  return njq;
}

/** Weighted number of correct responses per item (rows in ascending order). */
export function correctCounts(data: PackedResponses, weight: Float64Array): Float64Array {
  const {nRows, nItems: J, x} = data;
  const out = new Float64Array(J);
  for (let i = 0; i < nRows; ++i) {
    const wi = weight[i];
    const off = i * J;
    for (let j = 0; j < J; ++j) if (x[off + j] === 1) out[j] += wi;
  }
  return out;
}
