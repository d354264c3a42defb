import {BenchstatsError} from "../core/errors.js";

/** Prior on slopes: log-normal (keeps a > 0; mirt `lnorm`) or normal (mirt `norm`). */
export type IrtSlopePrior =
  | {dist: "lognormal"; meanlog: number; sdlog: number}
  | {dist: "normal"; mean: number; sd: number};

/**
 * Optional priors on item parameters; with any prior the fit maximises the posterior (Bayes modal,
 * as mirt's `PRIOR` syntax does) and `logLik` still reports the marginal log-likelihood without them.
 * - `a`: slopes (2PL, 3PL, and the shared 1PL slope);
 * - `d`: intercepts, normal;
 * - `g`: 3PL lower asymptotes, beta(alpha, beta) on the probability scale (mirt `expbeta`).
 */
export interface IrtPriors {
  a?: IrtSlopePrior;
  d?: {dist: "normal"; mean: number; sd: number};
  g?: {dist: "beta"; alpha: number; beta: number};
}

/** Log-density and its first two derivatives at x (internal; constants dropped). */
export interface LogPriorTerms {
  value: number;
  d1: number;
  d2: number;
}

const FLAT: LogPriorTerms = {value: 0, d1: 0, d2: 0};

/** Log prior of a slope and derivatives with respect to a. */
export function slopeLogPrior(prior: IrtSlopePrior | undefined, a: number): LogPriorTerms {
  if (!prior) return FLAT;
  if (prior.dist === "normal") {
    const z = a - prior.mean;
    const v = prior.sd * prior.sd;
    return {value: (-0.5 * z * z) / v, d1: -z / v, d2: -1 / v};
  }
  if (!(a > 0)) return {value: -Infinity, d1: 0, d2: 0};
  const v = prior.sdlog * prior.sdlog;
  const la = Math.log(a) - prior.meanlog;
  return {
    value: -Math.log(a) - (0.5 * la * la) / v,
    d1: -1 / a - la / (v * a),
    d2: 1 / (a * a) - (1 - la) / (v * a * a)
  };
}

/** Log prior of an intercept and derivatives with respect to d. */
export function interceptLogPrior(prior: IrtPriors["d"], d: number): LogPriorTerms {
  if (!prior) return FLAT;
  const z = d - prior.mean;
  const v = prior.sd * prior.sd;
  return {value: (-0.5 * z * z) / v, d1: -z / v, d2: -1 / v};
}

/**
 * Log beta prior of a lower asymptote g = σ(γ), with derivatives taken with respect to γ (the
 * internal logit parameter). No Jacobian term: the mode is the mode of the prior on g.
 */
export function guessLogPrior(prior: IrtPriors["g"], g: number): LogPriorTerms {
  if (!prior) return FLAT;
  const am1 = prior.alpha - 1;
  const bm1 = prior.beta - 1;
  const gg = g * (1 - g);
  return {
    value: am1 * Math.log(g) + bm1 * Math.log1p(-g),
    d1: am1 * (1 - g) - bm1 * g,
    d2: -(am1 + bm1) * gg
  };
}

/** Throws a BenchstatsError for a malformed priors object. */
export function checkPriors(priors: IrtPriors | undefined, caller: string): void {
  if (!priors) return;
  const {a, d, g} = priors;
  const bad = (what: string): never => {
    throw new BenchstatsError("option", `${caller}: invalid prior ${what}`, {field: "priors"});
  };
  if (a) {
    if (a.dist === "lognormal") {
      if (!Number.isFinite(a.meanlog) || !(a.sdlog > 0)) bad(`a: lognormal needs finite meanlog and sdlog > 0`);
    } else if (a.dist === "normal") {
      if (!Number.isFinite(a.mean) || !(a.sd > 0)) bad(`a: normal needs finite mean and sd > 0`);
    } else bad(`a: dist must be "lognormal" or "normal"`);
  }
  if (d && (d.dist !== "normal" || !Number.isFinite(d.mean) || !(d.sd > 0))) bad(`d: expected {dist: "normal", mean, sd > 0}`);
  if (g && (g.dist !== "beta" || !(g.alpha > 0) || !(g.beta > 0))) bad(`g: expected {dist: "beta", alpha > 0, beta > 0}`);
}
