import {BenchstatsError} from "../core/errors.js";
import type {BattleDesign} from "./battles.js";
import {logistic, softplus} from "../core/logistic.js";
import {addDesignRow, checkWinGraph, linearPredictor, newtonOnDesign} from "./logistic-fit.js";

/** The two Bradley–Terry extensions that give a tie a probability of its own. */
export type TieModel = "davidson" | "rao-kupper";

export interface TieModelFit {
  /** Natural-log strengths θ (mean 0), the k covariate coefficients γ, then the tie parameter on its working scale. */
  x: Float64Array;
  /** Davidson's ν ≥ 0 or Rao–Kupper's θ ≥ 1 (the paper's names; `x[n + k]` is log ν, resp. log θ). */
  tie: number;
  logLik: number;
  iterations: number;
}

/**
 * Maximum-likelihood fit of a Bradley–Terry model with ties, by damped Newton steps on
 * (θ, γ, τ) with the gauge fixed as in `fitLogistic` (𝟙𝟙ᵀ/n added to the θ block). With
 * d = θ_a − θ_b + γ·z:
 *
 * - **Davidson (1970)**, τ = log ν: P(a) = e^{d/2}/D, P(b) = e^{−d/2}/D, P(tie) = ν/D with
 *   D = e^{d/2} + e^{−d/2} + ν — i.e. π_a / (π_a + π_b + ν√(π_a π_b)). The loss is a log-sum-exp of
 *   linear functions of (d, τ) minus linear terms, so it is convex.
 * - **Rao & Kupper (1967)**, τ = log θ ≥ 0: P(a) = σ(d − τ), P(b) = σ(−d − τ), P(tie) = the rest,
 *   i.e. π_a / (π_a + θ π_b); a cumulative-logit model with cut points ±τ, log-concave too.
 *
 * The tie parameter's bound is reached when the battles hold no tie (ν → 0, θ → 1): that throws
 * `degenerate`, as do battles that are all ties (ν → ∞, strengths unidentified). Tie rows are those
 * with y = ½ in the design; weights are battle counts.
 */
export function fitTieModel(d: BattleDesign, weight: Float64Array, model: TieModel, alpha: number, start?: Float64Array, checkGraph = true): TieModelFit {
  const n = d.models.length;
  const k = d.covariates.length;
  const p = n + k + 1;
  let ties = 0;
  let total = 0;
  for (let r = 0; r < d.y.length; ++r) {
    total += weight[r];
    if (d.y[r] === 0.5) ties += weight[r];
  }
  if (!(ties > 0)) {
    throw new BenchstatsError(
      "degenerate",
      `bradleyTerry: ties "${model}" needs battles with ties; none has one, so the tie parameter sits at its bound (${model === "davidson" ? "ν = 0" : "θ = 1"}) — use ties "half" or "drop"`,
      {field: "ties"},
    );
  }
  if (!(ties < total)) {
    throw new BenchstatsError("degenerate", `bradleyTerry: all ${total} battles are ties: the tie parameter runs to infinity and no strength is identified`, {field: "winner"});
  }
  if (checkGraph && alpha === 0) checkWinGraph(d, weight);
  const x = new Float64Array(p);
  if (start) x.set(start.subarray(0, p));
  else {
    const t = ties / total;
    x[n + k] = model === "davidson" ? Math.log((2 * t) / (1 - t)) : Math.log((1 + t) / (1 - t));
  }
  const row = new Float64Array(5);
  const tau = n + k;
  const addRows = (x: Float64Array, grad: Float64Array, hess: Float64Array): void => {
    for (let r = 0; r < d.a.length; ++r) {
      const w = weight[r];
      if (w === 0) continue;
      rowDerivatives(model, linearPredictor(d, x, r), x[tau], d.y[r], row);
      const [gd, gt, hdd, hdt, htt] = row;
      addDesignRow(d, r, w * gd, w * hdd, grad, hess, p);
      // The τ row and column: ∂²ℓ/∂d∂τ times ∂d/∂(θ_a, θ_b, γ) = (1, −1, z).
      const cross = w * hdt;
      hess[d.a[r] * p + tau] += cross;
      hess[tau * p + d.a[r]] += cross;
      hess[d.b[r] * p + tau] -= cross;
      hess[tau * p + d.b[r]] -= cross;
      for (let c = 0; c < k; ++c) {
        hess[(n + c) * p + tau] += cross * d.z[r * k + c];
        hess[tau * p + n + c] += cross * d.z[r * k + c];
      }
      grad[tau] += w * gt;
      hess[tau * p + tau] += w * htt;
    }
  };
  const fit = newtonOnDesign(d, alpha, x, p, addRows, (x) => objective(d, weight, model, alpha, x), "bradleyTerry", 200);
  if (model === "rao-kupper" && !(x[tau] > 1e-9)) {
    throw new BenchstatsError("degenerate", "bradleyTerry: the Rao–Kupper tie parameter θ reached its bound 1 (ties are rarer than the model allows)", {field: "ties"});
  }
  let pen = 0;
  for (let m = 0; m < n + k; ++m) pen += x[m] * x[m];
  return {x, tie: Math.exp(x[tau]), logLik: -(fit.loss - (alpha / 2) * pen), iterations: fit.iterations};
}

