import {BenchstatsError} from "../core/errors.js";
import {tableColumns, type ColumnarTable, type LabelColumn} from "../core/columns.js";
import {clusterAsLabels, requireRowColumns} from "../inference/summarize-samples.js";
import {compareText} from "../core/order.js";

/** Which columns of a table hold the model, benchmark, seed, training step and score. */
export interface SeedColumns {
  /** Default `model` (`algorithm` for a runs table). */
  model?: string;
  /** Default `benchmark` (`task` for a runs table); optional in the table (one benchmark). */
  benchmark?: string;
  /** Default `seed`. */
  seed?: string;
  /** Default `step` (monotonicity only). */
  step?: string;
  /** Default `score` (`value` for a runs table). */
  value?: string;
}

/** One (benchmark, model, seed) run: its scores, with their steps when the table has them. */
export interface SeedRun {
  benchmark: string;
  model: string;
  seed: string;
  values: number[];
  steps: number[];
}

/**
 * Reads a scores-over-seeds table (rows or columnar) into runs grouped by benchmark, model and seed,
 * sorted by those labels (so results do not depend on row order). Rows with a NaN score are left out.
 * Throws a `BenchstatsError` naming the column and row for a column no row has, a missing label, a
 * non-finite step or score, no score at all, or (without steps) a run scored twice.
 */
export function readSeedRuns(table: ColumnarTable | readonly object[], columns: SeedColumns, withStep: boolean, fn: string): SeedRun[] {
  const names = {model: columns.model ?? "model", benchmark: columns.benchmark ?? "benchmark", seed: columns.seed ?? "seed", step: columns.step ?? "step", value: columns.value ?? "score"};
  for (const [key, name] of Object.entries(names)) {
    if (typeof name !== "string" || name === "") throw new BenchstatsError("option", `${fn}: columns.${key} must be a column name, got ${JSON.stringify(name)}`, {field: `columns.${key}`});
  }
  if (Array.isArray(table)) requireRowColumns(table, [names.model, names.seed, names.value, ...(withStep ? [names.step] : [])], fn);
  const input = clusterAsLabels(table, names.seed);
  const {length, columns: cols} = tableColumns(input, {labels: [names.model, names.benchmark, names.seed], numbers: withStep ? [names.value, names.step] : [names.value], optional: [names.benchmark]}, fn);
  if (length === 0) throw new BenchstatsError("empty", `${fn}: the table has no rows`);
  const model = cols[names.model] as LabelColumn;
  const benchmark = cols[names.benchmark] as LabelColumn | undefined;
  const seed = cols[names.seed] as LabelColumn;
  const value = cols[names.value] as Float64Array;
  const step = withStep ? (cols[names.step] as Float64Array) : undefined;
  const runs = new Map<string, SeedRun>();
  for (let r = 0; r < length; ++r) {
    const v = value[r];
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) throw new BenchstatsError("value", `${fn}: ${names.value} must be finite or NaN (missing), got ${v}`, {field: names.value, row: r});
    const m = model.labels[model.codes[r]];
    const s = seed.labels[seed.codes[r]];
    const b = benchmark ? benchmark.labels[benchmark.codes[r]] : "";
    if (m === "") throw new BenchstatsError("value", `${fn}: a row with a score has no ${names.model}`, {field: names.model, row: r});
    if (s === "") throw new BenchstatsError("value", `${fn}: a row with a score has no ${names.seed}`, {field: names.seed, row: r});
    const key = `${b}\u0000${m}\u0000${s}`;
    let run = runs.get(key);
    if (!run) runs.set(key, (run = {benchmark: b, model: m, seed: s, values: [], steps: []}));
    if (step) {
      const t = step[r];
      if (!Number.isFinite(t)) throw new BenchstatsError("value", `${fn}: ${names.step} must be a finite number, got ${t}`, {field: names.step, row: r});
      run.steps.push(t);
    } else if (run.values.length) {
      throw new BenchstatsError("duplicate", `${fn}: ${m} seed ${s}${b ? ` on ${b}` : ""} has two scores; give one per run (the final checkpoint)`, {field: names.value, row: r});
    }
    run.values.push(v);
  }
  if (runs.size === 0) throw new BenchstatsError("empty", `${fn}: no row has a ${names.value} (every value is missing)`, {field: names.value});
  return [...runs.values()].sort((p, q) => compareText(p.benchmark, q.benchmark) || compareText(p.model, q.model) || compareText(p.seed, q.seed));
}
