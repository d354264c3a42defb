import {numbersArg, optionsArg} from "../core/check.js";
import {modelRowsArg} from "./judge-checks.js";
import {BenchstatsError} from "../core/errors.js";
import {solveSpd} from "../core/linear-algebra.js";
import {logistic, softplus} from "../core/logistic.js";
import {newtonMinimise} from "../core/newton.js";

/** Judge preferences of several models against one baseline on the same instructions (models × items). */
export interface LengthControlInput {
  models: readonly string[];
  /** Preference for the row's model over the baseline, in [0, 1] (AlpacaEval's `preference − 1`); NaN = not judged. */
  preference: readonly ArrayLike<number>[];
  /** Output length of the row's model per instruction (characters); needed wherever a preference is given. */
  length: readonly ArrayLike<number>[];
  /** The baseline's output length per instruction. */
  baselineLength: ArrayLike<number>;
}

export interface LengthControlOptions {
  /** The row that is the baseline judged against itself: its LC win rate is 50 by construction (as upstream). */
  baseline?: string;
  /** Fixed instruction difficulty per item (skips the joint fit), e.g. AlpacaEval's published one. */
  difficulty?: ArrayLike<number>;
  /** Ridge penalty (α/2)Σγ² of the joint difficulty fit; fixes its gauge. Default 1e-3. */
  alpha?: number;
  /**
   * Quadratic penalty (weight/2)(w_len − mean)² on each model's length weight — a stand-in for upstream's
   * regularisation toward two "gamed" baselines (their rows are not public). Default: none.
   */
  lengthPrior?: {mean: number; weight: number};
}

export interface LengthControlledRow {
  model: string;
  /** Raw win rate: 100 · mean preference. */
  winRate: number;
  /** Length-controlled win rate: 100 · mean σ(w_diff·γ_x + w_m), the length term set to zero. */
  lcWinRate: number;
  /** Instructions judged. */
  n: number;
  /** The model's GLM weights (all 0 for the baseline). */
  weights: {length: number; difficulty: number; intercept: number};
  /** SD of (baseline length − model length) that standardises the length term. */
  lengthSd: number;
}

/**
 * AlpacaEval 2's length-controlled win rate (Dubois, Galambosi, Liang & Hashimoto 2024, "Length-Controlled
 * AlpacaEval"). With p_mx the judge's preference for model m over the baseline on instruction x,
 * Δ_mx = (len_baseline,x − len_mx)/sd_m (sd_m the sample SD over m's instructions) and γ_x the
 * instruction difficulty, each model gets a logistic GLM with soft targets
 *
 *   logit p_mx = w_len·tanh(Δ_mx) + w_diff·γ_x + w_m,
 *
 * and its LC win rate is 100 · mean_x σ(w_diff·γ_x + w_m): the predicted preference had both answers the
 * same length. The instruction difficulty is estimated once, jointly over all models (as upstream's
 * notebook does): logit p_mx = b_m + φ_m·tanh(Δ_mx) + γ_x, with a small ridge on γ; Newton steps
 * eliminate the diagonal γ block (Schur complement), so 58 models × 805 instructions take ~10 steps.
 *
 * Differences from upstream `glm_winrate.py`, which are what the report measures: upstream uses a
 * difficulty fitted on its own (larger) model set, fits each model with L1-penalised, cross-validated
 * liblinear, and adds the rows of two length-gamed baseline variants at weight 0.1 each, which pulls
 * every length weight toward theirs (≈ −1.6). Without those rows a model that games length
 * (`gpt4_gamed`) gets a steep length weight and a high LC; `lengthPrior` approximates them.
 * Checked against scipy + statsmodels on the bundled matrices (test/fixtures/judges/alpaca-lc.json).
 *
 * @example
 * const lc = lengthControlledWinRate({models, preference, length, baselineLength}, {baseline: "gpt4_1106_preview"});
 * lc.models.find((r) => r.model === "NullModel"); // {winRate: 76.9, lcWinRate: 84.6, …}
 */
