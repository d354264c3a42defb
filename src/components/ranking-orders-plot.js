import * as Plot from "npm:@observablehq/plot";

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
  return Plot.plot({
    // Never narrower than the label margins (Framework's width can be 0 before layout).
    width: Math.max(width, 720),
    height: Math.max(260, maxPosition * 22 + 60),
    marginLeft: 250,
    marginRight: 250,
    x: {domain: methods, label: null, axis: "top", tickFormat: (m) => labels[m] ?? m, padding: 0.2},
    y: {domain: [1, maxPosition], reverse: false, label: "position (1 = best)", ticks: [], axis: null},
    color: {type: "categorical", scheme: "tableau10"},
    ...options,
    marks: [
      Plot.line(rows, {x: "method", y: "position", z: "system", stroke: "system", strokeOpacity: 0.7, strokeWidth: 1.5}),
      Plot.dot(rows, {x: "method", y: "position", fill: "system", r: 4, tip: true, title: (d) => `${d.system}\n${labels[d.method] ?? d.method}: #${d.position}`}),
      Plot.text(rows.filter((d) => d.method === first), {x: "method", y: "position", text: (d) => `${d.position}. ${d.system}`, textAnchor: "end", dx: -8, fontSize: 10}),
      Plot.text(rows.filter((d) => d.method === methods[methods.length - 1]), {x: "method", y: "position", text: (d) => `${d.position}. ${d.system}`, textAnchor: "start", dx: 8, fontSize: 10})
    ]
  });
}
