import {numbersArg, reject} from "../core/check.js";
import {checkIrtItem, checkIrtItems, thetaArg} from "./check-items.js";
import {itemProbability} from "./model.js";

/**
 * Fisher information of a dichotomous item at ability θ (Birnbaum 1968):
 * I(θ) = a²·(P − g)²·(1 − P) / ((1 − g)²·P), which is a²·P·(1 − P) without guessing.
 * Items with no finite estimate (d = ±∞) carry no information (0).
 *
 * Reference: Lord (1980) eq. 5-9; mirt's `iteminfo()` for itemtypes 2PL/3PL.
 *
 * @example
 * itemInformation({a: 1.7, d: -0.51}, 0.3);            // 0.7225 = 1.7²/4 (θ = b)
 * itemInformation({a: 1.5, d: -0.75, g: 0.2}, 1);      // 0.35836 (3PL)
 */
export function itemInformation(item: {a: number; d: number; g?: number}, theta: number): number {
  checkIrtItem(item, "item", "itemInformation");
  thetaArg(theta, "itemInformation");
  return information(item, theta);
}

/** {@link itemInformation} without the argument checks (the selection loops call it items × nodes times). */
export function information(item: {a: number; d: number; g?: number}, theta: number): number {
  const g = item.g ?? 0;
  if (!Number.isFinite(item.d) || !Number.isFinite(item.a)) return 0;
  const p = itemProbability(item, theta);
  if (!(p > 0 && p < 1)) return 0;
  if (g === 0) return item.a * item.a * p * (1 - p);
  const r = (p - g) / (1 - g);
  return (item.a * item.a * r * r * (1 - p)) / p;
}

/**
 * Test information I(θ) = Σ_j I_j(θ) over the given items (all of them, or the columns in `subset`).
 * 1/√I(θ) is the asymptotic standard error of the ML ability estimate.
 *
 * @example
 * const rasch = [-1, 0, 1].map((b) => ({a: 1, d: -b}));
 * testInformation(rasch, 0); // 0.6432 = 2·σ(1)σ(−1) + 0.25
 */
export function testInformation(items: ReadonlyArray<{a: number; d: number; g?: number}>, theta: number, subset?: ArrayLike<number>): number {
  const fn = "testInformation";
  checkIrtItems(items, "items", fn);
  thetaArg(theta, fn);
  if (subset !== undefined) {
    const columns = numbersArg(subset, "subset", fn, {missing: false});
    for (let k = 0; k < columns.length; ++k) if (!Number.isInteger(columns[k]) || columns[k] < 0 || columns[k] >= items.length) reject("range", fn, "subset", `item indices in [0, ${items.length})`, columns[k], {row: k});
  }
  let s = 0;
  if (subset) for (let k = 0; k < subset.length; ++k) s += information(items[subset[k]], theta);
  else for (const item of items) s += information(item, theta);
  return s;
}
