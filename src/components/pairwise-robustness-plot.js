import * as Plot from "npm:@observablehq/plot";

/**
 * ONEBench's missing-data robustness figure: Kendall τ between the ranking from the remaining data and the
 * reference ranking, against the fraction of measurements dropped. One line per series (`z`, e.g. the
 * reference or the dataset) through the mean over repeats, a band from the smallest to the largest repeat,
 * and a dot per repeat. `data` are `missingDataRobustness(...).runs` rows (`{fraction, repeat, tau}`) plus
 * the series column. Other options are spread into `Plot.plot`.
 *
 * @example
 * RobustnessPlot(runs, {z: "reference", width})
 */
export function RobustnessPlot(data, {z = "reference", width = 640, height = 300, yDomain, ...options} = {}) {
  const groups = new Map();
  for (const d of data) {
    const key = `${d[z]}|${d.fraction}`;
    if (!groups.has(key)) groups.set(key, {[z]: d[z], fraction: d.fraction, taus: []});
    groups.get(key).taus.push(d.tau);
  }
  const summary = [...groups.values()].map((g) => ({
    ...g,
    mean: g.taus.reduce((s, t) => s + t, 0) / g.taus.length,
    min: Math.min(...g.taus),
    max: Math.max(...g.taus)
  }));
  return Plot.plot({
    // Framework's `width` can be 0 before layout; a floor keeps every range positive.
    width: Math.max(width, 360),
    height,
    x: {label: "Measurements dropped (%)", percent: true, domain: [0, 100]},
    y: {label: "Kendall τ with the reference ranking", grid: true, domain: yDomain},
    color: {legend: true},
    ...options,
    marks: [
      Plot.areaY(summary, {x: "fraction", y1: "min", y2: "max", fill: z, fillOpacity: 0.15}),
      Plot.lineY(summary, {x: "fraction", y: "mean", stroke: z, strokeWidth: 2}),
      Plot.dot(data, {x: "fraction", y: "tau", stroke: z, r: 2}),
      Plot.tip(summary, Plot.pointer({x: "fraction", y: "mean", title: (d) => `${d[z]}: ${(100 * d.fraction).toFixed(0)}% dropped\nτ mean ${d.mean.toFixed(3)} (min ${d.min.toFixed(3)}, max ${d.max.toFixed(3)})`}))
    ]
  });
}
