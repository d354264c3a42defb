import * as Plot from "npm:@observablehq/plot";

const PALETTE = ["#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc", "#ca9161", "#fbafe4", "#949494"];

/**
 * Final scores per task: one row per task, each seed a dot and each algorithm's mean over seeds a tick, so
 * the spread between seeds is seen next to the gap between algorithms. `data`: final-score rows
 * `{algorithm, task, seed, normalized}` (src/data/training-runs-final.csv). Options: `algorithms` (order),
 * `color` (a Plot color scale shared with other charts),
 * `x` (the value column, default `"normalized"`), `xLabel`, `width`; other options go to `Plot.plot`.
 *
 * @example FinalScoreDots(finals.filter((d) => d.suite === "DMControl"), {width})
 */
export function FinalScoreDots(data, {algorithms, color, x = "normalized", xLabel = "Normalised final score (0–1)", width = 900, document = globalThis.document, ...options} = {}) {
  const order = algorithms ?? [...new Set(data.map((d) => d.algorithm))];
  const rows = data.filter((d) => order.includes(d.algorithm));
  const tasks = [...new Set(rows.map((d) => d.task))];
  return Plot.plot({
    document,
    width: Math.max(width || 0, 400),
    height: Math.max(120, 18 * tasks.length + 60),
    marginLeft: 170,
    x: {label: xLabel, grid: true},
    y: {label: null, domain: tasks},
    // Keep a shared colour map's colours but list only the algorithms shown here in the legend.
    color: {domain: order, range: order.map((a, i) => (color ? color.range[color.domain.indexOf(a)] : PALETTE[i % PALETTE.length])), legend: true},
    ...options,
    marks: [
      Plot.dot(rows, {x, y: "task", stroke: "algorithm", r: 2.5, strokeOpacity: 0.7, tip: true, channels: {seed: "seed", step: "step"}}),
      Plot.tickX(rows, Plot.groupY({x: "mean"}, {x, y: "task", stroke: "algorithm", strokeWidth: 2})),
      ...(options.marks ?? [])
    ]
  });
}
