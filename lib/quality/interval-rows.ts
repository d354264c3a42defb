import {BenchstatsError} from "../core/errors.js";

/** One model's score and interval, as the benchmark-quality measures read it. */
export interface ModelInterval {
  model: string;
  /** The point estimate (higher is better). */
  point: number;
  lower: number;
  upper: number;
  /** A standard error when the producer gave one. */
  se?: number;
}

/**
 * Intervals from any producer: rows `{model, lower, upper}` with the point under the first of `rating`
 * (Bradley–Terry), `strength` (Plackett–Luce), `mean` (summarizeSamples), `score`, `point`, `estimate`
 * (the midpoint when none is there), or the result object of `intervalEstimates` (`{key: {point, lower,
 * upper}}`, output `output`).
 */
export type IntervalInput = readonly object[] | Readonly<Record<string, {point: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number>}>>;

const POINT_FIELDS = ["rating", "strength", "mean", "score", "point", "estimate"] as const;

/**
 * Reads interval rows ({@link IntervalInput}) into {@link ModelInterval}s, checked: a model named once,
 * finite bounds with lower ≤ upper, at least two models. Throws a `BenchstatsError` naming `fn`, the
 * argument and the row.
 *
 * @example
 * intervalRows([{model: "a", rating: 1010, lower: 1000, upper: 1020}, {model: "b", mean: 0.4, lower: 0.3, upper: 0.5}], "separability", "rows");
 * // [{model: "a", point: 1010, lower: 1000, upper: 1020}, {model: "b", point: 0.4, lower: 0.3, upper: 0.5}]
 */
export function intervalRows(input: IntervalInput, fn: string, name: string, output = 0): ModelInterval[] {
  if (input === null || typeof input !== "object") throw new BenchstatsError("type", `${fn}: ${name} must be an array of {model, lower, upper} rows or an intervalEstimates result`, {field: name});
  const rows: ModelInterval[] = [];
  if (Array.isArray(input)) {
    input.forEach((row: unknown, r) => {
      if (row === null || typeof row !== "object") throw new BenchstatsError("type", `${fn}: each row of ${name} must be an object {model, lower, upper}`, {field: name, row: r});
      const o = row as Record<string, unknown>;
      if (typeof o.model !== "string" || o.model === "") throw new BenchstatsError("value", `${fn}: ${name} row needs a model name, got ${JSON.stringify(o.model)}`, {field: name, row: r});
      const lower = bound(o.lower, "lower", name, r, fn);
      const upper = bound(o.upper, "upper", name, r, fn);
      const field = POINT_FIELDS.find((f) => o[f] !== undefined);
      const point = field ? bound(o[field], field, name, r, fn) : (lower + upper) / 2;
      const out: ModelInterval = {model: o.model, point, lower, upper};
      if (o.se !== undefined) out.se = bound(o.se, "se", name, r, fn);
      rows.push(out);
    });
  } else {
    Object.entries(input as Record<string, unknown>).forEach(([model, entry], r) => {
      const value = entry as {point: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number>};
      if (value === null || typeof value !== "object" || !("lower" in value)) {
        throw new BenchstatsError("type", `${fn}: ${name}.${model} must be {point, lower, upper} arrays (an intervalEstimates result)`, {field: name, row: r});
      }
      const at = (a: ArrayLike<number>, what: string) => {
        if (!a || typeof a.length !== "number" || output >= a.length) throw new BenchstatsError("shape", `${fn}: ${name}.${model}.${what} has no output ${output}`, {field: name, row: r});
        return bound(a[output], what, name, r, fn);
      };
      rows.push({model, point: at(value.point, "point"), lower: at(value.lower, "lower"), upper: at(value.upper, "upper")});
    });
  }
  const seen = new Set<string>();
  rows.forEach((row, r) => {
    if (seen.has(row.model)) throw new BenchstatsError("duplicate", `${fn}: model ${JSON.stringify(row.model)} appears twice in ${name}`, {field: name, row: r});
    seen.add(row.model);
    if (row.lower > row.upper) throw new BenchstatsError("value", `${fn}: ${name} row for ${JSON.stringify(row.model)} has lower ${row.lower} > upper ${row.upper}`, {field: name, row: r});
  });
  if (rows.length < 2) throw new BenchstatsError("shape", `${fn}: ${name} needs at least 2 models, got ${rows.length}`, {field: name});
  return rows;
}

/** Whether two intervals are disjoint: one's upper bound lies strictly below the other's lower bound. */
export function separated(a: ModelInterval, b: ModelInterval): boolean {
  return a.upper < b.lower || b.upper < a.lower;
}

function bound(v: unknown, what: string, name: string, r: number, fn: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new BenchstatsError("value", `${fn}: ${name} row needs a finite ${what}, got ${JSON.stringify(v) ?? "undefined"}`, {field: name, row: r});
  return v;
}
