import * as Plot from "npm:@observablehq/plot";

/**
 * Kernel launch statistics: runtime-call duration against launch delay, one dot per launch, with HTA's cut-offs
 * (runtime outlier > 50 µs, launch-delay outlier > 100 µs) as rules. Symlog axes keep zero delays visible.
 */
export function LaunchPlot(rows, {width, runtimeCutoff = 50, launchDelayCutoff = 100, ...options} = {}) {
  // Explicit ticks are drawn even outside the scale's domain (over the margins): keep those within the data
  // and the cut-off rules.
  const within = (ticks, key, cutoff) => {
    const max = Math.max(cutoff, ...rows.map((d) => d[key]).filter(Number.isFinite));
    const min = Math.min(cutoff, ...rows.map((d) => d[key]).filter(Number.isFinite));
    return ticks.filter((t) => t >= min && t <= max);
  };
  return Plot.plot({
    width: Math.max(width ?? 640, 320),
    height: 360,
    x: {type: "symlog", label: "CPU launch call duration (µs)", grid: true, ticks: within([0, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000], "cpu_duration", runtimeCutoff)},
    y: {type: "symlog", label: "launch delay (µs)", grid: true, ticks: within([0, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000], "launch_delay", launchDelayCutoff)},
    color: {legend: true, domain: ["gpu < cpu (short kernel)", "gpu ≥ cpu"], range: ["#ff725c", "#4269d0"]},
    marks: [
      Plot.dot(rows, {x: "cpu_duration", y: "launch_delay", r: 2, fillOpacity: 0.5, fill: (d) => (d.gpu_duration < d.cpu_duration && d.cpu_duration <= runtimeCutoff ? "gpu < cpu (short kernel)" : "gpu ≥ cpu"), tip: true}),
      Plot.ruleX([runtimeCutoff], {stroke: "#888", strokeDasharray: "4 3"}),
      Plot.ruleY([launchDelayCutoff], {stroke: "#888", strokeDasharray: "4 3"})
    ],
    ...options
  });
}
