import {optionsArg} from "../core/check.js";
import {pearsonTwoSided} from "../core/distributions.js";
import {completePairs, type NanPolicy} from "./paired.js";

export interface PearsonResult {
  /** Pearson's product-moment correlation; NaN (with `warning`) for constant input or n < 2. */
  r: number;
  /** Two-sided p-value under bivariate normality (scipy.stats.pearsonr). */
  pValue: number;
  /** Number of complete (non-NaN) pairs used. */
  n: number;
  warning?: string;
}

/**
 * Pearson's correlation r = Σ(x−x̄)(y−ȳ)/√(Σ(x−x̄)² Σ(y−ȳ)²), with the two-sided p-value of
 * `scipy.stats.pearsonr` (exact beta distribution of r under independence and normality; 1 when
 * n = 2). Like scipy, deviations are scaled by their maximum before normalising, to avoid overflow.
 * Pairs with a NaN are dropped (`nanPolicy: "omit"`, default) or rejected (`"raise"`).
 *
 * @example pearson([1, 2, 3, 4, 5], [1, 3, 2, 4, 5]); // {r: 0.9, pValue: 0.0374, n: 5}
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>, options: {nanPolicy?: NanPolicy} = {}): PearsonResult {
  const pairs = completePairs("pearson", x, y, optionsArg(options, "pearson").nanPolicy);
  const n = pairs.x.length;
  if (n < 2) return {r: NaN, pValue: NaN, n, warning: "fewer than 2 complete pairs"};
  const xm = centredScaled(pairs.x);
  const ym = centredScaled(pairs.y);
  if (xm === null || ym === null) {
    return {r: NaN, pValue: NaN, n, warning: xm === null ? "x is constant" : "y is constant"};
  }
  const nx = Math.sqrt(dot(xm, xm));
  const ny = Math.sqrt(dot(ym, ym));
  let s = 0;
  for (let i = 0; i < n; ++i) s += (xm[i] / nx) * (ym[i] / ny);
  let r = Math.min(1, Math.max(-1, s));
  if (n === 2) r = Math.sign(r);
  return {r, pValue: pearsonTwoSided(r, n), n};
}

function centredScaled(values: Float64Array): Float64Array | null {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; ++i) mean += values[i];
  mean /= n;
  const out = new Float64Array(n);
  let max = 0;
  for (let i = 0; i < n; ++i) {
    out[i] = values[i] - mean;
    max = Math.max(max, Math.abs(out[i]));
  }
  // Constant input (numerically): every value equals the first one.
  let constant = true;
  for (let i = 1; i < n; ++i) if (values[i] !== values[0]) constant = false;
  if (constant || max === 0) return null;
  for (let i = 0; i < n; ++i) out[i] /= max;
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; ++i) s += a[i] * b[i];
  return s;
}
