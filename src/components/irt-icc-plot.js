import * as Plot from "npm:@observablehq/plot";

/**
 * Item characteristic curves P(θ) = g + (1 − g)·σ(a·θ + d) for a few items, one line per item, with
 * the respondents' abilities as ticks along the bottom. `items` rows: `{item, a, d, g?}`;
 * `abilities` rows: `{model, theta}`.
 *
 * @example IccPlot(items.slice(0, 6), {abilities: models, width})
 */
export function IccPlot(items, {abilities = [], domain = [-4, 4], width = 640, ...options} = {}) {
  const thetas = Array.from({length: 161}, (_, k) => domain[0] + ((domain[1] - domain[0]) * k) / 160);
  const curves = items.flatMap((it) =>
    thetas.map((theta) => ({item: it.item, theta, p: (it.g ?? 0) + (1 - (it.g ?? 0)) / (1 + Math.exp(-(it.a * theta + it.d)))}))
  );
  return Plot.plot({
    width,
    height: 320,
    x: {label: "ability θ", domain},
    y: {label: "P(correct)", domain: [0, 1], grid: true},
    color: {legend: true, label: "item"},
    ...options,
    marks: [
      Plot.line(curves, {x: "theta", y: "p", stroke: "item", strokeWidth: 2, tip: true}),
      Plot.tickX(abilities.filter((d) => d.theta >= domain[0] && d.theta <= domain[1]), {x: "theta", y1: 0, y2: 0.05, stroke: "#555", title: "model"})
    ]
  });
}
