import * as Plot from "npm:@observablehq/plot";

/**
 * Ratings or strengths with their intervals, one row per model, best at the top: a rule from `lower` to
 * `upper` and a dot at the point estimate, labelled with the CI-aware rank when the rows carry `ciRank`
 * (FastChat's "1 + number of models clearly better"). Works on `bradleyTerry(...)` rows
 * (`{model, rating, lower, upper, ciRank}`) and `plackettLuceIntervals(...)` rows (`x: "strength"`).
 * Other options are spread into `Plot.plot`.
 *
 * @example
 * RatingIntervalPlot(bradleyTerry(battles, {reps: 500}), {width})
 * RatingIntervalPlot(plackettLuceIntervals(choices), {x: "strength", xLabel: "log-strength"})
 */
export function RatingIntervalPlot(data, {x = "rating", xLabel = "Elo-scale rating", color = "steelblue", highlight = [], width = 640, rowHeight = 18, ...options} = {}) {
  const rows = [...data].sort((a, b) => b[x] - a[x]);
  const marked = new Set(highlight);
  return Plot.plot({
    // Framework's `width` can be 0 before layout; a floor keeps every range positive.
    width: Math.max(width, 360),
    height: rows.length * rowHeight + 50,
    marginLeft: 230,
    marginRight: 40,
    x: {label: xLabel, grid: true},
    y: {domain: rows.map((d) => d.model), label: null},
    ...options,
    marks: [
      Plot.ruleY(rows, {y: "model", x1: "lower", x2: "upper", stroke: (d) => (marked.has(d.model) ? "orange" : color), strokeWidth: 3, strokeOpacity: 0.6}),
      Plot.dot(rows, {y: "model", x, fill: (d) => (marked.has(d.model) ? "orange" : color), r: 3.5}),
      rows[0]?.ciRank === undefined
        ? null
        : Plot.text(rows, {y: "model", x: "upper", text: (d) => `#${d.ciRank}`, dx: 6, textAnchor: "start", fontSize: 10, fill: "currentColor"}),
      Plot.tip(rows, Plot.pointerY({y: "model", x, title: (d) => `${d.model}\n${x} ${d[x].toFixed(2)} [${d.lower.toFixed(2)}, ${d.upper.toFixed(2)}]${d.ciRank ? `\nCI-aware rank ${d.ciRank}` : ""}`}))
    ]
  });
}
