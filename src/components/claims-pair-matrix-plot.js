import * as Plot from "npm:@observablehq/plot";
import {formatP, labelMargin, points, VERDICTS} from "./claims-shapes.js";

const COLORS = ["#2166ac", "#92c5de", "#f0f0f0", "#f4a582", "#b2182b"];

/**
 * Every pair of a leaderboard at once: a models × models grid in leaderboard `order` (best first, rows
 * named with their rank, columns numbered by it), each cell coloured by whether the row model is ahead of
 * the column model and whether that difference is significant before and after adjustment for the number
 * of pairs (the verdicts of `pairCells`). Blue above the diagonal and red below it is a leaderboard whose
 * order the data support; pale cells are orderings the data do not settle.
 * Options: `order` (required), `width`, `unit` (the tip's name for differences); the rest go to `Plot.plot`.
 *
 * @example PairMatrixPlot(pairCells(pairs, {order, adjusted}), {order, width})
 */
export function PairMatrixPlot(cells, {order, width = 640, unit = "points", ...options} = {}) {
  const k = order.length;
  const rank = new Map(order.map((m, i) => [m, i + 1]));
  const labels = order.map((m, i) => `${i + 1}. ${m}`);
  const marginLeft = labelMargin(labels);
  // Columns share the width; rows are at least 14 px so that every model's name stays legible.
  const column = Math.max(6, Math.min(22, (Math.max(width, 360) - marginLeft - 20) / k));
  const row = Math.max(column, 14);
  // Column ticks every 1, 2, 5 or 10 ranks, so that neighbouring numbers never touch.
  const step = column >= 20 ? 1 : column >= 10 ? 2 : column >= 5 ? 5 : 10;
  return Plot.plot({
    width: Math.round(marginLeft + 20 + column * k),
    height: Math.round(row * k + 60),
    marginLeft,
    marginRight: 20,
    marginTop: 40,
    marginBottom: 20,
    x: {domain: order, label: "column model (leaderboard rank)", tickFormat: (m) => rank.get(m), ticks: order.filter((_, i) => (i + 1) % step === 0 || i === 0), axis: "top", tickSize: 0},
    y: {domain: order, label: null, tickFormat: (m) => `${rank.get(m)}. ${m}`, tickSize: 0},
    color: {domain: VERDICTS, range: COLORS, legend: true, label: "row model vs column model"},
    ...options,
    marks: [
      Plot.cell(cells, {x: "column", y: "row", fill: "verdict", inset: 0.5}),
      Plot.tip(cells, Plot.pointer({x: "column", y: "row", title: (d) => `${d.rowRank}. ${d.row} − ${d.columnRank}. ${d.column}: ${points(d.mean, {signed: true})} ${unit}\np = ${formatP(d.pValue)}, adjusted ${formatP(d.adjusted)}\n${d.verdict}`}))
    ]
  });
}