export function lengthControlledWinRate(input: LengthControlInput, options: LengthControlOptions = {}): {models: LengthControlledRow[]; difficulty: Float64Array} {
  modelRowsArg(input, ["preference", "length"], "lengthControlledWinRate");
  numbersArg(input.baselineLength, "input.baselineLength", "lengthControlledWinRate");
  options = optionsArg(options, "lengthControlledWinRate");
  const {models, preference, length, baselineLength} = input;
  const M = models.length;
  const I = baselineLength.length;
  if (preference.length !== M || length.length !== M) {
    throw new BenchstatsError("shape", `lengthControlledWinRate: ${M} models but ${preference.length} preference rows and ${length.length} length rows`);
  }
  if (M === 0 || I === 0) throw new BenchstatsError("empty", "lengthControlledWinRate: no models or no instructions");
  for (let x = 0; x < I; ++x) {
    if (!(baselineLength[x] >= 0 && baselineLength[x] < Infinity)) {
      throw new BenchstatsError("missing", `lengthControlledWinRate: the baseline length of instruction ${x} must be a finite number ≥ 0, got ${baselineLength[x]}`, {field: "baselineLength", column: x});
    }
  }
  if (options.baseline !== undefined && !models.includes(options.baseline)) {
    throw new BenchstatsError("range", `lengthControlledWinRate: baseline ${JSON.stringify(options.baseline)} is not one of the ${M} models`, {field: "baseline"});
  }
  const alpha = options.alpha ?? 1e-3;
  if (!(alpha > 0)) throw new BenchstatsError("option", `lengthControlledWinRate: alpha must be > 0, got ${alpha}`, {field: "alpha"});
  const prior = options.lengthPrior;
  if (prior && !(Number.isFinite(prior.mean) && prior.weight >= 0)) {
    throw new BenchstatsError("option", "lengthControlledWinRate: lengthPrior needs a finite mean and a weight ≥ 0", {field: "lengthPrior"});
  }
  // Rows: observed preference, tanh of the standardised length difference.
  const rows = models.map((model, m) => prepareModel(model, m, preference[m], length[m], baselineLength));
  const fitted = rows.filter((r) => r.model !== options.baseline && r.sd > 0);
  let difficulty: Float64Array;
  if (options.difficulty) {
    if (options.difficulty.length !== I) throw new BenchstatsError("shape", `lengthControlledWinRate: ${options.difficulty.length} difficulties for ${I} instructions`, {field: "difficulty"});
    difficulty = Float64Array.from(options.difficulty);
    if (difficulty.some((v) => !Number.isFinite(v))) throw new BenchstatsError("range", "lengthControlledWinRate: difficulty must be finite", {field: "difficulty"});
  } else difficulty = jointDifficulty(fitted, I, alpha);

  const out: LengthControlledRow[] = rows.map((r) => {
    const winRate = (100 * r.y.reduce((s, v) => s + v, 0)) / r.y.length;
    if (r.model === options.baseline) return {model: r.model, winRate, lcWinRate: 50, n: r.y.length, weights: {length: 0, difficulty: 0, intercept: 0}, lengthSd: r.sd};
    const g = Float64Array.from(r.items, (x) => difficulty[x]);
    const w = fitModel(r.y, r.sd > 0 ? r.t : null, g, prior);
    let lc = 0;
    for (let i = 0; i < g.length; ++i) lc += logistic(w[1] * g[i] + w[2]);
    return {model: r.model, winRate, lcWinRate: (100 * lc) / g.length, n: r.y.length, weights: {length: w[0], difficulty: w[1], intercept: w[2]}, lengthSd: r.sd};
  });
  return {models: out, difficulty};
}

interface ModelRows {
  model: string;
  items: Int32Array;
  y: Float64Array;
  t: Float64Array;
  sd: number;
}

function prepareModel(model: string, m: number, pref: ArrayLike<number>, len: ArrayLike<number>, base: ArrayLike<number>): ModelRows {
  const I = base.length;
  if (pref.length !== I || len.length !== I) {
    throw new BenchstatsError("shape", `lengthControlledWinRate: model ${model} has ${pref.length} preferences and ${len.length} lengths for ${I} instructions`, {row: m});
  }
  const items: number[] = [];
  const delta: number[] = [];
  const y: number[] = [];
  for (let x = 0; x < I; ++x) {
    const p = pref[x];
    if (Number.isNaN(p)) continue;
    if (!(p >= 0 && p <= 1)) throw new BenchstatsError("range", `lengthControlledWinRate: preference of ${model} on instruction ${x} must be in [0, 1], got ${p}`, {row: m, column: x});
    const l = len[x];
    if (!(l >= 0 && l < Infinity)) throw new BenchstatsError("missing", `lengthControlledWinRate: ${model} has a preference but no output length on instruction ${x} (got ${l})`, {row: m, column: x});
    items.push(x);
    delta.push(base[x] - l);
    y.push(p);
  }
  if (y.length < 2) throw new BenchstatsError("empty", `lengthControlledWinRate: model ${model} has ${y.length} judged instructions; need at least 2`, {row: m});
  const mean = delta.reduce((s, v) => s + v, 0) / delta.length;
  const sd = Math.sqrt(delta.reduce((s, v) => s + (v - mean) ** 2, 0) / (delta.length - 1));
  const t = Float64Array.from(delta, (d) => (sd > 0 ? Math.tanh(d / sd) : 0));
  return {model, items: Int32Array.from(items), y: Float64Array.from(y), t, sd};
}

/** Soft-target logistic loss Σ softplus(η) − yη of one row. */
function rowLoss(eta: number, y: number): number {
  return softplus(eta) - y * eta;
}

/**
 * Joint fit logit p_mx = b_m + φ_m t_mx + γ_x (+ ridge α on γ) by Newton steps; the γ block of the
 * Hessian is diagonal, so each step solves the 2M × 2M Schur complement and back-substitutes γ.
 */
