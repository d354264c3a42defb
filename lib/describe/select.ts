import {intArg, reject} from "../core/check.js";

/**
 * In-place selection: after `select(values, k)`, `values[k]` holds the k-th smallest element
 * (0-based), everything before it is ≤ and everything after it is ≥.
 *
 * Floyd–Rivest SELECT (Floyd & Rivest, 1975), expected linear time; the same algorithm d3-array's
 * `quickselect` uses. NaN must be removed first (comparisons with NaN are false). `k` must lie in
 * [left, right] (integers within the array); anything else throws a `BenchstatsError`.
 *
 * @example
 * const v = Float64Array.of(5, 1, 4, 2, 3);
 * select(v, 2); v[2]; // 3
 */
export function select(values: Float64Array | number[], k: number, left = 0, right = values?.length - 1): void {
  if (!(values instanceof Float64Array) && !Array.isArray(values)) reject("type", "select", "values", "a Float64Array or an array of numbers", values);
  intArg(left, "left", "select", {min: 0, code: "range"});
  intArg(right, "right", "select", {min: -1, max: values.length - 1, code: "range"});
  if (values.length > 0 || right >= left) intArg(k, "k", "select", {min: left, max: right, code: "range"});
  selectRange(values, k, left, right);
}

/** Floyd–Rivest on checked arguments (recursive on a narrowed window). */
function selectRange(values: Float64Array | number[], k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectRange(values, k, newLeft, newRight);
    }
    const t = values[k];
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right] > t) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      ++i;
      --j;
      while (values[i] < t) ++i;
      while (values[j] > t) --j;
    }
    if (values[left] === t) swap(values, left, j);
    else {
      ++j;
      swap(values, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(values: Float64Array | number[], i: number, j: number): void {
  const t = values[i];
  values[i] = values[j];
  values[j] = t;
}
