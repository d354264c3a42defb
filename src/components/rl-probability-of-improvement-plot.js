import * as Plot from "npm:@observablehq/plot";
import {COLORBLIND, pairRows, withMinWidth} from "./rl-shapes.js";

const MIN_WIDTH = 240;

/**
 * Probability of improvement (Agarwal et al. 2021, Fig. 6 and `plot_utils.plot_probability_of_improvement`):
 * one row per pair, P(X > Y) — the chance that a run of X beats a run of Y on a randomly chosen task
 * (Mann-Whitney U / (n·m) per task, averaged over tasks) — with its bootstrap CI as a bar and the estimate
 * as a tick. X is named on the left, Y on the right; the dashed line at 0.5 is "no improvement". An interval
 * entirely right of 0.5 means X is likely better on most tasks; the paper calls P > 0.5 with the CI's lower
 * end above 0.5 statistically significant and, following Bouthillier et al., worth a look when P ≳ 0.75.
 *
 * `data` is `{"X,Y": {point: [p], lower: [l], upper: [u]}}` as `intervalEstimates` returns for pairs of
 * matrices (key separator `separator`, default ","), or rows `{x, y, point, lower, upper}`. Pairs are shown
 * in the data's order unless `pairs` lists "X,Y" keys. Other options are spread into `Plot.plot`.
 *
 * @example
 * ProbabilityOfImprovementPlot(intervalEstimates({"SPR,DER": [spr, der]}, probabilityOfImprovement, {reps: 1000, seed: 1}))
 */
export function ProbabilityOfImprovementPlot(
  data,
  {
    separator = ",",
    pairs,
    palette = COLORBLIND,
    rowHeight = 28,
    labelWidth = 90,
    xLabel = "P(X > Y)",
    leftLabel = "Algorithm X",
    rightLabel = "Algorithm Y",
    document = globalThis.document,
    ...options
  } = {}
) {
  let rows = pairRows(data, {separator});
  if (pairs) rows = pairs.map((key) => rows.find((r) => r.pair === key)).filter(Boolean);
  const keys = rows.map((r) => r.pair);
  const xLabelOf = new Map(rows.map((r) => [r.pair, r.x]));
  const lo = Math.min(0.5, ...rows.map((r) => r.lower ?? r.point));
  const hi = Math.max(0.5, ...rows.map((r) => r.upper ?? r.point));
  return Plot.plot({
    document,
    height: rows.length * rowHeight + 70,
    marginLeft: labelWidth,
    marginRight: labelWidth,
    marginTop: 30,
    x: {label: xLabel, domain: [Math.max(0, lo - 0.05), Math.min(1, hi + 0.05)], grid: true, nice: true},
    y: {domain: keys, label: leftLabel, labelAnchor: "top", tickFormat: (key) => xLabelOf.get(key), padding: 0.25},
    color: {domain: keys, range: keys.map((_, i) => palette[i % palette.length])},
    ...withMinWidth(options, MIN_WIDTH),
    marks: [
      Plot.barX(rows, {
        y: "pair",
        x1: "lower",
        x2: "upper",
        fill: "pair",
        fillOpacity: 0.75,
        channels: {"P(X > Y)": "point"},
        tip: {format: {y: true, fill: false, "P(X > Y)": (d) => d.toFixed(3), x1: (d) => d.toFixed(3), x2: (d) => d.toFixed(3)}}
      }),
      Plot.tickX(rows, {y: "pair", x: "point", stroke: "black", strokeWidth: 2}),
      Plot.ruleX([0.5], {stroke: "currentColor", strokeDasharray: "4,3"}),
      Plot.text(rows, {y: "pair", text: "y", frameAnchor: "right", dx: 8, textAnchor: "start"}),
      Plot.text([rightLabel], {frameAnchor: "top-right", dx: 8, dy: -18, textAnchor: "start", fontWeight: "bold"}),
      ...(options.marks ?? [])
    ]
  });
}
