import {BenchstatsError} from "../core/errors.js";
import type {BattleDesign} from "./battles.js";
import {describeDiagnostics, diagnoseComparisons} from "./comparison-graph.js";

export interface LogisticFit {
  /** Natural-log strengths θ (mean 0) followed by the k covariate coefficients γ. */
  x: Float64Array;
  /** Weighted log-likelihood Σ w [y log σ(η) + (1−y) log σ(−η)] (unpenalised). */
  logLik: number;
  iterations: number;
}

/**
 * Maximises the Bradley–Terry log-likelihood with covariates by damped Newton steps:
 * η = θ_a − θ_b + γ·z, loss −Σ w [y log σ(η) + (1−y) log σ(−η)] + (α/2)‖(θ, γ)‖².
 * The gauge (a common shift of θ) is fixed by adding 𝟙𝟙ᵀ/n to the θ block of the Hessian, which
 * keeps every step centred. Converges when the largest step is below 1e-10.
 */
export function fitLogistic(
  d: BattleDesign,
  weight: Float64Array,
  alpha: number,
  start?: Float64Array,
  checkGraph = true,
): LogisticFit {
  const n = d.models.length;
  const k = d.covariates.length;
  const p = n + k;
  if (checkGraph && alpha === 0) checkWinGraph(d, weight);
  const x = start ? Float64Array.from(start) : new Float64Array(p);
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  const dz = new Float64Array(k);
  let loss = objective(d, weight, alpha, x);
  for (let iter = 1; iter <= 200; ++iter) {
    grad.fill(0);
    hess.fill(0);
    for (let r = 0; r < d.a.length; ++r) {
      const w = weight[r];
      if (w === 0) continue;
      const i = d.a[r];
      const j = d.b[r];
      const eta = linearPredictor(d, x, r);
      const s = sigmoid(eta);
      const g = w * (s - d.y[r]);
      const h = w * s * (1 - s);
      grad[i] += g;
      grad[j] -= g;
      hess[i * p + i] += h;
      hess[j * p + j] += h;
      hess[i * p + j] -= h;
      hess[j * p + i] -= h;
      for (let c = 0; c < k; ++c) {
        const zc = d.z[r * k + c];
        dz[c] = zc;
        grad[n + c] += g * zc;
        hess[i * p + n + c] += h * zc;
        hess[(n + c) * p + i] += h * zc;
        hess[j * p + n + c] -= h * zc;
        hess[(n + c) * p + j] -= h * zc;
      }
      for (let c = 0; c < k; ++c) for (let e = 0; e < k; ++e) hess[(n + c) * p + n + e] += h * dz[c] * dz[e];
    }
    for (let i = 0; i < p; ++i) {
      grad[i] += alpha * x[i];
      hess[i * p + i] += alpha;
    }
    for (let i = 0; i < n; ++i) for (let j = 0; j < n; ++j) hess[i * p + j] += 1 / n;
    const step = choleskySolve(hess, grad, p);
    const moved = dampedStep(x, step, loss, (next) => objective(d, weight, alpha, next));
    loss = moved.loss;
    if (moved.maxStep < 1e-10) {
      centre(x, n);
      return {x, logLik: -(loss - penalty(x, alpha)), iterations: iter};
    }
  }
  throw new BenchstatsError("convergence", "bradleyTerry: Newton iterations did not converge in 200 steps (separated data?); pass alpha > 0");
}

/**
 * One damped Newton step x ← x − t·step, halving t until the objective does not rise; updates x in
 * place and returns the new objective and the largest coordinate change.
 */
export function dampedStep(x: Float64Array, step: Float64Array, loss: number, objective: (x: Float64Array) => number): {loss: number; maxStep: number} {
  const p = x.length;
  let t = 1;
  const next = new Float64Array(p);
  let nextLoss = Infinity;
  for (let halvings = 0; halvings < 60; ++halvings) {
    for (let i = 0; i < p; ++i) next[i] = x[i] - t * step[i];
    nextLoss = objective(next);
    if (nextLoss <= loss + 1e-12 * Math.abs(loss)) break;
    t /= 2;
  }
  let maxStep = 0;
  for (let i = 0; i < p; ++i) maxStep = Math.max(maxStep, Math.abs(next[i] - x[i]));
  x.set(next);
  return {loss: nextLoss, maxStep};
}

