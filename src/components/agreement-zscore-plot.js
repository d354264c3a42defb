import * as Plot from "npm:@observablehq/plot";

/**
 * Z-score leaderboard: each benchmark's relative agreement with the reference (mean correlation with the
 * reference, standardised over all benchmarks), sorted, with `highlight` benchmarks in orange and the
 * mean correlation printed at the bar end. Rows are `agreementZScores(...)` output.
 *
 * @example ZScorePlot(zScores, {highlight: ["my_bench"], width})
 */
export function ZScorePlot(data, {highlight = [], width = 640, label = (s) => s, ...options} = {}) {
  const rows = [...data].sort((a, b) => b.zScore - a.zScore);
  const marked = new Set(highlight);
  return Plot.plot({
    width: Math.max(width, 480),
    height: rows.length * 14 + 60,
    marginLeft: 220,
    marginRight: 60,
    x: {label: "z-score of mean agreement with the reference", grid: true},
    y: {domain: rows.map((d) => d.scenario), tickFormat: label, label: null},
    ...options,
    marks: [
      Plot.barX(rows, {y: "scenario", x: "zScore", fill: (d) => (marked.has(d.scenario) ? "orange" : d.zScore >= 0 ? "#4e79a7" : "#bab0ac"), tip: true, title: (d) => `${label(d.scenario)} (${d.source})\nz = ${d.zScore.toFixed(2)}, mean τ with reference = ${d.corrWithReference.toFixed(2)}`}),
      Plot.text(rows, {y: "scenario", x: "zScore", text: (d) => d.corrWithReference.toFixed(2), dx: 4, textAnchor: "start", fontSize: 9, fill: (d) => (d.zScore >= 0 ? "currentColor" : "transparent")}),
      Plot.ruleX([0])
    ]
  });
}
