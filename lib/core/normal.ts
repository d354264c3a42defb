/**
 * The standard normal distribution: Φ, its upper tail and its quantile, in one place.
 *
 * Two tail algorithms are kept on purpose. {@link normalCdf} is a short rational approximation (no
 * loop below |x| = 5) accurate to 1e-15 absolute, fast enough for the bias-corrected intervals that
 * call it per replicate; {@link normalSurvival} goes through the incomplete gamma Q(1/2, z²/2) and keeps
 * full relative precision for p-values far in the tail (z = 30 gives 4.9e-198, not 0 or noise).
 * Replacing one with the other would change published numbers in the last bits.
 */
import {numberArg, reject} from "./check.js";
import {upperGamma} from "./distributions.js";

/**
 * Standard normal distribution function Φ(x) = P(Z ≤ x) for Z ~ N(0, 1).
 *
 * Hart's (1968) double-precision rational approximation as given by West, "Better approximations to
 * cumulative normal functions" (Wilmott, 2005) for |x| < 5, Laplace's continued fraction beyond.
 * Absolute error below 1e-15; the lower tail is computed directly (no 1 − Φ cancellation) with
 * relative error below 1e-10 down to x = −37, below which Φ underflows to 0. Checked against
 * stdlib's erfc (as scipy.stats.norm.cdf) in test/core/normal.test.ts. NaN gives NaN (an undefined
 * statistic keeps its p-value undefined, as scipy does); a non-number throws.
 *
 * @example normalCdf(1.959963984540054); // 0.975
 */
export function normalCdf(x: number): number {
  if (typeof x !== "number") reject("type", "normalCdf", "x", "a number", x);
  if (Number.isNaN(x)) return NaN;
  const z = Math.abs(x);
  let tail: number;
  if (z > 37) tail = 0;
  else {
    const e = Math.exp(-0.5 * z * z);
    if (z < 5) {
      let num = 3.52624965998911e-2 * z + 0.700383064443688;
      num = num * z + 6.37396220353165;
      num = num * z + 33.912866078383;
      num = num * z + 112.079291497871;
      num = num * z + 221.213596169931;
      num = num * z + 220.206867912376;
      let den = 8.83883476483184e-2 * z + 1.75566716318264;
      den = den * z + 16.064177579207;
      den = den * z + 86.7807322029461;
      den = den * z + 296.564248779674;
      den = den * z + 637.333633378831;
      den = den * z + 793.826512519948;
      den = den * z + 440.413735824752;
      tail = (e * num) / den;
    } else {
      // Laplace's continued fraction φ(z)/(z + 1/(z + 2/(z + 3/(…)))), 60 terms: converges to full
      // relative precision for z ≥ 5 (West's 5-term version is only good to ~1e-8 relative there).
      let b = z;
      for (let k = 60; k >= 1; --k) b = z + k / b;
      tail = e / b / 2.5066282746310002;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * Standard normal quantile Φ⁻¹(p): the x with Φ(x) = p. Returns −Infinity at p = 0 and +Infinity
 * at p = 1, and NaN for a NaN p (an undefined probability stays undefined); a p outside [0, 1] or a
 * non-number throws a `BenchstatsError`.
 *
 * Acklam's rational approximation (relative error 1.15e-9) followed by one Halley step on
 * {@link normalCdf}, which brings it to ~1e-15 (scipy.stats.norm.ppf agrees to that level).
 *
 * @example normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) {
    if (typeof p === "number" && Number.isNaN(p)) return NaN;
    numberArg(p, "p", "normalQuantile", {min: 0, max: 1, code: "range"});
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - 0.02425) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  // One Halley step; work with the smaller tail to avoid cancellation in Φ(x) − p.
  const e = x < 0 ? normalCdf(x) - p : 1 - p - normalCdf(-x);
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}

/**
 * Standard normal survival function P(Z ≥ z) = erfc(z/√2)/2, computed as the upper incomplete
 * gamma Q(1/2, z²/2) so that far tails keep full relative precision.
 *
 * @example normalSurvival(1.959963984540054); // ≈ 0.025
 */
export function normalSurvival(z: number): number {
  if (typeof z !== "number") reject("type", "normalSurvival", "z", "a number", z);
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const half = 0.5 * upperGamma(0.5, (z * z) / 2);
  return z >= 0 ? half : 1 - half;
}
