import * as Plot from "npm:@observablehq/plot";
import {colorFor, curveRows, uniqueOrdered, withMinWidth} from "./rl-shapes.js";

const MIN_WIDTH = 240;

/**
 * Sample-efficiency curves (Agarwal et al. 2021, Fig. 7 and `plot_utils.plot_sample_efficiency_curve`): an
 * aggregate (IQM by default in the paper) of the normalised scores at each training checkpoint, with a
 * bootstrap confidence band (opacity 0.2) — how fast each algorithm learns, not just where it ends.
 *
 * `data` is `{[algorithm]: {point[], lower[], upper[]}}` with one entry per checkpoint (what the lib's
 * curve/interval functions return for a runs × tasks × checkpoints array, or `{[algorithm]: number[]}`
 * without bands, or rows `{algorithm, x, point, lower, upper}`); `steps` gives the x value of each
 * checkpoint (e.g. agent steps or frames). Other options are spread into `Plot.plot`.
 *
 * @example
 * SampleEfficiencyPlot(curve, {steps: [10e3, 20e3, …, 100e3], xLabel: "Agent steps", yLabel: "IQM human-normalised score"})
 */
export function SampleEfficiencyPlot(
  data,
  {
    steps,
    algorithms,
    color,
    band = true,
    xLabel = "Agent steps",
    yLabel = "IQM human-normalised score",
    height = 320,
    document = globalThis.document,
    ...options
  } = {}
) {
  let rows = curveRows(data, steps ?? data?.steps, "sample-efficiency curves");
  const order = algorithms ?? uniqueOrdered(rows, "algorithm");
  rows = rows.filter((r) => order.includes(r.algorithm));
  const hasBand = band && rows.some((r) => r.lower !== undefined && r.upper !== undefined);
  return Plot.plot({
    document,
    height,
    marginRight: 24,
    x: {label: xLabel, grid: true},
    y: {label: yLabel, grid: true, zero: true},
    color: {...colorFor(order, color), legend: order.length > 1},
    ...withMinWidth(options, MIN_WIDTH),
    marks: [
      hasBand ? Plot.areaY(rows, {x: "x", y1: "lower", y2: "upper", fill: "algorithm", fillOpacity: 0.2}) : null,
      Plot.lineY(rows, {x: "x", y: "point", stroke: "algorithm", strokeWidth: 2}),
      Plot.dot(rows, {x: "x", y: "point", fill: "algorithm", r: 3.5, channels: {lower: "lower", upper: "upper"}, tip: {format: {fill: true, y: (d) => d.toFixed(3), lower: (d) => d?.toFixed(3), upper: (d) => d?.toFixed(3)}}}),
      ...(options.marks ?? [])
    ]
  });
}
