import * as Plot from "npm:@observablehq/plot";
import {labelMargin} from "./claims-shapes.js";

/**
 * The smallest true difference between two models that a paired comparison detects, against the number of
 * items (log scale): one line per design (`series`), and a labelled dot where each benchmark stands today.
 * `curves` are rows `{series, n, mde}` (from `minimumDetectableEffect`), `current` rows `{series, n, mde}`;
 * differences are shown in percentage points. Options: `width`, `yLabel`; the rest go to `Plot.plot`.
 *
 * @example DetectableEffectPlot(curves, {current: [{series: "ChemBench", n: 2854, mde: 0.029}], width})
 */
export function DetectableEffectPlot(curves, {current = [], width = 640, yLabel = "smallest detectable difference (points)", ...options} = {}) {
  const series = [...new Set(curves.map((d) => d.series))];
  return Plot.plot({
    width: Math.max(width, 420),
    height: 320,
    marginLeft: 50,
    marginRight: 20,
    x: {type: "log", label: "items in the benchmark", grid: true, tickFormat: ","},
    y: {label: yLabel, grid: true, zero: true, transform: (v) => 100 * v},
    color: {domain: series, legend: true},
    ...options,
    marks: [
      Plot.line(curves, {x: "n", y: "mde", stroke: "series", strokeWidth: 2}),
      Plot.dot(current, {x: "n", y: "mde", fill: "series", r: 5, stroke: "white"}),
      Plot.text(current, {x: "n", y: "mde", text: (d) => `${(100 * d.mde).toFixed(1)} at n = ${d.n.toLocaleString("en-US")}`, dx: 8, dy: -8, textAnchor: "start", fill: "currentColor"}),
      Plot.tip(curves, Plot.pointerX({x: "n", y: "mde", stroke: "series", title: (d) => `${d.series}\n${d.n.toLocaleString("en-US")} items: ${(100 * d.mde).toFixed(2)} points`}))
    ]
  });
}

/**
 * The gaps between neighbours on each leaderboard against what the benchmark can detect: one dot per
 * adjacent pair (its difference in mean, in points), one row per leaderboard, and a tick at the row's
 * smallest detectable difference; dots left of the tick are gaps the benchmark cannot be expected to see.
 * Rows are `{series, pair, gap}`; `thresholds` is `[{series, mde}]`.
 *
 * @example GapPlot(gaps, {thresholds: [{series: "ChemBench", mde: 0.029}], width})
 */
export function GapPlot(rows, {thresholds = [], width = 640, ...options} = {}) {
  const series = [...new Set([...thresholds.map((d) => d.series), ...rows.map((d) => d.series)])];
  return Plot.plot({
    width: Math.max(width, 420),
    height: series.length * 46 + 50,
    marginLeft: labelMargin(series),
    marginRight: 20,
    x: {type: "symlog", label: "gap between neighbours on the leaderboard (points)", grid: true, transform: (v) => 100 * v, ticks: [0, 0.5, 1, 2, 5, 10, 20], tickFormat: (v) => String(v)},
    y: {domain: series, label: null},
    ...options,
    marks: [
      Plot.tickX(thresholds, {x: "mde", y: "series", stroke: "#d62728", strokeWidth: 3}),
      Plot.dot(rows, {x: "gap", y: "series", r: 3.5, fill: (d) => (thresholds.find((t) => t.series === d.series)?.mde > d.gap ? "#d62728" : "#0173b2"), fillOpacity: 0.7, title: (d) => `${d.pair}: ${(100 * d.gap).toFixed(2)} points`, tip: true})
    ]
  });
}
