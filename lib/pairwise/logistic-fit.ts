import {BenchstatsError} from "../core/errors.js";
import {solveSpd} from "../core/linear-algebra.js";
import {logistic, softplus} from "../core/logistic.js";
import {newtonMinimise} from "../core/newton.js";
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
  const addRows = (x: Float64Array, grad: Float64Array, hess: Float64Array): void => {
    for (let r = 0; r < d.a.length; ++r) {
      const w = weight[r];
      if (w === 0) continue;
      const s = logistic(linearPredictor(d, x, r));
      addDesignRow(d, r, w * (s - d.y[r]), w * s * (1 - s), grad, hess, p);
    }
  };
  const fit = newtonOnDesign(d, alpha, x, p, addRows, (x) => objective(d, weight, alpha, x), "bradleyTerry", 200);
  return {x, logLik: -(fit.loss - penalty(x, alpha)), iterations: fit.iterations};
}

/**
 * The damped Newton loop shared by the logistic and tie-model fits of a battle design: minimises
 * `loss` over x (θ, γ and any extra parameters, p in all) from `x`, updated in place. `addRows`
 * adds every battle's gradient and Hessian of the loss; this adds the ridge α on the first n + k
 * entries and the gauge 𝟙𝟙ᵀ/n on the θ block, solves for the Newton step ({@link solveSpd}) and
 * halves it until the loss does not rise ({@link newtonMinimise}, relative slack 1e-12, 60 trials). Converges when the largest step is below 1e-10; returns the loss and iterations, θ
 * centred to mean 0; throws `convergence` after `maxIterations`.
 */
export function newtonOnDesign(
  d: BattleDesign,
  alpha: number,
  x: Float64Array,
  p: number,
  addRows: (x: Float64Array, grad: Float64Array, hess: Float64Array) => void,
  loss: (x: Float64Array) => number,
  fn: string,
  maxIterations: number,
): {loss: number; iterations: number} {
  const n = d.models.length;
  const ridged = n + d.covariates.length;
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  const newtonStep = (x: Float64Array): Float64Array => {
    grad.fill(0);
    hess.fill(0);
    addRows(x, grad, hess);
    for (let i = 0; i < ridged; ++i) {
      grad[i] += alpha * x[i];
      hess[i * p + i] += alpha;
    }
    for (let i = 0; i < n; ++i) for (let j = 0; j < n; ++j) hess[i * p + j] += 1 / n;
    return solveSpd(hess, grad, p, fn);
  };
  const run = newtonMinimise(x, newtonStep, loss, {maxIterations, tolerance: 1e-10, maxTrials: 60, slack: 1e-12, value: loss(x)});
  if (run.stop === "iterations") {
    throw new BenchstatsError("convergence", `${fn}: Newton iterations did not converge in ${maxIterations} steps (separated data?); pass alpha > 0`);
  }
  centre(x, n);
  return {loss: run.value, iterations: run.iterations};
}

/**
 * Adds battle r's gradient g = ∂ℓ/∂η and curvature h = ∂²ℓ/∂η² (already weighted) to the θ and γ
 * entries of `grad` and `hess` (p × p) by the chain rule: ∂η/∂θ_a = 1, ∂η/∂θ_b = −1, ∂η/∂γ_c = z_c.
 */
export function addDesignRow(d: BattleDesign, r: number, g: number, h: number, grad: Float64Array, hess: Float64Array, p: number): void {
  const n = d.models.length;
  const k = d.covariates.length;
  const i = d.a[r];
  const j = d.b[r];
  grad[i] += g;
  grad[j] -= g;
  hess[i * p + i] += h;
  hess[j * p + j] += h;
  hess[i * p + j] -= h;
  hess[j * p + i] -= h;
  for (let c = 0; c < k; ++c) {
    const zc = d.z[r * k + c];
    grad[n + c] += g * zc;
    hess[i * p + n + c] += h * zc;
    hess[(n + c) * p + i] += h * zc;
    hess[j * p + n + c] -= h * zc;
    hess[(n + c) * p + j] -= h * zc;
    for (let e = 0; e < k; ++e) hess[(n + c) * p + n + e] += h * zc * d.z[r * k + e];
  }
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

