// Turns the result objects of benchstats' rliable functions into tidy rows for Plot, shared by the rl-*
// chart components. Pure functions (no Plot, no DOM) so they can be tested and reused on their own.

/**
 * The seaborn "colorblind" palette that rliable's plots use by default (plot_utils.py, color_palette).
 * @example COLORBLIND[0] // "#0173b2" (blue)
 */
export const COLORBLIND = ["#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc", "#ca9161", "#fbafe4", "#949494", "#ece133", "#56b4e9"];

/**
 * Plot color-scale options giving each algorithm a fixed colour (in the order given), so that all charts of
 * a page agree. Palettes longer than ten algorithms repeat (as rliable did before its PR #8).
 * @example algorithmColor(["DER", "SPR"]) // {domain: ["DER", "SPR"], range: ["#0173b2", "#de8f05"]}
 */
export function algorithmColor(algorithms, palette = COLORBLIND) {
  return {domain: [...algorithms], range: algorithms.map((_, i) => palette[i % palette.length])};
}

function fail(message) {
  throw new Error(`rl chart: ${message}`);
}

function asArray(value, what) {
  if (typeof value === "number") return [value];
  if (value == null) return undefined;
  if (typeof value.length !== "number") fail(`${what} should be a number or an array of numbers`);
  return Array.from(value);
}

function entriesOf(data, what) {
  if (data == null || typeof data !== "object") fail(`${what}: expected an object keyed by algorithm (a benchstats result), got ${data}`);
  if (data instanceof Map) return [...data];
  return Object.entries(data);
}

/**
 * Estimates `{[key]: {point, lower, upper}}` (what `intervalEstimates`, `performanceProfiles` and the
 * curve functions return; arrays, typed arrays or single numbers) → rows
 * `{key, index, point, lower, upper}`, one per key and statistic index. A key whose value is a plain
 * array of numbers is a point-only estimate (no interval). Rows (arrays) are returned as they are.
 * @example estimateRows({A: {point: [1, 2], lower: [0, 1], upper: [2, 3]}})
 * // [{key: "A", index: 0, point: 1, lower: 0, upper: 2}, {key: "A", index: 1, point: 2, lower: 1, upper: 3}]
 */
export function estimateRows(data, what = "estimates") {
  if (Array.isArray(data)) return data;
  const rows = [];
  for (const [key, value] of entriesOf(data, what)) {
    const point = asArray(value?.point ?? value, `${what}["${key}"].point`);
    if (!point) fail(`${what}["${key}"] has no point estimates`);
    const lower = asArray(value?.lower, `${what}["${key}"].lower`);
    const upper = asArray(value?.upper, `${what}["${key}"].upper`);
    if ((lower && lower.length !== point.length) || (upper && upper.length !== point.length)) {
      fail(`${what}["${key}"]: point, lower and upper must have the same length (${point.length}, ${lower?.length}, ${upper?.length})`);
    }
    point.forEach((p, index) => rows.push({key, index, point: p, lower: lower?.[index], upper: upper?.[index]}));
  }
  return rows;
}

/**
 * Interval estimates of several aggregates → `{algorithm, metric, point, lower, upper}` rows. `metrics`
 * names the statistic indices (e.g. `["Median", "IQM", "Mean", "Optimality gap"]` for the array of
 * aggregate functions passed to `intervalEstimates`). Tidy rows with these fields pass through.
 * @example intervalRows({DER: {point: [0.18], lower: [0.16], upper: [0.2]}}, {metrics: ["IQM"]})
 * // [{algorithm: "DER", metric: "IQM", point: 0.18, lower: 0.16, upper: 0.2}]
 */
export function intervalRows(data, {metrics} = {}) {
  if (Array.isArray(data)) return data;
  return estimateRows(data, "interval estimates").map(({key, index, point, lower, upper}) => ({
    algorithm: key,
    metric: metrics?.[index] ?? (metrics ? fail(`no metric name for statistic ${index} (metrics has ${metrics.length})`) : `statistic ${index + 1}`),
    point,
    lower,
    upper
  }));
}

