import * as Plot from "npm:@observablehq/plot";
import {formatNumber} from "./format.js";
import {fitLabel, labelMargin} from "./labels.js";

/**
 * Z-score leaderboard: each benchmark's relative agreement with the reference (mean correlation with the
 * reference, standardised over all benchmarks), sorted, with `highlight` benchmarks in orange and the
 * z-score (the bar's length) printed at the bar end; the mean correlation is in the tooltip. Rows are `agreementZScores(...)` output.
 *
 * @example ZScorePlot(zScores, {highlight: ["my_bench"], width})
 */
export function ZScorePlot(data, {highlight = [], width = 640, label = (s) => s, ...options} = {}) {
  const rows = [...data].sort((a, b) => b.zScore - a.zScore);
  const marked = new Set(highlight);
  const zText = (d) => formatNumber(d.zScore, 1).replace("-", "−");
  const w = Math.max(width, 480);
  const marginLeft = labelMargin(rows.map((d) => label(d.scenario)), {max: Math.round(w * 0.4)});
  return Plot.plot({
    width: w,
    height: rows.length * 14 + 60,
    marginLeft,
    marginRight: 40,
    x: {label: "z-score of mean agreement with the reference", grid: true},
    y: {domain: rows.map((d) => d.scenario), tickFormat: (s) => fitLabel(label(s), marginLeft - 12), label: null},
    ...options,
    marks: [
      Plot.barX(rows, {y: "scenario", x: "zScore", fill: (d) => (marked.has(d.scenario) ? "orange" : d.zScore >= 0 ? "#4e79a7" : "#bab0ac"), tip: true, title: (d) => `${label(d.scenario)} (${d.source})\nz = ${d.zScore.toFixed(2)}, mean τ with reference = ${d.corrWithReference.toFixed(2)}`}),
      // dx and textAnchor are constants in Plot: one text mark per side of zero.
      Plot.text(rows.filter((d) => d.zScore >= 0), {y: "scenario", x: "zScore", text: zText, dx: 4, textAnchor: "start", fontSize: 9}),
      Plot.text(rows.filter((d) => d.zScore < 0), {y: "scenario", x: "zScore", text: zText, dx: -4, textAnchor: "end", fontSize: 9}),
      Plot.ruleX([0])
    ]
  });
}
