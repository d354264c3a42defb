import * as Plot from "npm:@observablehq/plot";

/**
 * Test information I(θ) = Σ_j I_j(θ) and the matching standard error of θ, 1/√I(θ), over a θ range;
 * `curve` rows `{theta, information}`; models' abilities drawn as ticks.
 *
 * @example InformationPlot(curve, {abilities: models, width})
 */
export function InformationPlot(curve, {abilities = [], width = 640, ...options} = {}) {
  const [lo, hi] = [curve[0].theta, curve[curve.length - 1].theta];
  return Plot.plot({
    width,
    height: 280,
    x: {label: "ability θ", domain: [lo, hi]},
    y: {label: "test information", grid: true},
    ...options,
    marks: [
      Plot.areaY(curve, {x: "theta", y: "information", fill: "steelblue", fillOpacity: 0.2}),
      Plot.line(curve, {x: "theta", y: "information", stroke: "steelblue", tip: true, title: (d) => `θ = ${d.theta.toFixed(2)}\nI = ${d.information.toFixed(1)}\nSE(θ) ≈ ${(1 / Math.sqrt(d.information)).toFixed(3)}`}),
      Plot.tickX(abilities.filter((d) => d.theta >= lo && d.theta <= hi), {x: "theta", stroke: "#555", title: "model"}),
      Plot.ruleY([0])
    ]
  });
}
