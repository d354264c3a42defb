import {enumArg, intArg, numberArg, optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {INTERCEPT_BOUND, SLOPE_BOUND, type EmState, type EStepResult} from "./em-state.js";
import {mStep} from "./em.js";
import {buildItems, fillStandardErrors} from "./item-estimates.js";
import {logPriorTotal, newtonPolish} from "./polish.js";
import {correctCounts, eStep, mStats} from "./e-step.js";
import {logistic} from "../core/logistic.js";
import type {IrtItem, IrtModel} from "./model.js";
import {marginalDerivatives, paramLayout, type MarginalDerivatives} from "./observed-information.js";
import {checkPriors, type IrtPriors} from "./priors.js";
import {irtQuadrature} from "./quadrature.js";
import {moveToBestLatentTransform, posteriorSpread} from "./scale-search.js";
import type {ResponseMatrix} from "../core/response-matrix.js";
import {packResponses, type IrtResponses, type PackedResponses} from "./responses.js";

/** Options of {@link fitIrt}. */
export interface FitIrtOptions {
  /** `rasch` | `1pl` | `2pl` (default) | `3pl`; see {@link IrtModel}. */
  model?: IrtModel;
  /** Frequency of each row (e.g. response-pattern counts); default 1 each. */
  weights?: ArrayLike<number>;
  /** Optional priors (Bayes-modal estimation); see {@link IrtPriors}. */
  priors?: IrtPriors;
  /** Quadrature grid: mirt's 61 nodes on [−6, 6] by default. */
  quadrature?: {points?: number; lower?: number; upper?: number};
  /** EM stops when no parameter changes by more than this between iterations (default 1e-7). */
  tolerance?: number;
  /** Maximum EM maps (default 500, mirt's NCYCLES); separated (unregularised, few-respondent) fits stop here with a warning. */
  maxIterations?: number;
  /**
   * Standard errors from the observed information: `"full"` (exact Hessian), `"block"` (within-item
   * blocks only), `"auto"` (default: full when it is affordable, else block) or `false`.
   */
  standardErrors?: "auto" | "full" | "block" | false;
}

/** Result of {@link fitIrt}. */
export interface IrtFit {
  model: IrtModel;
  /** One entry per column of `responses`, in slope-intercept form with b = −d/a. */
  items: IrtItem[];
  /** Marginal log-likelihood at the estimates (mirt `logLik`), without priors. */
  logLik: number;
  /** logLik plus the log prior densities (equals logLik without priors). */
  logPosterior: number;
  /** Number of estimated parameters (items with variation, plus the Rasch variance or 1PL slope). */
  nParameters: number;
  /** Weighted number of respondents with at least one observed response to an estimable item. */
  nRespondents: number;
  /** AIC = −2·logLik + 2k; BIC = −2·logLik + k·log(n). */
  aic: number;
  bic: number;
  /** Latent variance: estimated for Rasch, 1 otherwise; `latentVarianceSe` NaN when fixed. */
  latentVariance: number;
  latentVarianceSe: number;
  /** True when EM met `tolerance` (and the final Newton polish, when run, met its gradient test). */
  converged: boolean;
  iterations: number;
  /** How the standard errors were computed. */
  standardErrors: "full" | "block-diagonal" | "none";
  /** Quadrature used (kept so that abilities can be scored on the same grid). */
  quadrature: {points: number; lower: number; upper: number};
  priors?: IrtPriors;
  /** Problems worth a look: non-estimable items, non-convergence, non-identified parameters. */
  warnings: string[];
}

const MODELS: readonly IrtModel[] = ["rasch", "1pl", "2pl", "3pl"];

/**
 * Calibrates a dichotomous IRT model by marginal maximum likelihood: EM on a fixed quadrature grid
 * (Bock & Aitkin 1981), θ ~ N(0, 1) (Rasch: N(0, σ²) with σ² estimated), items in slope-intercept form
 * logit P = a·θ + d (3PL: P = g + (1 − g)·σ(a·θ + d)), b = −d/a.
 *
 * Defaults follow mirt (Chalmers 2012): 61 nodes on [−6, 6] with normalised N(0, 1) weights; `rasch`
 * fixes slopes at 1 and estimates the latent variance like mirt's `itemtype = "Rasch"`. EM runs to a
 * tight tolerance and, when the model has few parameters, finishes with Newton steps on the exact
 * marginal likelihood, so estimates are the maximiser of mirt's objective (mirt stops EM at
 * TOL = 1e-4, so its printed values may differ from ours in the 4th–5th decimal on slow-converging
 * data). Standard errors come from the observed information (Louis' identity); b's by the delta method.
 * Missing responses (NaN) are skipped in the likelihood. Items that every respondent answered the same
 * way have no finite estimate: they are left out of the likelihood and reported with
 * `estimated: false`, d = ±∞ (and a warning).
 *
 * Reference values: LSAT-7 2PL as in mirt's documentation, a = (0.988, 1.081, 1.707, 0.765, 0.736),
 * d = (1.856, 0.808, 1.804, 0.486, 1.855), logLik −2658.805.
 *
 * Input: rows of 0/1/NaN, or a {@link ResponseMatrix} (one byte per cell, 255 = not administered),
 * which is read in place: a Rasch fit of 2,000 models × 50,000 items (10⁸ cells) needs the 100 MB
 * matrix plus O((models + items) · quadrature points) working memory and 4 bytes per missing cell.
 * Both forms give the same estimates (the same sums in the same order). At that size "auto" standard
 * errors are block-diagonal (the full Hessian is only formed for at most 400 parameters).
 *
 * @example
 * // LSAT-7 as 32 response patterns with frequencies
 * const fit = fitIrt(patterns, {model: "2pl", weights: freq});
 * fit.items[0]; // {a: 0.988, d: 1.856, b: −1.879, g: 0, estimated: true, se: {...}}
 * fit.logLik;   // −2658.805
 * // A byte matrix: 2 models × 3 items, model 1 not given item 2
 * fitIrt({nRespondents: 2, nItems: 3, data: Uint8Array.of(1, 0, 1, 0, 1, 255)}, {model: "rasch"});
 */
export function fitIrt(responses: IrtResponses | ResponseMatrix, options: FitIrtOptions = {}): IrtFit {
  options = optionsArg(options, "fitIrt");
  const model = options.model ?? "2pl";
  if (!MODELS.includes(model)) {
    throw new BenchstatsError("option", `fitIrt: model must be one of ${MODELS.join(", ")}, got ${String(model)}`, {field: "model"});
  }
  checkPriors(options.priors, "fitIrt");
  const priors = options.priors;
  const tolerance = numberArg(options.tolerance ?? 1e-7, "tolerance", "fitIrt", {above: 0});
  const maxIterations = intArg(options.maxIterations ?? 500, "maxIterations", "fitIrt", {min: 1, limit: "iterations"});
  if (options.standardErrors !== undefined && options.standardErrors !== false) enumArg(options.standardErrors, "standardErrors", "fitIrt", ["auto", "full", "block"]);
  const {points = 61, lower = -6, upper = 6} = options.quadrature === undefined ? {} : optionsArg(options.quadrature, "fitIrt", "quadrature");
  const grid = irtQuadrature({points, lower, upper});
  const nodes = grid.nodes;
  const Q = nodes.length;
  const data = packResponses(responses, "fitIrt", {weights: options.weights});
  const J = data.nItems;
  const warnings: string[] = [];

  // Items with no variation have no finite ML estimate; leave them (and rows with nothing left) out.
  const active = new Uint8Array(J);
  const noVariation: number[] = [];
  const unobserved: number[] = [];
  for (let j = 0; j < J; ++j) {
    const n = data.itemObserved[j];
    const c = data.itemCorrect[j];
    if (n === 0) unobserved.push(j);
    else if (c === 0 || c === n) noVariation.push(j);
    else active[j] = 1;
  }
  if (noVariation.length) {
    warnings.push(
      `${noVariation.length} item(s) answered the same way by every respondent (${listItems(noVariation)}): ` +
        `no finite estimate; left out of the likelihood and reported with estimated: false`
    );
  }
  if (unobserved.length) warnings.push(`${unobserved.length} item(s) with no observed response (${listItems(unobserved)})`);
  const nActive = J - noVariation.length - unobserved.length;
  if (nActive === 0) throw new BenchstatsError("degenerate", "fitIrt: no item has both correct and incorrect responses");
  const weight = new Float64Array(data.nRows);
  let nRespondents = 0;
  for (let i = 0; i < data.nRows; ++i) {
    let any = false;
    const off = i * J;
    for (let j = 0; j < J && !any; ++j) any = active[j] === 1 && data.x[off + j] !== 255;
    if (any) {
      weight[i] = data.weight[i];
      nRespondents += weight[i];
    }
  }
  const s0 = correctCounts(data, weight);

  const state = startingValues(model, data, weight, active);
  // Narrow posteriors on a coarse grid: the likelihood ripples as the latent scale is stretched and
  // shifted, so EM stops early once for a wide search over those two directions, runs to convergence,
  // and is restarted while a local search there still finds a higher point (scale-search.ts).
  const spacing = nodes[1] - nodes[0];
  const first = eStep(state, data, {nodes}, weight);
  const narrow = (model === "2pl" || model === "1pl") && data.complete && posteriorSpread(first, nodes, weight) < spacing;
  let em = runEm(state, data, nodes, weight, s0, priors, narrow ? Math.max(tolerance, 1e-3) : tolerance, maxIterations, first);
  let iterations = em.iterations;
  let loose = narrow;
  for (let round = 0; narrow && round < 6 && iterations < maxIterations; ++round) {
    const moved = moveToBestLatentTransform(state, data, nodes, weight, () => logPriorTotal(state, priors), !loose);
    if (!moved && !loose) break;
    em = runEm(state, data, nodes, weight, s0, priors, tolerance, maxIterations - iterations);
    iterations += em.iterations;
    loose = false;
  }
  let e = em.e;
  let converged = em.converged;
  if (!converged) {
    warnings.push(`EM did not converge in ${maxIterations} iterations (last largest parameter change ${em.change.toExponential(2)})`);
  }

  const seMode = options.standardErrors ?? "auto";
  const K = paramLayout(state).size;
  const fullAffordable = K <= 400 && data.nRows * Q * K * K <= 4e8;
  const useFull = seMode === "full" || (seMode === "auto" && fullAffordable);
  let derivatives: MarginalDerivatives | null = null;
  if (useFull) {
    const polished = newtonPolish(state, data, nodes, weight, priors, e);
    e = polished.e;
    derivatives = polished.derivatives;
    if (!polished.ok && converged) {
      warnings.push("Newton refinement of the EM solution did not reach a stationary point");
    }
  } else if (seMode !== false) {
    derivatives = marginalDerivatives(state, data, {nodes}, e, weight, priors, false);
  }

  const items = buildItems(state, data, noVariation, unobserved);
  let latentVarianceSe = NaN;
  let seMethod: IrtFit["standardErrors"] = "none";
  if (derivatives) {
    const ok = fillStandardErrors(state, items, derivatives);
    seMethod = derivatives.hessian ? "full" : "block-diagonal";
    latentVarianceSe = ok.varianceSe;
    if (!ok.positiveDefinite) {
      warnings.push(
        "observed information matrix is not positive definite: some parameters are not identified " +
          "(common for 3PL guessing parameters); their standard errors are NaN"
      );
    }
  }
  const extreme: number[] = [];
  for (let j = 0; j < J; ++j) {
    if (active[j] && (Math.abs(state.a[j]) > 10 || Math.abs(state.d[j]) > 30)) extreme.push(j);
  }
  if (extreme.length) {
    warnings.push(
      `${extreme.length} item(s) with extreme estimates (|a| > 10 or |d| > 30; bounds ±${SLOPE_BOUND}, ±${INTERCEPT_BOUND}) ` +
        `(${listItems(extreme)}): a sign of (quasi-)separation, common with few respondents; their estimates are not ` +
        `meaningful. Use a slope prior (priors: {a: {dist: "lognormal", meanlog: 0, sdlog: 0.5}}) or the Rasch model`
    );
  }
  if (model === "3pl") {
    // A lower asymptote driven to 0 or 1 has no interior maximum: EM keeps pushing logit(g) to ∓∞.
    const boundary: number[] = [];
    for (let j = 0; j < J; ++j) {
      if (!active[j]) continue;
      if (state.g[j] < 1e-4 || state.g[j] > 1 - 1e-4) {
        boundary.push(j);
        items[j].se.g = NaN;
      }
    }
    if (boundary.length) {
      converged = false;
      warnings.push(
        `3PL not identified: the guessing parameter of ${boundary.length} item(s) (${listItems(boundary)}) ran to the ` +
          `boundary (g → 0 or 1), so the likelihood has no interior maximum there; do not interpret g. ` +
          `Prefer the 2PL (compare AIC/BIC) or add a beta prior on g (priors: {g: {dist: "beta", alpha: 5, beta: 17}})`
      );
    } else if (!converged) {
      warnings.push("3PL did not converge: the guessing parameters are weakly identified by these data; do not interpret them");
    }
  }

  const nParameters = K;
  const logLik = e.logLik;
  const logPosterior = logLik + logPriorTotal(state, priors);
  return {
    model,
    items,
    logLik,
    logPosterior,
    nParameters,
    nRespondents,
    aic: -2 * logLik + 2 * nParameters,
    bic: -2 * logLik + nParameters * Math.log(nRespondents),
    latentVariance: state.variance,
    latentVarianceSe,
    converged,
    iterations,
    standardErrors: seMethod,
    quadrature: {points, lower, upper},
    ...(priors ? {priors} : {}),
    warnings
  };
}

/**
 * EM accelerated by SQUAREM (Varadhan & Roland 2008, scheme S3): two EM maps give r = p1 − p0 and
 * v = p2 − 2·p1 + p0; the extrapolated point p0 − 2αr + α²v with α = −‖r‖/‖v‖ is kept (after one
 * stabilising EM map) only when it does not lower the objective, so the sequence stays monotone.
 * Plain EM converges slowly along the latent-scale direction (all slopes together), which SQUAREM
 * removes. Convergence: an EM map that changes no parameter by more than `tolerance`.
 */
function runEm(
  state: EmState, data: PackedResponses, nodes: Float64Array, weight: Float64Array, s0: Float64Array,
  priors: IrtPriors | undefined, tolerance: number, maxIterations: number, start?: EStepResult
): {e: EStepResult; iterations: number; converged: boolean; change: number} {
  const Q = nodes.length;
  const newtonSteps = 2;
  // `start`: the E-step at the current state, when the caller has it.
  let e = start ?? eStep(state, data, {nodes}, weight);
  let iterations = 0;
  let change = Infinity;
  const emMap = (): number => {
    const stats = mStats(state, data, e, Q, weight);
    const c = mStep(state, stats, s0, nodes, priors, newtonSteps);
    e = eStep(state, data, {nodes}, weight);
    ++iterations;
    return c;
  };
  const objective = (r: EStepResult): number => r.logLik + logPriorTotal(state, priors);
  while (iterations < maxIterations) {
    const p0 = emVector(state);
    const f0 = objective(e);
    if ((change = emMap()) < tolerance) return {e, iterations, converged: true, change};
    const p1 = emVector(state);
    if ((change = emMap()) < tolerance) return {e, iterations, converged: true, change};
    const p2 = emVector(state);
    const e2 = e;
    let rr = 0;
    let vv = 0;
    for (let k = 0; k < p0.length; ++k) {
      const r = p1[k] - p0[k];
      const v = p2[k] - 2 * p1[k] + p0[k];
      rr += r * r;
      vv += v * v;
    }
    if (!(vv > 0)) continue;
    const alpha = -Math.sqrt(rr / vv);
    if (alpha >= -1) continue; // the extrapolation would be p2 itself
    const trial = new Float64Array(p0.length);
    for (let k = 0; k < p0.length; ++k) {
      const r = p1[k] - p0[k];
      const v = p2[k] - 2 * p1[k] + p0[k];
      trial[k] = p0[k] - 2 * alpha * r + alpha * alpha * v;
    }
    if (setEmVector(state, trial, priors)) {
      e = eStep(state, data, {nodes}, weight);
      if (Number.isFinite(objective(e)) && objective(e) >= f0) {
        if ((change = emMap()) < tolerance) return {e, iterations, converged: true, change};
        continue;
      }
    }
    setEmVector(state, p2, priors);
    e = e2;
  }
  return {e, iterations, converged: false, change};
}

/** The EM parameters as one vector: slopes, intercepts, logit guessing (3PL), latent variance. */
function emVector(state: EmState): Float64Array {
  const J = state.a.length;
  const v = new Float64Array(3 * J + 1);
  v.set(state.a, 0);
  v.set(state.d, J);
  if (state.model === "3pl") for (let j = 0; j < J; ++j) v[2 * J + j] = Math.log(state.g[j] / (1 - state.g[j]));
  v[3 * J] = state.variance;
  return v;
}

/** Sets the EM parameters; false (state unchanged) when the vector leaves the parameter space. */
function setEmVector(state: EmState, v: Float64Array, priors: IrtPriors | undefined): boolean {
  const J = state.a.length;
  for (let k = 0; k < v.length; ++k) if (!Number.isFinite(v[k])) return false;
  if (!(v[3 * J] > 0)) return false;
  if (priors?.a?.dist === "lognormal") for (let j = 0; j < J; ++j) if (state.active[j] && !(v[j] > 0)) return false;
  for (let j = 0; j < J; ++j) {
    state.a[j] = Math.max(-SLOPE_BOUND, Math.min(SLOPE_BOUND, v[j]));
    state.d[j] = Math.max(-INTERCEPT_BOUND, Math.min(INTERCEPT_BOUND, v[J + j]));
  }
  if (state.model === "3pl") for (let j = 0; j < J; ++j) state.g[j] = Math.min(Math.max(logistic(v[2 * J + j]), 1e-13), 1 - 1e-13);
  state.variance = v[3 * J];
  return true;
}

function listItems(items: number[]): string {
  return items.length <= 10 ? `columns ${items.join(", ")}` : `columns ${items.slice(0, 10).join(", ")}, …`;
}

function startingValues(model: IrtModel, data: PackedResponses, weight: Float64Array, active: Uint8Array): EmState {
  const J = data.nItems;
  const a = new Float64Array(J).fill(1);
  const d = new Float64Array(J);
  const g = new Float64Array(J);
  const counts = correctCounts(data, weight);
  const observed = new Float64Array(J);
  for (let i = 0; i < data.nRows; ++i) {
    if (weight[i] === 0) continue;
    const off = i * J;
    for (let j = 0; j < J; ++j) if (data.x[off + j] !== 255) observed[j] += weight[i];
  }
  for (let j = 0; j < J; ++j) {
    if (!active[j]) continue;
    const p = Math.min(Math.max(counts[j] / observed[j], 1e-3), 1 - 1e-3);
    // σ(d/√(1 + π·a²/8)) ≈ marginal proportion correct for θ ~ N(0, 1) (probit approximation).
    d[j] = Math.log(p / (1 - p)) * Math.sqrt(1 + Math.PI / 8);
    if (model === "3pl") g[j] = 0.1;
  }
  return {model, a, d, g, variance: 1, active};
}
