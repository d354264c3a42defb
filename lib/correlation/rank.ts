/**
 * Ranks of a numeric sample: average ranks for ties (scipy.stats.rankdata, method="average") and
 * dense ranks (method="dense", 0-based here).
 */

/** Indices 0..n−1 sorted ascending by `values` (stable; NaN must be removed beforehand). */
export function argsortAscending(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const index = new Uint32Array(n);
  for (let i = 0; i < n; ++i) index[i] = i;
  index.sort((a, b) => values[a] - values[b] || a - b);
  return index;
}

/**
 * Average ranks, 1-based: tied values share the mean of the ranks they span. Matches
 * `scipy.stats.rankdata(values)` (method "average"). Values must not contain NaN.
 *
 * @example rankAverage([10, 20, 20, 30]); // Float64Array [1, 2.5, 2.5, 4]
 */
export function rankAverage(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = argsortAscending(values);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) ++end;
    const average = (start + end + 1) / 2; // mean of ranks start+1 .. end
    for (let k = start; k < end; ++k) ranks[order[k]] = average;
    start = end;
  }
  return ranks;
}

/**
 * Dense ranks, 0-based: the smallest distinct value gets 0, the next 1, … Uses a native numeric
 * sort of a copy plus binary search, O(n log n), which is much faster than a comparator sort for
 * millions of values. Values must not contain NaN.
 *
 * @returns the ranks and the number of distinct values
 * @example denseRanks([5, 1, 5, 3]); // {ranks: Int32Array [2, 0, 2, 1], distinct: 3}
 */
export function denseRanks(values: ArrayLike<number>): {ranks: Int32Array; distinct: number} {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  let distinct = 0;
  for (let i = 0; i < n; ++i) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  const ranks = new Int32Array(n);
  for (let i = 0; i < n; ++i) {
    const v = values[i];
    let lo = 0;
    let hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = lo;
  }
  return {ranks, distinct};
}
