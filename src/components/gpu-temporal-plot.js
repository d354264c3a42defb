import * as Plot from "npm:@observablehq/plot";
import {presentDomain, timeDomain, timeRange} from "./gpu-colors.js";

/**
 * HTA temporal breakdown as one stacked bar per rank: compute, non-compute and idle as % of the GPU's busy span.
 * `rows` are temporalBreakdown() rows (HTA column names), optionally with a `trace` label.
 */
export function TemporalBreakdownPlot(rows, {width, y = (d) => `rank ${d.rank}`, ...options} = {}) {
  const long = rows.flatMap((d) => [
    {key: y(d), part: "compute", pct: d.compute_time_pctg, us: d["compute_time(us)"]},
    {key: y(d), part: "non-compute", pct: d.non_compute_time_pctg, us: d["non_compute_time(us)"]},
    {key: y(d), part: "idle", pct: d.idle_time_pctg, us: d["idle_time(us)"]}
  ]);
  // Framework's `width` can be briefly tiny while the page resizes: never go below the margin plus a usable plot.
  return Plot.plot({
    width: Math.max(width ?? 640, 150 + 240),
    height: 40 + 34 * new Set(long.map((d) => d.key)).size,
    marginLeft: 150,
    x: {label: "% of GPU time span (first kernel start to last kernel end)", domain: [0, 100], grid: true},
    y: {label: null},
    color: {...presentDomain(timeDomain, timeRange, long.filter((d) => d.pct > 0).map((d) => d.part)), legend: true},
    marks: [
      Plot.barX(long, {x: "pct", y: "key", fill: "part", order: timeDomain, tip: {format: {x: (v) => `${v}%`}}, title: (d) => `${d.part}: ${d.pct}% (${d.us.toLocaleString("en-US")} µs)`}),
      Plot.ruleX([0])
    ],
    ...options
  });
}
