import * as Plot from "npm:@observablehq/plot";
import {categoryDomain, categoryRange} from "./gpu-colors.js";

/** Top kernels by total time on one rank (HTA kernel breakdown, second frame), "others" last. */
export function TopKernelsPlot(rows, {width, maxName = 70, ...options} = {}) {
  const short = (s) => (s.length > maxName ? s.slice(0, maxName - 1) + "…" : s);
  const data = rows
    .map((d) => ({...d, label: `${d.kernel_type.slice(0, 4)} · ${short(d.name)}`}))
    .sort((a, b) => (a.name === "others") - (b.name === "others") || b["sum (us)"] - a["sum (us)"]);
  const marginLeft = Math.min(480, 7 * Math.max(...data.map((d) => d.label.length)));
  // Framework's `width` can be briefly tiny while the page resizes: never go below the margin plus a usable plot.
  return Plot.plot({
    width: Math.max(width ?? 640, marginLeft + 240),
    height: 40 + 22 * data.length,
    marginLeft,
    x: {label: "total time (µs)", grid: true},
    y: {label: null, domain: data.map((d) => d.label)},
    color: {domain: categoryDomain, range: categoryRange},
    marks: [
      Plot.barX(data, {x: "sum (us)", y: "label", fill: "kernel_type", tip: true, title: (d) => `${d.name}\nsum ${d["sum (us)"]} µs, mean ${d["mean (us)"].toFixed(1)} µs, ${d.count} launches`}),
      Plot.ruleX([0])
    ],
    ...options
  });
}
