import {checkScoreTable, type ScoreTable} from "./table.js";
import {scoredOrder, type ScoredOrder} from "./order.js";

/**
 * Mean-score aggregation: each system's mean over the tasks where it has a score (NaN skipped),
 * higher is better. This is the usual leaderboard average; it mixes metric scales, which is the
 * reason to prefer rank-based rules (Colombo et al. 2022). A system with no score at all gets NaN
 * and is ordered last.
 *
 * @example meanScore([[90, 80], [85, NaN]]).scores; // [85, 85]
 */
export function meanScore(scores: ScoreTable): ScoredOrder {
  const {nSystems: n, nTasks} = checkScoreTable("meanScore", scores);
  const means = new Array<number>(n);
  for (let s = 0; s < n; ++s) {
    let sum = 0;
    let m = 0;
    for (let t = 0; t < nTasks; ++t) {
      const v = scores[s][t];
      if (Number.isNaN(v)) continue;
      sum += v;
      ++m;
    }
    means[s] = m ? sum / m : NaN;
  }
  return scoredOrder(means, true);
}

/**
 * Mean-rank aggregation: in each task rank the present systems 1 = best (ties share their average
 * rank), then average each system's ranks over the tasks where it is present; lower is better
 * (`higherIsBetter: false`). A system with no score at all gets NaN and is ordered last.
 *
 * @example meanRank([[3, 1], [2, 2], [1, 3]]).scores; // [2, 2, 2]
 */
export function meanRank(scores: ScoreTable): ScoredOrder {
  const {nSystems: n, nTasks} = checkScoreTable("meanRank", scores);
  const sums = new Float64Array(n);
  const counts = new Float64Array(n);
  const index: number[] = [];
  for (let t = 0; t < nTasks; ++t) {
    index.length = 0;
    for (let s = 0; s < n; ++s) if (!Number.isNaN(scores[s][t])) index.push(s);
    index.sort((a, b) => scores[b][t] - scores[a][t]);
    for (let i = 0; i < index.length; ) {
      let j = i + 1;
      while (j < index.length && scores[index[j]][t] === scores[index[i]][t]) ++j;
      const averageRank = (i + j + 1) / 2;
      for (let k = i; k < j; ++k) {
        sums[index[k]] += averageRank;
        counts[index[k]]++;
      }
      i = j;
    }
  }
  return scoredOrder(Array.from(sums, (s, i) => (counts[i] ? s / counts[i] : NaN)), false);
}
