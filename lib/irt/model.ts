import {checkIrtItem, thetaArg} from "./check-items.js";
import {logistic} from "./logistic.js";

/**
 * Dichotomous IRT models supported by {@link fitIrt}:
 * - `rasch`: logit P = θ + d (slope fixed at 1), θ ~ N(0, σ²) with σ² estimated (mirt `itemtype = "Rasch"`).
 * - `1pl`: logit P = a·θ + d with one slope shared by all items, θ ~ N(0, 1).
 * - `2pl`: logit P = a_j·θ + d_j, θ ~ N(0, 1).
 * - `3pl`: P = g_j + (1 − g_j)·σ(a_j·θ + d_j), θ ~ N(0, 1).
 */
export type IrtModel = "rasch" | "1pl" | "2pl" | "3pl";

/** Standard errors of one item's parameters (observed information; `b` by the delta method). */
export interface IrtItemStandardErrors {
  a: number;
  d: number;
  b: number;
  g: number;
}

/**
 * One calibrated item in slope-intercept form: P(θ) = g + (1 − g)·σ(a·θ + d), with the IRT form
 * b = −d/a reported too (so a·θ + d = a·(θ − b)).
 */
export interface IrtItem {
  /** Slope (discrimination). 1 for Rasch items, the shared slope for 1PL. */
  a: number;
  /** Intercept. */
  d: number;
  /** Difficulty b = −d/a (±Infinity for items nobody / everybody answered). */
  b: number;
  /** Lower asymptote (guessing); 0 except for 3PL. */
  g: number;
  /**
   * False for items whose parameters have no finite maximum-likelihood estimate: no observed response,
   * or the same response from every respondent (d = ±Infinity, a = 0 except Rasch/1PL's fixed slope).
   */
  estimated: boolean;
  /** Standard errors; NaN where a parameter is fixed by the model (e.g. `a` for Rasch) or not estimated. */
  se: IrtItemStandardErrors;
}

/** Probability of a correct response to `item` at ability `theta`: g + (1 − g)·σ(a·θ + d). */
export function itemProbability(item: {a: number; d: number; g?: number}, theta: number): number {
  const g = item.g ?? 0;
  const z = item.a * theta + item.d;
  // A non-estimable item has a = 0 and d = ±∞; a·θ + d is then ±∞ for every finite θ.
  return g + (1 - g) * logistic(Number.isNaN(z) ? item.d : z);
}

/**
 * Item response function (item characteristic curve) of a dichotomous item:
 * P(θ) = g + (1 − g) / (1 + exp(−(a·θ + d))), the slope-intercept form used by mirt.
 *
 * Reference: Birnbaum (1968) in Lord & Novick; mirt's `probtrace` for itemtype 2PL/3PL.
 *
 * @example
 * irtProbability({a: 1, d: 0}, 1);          // 0.7310585786300049 = σ(1)
 * irtProbability({a: 1.5, d: -0.75, g: 0.2}, 0.5); // 0.6: the 3PL midpoint g + (1 − g)/2
 */
export function irtProbability(item: {a: number; d: number; g?: number}, theta: number): number {
  return itemProbability(checkIrtItem(item, "item", "irtProbability"), thetaArg(theta, "irtProbability"));
}