/**
 * Per battle: ∂ℓ/∂d, ∂ℓ/∂τ, ∂²ℓ/∂d², ∂²ℓ/∂d∂τ, ∂²ℓ/∂τ² of the negative log-likelihood ℓ of
 * outcome y (1 = a, 0 = b, ½ = tie), written into `out`.
 */
function rowDerivatives(model: TieModel, d: number, tau: number, y: number, out: Float64Array): void {
  if (model === "davidson") {
    // ℓ = log D − (d/2 | −d/2 | τ); with p_a, p_b, p_t the three probabilities:
    // ∂log D/∂d = (p_a − p_b)/2, ∂log D/∂τ = p_t, and the second derivatives below.
    const [pa, pb, pt] = davidsonProbabilities(d, tau);
    const ld = (pa - pb) / 2;
    out[0] = ld - (y === 1 ? 0.5 : y === 0 ? -0.5 : 0);
    out[1] = pt - (y === 0.5 ? 1 : 0);
    out[2] = (pa + pb) / 4 - ld * ld;
    out[3] = -pt * ld;
    out[4] = pt * (1 - pt);
    return;
  }
  const u = d - tau;
  const v = d + tau;
  if (y === 1) {
    // ℓ = −log σ(u)
    const s = logistic(u);
    const h = s * (1 - s);
    out[0] = s - 1;
    out[1] = 1 - s;
    out[2] = h;
    out[3] = -h;
    out[4] = h;
  } else if (y === 0) {
    // ℓ = −log σ(−v)
    const s = logistic(v);
    const h = s * (1 - s);
    out[0] = s;
    out[1] = s;
    out[2] = h;
    out[3] = h;
    out[4] = h;
  } else {
    // ℓ = −log(F(v) − F(u)), F = σ, f = F(1 − F), f' = f(1 − 2F).
    const P = tieProbability(u, v);
    const Fu = logistic(u);
    const Fv = logistic(v);
    const fu = Fu * (1 - Fu);
    const fv = Fv * (1 - Fv);
    const lu = fu / P;
    const lv = -fv / P;
    const luu = (fu * (1 - 2 * Fu)) / P + lu * lu;
    const lvv = (-fv * (1 - 2 * Fv)) / P + lv * lv;
    const luv = -(fu * fv) / (P * P);
    out[0] = lu + lv;
    out[1] = lv - lu;
    out[2] = luu + 2 * luv + lvv;
    out[3] = lvv - luu;
    out[4] = luu - 2 * luv + lvv;
  }
}

/** Davidson's (P(a), P(b), P(tie)) at strength difference d and log ν = τ, computed without overflow. */
export function davidsonProbabilities(d: number, tau: number): [number, number, number] {
  const m = Math.max(d / 2, -d / 2, tau);
  const ea = Math.exp(d / 2 - m);
  const eb = Math.exp(-d / 2 - m);
  const et = Math.exp(tau - m);
  const D = ea + eb + et;
  return [ea / D, eb / D, et / D];
}

/** σ(v) − σ(u) for u < v, taken on the side where both are small so nothing cancels. */
function tieProbability(u: number, v: number): number {
  return u + v > 0 ? logistic(-u) - logistic(-v) : logistic(v) - logistic(u);
}

function objective(d: BattleDesign, weight: Float64Array, model: TieModel, alpha: number, x: Float64Array): number {
  const n = d.models.length;
  const k = d.covariates.length;
  const tau = x[n + k];
  let loss = 0;
  for (let r = 0; r < d.a.length; ++r) {
    const w = weight[r];
    if (w === 0) continue;
    const eta = linearPredictor(d, x, r);
    const y = d.y[r];
    if (model === "davidson") {
      const m = Math.max(eta / 2, -eta / 2, tau);
      const logD = m + Math.log(Math.exp(eta / 2 - m) + Math.exp(-eta / 2 - m) + Math.exp(tau - m));
      loss += w * (logD - (y === 1 ? eta / 2 : y === 0 ? -eta / 2 : tau));
    } else if (y === 1) loss += w * softplus(-(eta - tau));
    else if (y === 0) loss += w * softplus(eta + tau);
    else {
      if (!(tau > 0)) return Infinity;
      const P = tieProbability(eta - tau, eta + tau);
      loss += P > 0 ? -w * Math.log(P) : Infinity;
    }
  }
  let pen = 0;
  for (let m = 0; m < n + k; ++m) pen += x[m] * x[m];
  return loss + (alpha / 2) * pen;
}