function jointDifficulty(rows: readonly ModelRows[], I: number, alpha: number): Float64Array {
  const M = rows.length;
  const q = 2 * M;
  const z = new Float64Array(q + I);
  const objective = (v: Float64Array): number => {
    let loss = 0;
    rows.forEach((r, m) => {
      for (let i = 0; i < r.y.length; ++i) loss += rowLoss(v[m] + v[M + m] * r.t[i] + v[q + r.items[i]], r.y[i]);
    });
    for (let x = 0; x < I; ++x) loss += (alpha / 2) * v[q + x] ** 2;
    return loss;
  };
  const grad = new Float64Array(q + I);
  const A = new Float64Array(q * q);
  const D = new Float64Array(I);
  // C as per-item columns: for item x, the entries (b_m, φ_m) of the models that judged it.
  const C = new Float64Array(I * q);
  const newtonStep = (z: Float64Array): Float64Array => {
    grad.fill(0);
    A.fill(0);
    C.fill(0);
    for (let x = 0; x < I; ++x) {
      D[x] = alpha;
      grad[q + x] = alpha * z[q + x];
    }
    rows.forEach((r, m) => {
      for (let i = 0; i < r.y.length; ++i) {
        const x = r.items[i];
        const t = r.t[i];
        const s = logistic(z[m] + z[M + m] * t + z[q + x]);
        const g = s - r.y[i];
        const h = s * (1 - s);
        grad[m] += g;
        grad[M + m] += g * t;
        grad[q + x] += g;
        A[m * q + m] += h;
        A[m * q + M + m] += h * t;
        A[(M + m) * q + M + m] += h * t * t;
        D[x] += h;
        C[x * q + m] = h;
        C[x * q + M + m] = h * t;
      }
    });
    for (let m = 0; m < M; ++m) A[(M + m) * q + m] = A[m * q + M + m];
    // Schur complement S = A − C D⁻¹ Cᵀ and right-hand side g_u − C D⁻¹ g_γ.
    const rhs = grad.slice(0, q);
    for (let x = 0; x < I; ++x) {
      const col = C.subarray(x * q, (x + 1) * q);
      const inv = 1 / D[x];
      for (let a = 0; a < q; ++a) {
        if (col[a] === 0) continue;
        rhs[a] -= col[a] * inv * grad[q + x];
        const ca = col[a] * inv;
        for (let b = 0; b < q; ++b) if (col[b] !== 0) A[a * q + b] -= ca * col[b];
      }
    }
    const du = solveSpd(A, rhs, q, "lengthControlledWinRate");
    const step = new Float64Array(q + I);
    step.set(du);
    for (let x = 0; x < I; ++x) {
      let s = grad[q + x];
      for (let a = 0; a < q; ++a) s -= C[x * q + a] * du[a];
      step[q + x] = s / D[x];
    }
    return step;
  };
  const run = newtonMinimise(z, newtonStep, objective, {maxIterations: 100, tolerance: 1e-10, maxTrials: 60, slack: 1e-12, value: objective(z)});
  if (run.stop !== "iterations") return z.slice(q);
  throw new BenchstatsError("convergence", "lengthControlledWinRate: the joint instruction-difficulty fit did not converge in 100 Newton steps");
}

/** Per-model GLM (w_len, w_diff, w_m) by Newton; without a length term (t = null) w_len stays 0. */
function fitModel(y: Float64Array, t: Float64Array | null, g: Float64Array, prior?: {mean: number; weight: number}): Float64Array {
  const n = y.length;
  const cols = t ? [t, g, null] : [g, null];
  const p = cols.length;
  const feature = (c: number, i: number): number => (cols[c] === null ? 1 : cols[c]![i]);
  const lam = t && prior ? prior.weight : 0;
  const mu = prior?.mean ?? 0;
  const w = new Float64Array(p);
  const objective = (v: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < n; ++i) {
      let eta = 0;
      for (let c = 0; c < p; ++c) eta += v[c] * feature(c, i);
      loss += rowLoss(eta, y[i]);
    }
    return loss + (lam / 2) * (v[0] - mu) ** 2;
  };
  const newtonStep = (w: Float64Array): Float64Array => {
    const grad = new Float64Array(p);
    const hess = new Float64Array(p * p);
    for (let i = 0; i < n; ++i) {
      let eta = 0;
      for (let c = 0; c < p; ++c) eta += w[c] * feature(c, i);
      const s = logistic(eta);
      for (let a = 0; a < p; ++a) {
        grad[a] += (s - y[i]) * feature(a, i);
        for (let b = 0; b < p; ++b) hess[a * p + b] += s * (1 - s) * feature(a, i) * feature(b, i);
      }
    }
    grad[0] += lam * (w[0] - mu);
    hess[0] += lam;
    return solveSpd(hess, grad, p, "lengthControlledWinRate");
  };
  const run = newtonMinimise(w, newtonStep, objective, {maxIterations: 100, tolerance: 1e-11, maxTrials: 60, slack: 1e-12, value: objective(w)});
  if (run.stop !== "iterations") return t ? w : Float64Array.of(0, w[0], w[1]);
  throw new BenchstatsError("convergence", "lengthControlledWinRate: a model's GLM did not converge in 100 Newton steps");
}
