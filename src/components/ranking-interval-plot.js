import * as Plot from "npm:@observablehq/plot";

/**
 * Rank intervals from a bootstrap over tasks: one row per system, a bar from `lower` to `upper`
 * position and a dot at its full-data `rank`; rows sorted by rank; `label(system)` gives the name.
 * Rows are `rankIntervals(...)` output (`{system, rank, lower, upper, pFirst}`); `highlight` lists labels
 * drawn in orange (systems the reader picked); `rowHeight` is the height of a row in pixels (default 20).
 *
 * @example RankIntervalPlot(intervals, {label: (i) => names[i], top: 20, width})
 */
export function RankIntervalPlot(data, {label = String, top = 20, width = 640, color = "steelblue", highlight = [], rowHeight = 20, ...options} = {}) {
  const rows = [...data].sort((a, b) => a.rank - b.rank).slice(0, top);
  const names = rows.map((d) => label(d.system));
  const marked = new Set(highlight);
  const fill = (d) => (marked.has(label(d.system)) ? "#de8f05" : color);
  return Plot.plot({
    width: Math.max(width, 480),
    height: rows.length * rowHeight + 50,
    marginLeft: 280,
    x: {label: "position (1 = best); bar: 95% bootstrap interval over tasks", grid: true, domain: [1, Math.max(...rows.map((d) => d.upper))]},
    y: {domain: names, label: null},
    ...options,
    marks: [
      Plot.ruleY(rows, {y: (d) => label(d.system), x1: "lower", x2: "upper", stroke: fill, strokeWidth: 6, strokeOpacity: 0.35}),
      Plot.dot(rows, {y: (d) => label(d.system), x: "rank", fill, r: 4, tip: true, title: (d) => `${label(d.system)}\nrank ${d.rank}, interval ${d.lower}–${d.upper}\nwins in ${(100 * d.pFirst).toFixed(0)}% of resamples`})
    ]
  });
}
