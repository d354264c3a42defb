import * as Plot from "npm:@observablehq/plot";
import {labelMargin} from "./claims-shapes.js";

/**
 * Labelled estimates with intervals, one row each, in the order given: a bar from `lower` to `upper` and a
 * dot at `estimate` (rows without bounds show the dot only), with an optional dashed `reference` line (0 for
 * differences, 0.5 for probabilities). Rows are `{label, estimate, lower, upper, group?}`; `group` picks the
 * colour from `colors` (a {group: colour} object). Values are shown times `scale`.
 * Options: `xLabel`, `reference`, `scale`, `colors`, `width`, `rowHeight`, `format` (the tip's number
 * format); the rest go to `Plot.plot`.
 *
 * @example IntervalRowsPlot([{label: "paired z", estimate: 0.031, lower: 0.012, upper: 0.05}], {reference: 0, scale: 100, xLabel: "A − B (points)"})
 */
export function IntervalRowsPlot(rows, {xLabel = "", reference, scale = 1, colors = {}, width = 640, rowHeight = 26, format = (v) => v.toFixed(2), ...options} = {}) {
  const labels = rows.map((d) => d.label);
  const color = (d) => colors[d.group] ?? "#0173b2";
  const bounded = rows.filter((d) => Number.isFinite(d.lower) && Number.isFinite(d.upper));
  const values = rows.flatMap((d) => [d.estimate, d.lower, d.upper]).filter(Number.isFinite);
  if (reference !== undefined) values.push(reference);
  const [lo, hi] = values.length ? values.reduce(([a, b], v) => [Math.min(a, v), Math.max(b, v)], [Infinity, -Infinity]) : [0, 1];
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 0.01;
  return Plot.plot({
    width: Math.max(width, 360),
    height: rows.length * rowHeight + 50,
    marginLeft: labelMargin(labels),
    marginRight: 24,
    x: {label: xLabel, grid: true, domain: [(lo - pad) * scale, (hi + pad) * scale], nice: true},
    y: {domain: labels, label: null},
    ...options,
    marks: [
      reference === undefined ? null : Plot.ruleX([reference * scale], {stroke: "currentColor", strokeDasharray: "4,3"}),
      Plot.ruleY(bounded, {y: "label", x1: (d) => d.lower * scale, x2: (d) => d.upper * scale, stroke: color, strokeWidth: 4, strokeOpacity: 0.55}),
      Plot.dot(rows.filter((d) => Number.isFinite(d.estimate)), {y: "label", x: (d) => d.estimate * scale, fill: color, r: 3.5}),
      Plot.tip(rows, Plot.pointerY({y: "label", x: (d) => d.estimate * scale, title: (d) => `${d.label}\n${format(d.estimate * scale)}${Number.isFinite(d.lower) ? ` [${format(d.lower * scale)}, ${format(d.upper * scale)}]` : ""}`}))
    ]
  });
}
