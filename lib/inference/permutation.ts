import {REPS} from "../bootstrap/reps.js";
import {BenchstatsError} from "../core/errors.js";
import {createRandom} from "../core/random.js";
import {optionsArg, seedArg} from "../core/check.js";
import {repsArg} from "../bootstrap/checks.js";
import {LIMITS} from "../core/limits.js";
import {pairedValues} from "./paired-values.js";

/** Largest n for which `exact: "auto"` enumerates every sign pattern (2²⁰ ≈ 10⁶ of them). */
export const EXACT_PERMUTATION_ITEMS = 20;

export interface PairedPermutationOptions {
  /** Random sign patterns when the test is not exact (default `REPS.pairedItems` = 10,000; at most 10⁶). */
  reps?: number;
  /** Seed of the random sign patterns (default 0). */
  seed?: number;
  /** `true`: enumerate all 2ⁿ patterns (n ≤ 40); `false`: random patterns; `"auto"` (default): exact for n ≤ 20. */
  exact?: boolean | "auto";
}

export interface PairedPermutationResult {
  /** Items both models have a value on. */
  n: number;
  /** The observed statistic, d̄ = mean of x_i − y_i. */
  mean: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Whether every sign pattern was counted. */
  exact: boolean;
  /** Sign patterns the p-value counts over: 2ⁿ when exact, else `reps`. */
  patterns: number;
  /** Present when every difference is 0 (no pattern can differ from the observed one: p = 1). */
  warning?: string;
}

/**
 * The paired permutation (sign-flip) test of H0: the two models are exchangeable on every item, so each
 * difference d_i = x_i − y_i is as likely to have had the opposite sign. The statistic is d̄; its null
 * distribution is that of (1/n) Σ s_i d_i over sign patterns s ∈ {−1, +1}ⁿ, and the two-sided p-value is
 * p = min(1, 2·min(P(T ≤ d̄), P(T ≥ d̄))), comparisons within a relative tolerance of 10⁻¹⁴ (values that
 * differ only by rounding count as equal).
 *
 * - exact: all 2ⁿ patterns are counted, P = count/2ⁿ. The patterns are split into two halves whose
 *   partial sums are enumerated and one half sorted, so 2ⁿ patterns cost O(2^{n/2}·n) (n ≤ 40);
 * - Monte Carlo: `reps` random patterns (32 signs per random word), P = (count + 1)/(reps + 1), which
 *   counts the observed pattern and keeps the test valid (Phipson & Smyth 2010).
 *
 * Items missing in either model (NaN) are left out; item order matters only to which random signs each
 * item gets. Zero differences stay in n, as in scipy.
 *
 * Reference: R. A. Fisher, The Design of Experiments (1935), §21; scipy.stats.permutation_test(...,
 * permutation_type="samples") uses the same p-value and tolerance: exact p-values agree with it to 1e-12
 * on AlpacaEval and ChemBench model pairs (test/fixtures/inference/paired-tests.json).
 *
 * @example
 * pairedPermutationTest([0.9, 0.8, 0.7, 0.95], [0.5, 0.6, 0.65, 0.5]); // {n: 4, mean: 0.275, pValue: 0.125, exact: true, patterns: 16}
 * pairedPermutationTest(x, y, {reps: 100000, seed: 1}); // random sign flips for large n
 */
export function pairedPermutationTest(x: ArrayLike<number>, y: ArrayLike<number>, options: PairedPermutationOptions = {}): PairedPermutationResult {
  const fn = "pairedPermutationTest";
  const {reps = REPS.pairedItems, seed = 0, exact = "auto"} = optionsArg(options, fn);
  if (exact !== true && exact !== false && exact !== "auto") {
    throw new BenchstatsError("option", `${fn}: exact must be true, false or "auto", got ${JSON.stringify(exact)}`, {field: "exact"});
  }
  seedArg(seed, fn);
  const {n, d} = pairedValues(x, y, fn);
  const useExact = exact === "auto" ? n <= EXACT_PERMUTATION_ITEMS : exact;
  if (useExact && n > LIMITS.exactItems) {
    throw new BenchstatsError("option", `${fn}: exact enumeration takes at most ${LIMITS.exactItems} items (2^${LIMITS.exactItems} sign patterns), got n = ${n}; use exact: false`, {field: "exact"});
  }
  if (!useExact) repsArg(reps, fn);
  let total = 0;
  let allZero = true;
  for (let i = 0; i < n; ++i) {
    total += d[i];
    if (d[i] !== 0) allZero = false;
  }
  const mean = total / n;
  const patterns = useExact ? 2 ** n : reps;
  if (allZero) return {n, mean: 0, pValue: 1, exact: useExact, patterns, warning: "every difference is 0: all sign patterns give the observed statistic (p = 1)"};
  const gamma = Math.max(1e-14, Math.abs(1e-14 * mean));
  const {below, above} = useExact ? countExact(d, mean, gamma) : countRandom(d, mean, gamma, reps, seed);
  const adjust = useExact ? 0 : 1;
  const pLess = (below + adjust) / (patterns + adjust);
  const pGreater = (above + adjust) / (patterns + adjust);
  return {n, mean, pValue: Math.min(1, 2 * Math.min(pLess, pGreater)), exact: useExact, patterns};
}

/** Patterns with T ≤ t + γ and with T ≥ t − γ, over all 2ⁿ sign patterns (meet in the middle). */
function countExact(d: Float64Array, t: number, gamma: number): {below: number; above: number} {
  const n = d.length;
  const h = n >> 1;
  const left = partialSums(d, 0, h);
  const right = partialSums(d, h, n).sort();
  const hiBound = t + gamma;
  const loBound = t - gamma;
  let below = 0;
  let above = 0;
  const m = right.length;
  for (let i = 0; i < left.length; ++i) {
    const a = left[i];
    // (a + b)/n is non-decreasing in b, so each count is one binary search over the sorted half.
    below += firstIndex(right, (b) => (a + b) / n > hiBound);
    above += m - firstIndex(right, (b) => (a + b) / n >= loBound);
  }
  return {below, above};
}

/** Σ s_i d_i over every sign pattern of d[from..to), pattern bits in order (bit k = item from + k). */
function partialSums(d: Float64Array, from: number, to: number): Float64Array {
  const out = new Float64Array(2 ** (to - from));
  out[0] = 0;
  for (let i = from; i < to; ++i) out[0] += d[i];
  for (let k = 0; k < to - from; ++k) {
    const size = 2 ** k;
    const flip = 2 * d[from + k];
    for (let j = 0; j < size; ++j) out[size + j] = out[j] - flip;
  }
  return out;
}

/** The first index whose value satisfies `test` (false…false true…true), or the length. */
function firstIndex(sorted: Float64Array, test: (v: number) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(sorted[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function countRandom(d: Float64Array, t: number, gamma: number, reps: number, seed: number): {below: number; above: number} {
  const n = d.length;
  const rng = createRandom(seed, 0);
  let below = 0;
  let above = 0;
  for (let r = 0; r < reps; ++r) {
    let sum = 0;
    for (let i = 0; i < n; i += 32) {
      let bits = rng.uint32();
      const end = Math.min(n, i + 32);
      for (let k = i; k < end; ++k, bits >>>= 1) sum += bits & 1 ? -d[k] : d[k];
    }
    const value = sum / n;
    if (value <= t + gamma) ++below;
    if (value >= t - gamma) ++above;
  }
  return {below, above};
}
