import {enumArg, intArg, optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {normalSurvival} from "../core/normal.js";
import {completePairs, type NanPolicy} from "./paired.js";
import {argsortWithTies} from "./rank.js";

/** Which Kendall coefficient: τ-a (no tie correction), τ-b (scipy's default), τ-c (Stuart). */
export type KendallVariant = "a" | "b" | "c";

export interface KendallOptions {
  /** τ variant, default "b". */
  variant?: KendallVariant;
  /** "omit" (default) drops pairs with a NaN; "raise" throws a BenchstatsError. */
  nanPolicy?: NanPolicy;
  /** p-value method as in scipy: "auto" (default), "exact" (no ties only) or "asymptotic". */
  method?: "auto" | "exact" | "asymptotic";
}

export interface KendallResult {
  /** The coefficient; NaN (with `warning`) when x or y is constant or fewer than 2 complete pairs. */
  tau: number;
  /** Two-sided p-value for H0: independence, as scipy.stats.kendalltau computes it. */
  pValue: number;
  /** Which p-value method was used. */
  method: "exact" | "asymptotic" | "none";
  /** Number of complete (non-NaN) pairs used. */
  n: number;
  concordant: number;
  discordant: number;
  /** Pairs tied in x only, in y only, and in both. */
  tiedX: number;
  tiedY: number;
  tiedBoth: number;
  /** Present when the result is degenerate (why tau is NaN). */
  warning?: string;
}

/**
 * Kendall's rank correlation with tie handling, in O(n log n) (Knight 1966: sort by (x, y), count
 * discordant pairs as inversions of y with a merge sort, which also leaves y sorted for its ties).
 *
 * With C concordant and D discordant pairs, n0 = n(n−1)/2, n1 = Σ t(t−1)/2 over tie groups of x and
 * n2 likewise for y, m = min(#distinct x, #distinct y):
 * - τ-a = (C − D)/n0
 * - τ-b = (C − D)/√((n0 − n1)(n0 − n2))
 * - τ-c = 2(C − D)/(n²(m − 1)/m)
 *
 * p-value (the same for all variants, it depends only on C − D), exactly as `scipy.stats.kendalltau`
 * (method "auto"): the exact null distribution of C when there are no ties and n ≤ 33 or
 * min(D, n0 − D) ≤ 1; otherwise the normal approximation with the tie-corrected variance
 * var = (v0 − vt − vu)/18 + 2·n1·n2/(n(n−1)) + t2·u2/(9n(n−1)(n−2)).
 * scipy has no τ-a; ours uses the same p-value. Agrees with scipy 1.17 to ~1e-15 on
 * test/fixtures/ranking/correlation.json.
 *
 * @example
 * kendallTau([1, 2, 3, 4, 5], [1, 3, 2, 4, 5]); // {tau: 0.8, pValue: 0.0833…, …}
 * kendallTau(x, y, {variant: "c"});
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>, options: KendallOptions = {}): KendallResult {
  const {variant = "b", nanPolicy = "omit", method: requested = "auto"} = optionsArg(options, "kendallTau");
  enumArg(variant, "variant", "kendallTau", ["a", "b", "c"]);
  enumArg(requested, "method", "kendallTau", ["auto", "exact", "asymptotic"]);
  const pairs = completePairs("kendallTau", x, y, nanPolicy);
  const size = pairs.x.length;
  // y in the (x, y) lexicographic order, as scipy sorts; ties in x and joint ties come with it.
  const {ys, tx, ntie} = sortYByXThenY(pairs.x, pairs.y);
  // Discordant pairs = inversions of y along the x order (ties in x are sorted by y, so they add
  // none); the merge sort leaves y sorted, which gives the tie groups of y in one linear pass.
  const {inversions: dis, sorted} = countInversions(ys);
  const ty = tieStatistics(sorted);
  const distinctX = tx.distinct;
  const distinctY = ty.distinct;
  const tot = (size * (size - 1)) / 2;
  const conMinusDis = tot - tx.pairs - ty.pairs + ntie - 2 * dis;
  const concordant = tot - tx.pairs - ty.pairs + ntie - dis;
  const counts = {
    n: size,
    concordant,
    discordant: dis,
    tiedX: tx.pairs - ntie,
    tiedY: ty.pairs - ntie,
    tiedBoth: ntie
  };
  if (tx.pairs === tot || ty.pairs === tot) {
    const warning = size < 2 ? "fewer than 2 complete pairs" : tx.pairs === tot ? "x is constant" : "y is constant";
    return {tau: NaN, pValue: NaN, method: "none", ...counts, warning};
  }

  let tau: number;
  if (variant === "b") tau = conMinusDis / Math.sqrt(tot - tx.pairs) / Math.sqrt(tot - ty.pairs);
  else if (variant === "a") tau = conMinusDis / tot;
  else {
    const minClasses = Math.min(distinctX, distinctY);
    tau = (2 * conMinusDis) / ((size * size * (minClasses - 1)) / minClasses);
  }
  tau = Math.min(1, Math.max(-1, tau));

  const noTies = tx.pairs === 0 && ty.pairs === 0;
  if (requested === "exact" && !noTies) {
    throw new BenchstatsError("option", "kendallTau: ties found, the exact p-value needs untied data (use method 'auto')");
  }
  const method =
    requested === "auto" ? (noTies && (size <= 33 || Math.min(dis, tot - dis) <= 1) ? "exact" : "asymptotic") : requested;
  let pValue: number;
  if (method === "exact") pValue = kendallExactPValue(size, tot - dis);
  else {
    const m = size * (size - 1);
    const variance =
      (m * (2 * size + 5) - tx.v1 - ty.v1) / 18 + (2 * tx.pairs * ty.pairs) / m + (tx.v0 * ty.v0) / (9 * m * (size - 2));
    const z = conMinusDis / Math.sqrt(variance);
    pValue = Math.min(1, 2 * normalSurvival(Math.abs(z)));
  }
  return {tau, pValue, method, ...counts};
}

interface TieStatistics {
  /** Σ t(t−1)/2 over tie groups of size t (tied pairs). */
  pairs: number;
  /** Σ t(t−1)(t−2) and Σ t(t−1)(2t+5): scipy's count_rank_tie terms of the variance. */
  v0: number;
  v1: number;
  /** Number of distinct values. */
  distinct: number;
}

