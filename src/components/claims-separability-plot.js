import * as Plot from "npm:@observablehq/plot";
import {labelMargin} from "./claims-shapes.js";

/**
 * How much of each leaderboard's order its intervals vouch for: one bar per leaderboard, the share of model
 * pairs whose intervals do not overlap (`separability`), labelled "separated of pairs". Rows are
 * `{label, separability, separated, pairs, group}` (`separability(rows)` plus a label); `group` colours the
 * bars (the kind of interval). Options: `width`, `xLabel`; the rest go to `Plot.plot`.
 *
 * @example SeparabilityPlot([{label: "Arena-Hard", separability: 0.9, separated: 1598, pairs: 1770, group: "published bootstrap"}], {width})
 */
export function SeparabilityPlot(rows, {width = 640, xLabel = "share of model pairs whose intervals do not overlap (%)", ...options} = {}) {
  return Plot.plot({
    width: Math.max(width, 420),
    height: rows.length * 28 + 70,
    marginLeft: labelMargin(rows.map((d) => d.label)),
    marginRight: 110,
    x: {label: xLabel, domain: [0, 100], grid: true},
    y: {domain: rows.map((d) => d.label), label: null},
    color: {legend: true, label: "intervals from"},
    ...options,
    marks: [
      Plot.barX(rows, {y: "label", x: (d) => 100 * d.separability, fill: "group"}),
      Plot.text(rows, {y: "label", x: (d) => 100 * d.separability, text: (d) => `${d.separated.toLocaleString("en-US")} of ${d.pairs.toLocaleString("en-US")}`, dx: 4, textAnchor: "start", fill: "currentColor"}),
      Plot.ruleX([0])
    ]
  });
}
