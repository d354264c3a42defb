import * as Plot from "npm:@observablehq/plot";
import {labelMargin} from "./labels.js";

/**
 * Model abilities (EAP θ with a 95% interval θ ± 1.96·SD) against raw accuracy, one row per model,
 * sorted by θ. Rows: `{model, theta, lower, upper, accuracy}`.
 *
 * @example AbilityPlot(models, {width})
 */
export function AbilityPlot(models, {width = 640, ...options} = {}) {
  const rows = [...models].sort((a, b) => b.theta - a.theta);
  return Plot.plot({
    width,
    height: rows.length * 22 + 60,
    marginLeft: labelMargin(rows.map((d) => d.model), {max: 200}),
    marginRight: 48,
    x: {label: "ability θ (EAP, bar: 95% interval)", grid: true},
    y: {domain: rows.map((d) => d.model), label: null},
    ...options,
    marks: [
      Plot.ruleY(rows, {y: "model", x1: "lower", x2: "upper", stroke: "steelblue", strokeWidth: 5, strokeOpacity: 0.4}),
      Plot.dot(rows, {
        y: "model",
        x: "theta",
        fill: "steelblue",
        r: 4,
        tip: true,
        title: (d) => `${d.model}\nθ = ${d.theta.toFixed(2)} ± ${(1.96 * d.se).toFixed(2)}\naccuracy ${(100 * d.accuracy).toFixed(1)}%`
      }),
      Plot.text(rows, {y: "model", x: "upper", text: (d) => `${(100 * d.accuracy).toFixed(1)}%`, dx: 6, textAnchor: "start", fill: "#555"})
    ]
  });
}

/**
 * θ against raw accuracy: the ordering agrees where the scatter is monotone.
 *
 * @example AbilityAccuracyPlot(models, {width})
 */
export function AbilityAccuracyPlot(models, {width = 640, ...options} = {}) {
  return Plot.plot({
    width,
    height: 320,
    x: {label: "raw accuracy (all 2854 questions)", percent: true, grid: true},
    y: {label: "ability θ (EAP)", grid: true},
    ...options,
    marks: [
      Plot.ruleX(models, {x: "accuracy", y1: "lower", y2: "upper", stroke: "steelblue", strokeOpacity: 0.5}),
      Plot.dot(models, {x: "accuracy", y: "theta", fill: "steelblue", tip: true, title: "model"})
    ]
  });
}
