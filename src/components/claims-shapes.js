// Shaping for the "Is A really better than B?" report: item-level results laid out per model, pair
// lookups oriented A − B, the significance verdict of each pair, and text formats. Pure functions (no
// Plot, no DOM), shared by the claims-* chart components and the page, and tested on their own.

/** The verdicts of the pair matrix, from "row model ahead, even after adjustment" to the reverse. */
export const VERDICTS = ["ahead, survives adjustment", "ahead, raw p only", "no significant difference", "behind, raw p only", "behind, survives adjustment"];

/**
 * One benchmark's item-level results, per model, on a shared item order: `values.get(model)[i]` is the
 * model's result on `items[i]` (NaN = not measured), `clusters[i]` the item's cluster (or null when the
 * benchmark has none). `columns` holds parallel arrays of a samples table (`benchmark, model, item, value`,
 * optionally `cluster`), as arquero's `table.array(name)` gives them.
 *
 * @example
 * itemMatrix({benchmark: ["b", "b"], model: ["x", "y"], item: ["q1", "q1"], value: [1, 0]}, "b");
 * // {models: ["x", "y"], items: ["q1"], values: Map {x → [1], y → [0]}, clusters: null}
 */
export function itemMatrix(columns, benchmark, {cluster = "dataset"} = {}) {
  const {benchmark: benchmarks, model, item, value} = columns;
  const groups = columns[cluster];
  const itemIndex = new Map();
  const rows = [];
  for (let r = 0; r < benchmarks.length; ++r) {
    if (benchmarks[r] !== benchmark) continue;
    rows.push(r);
    if (!itemIndex.has(item[r])) itemIndex.set(item[r], itemIndex.size);
  }
  const items = [...itemIndex.keys()];
  const values = new Map();
  const clusters = groups ? new Array(items.length).fill("") : null;
  for (const r of rows) {
    let v = values.get(model[r]);
    if (!v) values.set(model[r], (v = new Float64Array(items.length).fill(NaN)));
    const i = itemIndex.get(item[r]);
    v[i] = value[r] ?? NaN;
    if (clusters && groups[r]) clusters[i] = groups[r];
  }
  const clustered = clusters && clusters.every((c) => c !== "");
  return {models: [...values.keys()].sort(), items, values, clusters: clustered ? clusters : null};
}

/**
 * Pair rows (`model_a, model_b, mean, lower, upper, a_only, b_only, …`, A − B) looked up in either order
 * and turned to read `a − b`: the mean and interval change sign, the discordant counts swap.
 *
 * @example pairLookup([{model_a: "x", model_b: "y", mean: 0.1, lower: 0, upper: 0.2}])("y", "x").mean; // −0.1
 */
export function pairLookup(pairs) {
  const index = new Map(pairs.map((p) => [`${p.model_a}\u0000${p.model_b}`, p]));
  return (a, b) => {
    const same = index.get(`${a}\u0000${b}`);
    if (same) return same;
    const other = index.get(`${b}\u0000${a}`);
    if (!other) return undefined;
    return {...other, model_a: a, model_b: b, mean: -other.mean, lower: -other.upper, upper: -other.lower, statistic: -other.statistic, a_only: other.b_only, b_only: other.a_only};
  };
}

/**
 * The cells of a models × models significance matrix in leaderboard `order` (best first): for row model r
 * and column model c ≠ r, whether r is ahead or behind c and whether the difference is significant at
 * `alpha` before (`pValue`) and after (`adjusted`, in the order of `pairs`) adjustment.
 *
 * @example pairCells([{model_a: "x", model_b: "y", mean: 0.2, p_value: 0.01}], {order: ["x", "y"], adjusted: [0.02]});
 * // [{row: "x", column: "y", verdict: "ahead, survives adjustment", …}, {row: "y", column: "x", verdict: "behind, survives adjustment", …}]
 */
export function pairCells(pairs, {order, adjusted, alpha = 0.05}) {
  const cells = [];
  pairs.forEach((p, k) => {
    const q = adjusted[k];
    for (const [row, column, sign] of [[p.model_a, p.model_b, 1], [p.model_b, p.model_a, -1]]) {
      const ahead = sign * p.mean > 0;
      const raw = p.p_value <= alpha && p.mean !== 0;
      const kept = q <= alpha && p.mean !== 0;
      const verdict = !raw && !kept ? VERDICTS[2] : ahead ? VERDICTS[kept ? 0 : 1] : VERDICTS[kept ? 4 : 3];
      cells.push({row, column, verdict, mean: sign * p.mean, pValue: p.p_value, adjusted: q, rowRank: order.indexOf(row) + 1, columnRank: order.indexOf(column) + 1});
    }
  });
  return cells;
}

/** Models of `names` keyed by their lower-case name: how the report matches leaderboards that spell names differently. */
export function byLowerCase(names) {
  return new Map(names.map((name) => [name.toLowerCase(), name]));
}

/**
 * A p-value as text: "< 1e-300" where it underflowed to 0, two significant digits in exponent form below
 * 0.001, three decimals otherwise, and "–" when there is none.
 *
 * @example [formatP(0), formatP(3.2e-7), formatP(0.0421), formatP(NaN)]; // ["< 1e-300", "3.2e-7", "0.042", "–"]
 */
export function formatP(p) {
  if (p === null || p === undefined || Number.isNaN(p)) return "–";
  if (p === 0) return "< 1e-300";
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

/**
 * A share or difference in percentage points, signed when `signed` ("+1.2"), "–" when missing.
 *
 * @example [points(0.0123), points(-0.004, {signed: true}), points(NaN)]; // ["1.2", "−0.4", "–"]
 */
export function points(x, {digits = 1, signed = false} = {}) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  const text = Math.abs(100 * x).toFixed(digits);
  const zero = Number(text) === 0;
  return `${x < 0 && !zero ? "−" : signed && !zero ? "+" : ""}${text}`;
}

/**
 * A left margin wide enough for the longest label at Plot's 10 px sans-serif (at most about 6.5 px a
 * character, capitals included) plus the tick and its padding.
 *
 * @example labelMargin(["gpt-4", "Mixtral-8x7B-Instruct-v0.1_concise"]); // 237
 */
export function labelMargin(labels, {min = 60, max = 340} = {}) {
  const longest = Math.max(0, ...[...labels].map((l) => String(l).length));
  return Math.round(Math.min(max, Math.max(min, 16 + 6.5 * longest)));
}
