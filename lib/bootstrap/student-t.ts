import {studentTwoSided} from "../core/distributions.js";

/**
 * Quantile t_p of Student's t distribution with `df` > 0 degrees of freedom (non-integer df allowed),
 * the inverse of P(T ≤ t) = 1 − ½·I_{df/(df+t²)}(df/2, ½) for t ≥ 0 (symmetric below). Found by
 * bisection on the two-sided tail {@link studentTwoSided}, (a regularized incomplete beta); the
 * result agrees with `scipy.stats.t.ppf` to about 1e-10 relative (checked in
 * test/bootstrap/expanded-interval.test.ts against values computed with scipy). `df = Infinity` gives the normal
 * quantile's limit by using a very large df.
 *
 * @example tQuantile(0.975, 2); // 4.302652729911275
 * @example tQuantile(0.975, 29); // 2.045229642132703
 */
export function tQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || !(df > 0) || p < 0 || p > 1) return NaN;
  if (p === 0.5) return 0;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const upper = p > 0.5;
  const tail = 2 * (upper ? 1 - p : p); // the two-sided tail P(|T| ≥ t) at the answer's |t|
  const nu = Number.isFinite(df) ? df : 1e12;
  // Bracket |t| in [0, hi] with twoSided(hi) < tail, then bisect (the tail decreases in t).
  let lo = 0;
  let hi = 1;
  while (studentTwoSided(hi, nu) > tail) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) break;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i) {
    const mid = 0.5 * (lo + hi);
    if (studentTwoSided(mid, nu) > tail) lo = mid;
    else hi = mid;
  }
  const t = 0.5 * (lo + hi);
  return upper ? t : -t;
}
