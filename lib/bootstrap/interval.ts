import {arrayArg, isList, numberArg, numbersArg, optionsArg, reject} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {quantilesInPlace} from "../describe/quantile.js";
import {normalCdf, normalQuantile} from "../core/normal.js";
import {studentizedInterval} from "./studentized.js";
import {tQuantile} from "./student-t.js";
import {confidenceArg} from "./checks.js";
import {percentileInterval} from "./percentile.js";

/**
 * Ways to turn bootstrap replicates into a two-sided confidence interval: arch's `conf_int` names, plus
 * `expanded` (Hesterberg's small-sample expanded percentile interval), `studentized` (bootstrap-t) and
 * `auto` (per statistic the one the coverage study measured best; see `AUTO_INTERVAL_METHODS`).
 */
export type IntervalMethod = "percentile" | "basic" | "bc" | "bca" | "norm" | "expanded" | "studentized" | "auto";

/**
 * The default method of the stratified-bootstrap interval functions (`intervalEstimates` and the functions
 * built on it): `auto`, which picks per statistic the method that came closest to the nominal level with
 * 3–10 runs per task in the coverage study (bench/coverage.bench.ts, page "Do the intervals cover?"):
 * expanded for the mean, IQM, median, optimality gap and profiles, expanded with half its
 * variance factor for the probability of improvement (`AUTO_INTERVAL_METHODS` in lib/rl/method-choice.ts).
 */
export const DEFAULT_INTERVAL_METHOD: IntervalMethod = "auto";

/** The interval methods, in the order the docs list them. */
export const INTERVAL_METHODS: readonly IntervalMethod[] = ["auto", "percentile", "basic", "bc", "bca", "norm", "expanded", "studentized"];

export interface BootstrapIntervalOptions {
  /** Default `"percentile"`. */
  method?: IntervalMethod;
  /** Two-sided coverage in (0, 1); default 0.95. */
  confidence?: number;
  /** BCa acceleration â (see {@link jackknifeAcceleration}); required for `"bca"`, ignored otherwise. */
  acceleration?: number;
  /** Names the quantity in error messages, e.g. `"DER, output 2 (IQM)"`. */
  label?: string;
  /**
   * Tail probability α′ of `"expanded"`, e.g. from {@link expandedTail}; ignored by the other methods.
   * Default: (1 − confidence)/2, where `"expanded"` equals `"percentile"`.
   */
  expandedTail?: number;
  /** Standard error of each replicate, on its own resample; required for `"studentized"`, ignored otherwise. */
  standardErrors?: ArrayLike<number>;
  /** Standard error of the point estimate, on the data; required for `"studentized"`, ignored otherwise. */
  standardError?: number;
}

/**
 * A two-sided bootstrap confidence interval `[lower, upper]` from replicate values θ*_1..θ*_B and the
 * point estimate θ̂, with α = (1 − confidence)/2 and q(p) the numpy-linear (type 7) quantile of the
 * replicates:
 * - `percentile`: [q(α), q(1 − α)] (Efron 1979).
 * - `basic`: [2θ̂ − q(1 − α), 2θ̂ − q(α)] (Davison & Hinkley 1997, eq. 5.6).
 * - `bc`: [q(Φ(2b + z_α)), q(Φ(2b + z_{1−α}))] with bias b = Φ⁻¹(#{θ* < θ̂}/B) (strict <).
 * - `bca`: [q(Φ(b + (b + z_α)/(1 − â(b + z_α)))), same with z_{1−α}] (Efron 1987), â the acceleration.
 * - `norm`: θ̂ ∓ z_{1−α}·sd(θ*), sd with divisor B.
 * - `expanded`: [q(α′), q(1 − α′)] with the small-sample tail α′ = `expandedTail` (see
 *   {@link expandedTail}; Hesterberg 2015, §4.4): the percentile interval widened for the
 *   bootstrap's too-small variance (divisor n, not n − 1) and for the t rather than normal spread of a
 *   studentized statistic with few degrees of freedom.
 * - `auto`: `studentized` when `standardErrors` are given, else `expanded` (the interval functions
 *   choose per statistic before calling this).
 * - `studentized` (bootstrap-t): [θ̂ − q_t(1 − α)·ŝe, θ̂ − q_t(α)·ŝe] with q_t the quantiles of
 *   (θ*_b − θ̂)/se*_b, from `standardErrors` and `standardError` (see {@link studentizedInterval}).
 *
 * The first five are exactly the formulas of arch's `IIDBootstrap.conf_int` (tail "two"), which rliable
 * calls, so given the same replicates and acceleration the endpoints agree with rliable's to rounding.
 *
 * Degenerate input: when every replicate equals θ̂ the interval is [θ̂, θ̂] for every method (the
 * resampling cannot move the statistic, e.g. a performance profile at a τ above all scores). Otherwise
 * `bc`/`bca` throw a `BenchstatsError` (code `"degenerate"`) when #{θ* < θ̂}/B is 0 or 1, where the bias
 * correction is infinite (arch raises a RuntimeError there too). NaN replicates throw (code `"nan"`).
 *
 * @example
 * bootstrapInterval([1, 2, 3, 4, 5], 3, {method: "percentile", confidence: 0.5}); // [2, 4]
 */
