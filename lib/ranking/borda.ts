import {checkScoreTable, type ScoreTable} from "./table.js";
import {scoredOrder, type ScoredOrder} from "./order.js";

/**
 * Borda count with ties: in each task, a system earns one point per present system it beats and
 * ½ per present system it ties (= its average rank − 1 among the systems present in that task);
 * points are summed over tasks, higher is better. Missing scores (NaN) earn nothing and cost
 * nothing to others.
 *
 * Reference: Colombo et al. (NeurIPS 2022) use Borda as their Kemeny approximation, but with
 * `np.argsort(np.argsort(col))`, which breaks ties by sort order and ranks NaN as best; this
 * function is the tie-aware version (kemeny_small.json "borda_average_ties"). Borda is a
 * 5-approximation of the Kemeny cost (Coppersmith, Fleischer & Rudra 2006).
 *
 * @example borda([[3, 1], [2, 2], [1, 3]]).scores; // [2, 2, 2]
 */
export function borda(scores: ScoreTable): ScoredOrder {
  const {nSystems: n, nTasks} = checkScoreTable("borda", scores);
  const points = new Array<number>(n).fill(0);
  const column = new Float64Array(n);
  const index: number[] = [];
  for (let t = 0; t < nTasks; ++t) {
    index.length = 0;
    for (let s = 0; s < n; ++s) {
      column[s] = scores[s][t];
      if (!Number.isNaN(column[s])) index.push(s);
    }
    index.sort((a, b) => column[a] - column[b]);
    for (let i = 0; i < index.length; ) {
      let j = i + 1;
      while (j < index.length && column[index[j]] === column[index[i]]) ++j;
      const averageRankMinusOne = (i + j - 1) / 2;
      for (let k = i; k < j; ++k) points[index[k]] += averageRankMinusOne;
      i = j;
    }
  }
  return scoredOrder(points, true);
}
