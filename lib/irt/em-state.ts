/**
 * The state of the marginal-maximum-likelihood EM engine behind fitIrt (internal): the parameters
 * being estimated, the E-step's results, the M-step's sufficient statistics, the box bounds that keep
 * separated items finite, and the M-steps' Newton settings. The E-step is in e-step.ts, the M-step in
 * em.ts (linear models) and m-step-3pl.ts (guessing).
 */
import type {IrtModel} from "./model.js";

/** Parameters being estimated. `active[j]` = 0 marks an item left out (constant or unobserved). */
export interface EmState {
  model: IrtModel;
  a: Float64Array;
  d: Float64Array;
  g: Float64Array;
  variance: number;
  active: Uint8Array;
}

export interface Grid {
  nodes: Float64Array;
}

export interface EStepResult {
  logLik: number;
  /** nRows × Q posterior probabilities (rows with weight 0 are left at 0). */
  post: Float64Array;
  /** Posterior mean per row. */
  mean: Float64Array;
  /** Weighted posterior mass per node. */
  nq: Float64Array;
}

/** Sufficient statistics of the M-step. */
export interface MStats {
  nq: Float64Array;
  /** n_jq (J×Q) when some response is missing; null means n_jq = N_q for every item. */
  njq: Float64Array | null;
  /** Σ_{i correct on j} w_i·E[θ_i] (models without guessing). */
  s1: Float64Array | null;
  /** r_jq (J×Q) for 3PL. */
  rjq: Float64Array | null;
}

/**
 * Box bounds on slopes and intercepts. Under (quasi-)separation, common with few respondents, the
 * likelihood keeps rising as |a| or |d| grows; the bounds keep the iteration finite, and fitIrt
 * warns about every item that ends on one.
 */
export const SLOPE_BOUND = 20;
export const INTERCEPT_BOUND = 40;

export function clamp(v: number, bound: number): number {
  return v > bound ? bound : v < -bound ? -bound : v;
}

export function isLinear(model: IrtModel): boolean {
  return model !== "3pl";
}

/**
 * The M-steps' Newton settings ({@link newtonMaximise}): stop on a step below 1e-12 (the M-step runs
 * only `newtonSteps` iterations inside each EM cycle, so it is cheap to finish them exactly); steps
 * below 0.5 in every coordinate are taken without evaluating the objective (concave part only, see
 * mStep2pl); 30 halvings.
 */
export const M_STEP_NEWTON = {tolerance: 1e-12, trustedStep: 0.5};
