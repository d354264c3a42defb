import * as Plot from "npm:@observablehq/plot";
import {categoryDomain, categoryRange, presentDomain} from "./gpu-colors.js";

/** Timeline of one step: one lane per GPU stream and CPU thread, bars from start to end (ms from the step start). */
export function StepTimelinePlot(rows, {width, ...options} = {}) {
  const lanes = [...new Set(rows.map((d) => d.lane))].sort((a, b) => (a.startsWith("CPU") - b.startsWith("CPU")) || a.localeCompare(b));
  // Framework's `width` can be briefly tiny while the page resizes: never go below the margin plus a usable plot.
  return Plot.plot({
    width: Math.max(width ?? 640, 190 + 240),
    height: 60 + 36 * lanes.length,
    marginLeft: 190,
    x: {label: "ms from the start of the step", grid: true},
    y: {label: null, domain: lanes},
    color: {...presentDomain(categoryDomain, categoryRange, rows.map((d) => d.category)), legend: true},
    marks: [
      // A bar at least 0.5 px wide so that µs-long kernels stay visible at ms scale.
      Plot.rectX(rows, {x1: "start_ms", x2: (d) => Math.max(d.end_ms, d.start_ms + 0.0005), y: "lane", fill: "category", insetTop: 4, insetBottom: 4, tip: true, title: (d) => `${d.name}\n${d.dur_us} µs at ${d.start_ms.toFixed(3)} ms`})
    ],
    ...options
  });
}
