import * as Plot from "npm:@observablehq/plot";

/**
 * "How many items do you need?": mean absolute error of a held-out model's estimated full-benchmark
 * accuracy against the number of items k it answered, one line per estimator. Rows: `{k, method, mae}`.
 *
 * @example SubsetErrorPlot(summary, {width})
 */
export function SubsetErrorPlot(summary, {width = 640, ...options} = {}) {
  return Plot.plot({
    width,
    height: 320,
    x: {type: "log", label: "items answered by the held-out model (k)", grid: true},
    y: {label: "mean absolute error (accuracy points)", grid: true, percent: true, zero: true},
    color: {legend: true, label: "estimator"},
    ...options,
    marks: [
      Plot.line(summary, {x: "k", y: "mae", stroke: "method", marker: "circle", tip: true}),
      Plot.ruleY([0])
    ]
  });
}
