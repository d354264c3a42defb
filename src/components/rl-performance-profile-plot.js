import * as Plot from "npm:@observablehq/plot";
import {nonLinearTauScaling} from "../lib/index.js";
import {colorFor, curveRows, uniqueOrdered, withMinWidth} from "./rl-shapes.js";

const MIN_WIDTH = 240;

/**
 * Performance profiles (Agarwal et al. 2021, Fig. 4 and `plot_utils.plot_performance_profiles`): for each
 * algorithm the fraction of runs (or, for average profiles, of tasks) whose normalised score exceeds τ, drawn
 * as a line over τ with its bootstrap confidence band (opacity 0.15, like rliable). A profile that lies above
 * another everywhere is stochastically dominant.
 *
 * `data` is `performanceProfiles(scoreDict, taus, …)`'s `{[algorithm]: {point[], lower[], upper[]}}` (or
 * `{[algorithm]: number[]}` without bands, or rows `{algorithm, x, point, lower, upper}`); `taus` gives the
 * τ of each index. `nonLinear: true` warps the x axis as rliable's `use_non_linear_scaling` does: position
 * = 1 − mean profile, so each stretch of τ gets room in proportion to the runs that land in it; the axis
 * still reads in τ. Other options are spread into `Plot.plot`.
 *
 * @example
 * PerformanceProfilePlot(performanceProfiles(scores, taus, {reps: 2000, seed: 1}), {taus, nonLinear: true, width})
 */
export function PerformanceProfilePlot(
  data,
  {
    taus,
    nonLinear = false,
    band = true,
    algorithms,
    color,
    numTicks = 5,
    tickTaus,
    xLabel = "Human-normalised score (τ)",
    yLabel = "Fraction of runs with score > τ",
    height = 320,
    document = globalThis.document,
    ...options
  } = {}
) {
  let rows = curveRows(data, taus ?? data?.taus, "performance profiles");
  const order = algorithms ?? uniqueOrdered(rows, "algorithm");
  rows = rows.filter((r) => order.includes(r.algorithm));
  let x = {label: xLabel, grid: true};
  if (nonLinear) {
    // rliable's warp: position(τ) = 1 − mean profile at τ (lib nonLinearTauScaling).
    const tauList = Array.from(taus ?? uniqueOrdered(rows, "x"));
    const profiles = Object.fromEntries(order.map((a) => [a, tauList.map(() => NaN)]));
    const at = new Map(tauList.map((t, i) => [t, i]));
    for (const r of rows) profiles[r.algorithm][at.get(r.x)] = r.point;
    const scaling = nonLinearTauScaling(profiles, tauList, {numPoints: numTicks, tickLabels: tickTaus});
    const position = new Map(tauList.map((t, i) => [t, scaling.x[i]]));
    rows = rows.map((r) => ({...r, tau: r.x, x: position.get(r.x)}));
    const label = new Map(scaling.ticks.map((x, i) => [x, scaling.tickLabels[i]]));
    x = {...x, ticks: [...label.keys()], tickFormat: (v) => formatTau(label.get(v)), domain: [0, 1]};
  } else {
    rows = rows.map((r) => ({...r, tau: r.x}));
  }
  const hasBand = band && rows.some((r) => r.lower !== undefined && r.upper !== undefined);
  return Plot.plot({
    document,
    height,
    x,
    y: {label: yLabel, domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1], tickFormat: ".2~f", grid: true},
    marginRight: 20,
    color: {...colorFor(order, color), legend: true},
    ...withMinWidth(options, MIN_WIDTH),
    marks: [
      hasBand ? Plot.areaY(rows, {x: "x", y1: "lower", y2: "upper", fill: "algorithm", fillOpacity: 0.15}) : null,
      Plot.lineY(rows, {x: "x", y: "point", stroke: "algorithm", strokeWidth: 2}),
      Plot.ruleY([0]),
      Plot.tip(rows, Plot.pointer({x: "x", y: "point", stroke: "algorithm", channels: {τ: "tau", lower: "lower", upper: "upper"}, format: {x: false, y: (d) => d.toFixed(3), lower: (d) => d?.toFixed(3), upper: (d) => d?.toFixed(3)}})),
      ...(options.marks ?? [])
    ]
  });
}

function formatTau(tau) {
  return tau === undefined ? "" : String(Math.round(tau * 1000) / 1000);
}
