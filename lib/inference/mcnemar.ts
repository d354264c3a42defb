import {BenchstatsError} from "../core/errors.js";
import {binomialCdf} from "../core/distributions.js";
import {chiSquareUpperTail} from "../irt/chi-square.js";
import {optionsArg} from "../core/check.js";
import {pairedValues} from "./paired-values.js";

/** Fewest discordant items for which `exact: "auto"` uses the χ² test instead of the exact binomial. */
export const MCNEMAR_EXACT_BELOW = 25;

export interface McNemarOptions {
  /** `true`: exact binomial test; `false`: χ² test; `"auto"` (default): exact when b + c < 25. */
  exact?: boolean | "auto";
  /** χ² only: continuity correction (|b − c| − 1)² / (b + c) (default true). */
  correction?: boolean;
}

export interface McNemarResult {
  /** Items both models have a 0/1 result on. */
  n: number;
  /** Discordant items: x right and y wrong (b), and x wrong and y right (c). */
  aOnly: number;
  bOnly: number;
  /** Exact test: min(b, c); χ² test: (|b − c| − corr)² / (b + c). */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Whether the exact binomial test was used. */
  exact: boolean;
  /** Present when there are no discordant items (the test has nothing to weigh: p = 1). */
  warning?: string;
}

/**
 * McNemar's test of whether two models scored 0/1 on the same items have the same accuracy. Only the
 * discordant items count: b items only x got right, c items only y got right; under H0 each discordant
 * item goes either way with probability 1/2.
 *
 * - exact: statistic min(b, c), p = min(1, 2·P(B ≤ min(b, c))) with B ~ Binomial(b + c, 1/2);
 * - χ²: statistic (|b − c| − 1)²/(b + c) with the continuity correction ((b − c)²/(b + c) without),
 *   p = P(χ²₁ ≥ statistic).
 *
 * `exact: "auto"` takes the exact test when b + c < 25 (the usual rule: below that the χ² approximation
 * is poor) and χ² with the continuity correction otherwise. Items missing in either (NaN) are left out;
 * a value other than 0 or 1 throws. With no discordant items (b = c = 0) the result is statistic 0,
 * p = 1 and a `warning`, where statsmodels' χ² would divide 0 by 0.
 *
 * Reference: Q. McNemar, "Note on the sampling error of the difference between correlated proportions
 * or percentages", Psychometrika 12 (1947); statsmodels `contingency_tables.mcnemar(table, exact,
 * correction)` gives the same statistic and p-value (to 1e-12 relative on every ChemBench model pair,
 * test/fixtures/inference/paired-tests.json).
 *
 * @example
 * mcnemarTest([1, 1, 1, 0, 1, 0], [0, 0, 1, 0, 0, 1]); // {n: 6, aOnly: 3, bOnly: 1, statistic: 1, pValue: 0.625, exact: true}
 */
export function mcnemarTest(x: ArrayLike<number>, y: ArrayLike<number>, options: McNemarOptions = {}): McNemarResult {
  const fn = "mcnemarTest";
  const {exact = "auto", correction = true} = optionsArg(options, fn);
  checkMcNemarOptions(exact, correction, fn);
  const paired = pairedValues(x, y, fn);
  let b = 0;
  let c = 0;
  for (let i = 0; i < paired.n; ++i) {
    const a = paired.x[i];
    const v = paired.y[i];
    if (a !== 0 && a !== 1) throw binaryError("x", a, paired.index[i], fn);
    if (v !== 0 && v !== 1) throw binaryError("y", v, paired.index[i], fn);
    if (a > v) ++b;
    else if (a < v) ++c;
  }
  return mcnemarFromCounts(paired.n, b, c, {exact, correction});
}

/**
 * McNemar's test from the counts alone (n items, b = x only right, c = y only right), as
 * {@link mcnemarTest} computes it: shared with the CLI, which counts in DuckDB.
 *
 * @example mcnemarFromCounts(2854, 233, 485, {exact: false}); // {statistic: 87.745, pValue: 7.4e-21, exact: false, …}
 */
export function mcnemarFromCounts(n: number, b: number, c: number, options: McNemarOptions = {}): McNemarResult {
  const {exact = "auto", correction = true} = options;
  checkMcNemarOptions(exact, correction, "mcnemarTest");
  const discordant = b + c;
  const useExact = exact === "auto" ? discordant < MCNEMAR_EXACT_BELOW : exact;
  if (discordant === 0) {
    return {n, aOnly: b, bOnly: c, statistic: 0, pValue: 1, exact: useExact, warning: "no discordant items: the models agree on every item, so the test has nothing to weigh (p = 1)"};
  }
  if (useExact) {
    const k = Math.min(b, c);
    return {n, aOnly: b, bOnly: c, statistic: k, pValue: Math.min(1, 2 * binomialCdf(k, discordant, 0.5)), exact: true};
  }
  const statistic = (Math.abs(b - c) - (correction ? 1 : 0)) ** 2 / discordant;
  return {n, aOnly: b, bOnly: c, statistic, pValue: chiSquareUpperTail(statistic, 1), exact: false};
}

function checkMcNemarOptions(exact: unknown, correction: unknown, fn: string): void {
  if (exact !== true && exact !== false && exact !== "auto") {
    throw new BenchstatsError("option", `${fn}: exact must be true, false or "auto", got ${JSON.stringify(exact)}`, {field: "exact"});
  }
  if (typeof correction !== "boolean") throw new BenchstatsError("option", `${fn}: correction must be true or false, got ${JSON.stringify(correction)}`, {field: "correction"});
}

function binaryError(name: string, v: number, item: number, fn: string): BenchstatsError {
  return new BenchstatsError("value", `${fn}: ${name} must be 0 or 1 (or NaN for missing) on every item, got ${v}; use pairedDifference or pairedPermutationTest for scores`, {field: name, row: item});
}
