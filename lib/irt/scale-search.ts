/**
 * Latent-scale search for fitIrt (internal): escapes the local maxima that a coarse quadrature grid
 * puts along the two directions that stretch and shift the latent scale.
 *
 * On a fixed grid a respondent's marginal likelihood is Σ_q w_q·Π_j P_j(θ_q)^x·(1 − P_j(θ_q))^(1−x).
 * With many items the posterior of θ is much narrower than the node spacing (2,000 items: posterior
 * sd ≈ 0.05 against a spacing of 0.2), so each respondent's likelihood rests on one or two nodes.
 * Stretching the scale (a_j → s·a_j) or shifting it (d_j → d_j + c·a_j) moves the respondents across
 * the lattice of nodes, and the log-likelihood over (s, c) is a smooth trend plus ripples several
 * units deep: EM, or any gradient method, stops on whichever ripple it starts in. On the simulated
 * 1,000 × 2,000 2PL set (data/irt) plain EM stopped at −1,061,699.52 while L-BFGS from slopes 1 and
 * intercepts logit(p) stopped at −1,061,680.36 (EM started there stays there: the same objective, a
 * different local maximum). Both fits are about s = 0.91 apart in slope scale.
 *
 * The search evaluates the log-likelihood at every (s, c) of a grid, s = e^{k/50} (k = −8 … 4) and
 * c = m·h/8 (m = −4 … 3, one node spacing h), refines the best point twice by halving both steps, and
 * moves there when it beats (1, 0). fitIrt runs it once after a loose EM (tolerance 1e-3), then EM to
 * convergence, then repeats a local check (the 8 nearest grid neighbours) until nothing is higher.
 * On the 1,000 × 2,000 set it reaches −1,061,680.36 in 28 EM iterations instead of EM's 47; on its
 * first 500 rows −528,984.19 against L-BFGS's −528,985.36 (test/irt/simulated.test.ts). The search runs
 * only for the 2PL and 1PL on complete matrices whose posteriors are narrower than the node spacing
 * ({@link posteriorSpread}): with few items the likelihood along (s, c) is smooth, and fits are
 * unchanged; with missing cells an evaluation would cost a full E-step, and EM's optimum is kept.
 *
 * An evaluation reuses the per-row sums of slopes and intercepts over correct items (the E-step's
 * A_i, D_i), so it costs O(items × nodes + rows × a few nodes) instead of an E-step's O(rows × items).
 */
import {INTERCEPT_BOUND, SLOPE_BOUND, type EmState, type EStepResult} from "./em-state.js";
import {normalWeights} from "./quadrature.js";
import type {PackedResponses} from "./responses.js";
import {correctItemSums, sumLogOneMinusP} from "./e-step.js";

/**
 * Weighted mean posterior standard deviation of θ over the rows: √(Σ_q π_iq·θ_q² − m_i²), averaged
 * with the row weights (rows of weight 0 left out).
 */
export function posteriorSpread(e: EStepResult, nodes: Float64Array, weight: Float64Array): number {
  const Q = nodes.length;
  let total = 0;
  let sum = 0;
  for (let i = 0; i < weight.length; ++i) {
    const wi = weight[i];
    if (!(wi > 0)) continue;
    const off = i * Q;
    let m2 = 0;
    for (let q = 0; q < Q; ++q) m2 += e.post[off + q] * nodes[q] * nodes[q];
    const m = e.mean[i];
    sum += wi * Math.sqrt(Math.max(m2 - m * m, 0));
    total += wi;
  }
  return total > 0 ? sum / total : Infinity;
}

/**
 * The marginal log-likelihood at the transform (s, c) of {@link bestLatentTransform}, for a complete
 * matrix and a model without guessing. Row i's log-likelihood at node q is Σ_j log(1 − P_j(θ_q)) +
 * s·A_i·(θ_q + c) + D_i, with A_i and D_i the sums of a_j and d_j over its correct items (as in the
 * E-step), so the O(rows × items) sums are done once and an evaluation costs O(items × nodes +
 * rows × nodes); nodes more than 50 log-units below a row's largest term are skipped (e^−50 is below
 * rounding). Returns null for incomplete data.
 */
