import * as Plot from "npm:@observablehq/plot";
import {bandRows, seedRows} from "./runs-curve-bands.js";

const PALETTE = ["#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc", "#ca9161", "#fbafe4", "#949494"];

/**
 * Learning curves across seeds, one small chart per task: the mean over seeds as a line, an interval band
 * (`band`: `"range"` min–max over seeds, `"ci95"` Student-t 95% interval of the mean, `"se"` ± 1 standard error,
 * `"none"`; see runs-curve-bands.js), and optionally each seed as a thin line. Tasks with different metrics
 * (return vs success %) get their own y scales because each task is its own chart.
 *
 * `data`: curve rows `{algorithm, task, metric, step, n, mean, sd, seed_1, …}` (src/data/training-runs-curves.csv).
 * Options: `tasks` and `algorithms` (order = display order), `color` (a Plot color scale `{domain, range}` so
 * several charts agree; default: a colour-blind palette in data order), `band`, `seeds` (draw per-seed lines),
 * `normalize(row, value)` (rescale values), `yLabel`, `columns`, `width`, `height` (per chart).
 *
 * @example LearningCurves(curves, {tasks: ["walker-run", "dog-run"], algorithms: ["tdmpc2", "sac"], band: "ci95", width})
 */
export function LearningCurves(
  data,
  {tasks, algorithms, color, band = "range", seeds = false, normalize, yLabel, columns, width = 900, height = 210, document = globalThis.document} = {}
) {
  const taskList = tasks ?? [...new Set(data.map((d) => d.task))];
  const algorithmList = algorithms ?? [...new Set(data.map((d) => d.algorithm))];
  const allAlgorithms = color?.domain ?? [...new Set(data.map((d) => d.algorithm))];
  color ??= {domain: allAlgorithms, range: allAlgorithms.map((_, i) => PALETTE[i % PALETTE.length])};
  // Framework's reactive width is 0 before the first layout; never draw narrower than one readable chart.
  const total = Math.max(width || 0, 300);
  const cols = columns ?? Math.max(1, Math.min(taskList.length, Math.floor(total / 280)));
  const chartWidth = Math.max(220, Math.floor(total / cols) - 8);
  const container = document.createElement("div");
  container.className = "runs-learning-curves";
  container.style.cssText = "display: flex; flex-direction: column; gap: 8px;";
  const legend = Plot.legend({document, color: {...color, domain: algorithmList, range: algorithmList.map((a) => color.range[allAlgorithms.indexOf(a)])}});
  container.append(legend);
  const grid = document.createElement("div");
  grid.style.cssText = `display: grid; grid-template-columns: repeat(${cols}, ${chartWidth}px); gap: 8px;`;
  container.append(grid);
  for (const task of taskList) {
    const rows = data.filter((d) => d.task === task && algorithmList.includes(d.algorithm));
    const banded = bandRows(rows, band, normalize);
    const perSeed = seeds ? seedRows(rows, normalize) : [];
    const metric = rows[0]?.metric ?? "";
    const chart = Plot.plot({
      document,
      width: chartWidth,
      height,
      marginLeft: 48,
      title: task,
      x: {label: "Environment steps", tickFormat: "s", ticks: 4, grid: true},
      y: {label: yLabel ?? (metric === "success" ? "Success rate" : metric === "reward" ? "Episode return" : metric), grid: true, ticks: 5},
      color,
      marks: [
        band !== "none" ? Plot.areaY(banded.filter((d) => d.lower !== undefined), {x: "step", y1: "lower", y2: "upper", fill: "algorithm", fillOpacity: 0.18, z: "algorithm"}) : null,
        seeds ? Plot.lineY(perSeed, {x: "step", y: "value", stroke: "algorithm", z: (d) => `${d.algorithm}/${d.seed}`, strokeWidth: 0.7, strokeOpacity: 0.5}) : null,
        Plot.lineY(banded, {x: "step", y: "mean", stroke: "algorithm", z: "algorithm", strokeWidth: 1.8}),
        Plot.tip(banded, Plot.pointerX({x: "step", y: "mean", stroke: "algorithm", channels: {algorithm: "algorithm", seeds: "n", lower: "lower", upper: "upper"}, format: {stroke: false, x: ",", y: ".1f", lower: ".1f", upper: ".1f"}}))
      ]
    });
    grid.append(chart);
  }
  if (!taskList.length) container.append(Object.assign(document.createElement("p"), {textContent: "No task selected."}));
  return container;
}
