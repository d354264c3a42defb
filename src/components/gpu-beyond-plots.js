import * as Plot from "npm:@observablehq/plot";
import {presentDomain} from "./gpu-colors.js";
import {fitLabel} from "./labels.js";

/** Memcpy/memset bandwidth over time: HTA's step function per memory kind (change points, held until the next). */
export function BandwidthPlot(series, {width, ...options} = {}) {
  const kinds = [...new Set(series.map((d) => d.name))];
  const ranks = [...new Set(series.map((d) => d.rank))];
  return Plot.plot({
    width: Math.max(width ?? 640, 360),
    height: 90 + 110 * kinds.length * ranks.length,
    marginLeft: 60,
    marginRight: 130,
    x: {label: "time since the trace's first event (ms)", grid: true},
    y: {label: "GB/s", grid: true},
    fy: {label: null, domain: ranks.flatMap((r) => kinds.map((k) => `rank ${r} · ${k}`))},
    marks: [
      Plot.areaY(series, {x: (d) => d.ts / 1000, y: "memory_bw_gbps", fy: (d) => `rank ${d.rank} · ${d.name}`, curve: "step-after", fill: "#efb118", fillOpacity: 0.35}),
      Plot.lineY(series, {x: (d) => d.ts / 1000, y: "memory_bw_gbps", fy: (d) => `rank ${d.rank} · ${d.name}`, curve: "step-after", stroke: "#b07d00", tip: true}),
      Plot.ruleY([0])
    ],
    ...options
  });
}

/** Share of the trace a stream's launch queue held at least L operations, against L (log scale). */
export function BlockedQueuePlot(rows, {width, ...options} = {}) {
  return Plot.plot({
    width: Math.max(width ?? 640, 360),
    height: 300,
    x: {type: "log", label: "queue limit L (operations)", ticks: [1, 2, 4, 8, 16, 32, 64, 128, 1024], tickFormat: (d) => d.toLocaleString("en-US"), grid: true},
    y: {label: "time at ≥ L (% of the trace span)", grid: true},
    color: {legend: true, type: "categorical"},
    marks: [
      // Dots of their own rather than line markers: a stream with one queue limit is a line of one point,
      // which draws nothing (its legend entry had no mark).
      Plot.lineY(rows, {x: "queue_limit", y: (d) => 100 * d.relative_duration_at_max_queue_length, stroke: (d) => `rank ${d.rank} · stream ${d.stream}`}),
      Plot.dot(rows, {x: "queue_limit", y: (d) => 100 * d.relative_duration_at_max_queue_length, fill: (d) => `rank ${d.rank} · stream ${d.stream}`, r: 2.5, tip: true}),
      Plot.ruleX([1024], {stroke: "#888", strokeDasharray: "4 3"}),
      Plot.ruleY([0])
    ],
    ...options
  });
}

/** FLOPs per top-level PyTorch operator, split by precision, from CUPTI SASS counters. */
export function FlopsByOperatorPlot(kernels, {width, ...options} = {}) {
  const rows = kernels.flatMap((k) => [["FP32", k.flops_fp32], ["FP16", k.flops_fp16], ["FP64", k.flops_fp64]]
    .filter(([, v]) => v > 0).map(([precision, flops]) => ({op: k.top_level_op || "(no operator)", precision, gflops: flops / 1e9})));
  const order = Object.entries(rows.reduce((s, r) => ((s[r.op] = (s[r.op] ?? 0) + r.gflops), s), {})).sort((a, b) => b[1] - a[1]).map(([op]) => op);
  return Plot.plot({
    width: Math.max(width ?? 640, 420),
    height: 40 + 24 * order.length,
    marginLeft: 180,
    x: {label: "GFLOP (thread-level SASS instructions, FMA = 2)", grid: true},
    y: {label: null, domain: order},
    // Only the precisions the trace has: the legend lists no colour that no bar draws.
    color: {legend: true, ...presentDomain(["FP32", "FP16", "FP64"], ["#4269d0", "#ff725c", "#3ca951"], rows.map((r) => r.precision))},
    marks: [Plot.barX(rows, Plot.groupY({x: "sum"}, {x: "gflops", y: "op", fill: "precision", tip: true})), Plot.ruleX([0])],
    ...options
  });
}