export function transformedLogLikelihood(
  state: EmState, data: PackedResponses, nodes: Float64Array, weight: Float64Array
): ((s: number, c: number) => number) | null {
  if (!data.complete) return null;
  const {nRows, nItems: J} = data;
  // Copies: the caller may change the state's parameters between evaluations.
  const a = state.a.slice();
  const d = state.d.slice();
  const {active} = state;
  const Q = nodes.length;
  const {rowA, rowD} = correctItemSums(state, data);
  const logPrior = normalWeights(nodes, 0, state.variance).map(Math.log);
  const base = new Float64Array(Q);
  const peak = new Int32Array(nRows).fill(Q >> 1);
  const as = new Float64Array(J);
  const ds = new Float64Array(J);
  return (s: number, c: number): number => {
    for (let j = 0; j < J; ++j) {
      as[j] = s * a[j];
      ds[j] = d[j] + c * as[j];
    }
    const sum = sumLogOneMinusP(as, ds, active, nodes);
    for (let q = 0; q < Q; ++q) base[q] = logPrior[q] + sum[q];
    // A row's log-likelihood over the nodes is concave in θ (a sum of concave terms), so its largest
    // term is found by walking uphill from where the previous evaluation had it, and the sum
    // stops on each side once the terms fall 50 log-units below it (e^−50 is below rounding).
    let logLik = 0;
    for (let i = 0; i < nRows; ++i) {
      const wi = weight[i];
      if (wi === 0) continue;
      const A = s * rowA[i];
      const D = rowD[i] + c * A;
      let q = peak[i];
      let v = base[q] + A * nodes[q] + D;
      while (q + 1 < Q) {
        const up = base[q + 1] + A * nodes[q + 1] + D;
        if (!(up > v)) break;
        v = up;
        ++q;
      }
      while (q > 0) {
        const down = base[q - 1] + A * nodes[q - 1] + D;
        if (!(down > v)) break;
        v = down;
        --q;
      }
      peak[i] = q;
      let sum = 1;
      for (let k = q + 1; k < Q; ++k) {
        const t = base[k] + A * nodes[k] + D - v;
        if (t < -50) break;
        sum += Math.exp(t);
      }
      for (let k = q - 1; k >= 0; --k) {
        const t = base[k] + A * nodes[k] + D - v;
        if (t < -50) break;
        sum += Math.exp(t);
      }
      logLik += wi * (v + Math.log(sum));
    }
    return logLik;
  };
}

/**
 * The transform (s, c), a_j → s·a_j and d_j → d_j + c·s·a_j (the latent scale stretched by s and
 * shifted by c), with the highest objective. c covers one node spacing h, [−h/2, h/2), in 8 steps; s
 * runs over e^{k/50}, k = −12 … 8 (0.79 to 1.17); the best grid point is then refined twice by halving
 * both steps (8 neighbours each). `objective(s, c)` is the log-posterior at the transform; `current`
 * its value at (1, 0). Returns (1, 0) when no transform is higher.
 */
export function bestLatentTransform(
  objective: (s: number, c: number) => number, current: number, spacing: number, local = false
): {scale: number; shift: number; objective: number} {
  let best = current;
  let bestLog = 0;
  let bestShift = 0;
  let ds = 0.02;
  let dc = spacing / 8;
  for (let k = -8; k <= 4 && !local; ++k) {
    for (let m = -4; m < 4; ++m) {
      if (k === 0 && m === 0) continue;
      const f = objective(Math.exp(k * ds), m * dc);
      if (f > best) {
        best = f;
        bestLog = k * ds;
        bestShift = m * dc;
      }
    }
  }
  for (let r = 0; r < (local ? 1 : 2); ++r) {
    if (!local) {
      ds /= 2;
      dc /= 2;
    }
    const l0 = bestLog;
    const c0 = bestShift;
    for (let u = -1; u <= 1; ++u) {
      for (let v = -1; v <= 1; ++v) {
        if (u === 0 && v === 0) continue;
        const f = objective(Math.exp(l0 + u * ds), c0 + v * dc);
        if (f > best) {
          best = f;
          bestLog = l0 + u * ds;
          bestShift = c0 + v * dc;
        }
      }
    }
  }
  return {scale: Math.exp(bestLog), shift: bestShift, objective: best};
}

/**
 * Moves `state` to the best latent transform (a wide search, or with `local` only the 8 neighbours
 * of the current point at the finest step) and says whether it moved. `logPrior()` is the log prior
 * density of the state's current parameters (0 without priors).
 */
export function moveToBestLatentTransform(
  state: EmState, data: PackedResponses, nodes: Float64Array, weight: Float64Array, logPrior: () => number, local: boolean
): boolean {
  const J = state.a.length;
  const a0 = state.a.slice();
  const d0 = state.d.slice();
  const transform = (s: number, c: number): void => {
    for (let j = 0; j < J; ++j) {
      state.a[j] = Math.max(-SLOPE_BOUND, Math.min(SLOPE_BOUND, s * a0[j]));
      state.d[j] = Math.max(-INTERCEPT_BOUND, Math.min(INTERCEPT_BOUND, d0[j] + c * state.a[j]));
    }
  };
  const fast = transformedLogLikelihood(state, data, nodes, weight);
  if (!fast) return false;
  const objective = (s: number, c: number): number => {
    transform(s, c);
    return fast(s, c) + logPrior();
  };
  const current = objective(1, 0);
  const best = bestLatentTransform(objective, current, nodes[1] - nodes[0], local);
  if (best.objective > current + 1e-9 * Math.abs(current)) {
    transform(best.scale, best.shift);
    return true;
  }
  state.a.set(a0);
  state.d.set(d0);
  return false;
}
