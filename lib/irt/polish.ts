/**
 * The Newton polish that finishes an EM fit (internal, see fit.ts): the model's parameters as one
 * vector in the layout of the observed information, the total log-prior, and damped Newton steps on
 * the exact marginal log-posterior ({@link newtonMaximise}) that remove the error EM's linear
 * convergence leaves.
 */
import {cholesky, choleskySolve} from "../core/linear-algebra.js";
import {logistic} from "../core/logistic.js";
import {newtonMaximise} from "../core/newton.js";
import {eStep} from "./e-step.js";
import type {EmState, EStepResult} from "./em-state.js";
import {marginalDerivatives, type MarginalDerivatives, type ParamLayout} from "./observed-information.js";
import {guessLogPrior, interceptLogPrior, slopeLogPrior, type IrtPriors} from "./priors.js";
import type {PackedResponses} from "./responses.js";

export function getParams(state: EmState, layout: ParamLayout): Float64Array {
  const v = new Float64Array(layout.size);
  const J = state.a.length;
  const p = layout.local;
  for (let j = 0; j < J; ++j) {
    if (!state.active[j]) continue;
    const idx = layout.index;
    if (state.model === "rasch") v[idx[j]] = state.d[j];
    else {
      v[idx[j * p]] = state.a[j];
      v[idx[j * p + 1]] = state.d[j];
      if (state.model === "3pl") v[idx[j * p + 2]] = Math.log(state.g[j] / (1 - state.g[j]));
    }
  }
  if (layout.varianceIndex >= 0) v[layout.varianceIndex] = state.variance;
  return v;
}

export function setParams(state: EmState, layout: ParamLayout, v: Float64Array): void {
  const J = state.a.length;
  const p = layout.local;
  const idx = layout.index;
  for (let j = 0; j < J; ++j) {
    if (!state.active[j]) continue;
    if (state.model === "rasch") state.d[j] = v[idx[j]];
    else {
      state.a[j] = v[idx[j * p]];
      state.d[j] = v[idx[j * p + 1]];
      if (state.model === "3pl") state.g[j] = logistic(v[idx[j * p + 2]]);
    }
  }
  if (layout.varianceIndex >= 0) state.variance = v[layout.varianceIndex];
}

export function logPriorTotal(state: EmState, priors: IrtPriors | undefined): number {
  if (!priors) return 0;
  let s = 0;
  for (let j = 0; j < state.a.length; ++j) {
    if (!state.active[j]) continue;
    if (state.model === "2pl" || state.model === "3pl") s += slopeLogPrior(priors.a, state.a[j]).value;
    s += interceptLogPrior(priors.d, state.d[j]).value;
    if (state.model === "3pl") s += guessLogPrior(priors.g, state.g[j]).value;
  }
  if (state.model === "1pl") s += slopeLogPrior(priors.a, state.a[0]).value;
  return s;
}

/**
 * Newton–Raphson on the exact marginal log-posterior from the EM solution, with step halving. EM's
 * linear convergence leaves ~tolerance/(1 − rate) error on slowly converging data (few items); a few
 * Newton steps remove it. Returns the derivatives at the final point (for standard errors).
 */
export function newtonPolish(
  state: EmState, data: PackedResponses, nodes: Float64Array, weight: Float64Array, priors: IrtPriors | undefined,
  e0: EStepResult
): {e: EStepResult; derivatives: MarginalDerivatives; ok: boolean} {
  let e = e0;
  let der = marginalDerivatives(state, data, {nodes}, e, weight, priors, true);
  const layout = der.layout;
  const K = layout.size;
  // The E-step of the last trial: after an accepted step it belongs to the new point, whose
  // derivatives are then computed when the next direction (or the result) needs them.
  let trialE: EStepResult | null = null;
  const accept = (): void => {
    if (!trialE) return;
    e = trialE;
    trialE = null;
    der = marginalDerivatives(state, data, {nodes}, e, weight, priors, true);
  };
  let stationary = false;
  const direction = (x: Float64Array, objective: number): Float64Array | null => {
    accept();
    // The state is the reference: its parameters (3PL keeps g, not its logit) as read back.
    x.set(getParams(state, layout));
    const g = der.gradient;
    let gmax = 0;
    for (let k = 0; k < K; ++k) gmax = Math.max(gmax, Math.abs(g[k]));
    if (gmax < 1e-9 * Math.max(1, Math.abs(objective)) * 1e-3) {
      stationary = true;
      return null;
    }
    const negH = new Float64Array(K * K);
    for (let k = 0; k < K * K; ++k) negH[k] = -der.hessian![k];
    if (!cholesky(negH, K)) return null;
    return choleskySolve(negH, g.slice(), K);
  };
  const objective = (trial: Float64Array): number => {
    if (layout.varianceIndex >= 0 && !(trial[layout.varianceIndex] > 0)) return -Infinity;
    setParams(state, layout, trial);
    trialE = eStep(state, data, {nodes}, weight);
    return trialE.logLik + logPriorTotal(state, priors);
  };
  const x = getParams(state, layout);
  const value = e.logLik + logPriorTotal(state, priors);
  const run = newtonMaximise(x, direction, objective, {maxIterations: 50, tolerance: 1e-10, slack: 1e-12, value});
  if (run.stop === "no-ascent") {
    setParams(state, layout, x);
    return {e, derivatives: der, ok: false};
  }
  accept();
  return {e, derivatives: der, ok: run.stop === "converged" || stationary};
}
