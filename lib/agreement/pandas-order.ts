/**
 * The order in which pandas lists `Series.value_counts()` (pandas 1.5 / 2.x: counts of the values in
 * order of first appearance, then `sort_values(ascending=False)`, i.e. `nargsort` — reverse, numpy
 * `argsort(kind="quicksort")`, reverse). numpy's quicksort is an introsort that is not stable, so tied
 * counts come out in a scrambled but deterministic order; BenchBench feeds that order to
 * `random.sample`, so the faithful mode must reproduce it. This is numpy's generic `aquicksort_`
 * (numpy/_core/src/npysort/quicksort.cpp: median of three, insertion sort for partitions of ≤ 16,
 * heapsort past a depth of 2·⌊log2 n⌋). numpy builds with x86-simd-sort (≥ 1.25 on AVX-512 machines,
 * later AVX2) dispatch a different argsort for 64-bit integers; their tie order differs.
 */

/** numpy's `argsort(values, kind="quicksort")` for integers (generic, non-SIMD path). */
export function numpyQuickArgsort(values: ArrayLike<number>): number[] {
  const n = values.length;
  const tosort = Array.from({length: n}, (_, i) => i);
  if (n < 2) return tosort;
  const v = values;
  const stack: number[] = [];
  const depths: number[] = [];
  let pl = 0;
  let pr = n - 1;
  let cdepth = 2 * (31 - Math.clz32(n));
  let t: number;
  for (;;) {
    if (cdepth < 0) {
      heapArgsort(v, tosort, pl, pr - pl + 1);
    } else {
      while (pr - pl > 15) {
        const pm = pl + ((pr - pl) >> 1);
        if (v[tosort[pm]] < v[tosort[pl]]) (t = tosort[pm]), (tosort[pm] = tosort[pl]), (tosort[pl] = t);
        if (v[tosort[pr]] < v[tosort[pm]]) (t = tosort[pr]), (tosort[pr] = tosort[pm]), (tosort[pm] = t);
        if (v[tosort[pm]] < v[tosort[pl]]) (t = tosort[pm]), (tosort[pm] = tosort[pl]), (tosort[pl] = t);
        const vp = v[tosort[pm]];
        let pi = pl;
        let pj = pr - 1;
        (t = tosort[pm]), (tosort[pm] = tosort[pj]), (tosort[pj] = t);
        for (;;) {
          do ++pi;
          while (v[tosort[pi]] < vp);
          do --pj;
          while (vp < v[tosort[pj]]);
          if (pi >= pj) break;
          (t = tosort[pi]), (tosort[pi] = tosort[pj]), (tosort[pj] = t);
        }
        (t = tosort[pi]), (tosort[pi] = tosort[pr - 1]), (tosort[pr - 1] = t);
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depths.push(--cdepth);
      }
      for (let pi = pl + 1; pi <= pr; ++pi) {
        const vi = tosort[pi];
        const vp = v[vi];
        let pj = pi;
        while (pj > pl && vp < v[tosort[pj - 1]]) {
          tosort[pj] = tosort[pj - 1];
          --pj;
        }
        tosort[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop()!;
    pl = stack.pop()!;
    cdepth = depths.pop()!;
  }
  return tosort;
}

/** numpy's `aheapsort_` on tosort[start .. start+n) (1-based heap indexing as in numpy). */
function heapArgsort(v: ArrayLike<number>, tosort: number[], start: number, n: number): void {
  const a = (i: number) => start + i - 1; // a[1..n]
  let tmp: number;
  for (let l = n >> 1; l > 0; --l) {
    tmp = tosort[a(l)];
    let i = l;
    for (let j = l << 1; j <= n; ) {
      if (j < n && v[tosort[a(j)]] < v[tosort[a(j + 1)]]) j += 1;
      if (v[tmp] < v[tosort[a(j)]]) {
        tosort[a(i)] = tosort[a(j)];
        i = j;
        j += j;
      } else break;
    }
    tosort[a(i)] = tmp;
  }
  for (; n > 1; ) {
    tmp = tosort[a(n)];
    tosort[a(n)] = tosort[a(1)];
    n -= 1;
    let i = 1;
    for (let j = 2; j <= n; ) {
      if (j < n && v[tosort[a(j)]] < v[tosort[a(j + 1)]]) j++;
      if (v[tmp] < v[tosort[a(j)]]) {
        tosort[a(i)] = tosort[a(j)];
        i = j;
        j += j;
      } else break;
    }
    tosort[a(i)] = tmp;
  }
}

/**
 * Keys sorted by value descending as pandas' `sort_values(ascending=False)` does (`nargsort`: reverse →
 * numpy quicksort → reverse). With `keys` in first-appearance order and their counts, this is the order
 * of `Series.value_counts()`.
 *
 * @example valueCountsOrder(["a", "b", "c"], [1, 2, 2]); // the two 2s first, in numpy's tie order
 */
export function valueCountsOrder<T>(keys: readonly T[], counts: readonly number[]): T[] {
  const n = keys.length;
  const reversed = counts.slice().reverse();
  const perm = numpyQuickArgsort(reversed);
  // indexer = (reversed positions)[perm], then reversed
  const indexer = perm.map((p) => n - 1 - p).reverse();
  return indexer.map((i) => keys[i]);
}
