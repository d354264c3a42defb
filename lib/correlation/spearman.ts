import {optionsArg} from "../core/check.js";
import {studentTwoSided} from "../core/distributions.js";
import {completePairs, type NanPolicy} from "./paired.js";
import {rankAverage} from "./rank.js";

export interface SpearmanResult {
  /** Spearman's ρ; NaN (with `warning`) for constant input or n < 2. */
  rho: number;
  /** Two-sided p-value from the t approximation with n − 2 df (scipy.stats.spearmanr); NaN for n = 2. */
  pValue: number;
  /** Number of complete (non-NaN) pairs used. */
  n: number;
  warning?: string;
}

/**
 * Spearman's rank correlation ρ: the Pearson correlation of the average ranks (ties share their
 * mean rank), computed like numpy's `corrcoef` (covariance over the product of standard deviations)
 * as `scipy.stats.spearmanr` does. p-value: t = ρ√((n−2)/((1+ρ)(1−ρ))) against Student t with n − 2
 * degrees of freedom, two-sided (scipy's default); NaN when n = 2 (no degrees of freedom), as scipy.
 *
 * @example spearman([1, 2, 3, 4, 5], [1, 3, 2, 4, 5]); // {rho: 0.9, pValue: 0.0374, n: 5}
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>, options: {nanPolicy?: NanPolicy} = {}): SpearmanResult {
  const pairs = completePairs("spearman", x, y, optionsArg(options, "spearman").nanPolicy);
  const n = pairs.x.length;
  if (n < 2) return {rho: NaN, pValue: NaN, n, warning: "fewer than 2 complete pairs"};
  const rx = rankAverage(pairs.x);
  const ry = rankAverage(pairs.y);
  const mx = mean(rx);
  const my = mean(ry);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; ++i) {
    const dx = rx[i] - mx;
    const dy = ry[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return {rho: NaN, pValue: NaN, n, warning: sxx === 0 ? "x is constant" : "y is constant"};
  const f = n - 1;
  let rho = sxy / f / Math.sqrt(sxx / f) / Math.sqrt(syy / f);
  rho = Math.min(1, Math.max(-1, rho));
  const dof = n - 2;
  if (dof === 0) return {rho, pValue: NaN, n, warning: "no degrees of freedom for a p-value (n = 2)"};
  const t = rho * Math.sqrt(Math.max(0, dof / ((rho + 1) * (1 - rho))));
  return {rho, pValue: studentTwoSided(t, dof), n};
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; ++i) s += values[i];
  return s / values.length;
}