export function bootstrapInterval(
  replicates: ArrayLike<number>,
  theta: number,
  options: BootstrapIntervalOptions = {}
): [number, number] {
  const {method = "percentile", confidence = 0.95, acceleration, label, expandedTail: tailOption, standardErrors, standardError} = optionsArg(options, "bootstrapInterval");
  numbersArg(replicates, "replicates", "bootstrapInterval");
  numberArg(theta, "theta", "bootstrapInterval", {code: "type"});
  if (acceleration !== undefined) numberArg(acceleration, "acceleration", "bootstrapInterval");
  const where = label ? ` for ${label}` : "";
  confidenceArg(confidence, "bootstrapInterval");
  if (!INTERVAL_METHODS.includes(method)) {
    throw new BenchstatsError("option", `unknown interval method "${method}"; expected one of ${INTERVAL_METHODS.join(", ")}`);
  }
  const n = replicates.length;
  if (n < 2) throw new BenchstatsError("reps", `need at least 2 bootstrap replicates${where}, got ${n}`);
  // Copied, since selection reorders them; only two order statistics are needed, not a sort.
  const values = new Float64Array(n);
  let constant = true;
  for (let i = 0; i < n; ++i) {
    const v = replicates[i];
    if (Number.isNaN(v)) throw new BenchstatsError("nan", `bootstrap replicate ${i} is NaN${where}; the statistic must return numbers for every resample`);
    values[i] = v;
    if (v !== theta) constant = false;
  }
  if (constant) return [theta, theta];
  const alpha = (1 - confidence) / 2;
  switch (method === "auto" ? (standardErrors === undefined ? "expanded" : "studentized") : method) {
    case "studentized":
      if (standardErrors === undefined || standardError === undefined) {
        throw new BenchstatsError("option", `the studentized interval${where} needs standardErrors (one per replicate) and standardError (of the estimate)`);
      }
      numbersArg(standardErrors, "standardErrors", "bootstrapInterval");
      numberArg(standardError, "standardError", "bootstrapInterval");
      return studentizedInterval(values, standardErrors, theta, standardError, confidence, label);
    case "percentile":
      return percentileInterval(values, confidence);
    case "expanded": {
      const tail = tailOption ?? alpha;
      if (!(tail > 0 && tail <= alpha)) throw new BenchstatsError("option", `expandedTail must be in (0, ${alpha}], got ${tailOption}`);
      return quantilesInPlace(values, [tail, 1 - tail]) as [number, number];
    }
    case "basic": {
      const [lo, hi] = quantilesInPlace(values, [alpha, 1 - alpha]);
      return [2 * theta - hi, 2 * theta - lo];
    }
    case "norm": {
      let mean = 0;
      for (let i = 0; i < n; ++i) mean += values[i];
      mean /= n;
      let ss = 0;
      for (let i = 0; i < n; ++i) ss += (values[i] - mean) ** 2;
      const half = normalQuantile(1 - alpha) * Math.sqrt(ss / n);
      return [theta - half, theta + half];
    }
    default: {
      let below = 0;
      for (let i = 0; i < n; ++i) if (values[i] < theta) ++below;
      const p = below / n;
      if (p === 0 || p === 1) {
        throw new BenchstatsError(
          "degenerate",
          `${method} interval${where} is undefined: ${p === 0 ? "no" : "every"} bootstrap replicate lies below the point estimate ${theta}, so the bias correction Φ⁻¹(${p}) is infinite; use method "percentile" or "basic"`
        );
      }
      const b = normalQuantile(p);
      const a = method === "bca" ? acceleration : 0;
      if (a === undefined || !Number.isFinite(a)) {
        throw new BenchstatsError("degenerate", `bca interval${where} needs a finite acceleration, got ${a}`);
      }
      const zLo = normalQuantile(alpha);
      const zHi = normalQuantile(1 - alpha);
      const pLo = method === "bc" ? normalCdf(2 * b + zLo) : normalCdf(b + (b + zLo) / (1 - a * (b + zLo)));
      const pHi = method === "bc" ? normalCdf(2 * b + zHi) : normalCdf(b + (b + zHi) / (1 - a * (b + zHi)));
      return quantilesInPlace(values, [pLo, pHi]) as [number, number];
    }
  }
}

