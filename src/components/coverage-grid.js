import * as Plot from "npm:@observablehq/plot";

/**
 * Coverage of confidence intervals as a grid of cells: runs per task across, tasks down, one panel per
 * statistic (columns) and interval method (rows). Each cell shows the empirical coverage in percent; its
 * colour says how far it falls below the nominal level (white at nominal or above, red below), and a cell
 * whose shortfall exceeds two Monte-Carlo standard errors gets a bold label.
 *
 * `data` are the `cells` of the coverage study (`data/coverage/coverage.json`): rows with `statistic,
 * method, tasks, runs, coverage, mcse`. Other options are spread into `Plot.plot`.
 *
 * @example CoverageGrid(study.cells.filter((d) => d.family === "lognormal"), {nominal: 0.95, width})
 */
export function CoverageGrid(data, {nominal = 0.95, statistics, methods, width = 640, ...options} = {}) {
  const fx = statistics ?? [...new Set(data.map((d) => d.statistic))];
  const fy = methods ?? [...new Set(data.map((d) => d.method))];
  const short = (d) => nominal - d.coverage > 2 * d.mcse;
  return Plot.plot({
    width,
    height: 110 * fy.length + 70,
    marginLeft: 60,
    marginRight: 80,
    marginTop: 30,
    padding: 0.04,
    fx: {domain: fx, label: null},
    fy: {domain: fy, label: null},
    x: {type: "band", label: "runs per task →", domain: [...new Set(data.map((d) => d.runs))].sort((a, b) => a - b)},
    y: {type: "band", label: "tasks", domain: [...new Set(data.map((d) => d.tasks))].sort((a, b) => a - b)},
    color: {
      type: "linear",
      domain: [nominal - 0.25, nominal],
      range: ["#b2182b", "#ffffff"],
      clamp: true,
      legend: true,
      // room for the end tick labels of the ramp, which Plot centres on its edges
      marginLeft: 12,
      marginRight: 16,
      label: "coverage",
      tickFormat: "%"
    },
    ...options,
    marks: [
      Plot.cell(data, {fx: "statistic", fy: "method", x: "runs", y: "tasks", fill: "coverage", inset: 0.5}),
      Plot.text(data, {
        fx: "statistic",
        fy: "method",
        x: "runs",
        y: "tasks",
        text: (d) => (Number.isFinite(d.coverage) ? `${(100 * d.coverage).toFixed(0)}%` : "–"),
        fontWeight: (d) => (short(d) ? "bold" : "normal"),
        fill: (d) => (d.coverage < nominal - 0.15 ? "white" : "black")
      }),
      Plot.tip(data, Plot.pointer({
        fx: "statistic",
        fy: "method",
        x: "runs",
        y: "tasks",
        title: (d) =>
          `${d.statistic}, ${d.method}, ${d.tasks} tasks × ${d.runs} runs\n` +
          `coverage ${(100 * d.coverage).toFixed(1)}% ± ${(100 * d.mcse).toFixed(1)} (Monte-Carlo SE)\n` +
          `truth above the interval ${(100 * d.missLow).toFixed(1)}%, below ${(100 * d.missHigh).toFixed(1)}%\n` +
          `mean width ${d.meanWidth.toPrecision(3)}, bias of the estimate ${d.bias.toPrecision(2)}` +
          (d.failures ? `\n${d.failures} experiments without an interval (degenerate BCa)` : "")
      }))
    ]
  });
}

/**
 * Where the misses go: for each cell the share of experiments whose interval lies entirely above the truth
 * (the estimate overshoots) and entirely below it, as diverging bars around zero, one row per
 * (tasks, runs) configuration, one panel per statistic. A well-calibrated two-sided 95% interval misses
 * 2.5% on each side.
 *
 * @example MissDirectionPlot(study.cells.filter((d) => d.family === "bimodal" && d.method === "percentile"), {width})
 */
export function MissDirectionPlot(data, {nominal = 0.95, statistics, width = 640, ...options} = {}) {
  const fx = statistics ?? [...new Set(data.map((d) => d.statistic))];
  const label = (d) => `${d.tasks} tasks × ${d.runs} runs`;
  const rows = data.flatMap((d) => [
    {...d, config: label(d), side: "interval above truth", share: -d.missHigh},
    {...d, config: label(d), side: "interval below truth", share: d.missLow}
  ]);
  const configs = [...new Set(data.slice().sort((a, b) => a.tasks - b.tasks || a.runs - b.runs).map(label))];
  const half = (1 - nominal) / 2;
  return Plot.plot({
    width,
    height: 22 * configs.length + 70,
    marginLeft: 120,
    fx: {domain: fx, label: null},
    x: {label: "← interval above the truth · share of experiments · interval below the truth →", tickFormat: (d) => `${Math.abs(100 * d).toFixed(0)}%`, grid: true},
    y: {domain: configs, label: null},
    color: {domain: ["interval above truth", "interval below truth"], range: ["#ef8a62", "#67a9cf"], legend: true},
    ...options,
    marks: [
      Plot.barX(rows, {fx: "statistic", y: "config", x: "share", fill: "side"}),
      Plot.ruleX([-half, half], {stroke: "black", strokeDasharray: "3,3"}),
      Plot.ruleX([0])
    ]
  });
}
