import * as Plot from "npm:@observablehq/plot";
import {idleDomain, idleRange, presentDomain} from "./gpu-colors.js";

/** HTA idle-time breakdown: per (rank, stream), the share of idle time by cause. */
export function IdleTimePlot(rows, {width, ...options} = {}) {
  const data = rows.map((d) => ({...d, key: `rank ${d.rank} · stream ${d.stream}`}));
  // Framework's `width` can be briefly tiny while the page resizes: never go below the margin plus a usable plot.
  return Plot.plot({
    width: Math.max(width ?? 640, 150 + 240),
    height: 40 + 34 * new Set(data.map((d) => d.key)).size,
    marginLeft: 150,
    x: {label: "share of the stream's idle time (%)", domain: [0, 100], percent: true, grid: true},
    y: {label: null},
    // Only the causes some stream has (a cause at 0% everywhere draws no bar, so it gets no legend entry).
    color: {...presentDomain(idleDomain, idleRange, data.filter((d) => d.idle_time_ratio > 0).map((d) => d.idle_category)), legend: true},
    marks: [
      Plot.barX(data, {x: (d) => d.idle_time_ratio ?? 0, y: "key", fill: "idle_category", order: idleDomain, tip: true, title: (d) => `${d.idle_category}: ${d.idle_time.toLocaleString("en-US")} µs over ${d.count} gaps`}),
      Plot.ruleX([0])
    ],
    ...options
  });
}
