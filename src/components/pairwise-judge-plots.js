import * as Plot from "npm:@observablehq/plot";

const VERDICT_ORDER = ["first answer (a)", "tie", "second answer (b)"];

/**
 * Position bias of each rater: the share of its verdicts that pick the first-shown answer, call a tie, or
 * pick the second answer, as stacked horizontal bars (arena battles randomise positions, so an unbiased
 * rater splits a and b evenly). `data` rows are `positionBias(...)` results with a `judge` column.
 *
 * @example
 * PositionBiasPlot(bias, {width})
 */
export function PositionBiasPlot(data, {width = 640, ...options} = {}) {
  const rows = data.flatMap((d) => [
    {judge: d.judge, verdict: VERDICT_ORDER[0], share: d.a / d.n},
    {judge: d.judge, verdict: VERDICT_ORDER[1], share: d.tie / d.n},
    {judge: d.judge, verdict: VERDICT_ORDER[2], share: d.b / d.n}
  ]);
  return Plot.plot({
    // Framework's `width` can be 0 before layout; a floor keeps every range positive.
    width: Math.max(width, 360),
    height: data.length * 36 + 60,
    marginLeft: 110,
    x: {label: "Share of verdicts (%)", percent: true, domain: [0, 100]},
    y: {label: null, domain: data.map((d) => d.judge)},
    color: {domain: VERDICT_ORDER, range: ["#4c78a8", "#bab0ac", "#f58518"], legend: true},
    ...options,
    marks: [
      Plot.barX(rows, Plot.stackX({y: "judge", x: "share", fill: "verdict", order: VERDICT_ORDER, tip: true})),
      Plot.ruleX([0.5], {stroke: "black", strokeDasharray: "3,3"})
    ]
  });
}

/**
 * Each judge's Bradley–Terry ratings against the humans' on the same battles, one panel per judge, with
 * the diagonal: points off the diagonal are models a judge over- or under-rates. `data` rows are
 * `{judge, model, rating, lower, upper}` including the reference judge's rows.
 *
 * @example
 * JudgeRatingsPlot(ratings, {reference: "human", width})
 */
export function JudgeRatingsPlot(data, {reference = "human", width = 640, ...options} = {}) {
  const ref = new Map(data.filter((d) => d.judge === reference).map((d) => [d.model, d.rating]));
  const rows = data.filter((d) => d.judge !== reference).map((d) => ({...d, human: ref.get(d.model)}));
  const all = rows.flatMap((d) => [d.rating, d.human]);
  const domain = [Math.min(...all) - 20, Math.max(...all) + 20];
  return Plot.plot({
    // Framework's `width` can be 0 before layout; a floor keeps every range positive.
    width: Math.max(width, 360),
    height: Math.max(260, width / 3 + 40),
    x: {label: `Rating from ${reference} votes`, domain},
    y: {label: "Rating from the judge's verdicts", domain, grid: true},
    fx: {label: null},
    ...options,
    marks: [
      Plot.line(domain.map((v) => ({v})), {x: "v", y: "v", stroke: "#aaa", strokeDasharray: "4,3"}),
      Plot.ruleX(rows, {fx: "judge", x: "human", y1: "lower", y2: "upper", stroke: "steelblue", strokeOpacity: 0.5}),
      Plot.dot(rows, {fx: "judge", x: "human", y: "rating", fill: "steelblue", r: 3, tip: true, title: (d) => `${d.model}\n${reference} ${d.human.toFixed(0)}, ${d.judge} ${d.rating.toFixed(0)}`})
    ]
  });
}
