import {BenchstatsError} from "../core/errors.js";
import {normalSurvival} from "./distributions.js";
import {completePairs, type NanPolicy} from "./paired.js";
import {denseRanks} from "./rank.js";

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
 * Kendall's rank correlation with tie handling, in O(n log n) (Knight 1966: sort by x, count
 * discordant pairs as inversions of y with a Fenwick tree).
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
  const {variant = "b", nanPolicy = "omit", method: requested = "auto"} = options;
  if (variant !== "a" && variant !== "b" && variant !== "c") {
    throw new BenchstatsError("option", `kendallTau: variant must be "a", "b" or "c", got ${JSON.stringify(variant)}`);
  }
  const pairs = completePairs("kendallTau", x, y, nanPolicy);
  const size = pairs.x.length;
  const {ranks: rx, distinct: distinctX} = denseRanks(pairs.x);
  const {ranks: ry, distinct: distinctY} = denseRanks(pairs.y);

  // Order by (rx, ry) with two stable counting sorts (LSD radix): first by y, then by x.
  const byY = countingOrder(ry, distinctY, null);
  const order = countingOrder(rx, distinctX, byY);

  // Discordant pairs: earlier in x-order (strictly smaller x, since ties in x are sorted by y) with
  // strictly larger y.
  const tree = new Int32Array(distinctY + 1);
  let dis = 0;
  for (let k = 0; k < size; ++k) {
    const r = ry[order[k]];
    let notGreater = 0;
    for (let i = r + 1; i > 0; i -= i & -i) notGreater += tree[i];
    dis += k - notGreater;
    for (let i = r + 1; i <= distinctY; i += i & -i) tree[i]++;
  }

  let ntie = 0;
  for (let k = 0; k < size; ) {
    let end = k + 1;
    while (end < size && rx[order[end]] === rx[order[k]] && ry[order[end]] === ry[order[k]]) ++end;
    const t = end - k;
    ntie += (t * (t - 1)) / 2;
    k = end;
  }
  const tx = tieStatistics(rx, distinctX);
  const ty = tieStatistics(ry, distinctY);
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

/** Stable counting sort of indices by integer keys in [0, k); `input` is the previous order (or identity). */
function countingOrder(keys: Int32Array, k: number, input: Uint32Array | null): Uint32Array {
  const n = keys.length;
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; ++i) start[keys[i] + 1]++;
  for (let j = 0; j < k; ++j) start[j + 1] += start[j];
  const out = new Uint32Array(n);
  for (let i = 0; i < n; ++i) {
    const index = input ? input[i] : i;
    out[start[keys[index]]++] = index;
  }
  return out;
}

/** Σ t(t−1)/2, Σ t(t−1)(t−2) and Σ t(t−1)(2t+5) over tie groups (scipy's count_rank_tie). */
function tieStatistics(ranks: Int32Array, distinct: number): {pairs: number; v0: number; v1: number} {
  const counts = new Float64Array(distinct);
  for (let i = 0; i < ranks.length; ++i) counts[ranks[i]]++;
  let pairs = 0;
  let v0 = 0;
  let v1 = 0;
  for (let j = 0; j < distinct; ++j) {
    const t = counts[j];
    if (t < 2) continue;
    pairs += (t * (t - 1)) / 2;
    v0 += t * (t - 1) * (t - 2);
    v1 += t * (t - 1) * (2 * t + 5);
  }
  return {pairs, v0, v1};
}

/**
 * Two-sided exact p-value of Kendall's statistic for n untied pairs with c concordant pairs: the
 * null distribution of the number of inversions of a random permutation (Mahonian numbers), by the
 * same cumulative-sum recurrence as scipy's `_kendall_p_exact`.
 */
export function kendallExactPValue(n: number, concordant: number): number {
  const total = (n * (n - 1)) / 2;
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
