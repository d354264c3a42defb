import * as Plot from "npm:@observablehq/plot";
import {labelMargin} from "./claims-shapes.js";

/**
 * The coverage study's paired-difference intervals (bench/coverage.bench.ts, part "paired"): one row per
 * simulated design (G clusters × m items per cluster, τ the SD of each model's affinity for a cluster), a dot
 * per interval method at its empirical coverage (%) with a bar of ±1.96 Monte-Carlo standard errors, and a
 * dashed line at the nominal level. Cells are the study's `{clusters, perCluster, affinitySd, method,
 * coverage, mcse}` rows; the methods are drawn a few pixels apart within a row, in the order of `methods`.
 * Options: `methods`, `colors` ({method: colour}), `nominal` (0.95), `width`; the rest go to `Plot.plot`.
 *
 * @example CoveragePlot([{clusters: 10, perCluster: 20, affinitySd: 1, method: "iid", coverage: 0.66, mcse: 0.007}], {width})
 */
export function CoveragePlot(cells, {methods = [...new Set(cells.map((d) => d.method))], colors = {}, nominal = 0.95, width = 640, ...options} = {}) {
  const rowOf = (d) => `${d.clusters} × ${d.perCluster}, τ = ${d.affinitySd}`;
  const rows = [...new Set(cells.map(rowOf))];
  const low = cells.reduce((m, d) => Math.min(m, d.coverage - 1.96 * d.mcse), nominal);
  return Plot.plot({
    width: Math.max(width, 420),
    height: rows.length * 22 + 60,
    marginLeft: labelMargin(rows),
    marginRight: 24,
    x: {label: "empirical coverage of the 95% interval (%)", domain: [Math.max(0, Math.floor(100 * low / 5) * 5), 100], grid: true},
    y: {domain: rows, label: "clusters × items per cluster, cluster affinity τ"},
    color: {domain: methods, range: methods.map((m) => colors[m] ?? "#0173b2"), legend: true},
    ...options,
    marks: [
      Plot.ruleX([100 * nominal], {stroke: "currentColor", strokeDasharray: "4,3"}),
      // dy is a constant in Plot, so each method gets its own marks.
      ...methods.flatMap((method, k) => {
        const mine = cells.filter((d) => d.method === method);
        const dy = (k - (methods.length - 1) / 2) * 5;
        const stroke = colors[method] ?? "#0173b2";
        return [
          Plot.ruleY(mine, {y: rowOf, dy, x1: (d) => 100 * (d.coverage - 1.96 * d.mcse), x2: (d) => 100 * Math.min(1, d.coverage + 1.96 * d.mcse), stroke, strokeOpacity: 0.5, strokeWidth: 2}),
          Plot.dot(mine, {y: rowOf, dy, x: (d) => 100 * d.coverage, fill: stroke, r: 3})
        ];
      }),
      Plot.tip(cells, Plot.pointer({y: rowOf, x: (d) => 100 * d.coverage, title: (d) => `${rowOf(d)}, ${d.method}\ncoverage ${(100 * d.coverage).toFixed(1)} % ± ${(196 * d.mcse).toFixed(1)}`}))
    ]
  });
}
