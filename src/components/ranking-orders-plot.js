import * as Plot from "npm:@observablehq/plot";
import {fitLabel, labelMargin} from "./labels.js";

/**
 * Bump chart of consensus orders: one column per aggregation method, one line per system joining its
 * positions (1 = best) across methods, so disagreements show as crossing lines. `data` rows are
 * `{system, method, position}`; `methods` fixes the column order; systems ranked within `top` by the
 * first method are labelled.
 *
 * @example RankingOrdersPlot(rows, {methods: ["mean", "borda", "kemeny"], top: 15, width})
 */
export function RankingOrdersPlot(data, {methods, top = 15, width = 640, labels = {}, ...options} = {}) {
  const first = methods[0];
  const shown = new Set(data.filter((d) => d.method === first && d.position <= top).map((d) => d.system));
  const rows = data.filter((d) => shown.has(d.system));
  const maxPosition = Math.max(top, ...rows.map((d) => d.position));
  // Framework's width can be 0 before layout; the side margins hold the "position. name" labels, cut with
  // an ellipsis where a name is longer than a quarter of the width (the tooltip has it whole), and the
  // columns between them keep at least 70 px each for their headers.
  const w = Math.max(width, 480);
  const label = (d) => `${d.position}. ${d.system}`;
  const margin = labelMargin(rows.map(label), {max: Math.max(60, Math.min(250, Math.floor((w - 70 * methods.length) / 2)))});
  const text = (d) => fitLabel(label(d), margin - 20);
  return Plot.plot({
    width: w,
    height: Math.max(260, maxPosition * 22 + 60),
    marginLeft: margin,
    marginRight: margin,
    marginTop: 40,
    marginBottom: 10,
    x: {domain: methods, label: null, axis: "top", tickFormat: (m) => labels[m] ?? m, padding: 0.2},
    // 1 = best at the top, each row a full line from the edges (Plot puts a linear y's low end at the bottom).
    y: {domain: [1, maxPosition], reverse: true, inset: 10, label: "position (1 = best)", ticks: [], axis: null},
    color: {type: "categorical", scheme: "tableau10"},
    ...options,
    marks: [
      Plot.line(rows, {x: "method", y: "position", z: "system", stroke: "system", strokeOpacity: 0.7, strokeWidth: 1.5}),
      Plot.dot(rows, {x: "method", y: "position", fill: "system", r: 4, tip: true, title: (d) => `${d.system}\n${labels[d.method] ?? d.method}: #${d.position}`}),
      Plot.text(rows.filter((d) => d.method === first), {x: "method", y: "position", text, textAnchor: "end", dx: -8, fontSize: 10}),
      Plot.text(rows.filter((d) => d.method === methods[methods.length - 1]), {x: "method", y: "position", text, textAnchor: "start", dx: 8, fontSize: 10})
    ]
  });
}
