import * as Plot from "npm:@observablehq/plot";

/** HTA's kernel-type frame: time in each exclusive combination of COMPUTATION / COMMUNICATION / MEMORY. */
export function KernelTypePlot(rows, {width, ...options} = {}) {
  // Framework's `width` can be briefly tiny while the page resizes: never go below the margin plus a usable plot.
  return Plot.plot({
    width: Math.max(width ?? 640, 330 + 240),
    height: 40 + 30 * rows.length,
    marginLeft: 330,
    marginRight: 50,
    x: {label: "µs (summed over ranks)", grid: true},
    y: {label: null, domain: rows.map((d) => d.kernel_type)},
    marks: [
      Plot.barX(rows, {x: "sum", y: "kernel_type", fill: (d) => (d.kernel_type.includes("overlapping") ? "#a0a0a0" : "#4269d0"), tip: true}),
      Plot.text(rows, {x: "sum", y: "kernel_type", text: (d) => `${d.percentage}%`, dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ],
    ...options
  });
}