/** η_r = θ_a − θ_b + γ·z_r of battle row r. */
export function linearPredictor(d: BattleDesign, x: Float64Array, r: number): number {
  const n = d.models.length;
  const k = d.covariates.length;
  let eta = x[d.a[r]] - x[d.b[r]];
  for (let c = 0; c < k; ++c) eta += x[n + c] * d.z[r * k + c];
  return eta;
}

/** Shifts the first n entries (the strengths) to mean 0. */
export function centre(x: Float64Array, n: number): void {
  let mean = 0;
  for (let i = 0; i < n; ++i) mean += x[i];
  mean /= n;
  for (let i = 0; i < n; ++i) x[i] -= mean;
}

/**
 * Throws `identifiability` unless the win graph of the battles with positive weight is strongly
 * connected (a tie is an edge both ways): otherwise some strength runs off to ±∞.
 */
export function checkWinGraph(d: BattleDesign, weight: Float64Array): void {
  const n = d.models.length;
  const from: number[] = [];
  const to: number[] = [];
  for (let r = 0; r < d.a.length; ++r) {
    if (!(weight[r] > 0)) continue;
    if (d.y[r] > 0) from.push(d.b[r]), to.push(d.a[r]);
    if (d.y[r] < 1) from.push(d.a[r]), to.push(d.b[r]);
  }
  const diag = diagnoseComparisons(n, from, to);
  if (!diag.stronglyConnected && n > 1) {
    throw new BenchstatsError("identifiability", `bradleyTerry: ${describeDiagnostics(diag, (i) => d.models[i])}; pass alpha > 0 for a regularised fit`);
  }
}

export function sigmoid(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function penalty(x: Float64Array, alpha: number): number {
  if (alpha === 0) return 0;
  let s = 0;
  for (let i = 0; i < x.length; ++i) s += x[i] * x[i];
  return (alpha / 2) * s;
}

function objective(d: BattleDesign, weight: Float64Array, alpha: number, x: Float64Array): number {
  const n = d.models.length;
  const k = d.covariates.length;
  let loss = 0;
  for (let r = 0; r < d.a.length; ++r) {
    const w = weight[r];
    if (w === 0) continue;
    const eta = linearPredictor(d, x, r);
    const y = d.y[r];
    // −[y log σ(η) + (1−y) log σ(−η)] = y·softplus(−η) + (1−y)·softplus(η)
    loss += w * (y * softplus(-eta) + (1 - y) * softplus(eta));
  }
  return loss + penalty(x, alpha);
}

/** Solves A x = b for symmetric positive-definite A (p×p, row-major) by Cholesky. */
export function choleskySolve(A: Float64Array, b: Float64Array, p: number, fn = "bradleyTerry"): Float64Array {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; ++i) {
    for (let j = 0; j <= i; ++j) {
      let s = A[i * p + j];
      for (let m = 0; m < j; ++m) s -= L[i * p + m] * L[j * p + m];
      if (i === j) {
        if (!(s > 0)) throw new BenchstatsError("identifiability", `${fn}: the Hessian is singular (a model or covariate is not identified)`);
        L[i * p + i] = Math.sqrt(s);
      } else L[i * p + j] = s / L[j * p + j];
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; ++i) {
    let s = b[i];
    for (let m = 0; m < i; ++m) s -= L[i * p + m] * y[m];
    y[i] = s / L[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; --i) {
    let s = y[i];
    for (let m = i + 1; m < p; ++m) s -= L[m * p + i] * x[m];
    x[i] = s / L[i * p + i];
  }
  return x;
}
