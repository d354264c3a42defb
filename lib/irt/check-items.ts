/**
 * Argument checks of the IRT functions that take calibrated items or a fit: each item an object with a
 * slope `a` and an intercept `d` that are numbers (d may be ±Infinity: an item everyone or no one
 * answered correctly), and a guessing `g` in [0, 1) when given; abilities θ numbers (not NaN).
 */
import {arrayArg, numberArg, objectArg, reject} from "../core/check.js";

/** One item `{a, d, g?}`; `row` names its index in a list. */
export function checkIrtItem(item: unknown, name: string, fn: string, row?: number): {a: number; d: number; g?: number} {
  const where = row === undefined ? {} : {row};
  if (item === null || typeof item !== "object" || Array.isArray(item)) reject("type", fn, name, "an item {a, d, g?}", item, where);
  const {a, d, g} = item as {a: unknown; d: unknown; g?: unknown};
  if (typeof a !== "number" || a !== a) reject("type", fn, `${name}.a`, "a number (the slope)", a, where);
  // d is NaN for an item nobody answered (no estimate), ±Infinity for one answered the same by everyone.
  if (typeof d !== "number") reject("type", fn, `${name}.d`, "a number (the intercept)", d, where);
  if (g !== undefined && (typeof g !== "number" || !(g >= 0 && g < 1))) reject("type", fn, `${name}.g`, "a number in [0, 1) (the guessing parameter)", g, where);
  return item as {a: number; d: number; g?: number};
}

/** A list of items. */
export function checkIrtItems<T extends {a: number; d: number; g?: number}>(items: unknown, name: string, fn: string): readonly T[] {
  const list = arrayArg<T>(items, name, fn, {what: "an array of items {a, d, g?}"});
  list.forEach((item, j) => checkIrtItem(item, name, fn, j));
  return list;
}

/** A fit (or anything with calibrated `items`): an object whose `items` pass {@link checkIrtItems}. */
export function checkIrtFit(fit: unknown, fn: string): void {
  objectArg(fit, "fit", fn, "a fit from fitIrt (an object with items)");
  checkIrtItems((fit as {items?: unknown}).items, "fit.items", fn);
}

/** An ability θ: a number, ±Infinity allowed, NaN not. */
export function thetaArg(theta: unknown, fn: string, name = "theta"): number {
  return numberArg(theta, name, fn, {infinite: true, code: "type"});
}