/**
 * BCa acceleration from leave-one-out jackknife values, one array per independent sample:
 * u_i = mean(jk) − jk_i within each sample, â = Σu³ / (6 (Σu²)^{3/2}) summed over all samples
 * (Efron & Tibshirani 1993, eq. 14.15; the multi-sample sum follows their §14.3 remark for
 * independent samples).
 *
 * rliable (through arch) jackknifes whole run rows too, but centres on `jk.mean()` without an axis: for
 * a statistic with several outputs every output is centred on the grand mean of all outputs, which
 * mixes the outputs' scales. Call this once per output (as {@link intervalEstimates} does) to get the
 * textbook per-output acceleration. Throws a `BenchstatsError` (code `"degenerate"`) when all jackknife
 * values are equal (zero jackknife variance), where â is 0/0.
 *
 * @example jackknifeAcceleration([[1, 2, 4]]); // 0.0813...
 */
export function jackknifeAcceleration(samples: ArrayLike<number>[], label?: string): number {
  arrayArg(samples, "samples", "jackknifeAcceleration", {what: "an array of jackknife value lists"}).forEach((jk, k) => {
    if (!isList(jk)) reject("type", "jackknifeAcceleration", "samples", "lists of jackknife values", jk, {row: k});
    numbersArg(jk, "samples", "jackknifeAcceleration", {missing: false});
  });
  let s2 = 0;
  let s3 = 0;
  for (const jk of samples) {
    const n = jk.length;
    if (n === 0) continue;
    let mean = 0;
    for (let i = 0; i < n; ++i) mean += jk[i];
    mean /= n;
    for (let i = 0; i < n; ++i) {
      const u = mean - jk[i];
      s2 += u * u;
      s3 += u * u * u;
    }
  }
  if (!(s2 > 0)) {
    throw new BenchstatsError(
      "degenerate",
      `BCa acceleration${label ? ` for ${label}` : ""} is undefined: leaving out any one run does not change the statistic (zero jackknife variance); use another interval method`
    );
  }
  return s3 / (6 * Math.pow(s2, 1.5));
}

/**
 * Tail probability α′ of the expanded percentile interval (Hesterberg, "What Teachers Should Know About
 * the Bootstrap", The American Statistician 69(4), 2015, §4.4), generalised to a stratified bootstrap:
 *
 *   α′ = Φ(−k · t_{1−α, ν}),  k² = Σ_s w_s n_s/(n_s − 1) / Σ_s w_s,  ν = (Σ_s w_s)² / Σ_s w_s²/(n_s − 1),
 *
 * with α = (1 − confidence)/2, n_s the size of stratum s (the runs of one task of one sample) and w_s
 * its share of the statistic's variance (`weights`; equal when omitted, so ν = Σ_s (n_s − 1)). With one
 * stratum this is Hesterberg's α′ = Φ(−√(n/(n−1)) t_{1−α, n−1}) exactly. Why: resampling n values
 * estimates each stratum's variance with divisor n instead of n − 1 (the factor k), and a statistic
 * standardised by an estimated spread follows a t with ν (Welch–Satterthwaite) degrees of freedom
 * rather than a normal. Strata of one run or zero weight add nothing; with none left (or all weights
 * zero) the strata count equally, and with no stratum of two or more runs α′ = α (the percentile
 * interval).
 *
 * `varianceExponent` p (default 1) uses k^p instead of k: p = 0 keeps only the Student-t part
 * (α′ = Φ(−t_{1−α, ν})), p = ½ half the variance factor on the log scale. For a statistic whose
 * bootstrap variance is shrunk less than a mean's by the divisor n, such as the two-sample U-statistic
 * behind the probability of improvement (resampling both samples adds a within-pair term that partly
 * offsets the divisor), the full factor over-widens.
 *
 * @example expandedTail(0.95, [3]); // Φ(−√1.5 · 4.303) ≈ 6.8e-8: the replicates' extremes
 * @example expandedTail(0.95, [5, 5, 5, 5, 5]); // Φ(−√1.25 · t_{0.975, 20}) ≈ 0.0098 (a 98% percentile interval)
 */
export function expandedTail(confidence: number, strata: ArrayLike<number>, weights?: ArrayLike<number>, varianceExponent = 1): number {
  confidenceArg(confidence, "expandedTail");
  const alpha = (1 - confidence) / 2;
  const tail = (useWeights: boolean): number | undefined => {
    let sw = 0;
    let ratio = 0;
    let dfDen = 0;
    for (let i = 0; i < strata.length; ++i) {
      const n = strata[i];
      const w = useWeights ? weights![i] : 1;
      if (!(n >= 2) || !(w > 0) || !Number.isFinite(w)) continue;
      sw += w;
      ratio += (w * n) / (n - 1);
      dfDen += (w * w) / (n - 1);
    }
    if (!(sw > 0)) return undefined;
    const k = varianceExponent === 1 ? Math.sqrt(ratio / sw) : Math.pow(ratio / sw, varianceExponent / 2);
    return normalCdf(-k * tQuantile(1 - alpha, (sw * sw) / dfDen));
  };
  return (weights ? tail(true) : undefined) ?? tail(false) ?? alpha;
}
