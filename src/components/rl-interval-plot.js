import * as Plot from "npm:@observablehq/plot";
import {colorFor, intervalRows, uniqueOrdered} from "./rl-shapes.js";

/**
 * rliable's aggregate-metrics figure (`plot_utils.plot_interval_estimates`, Agarwal et al. 2021, Fig. 1/5):
 * one panel per metric, one row per algorithm, a bar from the lower to the upper end of the confidence
 * interval and a black tick at the point estimate. Each panel has its own x scale (median and optimality gap
 * live on different ranges), so the result is a row of Plot charts in a `<div>` with one x-axis caption
 * underneath (`xLabel`, as rliable's shared "Normalized Score" label); algorithm names label the first panel
 * only.
 *
 * `data` is what `intervalEstimates(scoreDict, [aggregateMedian, aggregateIqm, …])` returns
 * (`{[algorithm]: {point[], lower[], upper[]}}`, statistic i named by `metrics[i]`) or tidy rows
 * `{algorithm, metric, point, lower, upper}`. Other options are spread into every panel's `Plot.plot`.
 *
 * @example
 * IntervalPlot(intervalEstimates(scores, [aggregateMedian, aggregateIqm, aggregateMean, aggregateOptimalityGap], {seed: 1}),
 *   {metrics: ["Median", "IQM", "Mean", "Optimality gap"], width})
 */
export function IntervalPlot(
  data,
  {
    metrics,
    algorithms,
    color,
    width = 640,
    rowHeight = 26,
    labelWidth = 90,
    marginTop = 10,
    marginBottom = 30,
    xLabel = "Human-normalised score",
    document = globalThis.document,
    ...options
  } = {}
) {
  const rows = intervalRows(data, {metrics});
  const order = algorithms ?? uniqueOrdered(rows, "algorithm");
  const metricNames = metrics ?? uniqueOrdered(rows, "metric");
  const shown = rows.filter((r) => order.includes(r.algorithm));
  const colors = colorFor(order, color);
  // Every panel gets the same plotting width; the first also carries the algorithm labels.
  const gap = 12;
  const n = Math.max(1, metricNames.length);
  const panelWidth = Math.max(140, Math.floor((width - labelWidth - gap * (n - 1)) / n));
  const container = document.createElement("div");
  container.className = "rl-interval-plot";
  const panels = document.createElement("div");
  panels.style.cssText = "display: flex; flex-wrap: nowrap; overflow-x: auto; align-items: flex-end;";
  container.append(panels);
  metricNames.forEach((metric, i) => {
    const panel = shown.filter((r) => r.metric === metric);
    const marginLeft = i === 0 ? labelWidth : gap;
    // Plot picks a panel's top and bottom margins from its axes, and only the first panel has a y-axis:
    // fixing them here keeps every bar level with its label in the first panel.
    const chart = Plot.plot({
      document,
      width: panelWidth + marginLeft,
      height: order.length * rowHeight + marginTop + marginBottom,
      marginLeft,
      marginRight: 20,
      marginTop,
      marginBottom,
      title: metric,
      x: {label: null, grid: true, ticks: panelWidth < 200 ? 3 : 4, nice: true},
      y: {domain: order, label: null, axis: i === 0 ? "left" : null, padding: 0.2},
      color: colors,
      ...options,
      marks: [
        Plot.barX(panel, {
          y: "algorithm",
          x1: "lower",
          x2: "upper",
          fill: "algorithm",
          fillOpacity: 0.75,
          channels: {estimate: {value: "point", label: metric}},
          tip: {format: {y: true, fill: false, estimate: (d) => d.toFixed(3), x1: (d) => d.toFixed(3), x2: (d) => d.toFixed(3)}}
        }),
        Plot.tickX(panel, {y: "algorithm", x: "point", stroke: "black", strokeWidth: 2}),
        ...(options.marks ?? [])
      ]
    });
    chart.style.flex = "0 0 auto";
    chart.style.margin = "0";
    panels.append(chart);
  });
  if (xLabel) {
    const caption = document.createElement("div");
    caption.className = "rl-interval-plot-x-label";
    caption.style.cssText = `margin-left: ${labelWidth}px; text-align: center; font: 10px sans-serif;`;
    caption.textContent = xLabel;
    container.append(caption);
  }
  return container;
}
