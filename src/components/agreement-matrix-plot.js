import * as Plot from "npm:@observablehq/plot";

/**
 * Agreement matrix: Kendall τ (or any correlation) between every pair of benchmarks, as coloured cells
 * (diverging scale, red = disagree, blue = agree); blank when fewer than the minimum number of shared
 * models. Rows are `{a, b, tau, n}`; `order` fixes the axis order (e.g. by agreement with the reference).
 *
 * @example AgreementMatrixPlot(matrix, {order: scenarios, width})
 */
export function AgreementMatrixPlot(data, {order, width = 640, cell = 11, label = (s) => s, ...options} = {}) {
  const domain = order ?? [...new Set(data.map((d) => d.a))];
  const side = domain.length * cell;
  return Plot.plot({
    width: Math.max(width, side + 220),
    height: side + 230,
    marginLeft: 210,
    marginRight: 10,
    marginBottom: 20,
    marginTop: 210,
    x: {domain, tickRotate: -90, tickFormat: label, label: null, axis: "top"},
    y: {domain, tickFormat: label, label: null},
    color: {type: "diverging", scheme: "rdbu", domain: [-1, 1], legend: true, label: "Kendall τ-b on shared models", marginLeft: 12, marginRight: 12},
    ...options,
    marks: [
      Plot.cell(data, {x: "a", y: "b", fill: "tau", inset: 0.5, tip: true, title: (d) => `${label(d.a)} vs ${label(d.b)}\nτ = ${d.tau.toFixed(2)} on ${d.n} models`})
    ]
  });
}
