/**
 * Interval helpers shared by the GPU analyses (internal; not exported from the barrel).
 */

/** Start/end pairs sorted by start (stable: ties keep input order). */
export function sortIntervals(starts: Float64Array, ends: Float64Array): {start: Float64Array; end: Float64Array} {
  const n = starts.length;
  let sorted = true;
  for (let i = 1; i < n; ++i) if (starts[i] < starts[i - 1]) { sorted = false; break; }
  if (sorted) return {start: starts, end: ends};
  const order = new Uint32Array(n);
  for (let i = 0; i < n; ++i) order[i] = i;
  order.sort((a, b) => starts[a] - starts[b] || a - b);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    start[i] = starts[order[i]];
    end[i] = ends[order[i]];
  }
  return {start, end};
}

/** Merged (non-overlapping) intervals, ascending. */
export interface MergedIntervals {
  start: Float64Array;
  end: Float64Array;
  /** Σ (end − start) over the merged groups. */
  total: number;
}

/**
 * HTA's `merge_kernel_intervals`: sort by start, open a new group when `start > cummax(previous ends)`
 * (so touching intervals merge), each group spanning [min start, max end].
 */
export function mergeIntervals(starts: Float64Array, ends: Float64Array): MergedIntervals {
  const n = starts.length;
  let ordered = true;
  for (let i = 0; i < n; ++i) {
    if (!(ends[i] >= starts[i])) {
      ordered = false;
      break;
    }
  }
  // Starts already ascending (one stream's kernels, or a trace written in time order): one pass, no sort.
  let sorted = true;
  for (let i = 1; i < n && sorted; ++i) if (starts[i] < starts[i - 1]) sorted = false;
  return ordered && !sorted ? mergeBySweep(starts, ends) : mergeByGroups(starts, ends);
}

/**
 * The fast path for intervals with end ≥ start: sort starts and ends separately (numeric typed-array sorts, no
 * comparator) and sweep, taking starts before ends at equal times so touching intervals merge. A group closes
 * when no interval is open, which is exactly HTA's `start > cummax(previous ends)` rule for such intervals.
 */
function mergeBySweep(starts: Float64Array, ends: Float64Array): MergedIntervals {
  const n = starts.length;
  const s = Float64Array.from(starts).sort();
  const e = Float64Array.from(ends).sort();
  const gs: number[] = [];
  const ge: number[] = [];
  let total = 0;
  let open = 0;
  let gStart = 0;
  let i = 0;
  let j = 0;
  while (j < n) {
    if (i < n && s[i] <= e[j]) {
      if (open++ === 0) gStart = s[i];
      ++i;
    } else {
      if (--open === 0) {
        gs.push(gStart);
        ge.push(e[j]);
        total += e[j] - gStart;
      }
      ++j;
    }
  }
  return {start: Float64Array.from(gs), end: Float64Array.from(ge), total};
}

/** HTA's grouping verbatim (sort by start, new group when start > cummax of previous ends), for any intervals. */
function mergeByGroups(starts: Float64Array, ends: Float64Array): MergedIntervals {
  const n = starts.length;
  const {start, end} = sortIntervals(starts, ends);
  const gs: number[] = [];
  const ge: number[] = [];
  let total = 0;
  let cummax = -Infinity;
  let gStart = NaN;
  let gEnd = -Infinity;
  for (let i = 0; i < n; ++i) {
    const s = start[i];
    const e = end[i];
    if (i > 0 && s > cummax) {
      gs.push(gStart);
      ge.push(gEnd);
      total += gEnd - gStart;
      gStart = s;
      gEnd = e;
    } else if (i === 0) {
      gStart = s;
      gEnd = e;
    } else if (e > gEnd) gEnd = e;
    if (e > cummax) cummax = e;
  }
  if (n > 0) {
    gs.push(gStart);
    ge.push(gEnd);
    total += gEnd - gStart;
  }
  return {start: Float64Array.from(gs), end: Float64Array.from(ge), total};
}

/** Length of the intersection of two sorted lists of disjoint intervals (two-pointer sweep). */
export function intersectionLength(a: MergedIntervals, b: MergedIntervals): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.start.length && j < b.start.length) {
    const lo = Math.max(a.start[i], b.start[j]);
    const hi = Math.min(a.end[i], b.end[j]);
    if (hi > lo) total += hi - lo;
    if (a.end[i] < b.end[j]) ++i;
    else ++j;
  }
  return total;
}

/** numpy's `round(x, decimals)`: scale, round half to even, unscale (what pandas `.round` does). */
export function roundHalfEven(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const scale = 10 ** decimals;
  const y = x * scale;
  const f = Math.floor(y);
  const diff = y - f;
  let r: number;
  if (diff > 0.5) r = f + 1;
  else if (diff < 0.5) r = f;
  else r = f % 2 === 0 ? f : f + 1;
  return r / scale;
}
