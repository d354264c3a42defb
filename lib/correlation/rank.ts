import {numbersArg} from "../core/check.js";
/**
 * Ranks of a numeric sample: average ranks for ties (scipy.stats.rankdata, method="average") and
 * dense ranks (method="dense", 0-based here).
 */

/**
 * Indices sorted ascending by `values`, stable: ties keep their order in `initial` (default
 * 0..n−1), so passing the order of a second key gives a lexicographic sort. NaN must be removed
 * beforehand; −0 and +0 are equal. Large inputs use an LSD radix sort on the IEEE-754 bits mapped to
 * unsigned order (6 passes of 11 bits carrying the keys, so memory access stays sequential), O(n).
 */
export function argsortAscending(values: ArrayLike<number>, initial?: Uint32Array): Uint32Array {
  const n = values.length;
  if (n < 1024) {
    const index = initial ? Array.from(initial) : Array.from({length: n}, (_, i) => i);
    const position = new Uint32Array(n);
    index.forEach((j, k) => (position[j] = k));
    index.sort((a, b) => values[a] - values[b] || position[a] - position[b]);
    return Uint32Array.from(index);
  }
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  let index = new Uint32Array(n);
  const scratch = new Float64Array(1);
  const words = new Uint32Array(scratch.buffer);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const iLo = little ? 0 : 1;
  const iHi = 1 - iLo;
  for (let k = 0; k < n; ++k) {
    const j = initial ? initial[k] : k;
    const v = values[j];
    scratch[0] = v === 0 ? 0 : v;
    let h = words[iHi];
    let l = words[iLo];
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[k] = h;
    lo[k] = l;
    index[k] = j;
  }
  // 64-bit keys in 6 digits of 11 bits (2048 buckets stay in cache); all histograms in one pass.
  const DIGITS = 6;
  const histograms = new Uint32Array(DIGITS * 2048);
  for (let k = 0; k < n; ++k) {
    const l = lo[k];
    const h = hi[k];
    histograms[l & 2047]++;
    histograms[2048 + ((l >>> 11) & 2047)]++;
    histograms[4096 + (((l >>> 22) | (h << 10)) & 2047)]++;
    histograms[6144 + ((h >>> 1) & 2047)]++;
    histograms[8192 + ((h >>> 12) & 2047)]++;
    histograms[10240 + (h >>> 23)]++;
  }
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let index2 = new Uint32Array(n);
  for (let pass = 0; pass < DIGITS; ++pass) {
    const offset = pass * 2048;
    let constant = false;
    let total = 0;
    for (let d = 0; d < 2048; ++d) {
      const c = histograms[offset + d];
      if (c === n) constant = true;
      histograms[offset + d] = total;
      total += c;
    }
    if (constant) continue; // every key shares this digit
    // One specialised loop per digit; the low word is no longer needed after pass 2.
    if (pass === 0) {
      for (let k = 0; k < n; ++k) {
        const l = lo[k];
        const at = histograms[l & 2047]++;
        hi2[at] = hi[k];
        lo2[at] = l;
        index2[at] = index[k];
      }
    } else if (pass === 1) {
      for (let k = 0; k < n; ++k) {
        const l = lo[k];
        const at = histograms[2048 + ((l >>> 11) & 2047)]++;
        hi2[at] = hi[k];
        lo2[at] = l;
        index2[at] = index[k];
      }
    } else if (pass === 2) {
      for (let k = 0; k < n; ++k) {
        const h = hi[k];
        const at = histograms[4096 + (((lo[k] >>> 22) | (h << 10)) & 2047)]++;
        hi2[at] = h;
        index2[at] = index[k];
      }
    } else {
      const shift = pass === 3 ? 1 : pass === 4 ? 12 : 23;
      for (let k = 0; k < n; ++k) {
        const h = hi[k];
        const at = histograms[offset + ((h >>> shift) & 2047)]++;
        hi2[at] = h;
        index2[at] = index[k];
      }
    }
    [hi, hi2] = [hi2, hi];
    if (pass < 2) [lo, lo2] = [lo2, lo];
    [index, index2] = [index2, index];
  }
  return index;
}

/**
 * Indices sorted ascending by `values`, in no particular order among equal values; −0 and +0 are
 * equal, NaN must be removed beforehand. Uses the engine's native `Float64Array` sort (no
 * comparator, so it stays in native code): each value's lowest ⌈log2 n⌉ mantissa bits are replaced by
 * its index, which can only reorder values that agree in all other bits; such groups (adjacent after
 * the sort) are then put in exact order, by insertion sort when small. O(n log n).
 *
 * @example argsortUnstable(new Float64Array([3, 1, 2])); // Uint32Array [1, 2, 0]
 */
export function argsortUnstable(values: Float64Array): Uint32Array {
  return argsortWithTies(values).order;
}

/**
 * argsortUnstable plus, for each sorted position k > 0, whether its value equals the previous one
 * (`tied[k]` = 1), found from the packed keys without reading `values` again except inside the
 * groups that needed the exact fix-up.
 *
 * @example argsortWithTies(new Float64Array([2, 1, 2])); // {order: [1, 0, 2], tied: [0, 0, 1]}
 */