/**
 * A curve per algorithm (performance profile over taus, or aggregate over checkpoints) →
 * `{algorithm, x, point, lower, upper}` rows, `x` taken from `xs` (taus or steps) by index.
 * Accepts `{[algorithm]: {point[], lower[], upper[]}}` or `{[algorithm]: number[]}` (no band).
 * @example curveRows({DER: [1, 0.4]}, [0, 0.5]) // [{algorithm: "DER", x: 0, point: 1, …}, {algorithm: "DER", x: 0.5, point: 0.4, …}]
 */
export function curveRows(data, xs, what = "curves") {
  if (Array.isArray(data)) return data;
  if (!xs) fail(`${what}: pass the x values (taus or steps) as an option`);
  const x = Array.from(xs);
  return estimateRows(data, what).map(({key, index, point, lower, upper}) => {
    if (index >= x.length) fail(`${what}["${key}"] has more points than x values (${x.length})`);
    return {algorithm: key, x: x[index], point, lower, upper};
  });
}

/**
 * Probability-of-improvement estimates keyed `"X,Y"` (rliable's convention; `separator` configurable) →
 * `{x, y, pair, point, lower, upper}` rows, one per pair, P(X > Y).
 * @example pairRows({"SPR,DER": {point: [0.7], lower: [0.6], upper: [0.8]}})
 * // [{x: "SPR", y: "DER", pair: "SPR,DER", point: 0.7, lower: 0.6, upper: 0.8}]
 */
export function pairRows(data, {separator = ","} = {}) {
  if (Array.isArray(data)) return data;
  return estimateRows(data, "probabilities of improvement").map(({key, index, point, lower, upper}) => {
    if (index > 0) fail(`probabilities of improvement["${key}"] should hold one estimate, not several`);
    const at = key.indexOf(separator);
    if (at < 0) fail(`pair key "${key}" should look like "X${separator}Y"`);
    return {x: key.slice(0, at), y: key.slice(at + separator.length), pair: key, point, lower, upper};
  });
}

/**
 * Rank distributions → `{algorithm, rank, probability}` rows (rank 1 = best). Accepts
 * `{[algorithm]: number[]}` (P(rank = i + 1) at index i), `{algorithms, probabilities}` with an
 * algorithms × ranks matrix, or rows with these fields.
 * @example rankRows({A: [0.7, 0.3]}) // [{algorithm: "A", rank: 1, probability: 0.7}, {algorithm: "A", rank: 2, probability: 0.3}]
 */
export function rankRows(data) {
  if (Array.isArray(data)) return data;
  let entries;
  if (data && Array.isArray(data.algorithms) && data.probabilities) {
    entries = data.algorithms.map((algorithm, i) => [algorithm, data.probabilities[i]]);
  } else {
    entries = entriesOf(data, "rank distributions");
  }
  const rows = [];
  for (const [algorithm, probabilities] of entries) {
    const p = asArray(probabilities?.probabilities ?? probabilities, `rank distributions["${algorithm}"]`);
    if (!p) fail(`rank distributions["${algorithm}"] is empty`);
    p.forEach((probability, i) => rows.push({algorithm, rank: i + 1, probability}));
  }
  return rows;
}

/**
 * Color-scale options limited to the algorithms shown (so the legend lists only those), keeping each
 * one's colour from `color` (e.g. a page-wide {@link algorithmColor}); without `color`, the palette in
 * `algorithms` order.
 * @example colorFor(["SPR"], algorithmColor(["DER", "SPR"])) // {domain: ["SPR"], range: ["#de8f05"]}
 */
export function colorFor(algorithms, color) {
  if (!color?.domain || !color?.range) return color ?? algorithmColor(algorithms);
  const at = new Map(color.domain.map((d, i) => [d, color.range[i % color.range.length]]));
  if (!algorithms.every((a) => at.has(a))) return color;
  return {...color, domain: [...algorithms], range: algorithms.map((a) => at.get(a))};
}

/**
 * Plot options with `width` raised to at least `min` px: a chart narrower than its margins would get
 * negative bar widths (Framework's `resize` can report a tiny width before layout settles).
 * @example withMinWidth({width: 40}, 200) // {width: 200}
 */
export function withMinWidth(options, min) {
  return options.width === undefined ? options : {...options, width: Math.max(min, options.width)};
}

/**
 * Distinct values of `key` in first-seen order.
 * @example uniqueOrdered([{a: 2}, {a: 1}, {a: 2}], "a") // [2, 1]
 */
export function uniqueOrdered(rows, key) {
  return [...new Set(rows.map((r) => r[key]))];
}
