import {checkLimit, isList, reject, show} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";

/** Scores of systems on tasks: `scores[system][task]`, higher is better, NaN = not measured. */
export type ScoreTable = ReadonlyArray<ArrayLike<number>>;

/**
 * Validates a systems × tasks score table and returns its shape. Throws a BenchstatsError naming
 * the row and column of the first ragged row or non-numeric / infinite cell (NaN = missing is fine).
 *
 * @example checkScoreTable("mine", [[1, NaN], [2, 3]]); // {nSystems: 2, nTasks: 2}
 */
export function checkScoreTable(name: string, scores: ScoreTable): {nSystems: number; nTasks: number} {
  if (!Array.isArray(scores)) reject("type", name, "scores", "an array of rows (systems × tasks)", scores);
  if (scores.length === 0) {
    throw new BenchstatsError("shape", `${name}: expected a non-empty array of rows (systems × tasks)`, {field: "scores"});
  }
  if (!isList(scores[0])) reject("type", name, "scores", "rows that are arrays of numbers (systems × tasks)", scores[0], {row: 0});
  const nTasks = scores[0].length;
  if (nTasks === 0) throw new BenchstatsError("shape", `${name}: the score table has no task columns`, {field: "scores"});
  for (let s = 0; s < scores.length; ++s) {
    const row = scores[s];
    if (!isList(row) || row.length !== nTasks) {
      throw new BenchstatsError("shape", `${name}: every row needs ${nTasks} task scores, got ${isList(row) ? row.length : show(row)}`, {field: "scores", row: s});
    }
    for (let t = 0; t < nTasks; ++t) {
      const v = row[t];
      if (typeof v !== "number" || v === Infinity || v === -Infinity) {
        throw new BenchstatsError("value", `${name}: expected a finite number or NaN, got ${String(v)}`, {field: "scores", row: s, column: t});
      }
    }
  }
  return {nSystems: scores.length, nTasks};
}

/**
 * Pairwise disagreement costs of a score table, doubled so they are integers: `cost[u·n + v]` = 2 ×
 * the Kendall cost of placing u before v = 2·#{tasks with v > u} + #{tasks with v = u}, counting
 * only tasks where both are present (a missing score costs 0). Kemeny's objective for an order is
 * the sum of cost[u·n + v] over u placed before v, halved.
 *
 * @example pairwiseCosts([[2, 1], [1, 2]]); // Int32Array [0, 2, 2, 0]
 */
export function pairwiseCosts(scores: ScoreTable): Int32Array {
  return costsOf(scores, "pairwiseCosts");
}

/** {@link pairwiseCosts} with errors naming `fn`; at most `LIMITS.rankedSystems` systems (n² costs). */
export function costsOf(scores: ScoreTable, fn: string): Int32Array {
  const {nSystems: n, nTasks} = checkScoreTable(fn, scores);
  checkLimit(n, "rankedSystems", "scores", fn, "the number of systems");
  const cost = new Int32Array(n * n);
  for (let u = 0; u < n; ++u) {
    const a = scores[u];
    for (let v = u + 1; v < n; ++v) {
      const b = scores[v];
      let uv = 0;
      let vu = 0;
      for (let t = 0; t < nTasks; ++t) {
        const x = a[t];
        const y = b[t];
        if (x !== x || y !== y) continue; // NaN: missing, no cost either way
        if (y > x) uv += 2;
        else if (x > y) vu += 2;
        else {
          uv += 1;
          vu += 1;
        }
      }
      cost[u * n + v] = uv;
      cost[v * n + u] = vu;
    }
  }
  return cost;
}

/**
 * Kemeny cost of an order (system indices best first) for a score table: the summed Kendall
 * distance to the per-task rankings, a tied pair costing ½ and a pair with a missing score 0.
 *
 * @example kemenyCost([[3, 1], [2, 2], [1, 3]], [0, 1, 2]); // 3
 */
export function kemenyCost(scores: ScoreTable, order: ArrayLike<number>): number {
  const cost = costsOf(scores, "kemenyCost");
  return orderCost(cost, scores.length, checkOrder("kemenyCost", order, scores.length)) / 2;
}

/** Doubled cost of an order under a doubled pairwise cost matrix. */
export function orderCost(cost: Int32Array, n: number, order: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < order.length; ++i) for (let j = i + 1; j < order.length; ++j) total += cost[order[i] * n + order[j]];
  return total;
}

/** Checks that `order` is a permutation of 0..n−1. */
export function checkOrder(name: string, order: ArrayLike<number>, n: number): ArrayLike<number> {
  if (!isList(order)) reject("type", name, "order", "an array of system indices", order);
  if (order.length !== n) throw new BenchstatsError("shape", `${name}: order must list all ${n} systems, got ${order.length}`, {field: "order"});
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; ++i) {
    const s = order[i];
    if (!Number.isInteger(s) || s < 0 || s >= n || seen[s]) {
      throw new BenchstatsError("value", `${name}: order must be a permutation of 0..${n - 1}, bad entry ${s}`, {field: "order", row: i});
    }
    seen[s] = 1;
  }
  return order;
}

/**
 * Each system's position in a canonical order of the table's rows: rows compared task by task (NaN after
 * every number), identical rows by index. Seeded or heuristic routines that must not depend on the
 * order of the rows (Kemeny's heuristic, the run draws of rankIntervals) visit systems in this order.
 * A position (0-based, every system its own), not a rank of scores: "rank" in this library's results is
 * a position (1 = first in sorted order), except `ciAwareRanks`' competition rank and the CI-aware
 * `ciRank` (see lib/bootstrap/ci-ranks.ts).
 */
export function canonicalPositions(scores: ScoreTable): Int32Array {
  const n = scores.length;
  const tasks = n ? scores[0].length : 0;
  const compare = (a: number, b: number): number => {
    const x = scores[a];
    const y = scores[b];
    for (let t = 0; t < tasks; ++t) {
      const p = x[t];
      const q = y[t];
      if (p === q || (p !== p && q !== q)) continue;
      if (p !== p) return 1;
      if (q !== q) return -1;
      return p < q ? -1 : 1;
    }
    return a - b;
  };
  const order = Array.from({length: n}, (_, i) => i).sort(compare);
  const rank = new Int32Array(n);
  order.forEach((system, position) => (rank[system] = position));
  return rank;
}