/** Tie-group statistics of ascending `sorted` values (equal values are contiguous). */
function tieStatistics(sorted: Float64Array): TieStatistics {
  const n = sorted.length;
  const stats = {pairs: 0, v0: 0, v1: 0, distinct: 0};
  for (let k = 0; k < n; ) {
    const value = sorted[k];
    let end = k + 1;
    while (end < n && sorted[end] === value) ++end;
    addGroup(stats, end - k);
    k = end;
  }
  return stats;
}

function addGroup(stats: TieStatistics, t: number): void {
  if (t > 1) {
    stats.pairs += (t * (t - 1)) / 2;
    stats.v0 += t * (t - 1) * (t - 2);
    stats.v1 += t * (t - 1) * (2 * t + 5);
  }
  ++stats.distinct;
}

/**
 * The y values in the (x, y) lexicographic order, with the tie statistics of x and the number of
 * jointly tied pairs Σ t(t−1)/2 over runs of equal (x, y). One native typed-array sort orders x
 * (argsortWithTies); within each run of equal x the y values are then sorted in place.
 */
function sortYByXThenY(x: Float64Array, y: Float64Array): {ys: Float64Array<ArrayBuffer>; tx: TieStatistics; ntie: number} {
  const n = x.length;
  const {order, tied} = argsortWithTies(x);
  const ys = new Float64Array(n);
  for (let k = 0; k < n; ++k) ys[k] = y[order[k]];
  const tx = {pairs: 0, v0: 0, v1: 0, distinct: 0};
  let ntie = 0;
  for (let k = 0; k < n; ) {
    let end = k + 1;
    while (end < n && tied[end] === 1) ++end;
    const t = end - k;
    addGroup(tx, t);
    if (t > 1) {
      if (t <= 16) insertionSort(ys, k, end);
      else ys.subarray(k, end).sort();
      for (let i = k; i < end; ) {
        let stop = i + 1;
        while (stop < end && ys[stop] === ys[i]) ++stop;
        const u = stop - i;
        ntie += (u * (u - 1)) / 2;
        i = stop;
      }
    }
    k = end;
  }
  return {ys, tx, ntie};
}

