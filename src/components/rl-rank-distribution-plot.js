import * as Plot from "npm:@observablehq/plot";
import {rankRows, uniqueOrdered, withMinWidth} from "./rl-shapes.js";

const MIN_WIDTH = 240;

/**
 * Rank distributions (rliable colab, `get_rank_matrix` and the paper's ranking figures): for each algorithm
 * a stacked bar of the probability that it takes rank 1 (best), 2, … when one run per task and algorithm is
 * drawn at random and algorithms are ranked per task (ties broken at random), averaged over tasks. A bar
 * dominated by dark (low-rank) segments is an algorithm that is usually best; spread-out bars show that the
 * ranking is uncertain even when the point estimates differ.
 *
 * `data` is `{[algorithm]: number[]}` (P(rank = i + 1) at index i), `{algorithms, probabilities}` (an
 * algorithms × ranks matrix) or rows `{algorithm, rank, probability}`. Other options are spread into
 * `Plot.plot`.
 *
 * @example
 * RankDistributionPlot(rankDistribution(scoreDict, {seed: 1}), {width})
 */
export function RankDistributionPlot(
  data,
  {algorithms, scheme = "viridis", rowHeight = 30, labelWidth = 90, xLabel = "Probability of rank", document = globalThis.document, ...options} = {}
) {
  const all = rankRows(data);
  const order = algorithms ?? uniqueOrdered(all, "algorithm");
  const rows = all.filter((r) => order.includes(r.algorithm));
  const ranks = uniqueOrdered(rows, "rank").sort((a, b) => a - b);
  return Plot.plot({
    document,
    height: order.length * rowHeight + 80,
    marginLeft: labelWidth,
    x: {label: xLabel, domain: [0, 1], percent: false, grid: true},
    y: {domain: order, label: null},
    color: {type: "ordinal", domain: ranks, scheme, legend: true, label: "Rank", tickFormat: (r) => `rank ${r}`},
    ...withMinWidth(options, MIN_WIDTH),
    marks: [
      Plot.barX(rows, Plot.stackX({
        y: "algorithm",
        x: "probability",
        fill: "rank",
        order: "rank",
        tip: {format: {x: (d) => d.toFixed(3), y: true, fill: true}}
      })),
      Plot.ruleX([0]),
      ...(options.marks ?? [])
    ]
  });
}
