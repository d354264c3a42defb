import {checkScoreTable, pairwiseCosts, type ScoreTable} from "./table.js";
import {scoredOrder, type ScoredOrder} from "./order.js";

/**
 * Copeland's rule: system u beats v when it scores higher on more of the tasks where both are
 * present than v does (a task tie counts ½ for each); a system's score is its number of pairwise
 * majority wins plus ½ per pairwise draw, higher is better.
 *
 * Reference: Copeland (1951); a Condorcet winner, when one exists, ranks first alone. Like Kemeny
 * it only uses pairwise majorities, so it is insensitive to score scales.
 *
 * @example copeland([[3, 3], [2, 1], [1, 2]]).scores; // [2, 0.5, 0.5]
 */
export function copeland(scores: ScoreTable): ScoredOrder {
  const {nSystems: n} = checkScoreTable("copeland", scores);
  const cost = pairwiseCosts(scores);
  const points = new Array<number>(n).fill(0);
  for (let u = 0; u < n; ++u)
    for (let v = u + 1; v < n; ++v) {
      const uFirst = cost[u * n + v]; // disagreements if u is placed above v
      const vFirst = cost[v * n + u];
      if (uFirst < vFirst) points[u] += 1;
      else if (vFirst < uFirst) points[v] += 1;
      else {
        points[u] += 0.5;
        points[v] += 0.5;
      }
    }
  return scoredOrder(points, true);
}
