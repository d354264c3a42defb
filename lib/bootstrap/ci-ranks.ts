import {booleanArg, intArg, numbersArg, objectArg, optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";

/**
 * CI-aware ranks: an entry's `ciRank` is 1 + the number of entries whose interval lies entirely on
 * the better side of its own (lower bound above its upper bound; upper bound below its lower bound when
 * lower is better), so entries with overlapping intervals share a rank instead of being ordered by
 * noise. This is the "rank = 1 + number of significantly better systems" convention of leaderboards
 * (LMSYS Chatbot Arena / FastChat's `rank (UB)`), used by Bradley–Terry, Plackett–Luce and
 * {@link ciAwareRanks}.
 *
 * Two other ranks appear beside it in results, under their own names: a *position* (1, 2, 3, … in
 * sorted order, ties broken by name; Bradley–Terry's and Plackett–Luce's `rank`) and a *competition
 * rank* (1 + the number of strictly better points, so ties share the smaller rank; `ciAwareRanks`'s
 * `rank`).
 *
 * @example ciRanks([{lower: 5, upper: 7}, {lower: 4, upper: 6}, {lower: 1, upper: 3}]); // [1, 1, 3]
 */
export function ciRanks(intervals: readonly {lower: number; upper: number}[], higherIsBetter = true): number[] {
  return intervals.map((_, i) => 1 + clearlyBetter(intervals, i, higherIsBetter).length);
}

/** Indices of the intervals that lie entirely on the better side of interval i (see {@link ciRanks}). */
export function clearlyBetter(intervals: readonly {lower: number; upper: number}[], i: number, higherIsBetter = true): number[] {
  const row = intervals[i];
  const out: number[] = [];
  intervals.forEach((o, j) => {
    if (higherIsBetter ? o.lower > row.upper : o.upper < row.lower) out.push(j);
  });
  return out;
}

/** One row of {@link ciAwareRanks}. */
export interface CiAwareRank {
  key: string;
  point: number;
  lower: number;
  upper: number;
  /** Competition rank by point estimate (1 = best; ties share the smaller rank). */
  rank: number;
  /** 1 + number of algorithms whose interval lies entirely on the better side of this one's. */
  ciRank: number;
  /** The algorithms whose intervals lie entirely on the better side. */
  clearlyBetter: string[];
}

/**
 * Ranks that respect the confidence intervals ({@link ciRanks}) of interval estimates such as
 * rliable's: rows sorted by point estimate (equal points by key), each with its competition rank, its
 * CI-aware rank and the keys that are clearly better.
 *
 * @param intervals the result of `intervalEstimates` (or any `{key: {point, lower, upper}}`)
 * @param options.output which statistic output to rank by (default 0)
 * @example
 * ciAwareRanks(intervalEstimates(dict, aggregateIqm, {reps: 2000})).map((r) => [r.key, r.ciRank]);
 */
export function ciAwareRanks(
  intervals: Record<string, {point: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number>}>,
  options: {output?: number; higherIsBetter?: boolean} = {}
): CiAwareRank[] {
  const fn = "ciAwareRanks";
  const {output = 0, higherIsBetter = true} = optionsArg(options, fn);
  intArg(output, "output", fn, {min: 0});
  booleanArg(higherIsBetter, "higherIsBetter", fn);
  objectArg(intervals, "intervals", fn, "an object {key: {point, lower, upper}} (intervalEstimates)");
  const rows = Object.keys(intervals).map((key) => {
    const e = objectArg<{point: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number>}>(intervals[key], `intervals["${key}"]`, fn, "{point, lower, upper}");
    for (const part of ["point", "lower", "upper"] as const) numbersArg(e[part], `intervals["${key}"].${part}`, fn, {missing: false});
    const point = e.point[output];
    if (point === undefined) throw new BenchstatsError("option", `ciAwareRanks: "${key}" has no output ${output}`);
    return {key, point, lower: e.lower[output], upper: e.upper[output]};
  });
  const sign = higherIsBetter ? 1 : -1;
  // Equal points are listed by key, not in the order the keys come.
  rows.sort((a, b) => sign * (b.point - a.point) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return rows.map((row, i) => {
    const better = clearlyBetter(rows, i, higherIsBetter).map((j) => rows[j].key);
    const rank = 1 + rows.filter((o) => sign * (o.point - row.point) > 0).length;
    return {...row, rank, ciRank: 1 + better.length, clearlyBetter: better};
  });
}