function insertionSort(a: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; ++i) {
    const v = a[i];
    let j = i;
    while (j > start && a[j - 1] > v) {
      a[j] = a[j - 1];
      --j;
    }
    a[j] = v;
  }
}

/**
 * Number of pairs i < j with a[i] > a[j]: insertion sort of blocks of 16 (counting the shifts), then
 * bottom-up merges between two buffers (counting, for each element taken from the right run, the
 * elements left in the left run). Sequential memory access, O(n log n). `a` is consumed; `sorted`
 * holds its values in ascending order (it may be `a` itself).
 */
function countInversions(a: Float64Array<ArrayBuffer>): {inversions: number; sorted: Float64Array<ArrayBuffer>} {
  const n = a.length;
  let inversions = 0;
  const BLOCK = 16;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(start + BLOCK, n);
    for (let i = start + 1; i < end; ++i) {
      const v = a[i];
      let j = i;
      while (j > start && a[j - 1] > v) {
        a[j] = a[j - 1];
        --j;
      }
      inversions += i - j;
      a[j] = v;
    }
  }
  let src = a;
  let dst = new Float64Array(n);
  for (let width = BLOCK; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const mid = Math.min(left + width, n);
      const right = Math.min(left + 2 * width, n);
      let i = left;
      let j = mid;
      let k = left;
      if (mid < right && !(src[mid] < src[mid - 1])) {
        // Runs already in order: nothing to count, copy through.
        while (i < right) dst[k++] = src[i++];
        continue;
      }
      while (i < mid && j < right) {
        const u = src[i];
        const v = src[j];
        if (v < u) {
          inversions += mid - i;
          dst[k++] = v;
          ++j;
        } else {
          dst[k++] = u;
          ++i;
        }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < right) dst[k++] = src[j++];
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  return {inversions, sorted: src};
}

/**
 * Two-sided exact p-value of Kendall's statistic for n untied pairs with c concordant pairs: the
 * null distribution of the number of inversions of a random permutation (Mahonian numbers), by the
 * same cumulative-sum recurrence as scipy's `_kendall_p_exact`. The recurrence costs about n·c ≤ n³/4
 * steps, so n is capped at `LIMITS.exactKendallItems` (1,000: a second of work; long before that the
 * normal approximation kendallTau uses for large n is accurate to far below any decision threshold).
 * `concordant` must be an integer in [0, n(n − 1)/2].
 *
 * @example kendallExactPValue(5, 9); // 2·(1 + 4)/5! = 0.0833…
 */
export function kendallExactPValue(n: number, concordant: number): number {
  intArg(n, "n", "kendallExactPValue", {min: 0, limit: "exactKendallItems"});
  const total = (n * (n - 1)) / 2;
  intArg(concordant, "concordant", "kendallExactPValue", {min: 0, max: total, code: "range"});
  const c = Math.min(concordant, total - concordant);
  if (n <= 2) return 1;
  if (c === 0) return n < 171 ? 2 / factorial(n) : 0;
  if (c === 1) return n < 172 ? 2 / factorial(n - 1) : 0;
  if (4 * c === n * (n - 1)) return 1;
  let counts = new Float64Array(c + 1);
  counts[0] = 1;
  counts[1] = 1;
  const scaled = n >= 171; // divide by j at each step to stay finite; the sum is then a probability
  for (let j = 3; j <= n; ++j) {
    const next = new Float64Array(c + 1);
    let running = 0;
    for (let i = 0; i <= c; ++i) {
      running += counts[i];
      next[i] = scaled ? running / j : running;
    }
    if (j <= c) {
      // new[j:] -= new[:c+1-j], reading the not-yet-updated prefix: go from the top down.
      for (let i = c; i >= j; --i) next[i] -= next[i - j];
    }
    counts = next;
  }
  let sum = 0;
  for (let i = 0; i <= c; ++i) sum += counts[i];
  const p = scaled ? sum : (2 * sum) / factorial(n);
  return Math.min(1, Math.max(0, p));
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; ++i) f *= i;
  return f;
}
