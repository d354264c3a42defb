import {isList, reject} from "../core/check.js";
import {checkIrtItems, thetaArg} from "./check-items.js";
import {BenchstatsError} from "../core/errors.js";
import {itemProbability} from "./model.js";

/**
 * Log-likelihood of one response pattern at ability θ (local independence):
 * log L(θ) = Σ_j [x_j·log P_j(θ) + (1 − x_j)·log(1 − P_j(θ))] over the observed (non-NaN) responses,
 * with P_j(θ) = g + (1 − g)·σ(a·θ + d).
 *
 * Reference: Lord (1980) ch. 4; mirt's per-pattern likelihood before integration over θ.
 *
 * @example
 * const items = [-1, 0, 1].map((b) => ({a: 1, d: -b}));
 * patternLogLikelihood(items, [1, 1, 0], 0); // −1.3197 = 2·log σ(1) + log ½
 */
export function patternLogLikelihood(
  items: ReadonlyArray<{a: number; d: number; g?: number}>,
  pattern: ArrayLike<number | null | undefined>,
  theta: number
): number {
  checkIrtItems(items, "items", "patternLogLikelihood");
  if (!isList(pattern)) reject("type", "patternLogLikelihood", "pattern", "an array of 0/1 responses (NaN or null = missing)", pattern);
  thetaArg(theta, "patternLogLikelihood");
  if (pattern.length !== items.length) {
    throw new BenchstatsError("shape", `patternLogLikelihood: ${pattern.length} responses for ${items.length} items`, {field: "pattern"});
  }
  let f = 0;
  for (let j = 0; j < items.length; ++j) {
    const x = pattern[j];
    if (x === null || x === undefined || Number.isNaN(x)) continue;
    if (x !== 0 && x !== 1) throw new BenchstatsError("value", `patternLogLikelihood: responses must be 0, 1 or NaN, got ${x}`, {field: "pattern", column: j});
    const p = itemProbability(items[j], theta);
    f += x === 1 ? Math.log(p) : Math.log1p(-p);
  }
  return f;
}
