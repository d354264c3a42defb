import {upperGamma} from "../core/distributions.js";

/**
 * Upper tail of the chi-square distribution, P(X ≥ x) for X ~ χ²(df) (internal): the regularised
 * upper incomplete gamma function Q(df/2, x/2).
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(df > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return Math.min(1, Math.max(0, upperGamma(df / 2, x / 2)));
}
