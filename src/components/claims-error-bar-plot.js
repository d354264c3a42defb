import * as Plot from "npm:@observablehq/plot";
import {labelMargin} from "./claims-shapes.js";

const IID = "#0173b2";
const CLUSTERED = "#de8f05";

/**
 * Each model's mean with its error bars, best at the top: a thin dark bar for the interval with items taken
 * as independent and, where the rows carry one, a wide light bar for the clustered interval behind it.
 * Rows are `{model, mean, lower, upper, clustered: {lower, upper} | null}` (the report's error-bar rows;
 * `summarizeSamples` output with the clustered bounds attached). Values are shown times `scale` (100: points).
 * Options: `xLabel`, `scale`, `highlight` (models drawn in red), `width`, `rowHeight`; the rest go to `Plot.plot`.
 *
 * @example ErrorBarPlot(rows, {xLabel: "accuracy (%)", width})
 */
export function ErrorBarPlot(rows, {xLabel = "mean (%)", scale = 100, highlight = [], width = 640, rowHeight = 16, ...options} = {}) {
  const sorted = [...rows].sort((a, b) => b.mean - a.mean);
  const clustered = sorted.filter((d) => d.clustered);
  const marked = new Set(highlight);
  const models = sorted.map((d) => d.model);
  return Plot.plot({
    width: Math.max(width, 420),
    height: sorted.length * rowHeight + 60,
    marginLeft: labelMargin(models),
    marginRight: 20,
    x: {label: xLabel, grid: true, transform: (v) => v * scale},
    y: {domain: models, label: null},
    color: clustered.length ? {legend: true, domain: ["items independent", "clustered"], range: [IID, CLUSTERED]} : undefined,
    ...options,
    marks: [
      Plot.ruleY(clustered, {y: "model", x1: (d) => d.clustered.lower, x2: (d) => d.clustered.upper, stroke: CLUSTERED, strokeWidth: 7, strokeOpacity: 0.45}),
      Plot.ruleY(sorted, {y: "model", x1: "lower", x2: "upper", stroke: IID, strokeWidth: 2}),
      Plot.dot(sorted, {y: "model", x: "mean", fill: (d) => (marked.has(d.model) ? "#d62728" : "currentColor"), r: 2.5}),
      Plot.tip(sorted, Plot.pointerY({y: "model", x: "mean", title: (d) => tipText(d, scale)}))
    ]
  });
}

function tipText(d, scale) {
  const f = (v) => (v * scale).toFixed(1);
  const lines = [d.model, `mean ${f(d.mean)}, items independent [${f(d.lower)}, ${f(d.upper)}]`];
  if (d.clustered) lines.push(`clustered [${f(d.clustered.lower)}, ${f(d.clustered.upper)}]`);
  return lines.join("\n");
}

/**
 * How much clustering widens each model's error bar: the ratio of the clustered to the plain standard
 * error, one dot per model (stacked where they crowd), with a rule at 1 (no change) and one at the median.
 * Rows are `{model, ratio}`; models whose plain standard error is 0 have no ratio and are left out.
 *
 * @example WideningPlot([{model: "a", ratio: 2.1}, {model: "b", ratio: 0.8}], {width})
 */
export function WideningPlot(rows, {width = 640, xLabel = "clustered SE ÷ SE with items independent", ...options} = {}) {
  const shown = rows.filter((d) => Number.isFinite(d.ratio));
  const ratios = shown.map((d) => d.ratio).sort((a, b) => a - b);
  const median = ratios.length ? (ratios[(ratios.length - 1) >> 1] + ratios[ratios.length >> 1]) / 2 : NaN;
  return Plot.plot({
    width: Math.max(width, 360),
    height: 150,
    marginLeft: 20,
    marginRight: 20,
    x: {label: xLabel, grid: true, domain: [Math.min(0.5, ...ratios), Math.max(1.5, ...ratios)], nice: true},
    ...options,
    marks: [
      Plot.ruleX([1], {stroke: "currentColor", strokeDasharray: "3,3"}),
      Number.isFinite(median) ? Plot.ruleX([median], {stroke: CLUSTERED, strokeWidth: 2}) : null,
      Number.isFinite(median) ? Plot.text([median], {x: (d) => d, frameAnchor: "top", dy: 2, dx: 4, textAnchor: "start", text: (d) => `median ×${d.toFixed(2)}`, fill: CLUSTERED}) : null,
      Plot.dot(shown, Plot.dodgeY({x: "ratio", anchor: "bottom", r: 3.5, fill: IID, fillOpacity: 0.7, title: (d) => `${d.model}: ×${d.ratio.toFixed(2)}`, tip: true}))
    ]
  });
}
