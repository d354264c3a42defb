import {enumArg, isList, reject} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";

/** How a correlation treats pairs where x or y is NaN. */
export type NanPolicy = "omit" | "raise";

const NAN_POLICIES: readonly NanPolicy[] = ["omit", "raise"];

/**
 * Checks two paired samples and drops the pairs where either value is NaN (policy "omit", the
 * default, as pandas' `DataFrame.corr` does pairwise) or throws (policy "raise"). x and y must be arrays
 * (or typed arrays) of numbers of one length; ±Infinity, a non-number or an unknown policy throws.
 */
export function completePairs(
  name: string,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  nanPolicy: NanPolicy = "omit"
): {x: Float64Array; y: Float64Array} {
  if (!isList(x)) reject("type", name, "x", "an array of numbers (NaN = missing)", x);
  if (!isList(y)) reject("type", name, "y", "an array of numbers (NaN = missing)", y);
  enumArg(nanPolicy, "nanPolicy", name, NAN_POLICIES);
  if (x.length !== y.length) {
    throw new BenchstatsError("shape", `${name}: x and y must have the same length, got ${x.length} and ${y.length}`);
  }
  let m = 0;
  for (let i = 0; i < x.length; ++i) {
    const a = x[i];
    const b = y[i];
    if (typeof a !== "number" || typeof b !== "number") {
      throw new BenchstatsError("type", `${name}: expected numbers, got ${typeof a === "number" ? typeof b : typeof a}`, {row: i});
    }
    if (Number.isNaN(a) || Number.isNaN(b)) {
      if (nanPolicy === "raise") throw new BenchstatsError("missing", `${name}: NaN in ${Number.isNaN(a) ? "x" : "y"}`, {row: i});
      continue;
    }
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      throw new BenchstatsError("value", `${name}: expected finite numbers, got ${Number.isFinite(a) ? b : a}`, {row: i});
    }
    ++m;
  }
  if (m === x.length) return {x: Float64Array.from(x), y: Float64Array.from(y)};
  const cx = new Float64Array(m);
  const cy = new Float64Array(m);
  for (let i = 0, j = 0; i < x.length; ++i) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    cx[j] = x[i];
    cy[j++] = y[i];
  }
  return {x: cx, y: cy};
}
