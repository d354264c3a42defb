import * as Plot from "npm:@observablehq/plot";

/**
 * Our length-controlled win rate against the published one, one dot per model, with the diagonal; the
 * models named in `highlight` are labelled. `data` rows are `{model, ours, published}`.
 *
 * @example
 * LcAgreementPlot(rows, {width, highlight: ["NullModel", "gpt4_gamed"]})
 */
export function LcAgreementPlot(data, {width = 640, highlight = [], xLabel = "Published LC win rate (%)", yLabel = "Our LC win rate (%)", ...options} = {}) {
  const max = Math.max(...data.flatMap((d) => [d.ours, d.published])) * 1.05;
  const named = data.filter((d) => highlight.includes(d.model));
  return Plot.plot({
    // Framework's `width` can be 0 before layout; a floor keeps every range positive.
    width: Math.max(width, 360),
    height: Math.max(300, Math.min(520, width * 0.6)),
    x: {label: xLabel, domain: [0, max], grid: true},
    y: {label: yLabel, domain: [0, max], grid: true},
    ...options,
    marks: [
      Plot.line([0, max].map((v) => ({v})), {x: "v", y: "v", stroke: "#aaa", strokeDasharray: "4,3"}),
      Plot.dot(data, {x: "published", y: "ours", fill: (d) => (highlight.includes(d.model) ? "#e45756" : "steelblue"), r: 3.5, tip: true, title: (d) => `${d.model}\npublished ${d.published.toFixed(1)}, ours ${d.ours.toFixed(1)}`}),
      Plot.text(named, {x: "published", y: "ours", text: "model", dx: -6, textAnchor: "end", fill: "#e45756"})
    ]
  });
}

/**
 * Per model, the spread of preferences across instructions (sd / √(p̄(1 − p̄))) against the mean
 * preference; flagged models in red. `data` rows are `preferenceDispersion(...)` results.
 *
 * @example
 * DispersionPlot(dispersion, {width})
 */
export function DispersionPlot(data, {width = 640, ...options} = {}) {
  return Plot.plot({
    width: Math.max(width, 360),
    height: 300,
    x: {label: "Mean preference over the baseline (win rate / 100)", domain: [0, 1], grid: true},
    y: {label: "Dispersion sd / √(p̄(1 − p̄))", domain: [Math.min(0.5, Math.min(...data.map((d) => d.dispersion)) - 0.05), 1], grid: true},
    ...options,
    marks: [
      Plot.dot(data, {x: "mean", y: "dispersion", fill: (d) => (d.flagged ? "#e45756" : "steelblue"), r: 3.5, tip: true, title: (d) => `${d.model}\ndispersion ${d.dispersion.toFixed(3)} (z ${d.zDispersion.toFixed(1)})`}),
      Plot.text(data.filter((d) => d.flagged), {x: "mean", y: "dispersion", text: "model", dx: -6, textAnchor: "end", fill: "#e45756"})
    ]
  });
}

/**
 * Ratings of each model under several tie treatments, one row per model (ordered by the first
 * treatment's rating), one colour per treatment, with the bootstrap intervals. `data` rows are
 * `{ties, model, rating, lower, upper}`.
 *
 * @example
 * TieRatingsPlot(rows, {width})
 */
export function TieRatingsPlot(data, {width = 640, ...options} = {}) {
  const first = data[0]?.ties;
  const order = data.filter((d) => d.ties === first).sort((p, q) => q.rating - p.rating).map((d) => d.model);
  return Plot.plot({
    width: Math.max(width, 360),
    height: order.length * 22 + 60,
    marginLeft: 170,
    x: {label: "Elo-scale rating (mean 1000) — 95% bootstrap interval", grid: true},
    y: {label: null, domain: order},
    color: {legend: true},
    ...options,
    marks: [
      Plot.ruleY(data, {y: "model", x1: "lower", x2: "upper", stroke: "ties", strokeOpacity: 0.4}),
      Plot.dot(data, {y: "model", x: "rating", fill: "ties", r: 3, tip: true, title: (d) => `${d.model}\n${d.ties}: ${d.rating.toFixed(0)} [${d.lower.toFixed(0)}, ${d.upper.toFixed(0)}]`})
    ]
  });
}

/**
 * How many of the final top-k each replayed method has in its top-k, vote after vote. `data` is
 * `replayTopK(...).methods`.
 *
 * @example
 * ReplayPlot(replay.methods, {width, k: 5})
 */
export function ReplayPlot(data, {width = 640, k = 5, ...options} = {}) {
  const rows = data.flatMap((m) => m.curve.map((c) => ({method: m.method, ...c})));
  return Plot.plot({
    width: Math.max(width, 360),
    height: 300,
    x: {label: "Votes replayed", grid: true},
    y: {label: `Final top-${k} models in the method's top-${k}`, domain: [0, k], ticks: k, tickFormat: "d", grid: true},
    color: {legend: true},
    ...options,
    marks: [Plot.line(rows, {x: "votes", y: "overlap", stroke: "method", curve: "step-after", tip: true})]
  });
}

/**
 * Bradley–Terry ratings as the length margin K of WildBench's rule shrinks (null K = no rule), one line
 * per model. `data` rows are `{k, model, rating}`.
 *
 * @example
 * LengthRulePlot(rows, {width})
 */
export function LengthRulePlot(data, {width = 640, ...options} = {}) {
  const rows = data.map((d) => ({...d, margin: d.k === null ? "no rule" : `K = ${d.k}`}));
  const order = [...new Set(rows.map((d) => d.margin))];
  return Plot.plot({
    width: Math.max(width, 360),
    height: 300,
    x: {label: "Length margin of the rule", domain: order, padding: 0.3},
    y: {label: "Elo-scale rating (mean 1000)", grid: true},
    color: {legend: true},
    ...options,
    marks: [
      Plot.line(rows, {x: "margin", y: "rating", stroke: "model", marker: "circle", tip: true})
    ]
  });
}
