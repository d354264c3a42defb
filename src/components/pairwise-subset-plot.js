import * as Plot from "npm:@observablehq/plot";

/**
 * How a model's rank moves across capability subsets (a bump chart): x = subset, y = rank (1 at the top),
 * one line per model. `data` rows are `{subset, model, rank}`; `models` picks the models to draw (default:
 * all). Other options are spread into `Plot.plot`.
 *
 * @example
 * SubsetRankPlot(subsets, {models: ["gpt4_1106_preview", "NullModel"], width})
 */
export function SubsetRankPlot(data, {models, width = 640, height = 360, ...options} = {}) {
  const shown = models ? data.filter((d) => models.includes(d.model)) : data;
  const last = [...new Set(shown.map((d) => d.subset))].at(-1);
  return Plot.plot({
    // Framework's `width` can be 0 before layout; a floor keeps every range positive.
    width: Math.max(width, 360),
    height,
    marginRight: 200,
    x: {label: null, type: "point", padding: 0.2},
    y: {label: "Rank on the subset", reverse: true, grid: true},
    color: {type: "categorical"},
    ...options,
    marks: [
      Plot.line(shown, {x: "subset", y: "rank", z: "model", stroke: "model", strokeWidth: 1.5}),
      Plot.dot(shown, {x: "subset", y: "rank", fill: "model", r: 3}),
      Plot.text(shown.filter((d) => d.subset === last), {x: "subset", y: "rank", text: "model", fill: "model", dx: 8, textAnchor: "start", fontSize: 10}),
      Plot.tip(shown, Plot.pointer({x: "subset", y: "rank", title: (d) => `${d.model}\n${d.subset}: rank ${d.rank}`}))
    ]
  });
}