/**
 * The operators and kernels whose total time changed most between two traces or steps (test − control), largest
 * change first; ProfilerStep markers are left out (their change is the step time). Rows are traceDiff's with
 * a `short` name; equal short names get a `#2`, `#3` suffix so that each row keeps its own bar.
 */
export function DiffPlot(rows, {width, top = 20, control = "control", test = "test", ...options} = {}) {
  const seen = new Map();
  const shown = rows.filter((d) => !/^ProfilerStep#/.test(d.name))
    .sort((a, b) => Math.abs(b.diff_duration) - Math.abs(a.diff_duration)).slice(0, top)
    .map((d) => {
      const n = (seen.get(d.short) ?? 0) + 1;
      seen.set(d.short, n);
      return {...d, label: n > 1 ? `${d.short} #${n}` : d.short};
    });
  return Plot.plot({
    width: Math.max(width ?? 640, 480),
    height: 40 + 22 * shown.length,
    marginLeft: 300,
    x: {label: `change in total duration (µs, ${test} − ${control})`, grid: true},
    // names longer than the margin are cut with an ellipsis (the tooltip has them whole)
    y: {label: null, domain: shown.map((d) => d.label), tickFormat: (name) => fitLabel(name, 300 - 12)},
    marks: [
      Plot.barX(shown, {x: "diff_duration", y: "label", fill: (d) => (d.diff_duration > 0 ? "#ff725c" : "#4269d0"),
        tip: {channels: {name: "name", [`${control} (µs)`]: "control_total_duration", [`${test} (µs)`]: "test_total_duration", counts: (d) => `${d.control_counts} → ${d.test_counts}`}}}),
      Plot.ruleX([0])
    ],
    ...options
  });
}

/** Straggler view: each rank's instance of the chosen collective per step, the last starter marked with how late it was. */
export function StragglerPlot(metric, {width, ...options} = {}) {
  const first = new Map();
  for (const d of metric) first.set(d.iteration, Math.min(first.get(d.iteration) ?? Infinity, d.ts));
  const label = (d) => `step ${d.iteration} · rank ${d.rank}`;
  return Plot.plot({
    width: Math.max(width ?? 640, 420),
    height: 80 + 40 * metric.length,
    marginLeft: 120,
    marginRight: 150,
    x: {label: "time since the trace's first event (ms)", grid: true},
    y: {label: null},
    marks: [
      Plot.barX(metric, {x1: (d) => d.ts / 1000, x2: (d) => (d.ts + d.dur) / 1000, y: label, fill: (d) => (d.is_straggler ? "#ff725c" : "#4269d0"), tip: true}),
      Plot.text(metric, {x: (d) => (d.ts + d.dur) / 1000, y: label, dx: 6, textAnchor: "start",
        text: (d) => (d.ts > first.get(d.iteration) ? `starts ${((d.ts - first.get(d.iteration)) / 1000).toFixed(1)} ms late` : "first to start")})
    ],
    ...options
  });
}

const boundDomain = ["cpu_bound", "data_loading", "gpu_compute_bound", "gpu_communication_bound", "gpu_kernel_launch_overhead", "gpu_kernel_kernel_overhead"];
const boundRange = ["#6cc5b0", "#9c6b4e", "#4269d0", "#ff725c", "#a463f2", "#efb118"];

/** The critical path over time: one lane per bound type, a bar for each run of consecutive edges of that type. */
export function CriticalPathPlot(segments, {width, ...options} = {}) {
  const lanes = boundDomain.filter((b) => segments.some((d) => d.bound_by === b));
  return Plot.plot({
    width: Math.max(width ?? 640, 420),
    height: 70 + 36 * lanes.length,
    marginLeft: 190,
    x: {label: "time since the trace's first event (ms)", grid: true},
    y: {label: null, domain: lanes},
    color: {domain: boundDomain, range: boundRange},
    marks: [
      // Short runs would vanish at this scale: every bar is at least 1.5 px wide.
      Plot.tickX(segments, {x: (d) => d.from / 1000, y: "bound_by", stroke: "bound_by", strokeWidth: 1.5}),
      Plot.barX(segments, {x1: (d) => d.from / 1000, x2: (d) => d.to / 1000, y: "bound_by", fill: "bound_by", tip: true,
        title: (d) => `${d.bound_by}: ${(d.to - d.from).toLocaleString("en-US")} µs (${d.edges} edge${d.edges === 1 ? "" : "s"})`})
    ],
    ...options
  });
}