export function argsortWithTies(values: Float64Array): {order: Uint32Array; tied: Uint8Array} {
  const n = values.length;
  if (n > 0x80000000) {
    const order = argsortAscending(values);
    const tied = new Uint8Array(n);
    for (let k = 1; k < n; ++k) tied[k] = values[order[k]] === values[order[k - 1]] ? 1 : 0;
    return {order, tied};
  }
  const bits = n <= 1 ? 1 : 32 - Math.clz32(n - 1);
  const mask = bits >= 32 ? -1 : (1 << bits) - 1;
  const keep = ~mask;
  const keys = new Float64Array(n);
  const words = new Uint32Array(keys.buffer);
  const iLo = LITTLE_ENDIAN ? 0 : 1;
  const iHi = 1 - iLo;
  let lowBits = 0; // stays 0 when no value uses the replaced bits (small integers, halves, …)
  for (let i = 0; i < n; ++i) {
    const v = values[i];
    keys[i] = v === 0 ? 0 : v;
    const w = 2 * i + iLo;
    const word = words[w];
    lowBits |= word & mask;
    words[w] = (word & keep) | i;
  }
  keys.sort();
  const order = new Uint32Array(n);
  for (let k = 0; k < n; ++k) order[k] = words[2 * k + iLo] & mask;
  // Values in different groups differ, so only values inside a group can be tied.
  const tied = new Uint8Array(n);
  for (let k = 0; k < n; ) {
    const h = words[2 * k + iHi];
    const l = words[2 * k + iLo] & keep;
    let end = k + 1;
    while (end < n && words[2 * end + iHi] === h && (words[2 * end + iLo] & keep) === l) ++end;
    if (end - k > 1 && (lowBits === 0 || exactOrder(values, order, k, end))) tied.fill(1, k + 1, end);
    else if (end - k > 1) {
      let previous = values[order[k]];
      for (let i = k + 1; i < end; ++i) {
        const v = values[order[i]];
        tied[i] = v === previous ? 1 : 0;
        previous = v;
      }
    }
    k = end;
  }
  return {order, tied};
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Sorts `order[start..end)` by `values` exactly (a group the packed keys could not separate).
 * Returns true when all its values are equal (nothing to do).
 */
function exactOrder(values: Float64Array, order: Uint32Array, start: number, end: number): boolean {
  const first = values[order[start]];
  let same = true;
  for (let k = start + 1; k < end && same; ++k) same = values[order[k]] === first;
  if (same) return true;
  if (end - start <= 32) {
    for (let i = start + 1; i < end; ++i) {
      const j0 = order[i];
      const v = values[j0];
      let j = i;
      while (j > start && values[order[j - 1]] > v) {
        order[j] = order[j - 1];
        --j;
      }
      order[j] = j0;
    }
    return false;
  }
  const group = order.slice(start, end);
  const groupValues = new Float64Array(end - start);
  for (let k = 0; k < group.length; ++k) groupValues[k] = values[group[k]];
  const within = argsortAscending(groupValues);
  for (let k = 0; k < group.length; ++k) order[start + k] = group[within[k]];
  return false;
}

/**
 * Average ranks, 1-based: tied values share the mean of the ranks they span. Matches
 * `scipy.stats.rankdata(values)` (method "average"). Values must be finite numbers (NaN has no rank).
 *
 * @example rankAverage([10, 20, 20, 30]); // Float64Array [1, 2.5, 2.5, 4]
 */
export function rankAverage(values: ArrayLike<number>): Float64Array {
  numbersArg(values, "values", "rankAverage", {missing: false});
  const n = values.length;
  const {order, tied} = argsortWithTies(values instanceof Float64Array ? values : Float64Array.from(values));
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && tied[end] === 1) ++end;
    const average = (start + end + 1) / 2; // mean of ranks start+1 .. end
    for (let k = start; k < end; ++k) ranks[order[k]] = average;
    start = end;
  }
  return ranks;
}

/**
 * Dense ranks, 0-based: the smallest distinct value gets 0, the next 1, … O(n) after the sort
 * (argsortWithTies). Values must be finite numbers (NaN has no rank).
 *
 * @returns the ranks and the number of distinct values
 * @example denseRanks([5, 1, 5, 3]); // {ranks: Int32Array [2, 0, 2, 1], distinct: 3}
 */
export function denseRanks(values: ArrayLike<number>): {ranks: Int32Array; distinct: number} {
  numbersArg(values, "values", "denseRanks", {missing: false});
  const n = values.length;
  const {order, tied} = argsortWithTies(values instanceof Float64Array ? values : Float64Array.from(values));
  const ranks = new Int32Array(n);
  let distinct = 0;
  for (let k = 0; k < n; ++k) {
    if (k > 0 && tied[k] === 0) ++distinct;
    ranks[order[k]] = distinct;
  }
  return {ranks, distinct: n ? distinct + 1 : 0};
}
