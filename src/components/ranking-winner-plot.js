import * as Plot from "npm:@observablehq/plot";

/**
 * Who wins when tasks are dropped: for each aggregation method, the share of task subsets in which each
 * system comes first, as stacked horizontal bars. Rows are `{method, system, share}`.
 *
 * @example WinnerSharePlot(rows, {label: (i) => names[i], methods, width})
 */
export function WinnerSharePlot(data, {label = String, methods, labels = {}, width = 640, ...options} = {}) {
  return Plot.plot({
    width: Math.max(width, 360),
    height: methods.length * 40 + 80,
    marginLeft: 110,
    x: {label: "share of random half-task subsets won", percent: true, domain: [0, 100]},
    y: {domain: methods, label: null, tickFormat: (m) => labels[m] ?? m},
    color: {legend: true, type: "categorical", scheme: "tableau10"},
    ...options,
    marks: [
      Plot.barX(data, Plot.stackX({y: "method", x: "share", fill: (d) => label(d.system), order: "share", reverse: true, tip: true, title: (d) => `${label(d.system)}: ${(100 * d.share).toFixed(0)}%`})),
      Plot.ruleX([0])
    ]
  });
}
