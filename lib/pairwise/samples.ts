import {arrayArg, booleanArg, enumArg, optionsArg, rowsArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {tableColumns, type ColumnarTable, type LabelColumn} from "../core/columns.js";

/** One row of a tidy `samples` table (docs/design.md): `value` 0/1 or numeric; NaN/null = not measured. */
export interface SampleRow {
  model: string;
  item: string | number;
  value: number | null;
  benchmark?: string;
  metric?: string;
}

/** Samples grouped per (benchmark, item, metric): model indices and their scores, NaN dropped. */
export interface GroupedSamples {
  models: string[];
  /** Sample keys `benchmark/item/metric` (missing parts left empty), in first-seen order. */
  samples: string[];
  /** CSR: the measurements of sample s are `model[offsets[s] .. offsets[s+1])`, `value[…]`. */
  offsets: Int32Array;
  model: Int32Array;
  value: Float64Array;
}

export interface GroupOptions {
  /** Fixed model order (others throw); default: models in first-seen order. */
  models?: readonly string[];
  /** Scores where lower is better (latency, loss): negated before comparing. */
  lowerIsBetter?: boolean;
}

/**
 * The sample key of a row; one key per (benchmark, item, metric).
 *
 * @example
 * sampleKey({model: "m", benchmark: "mmlu", item: 7, value: 1}); // "mmlu/7/"
 */
export function sampleKey(row: SampleRow): string {
  return `${row.benchmark ?? ""}/${row.item}/${row.metric ?? ""}`;
}

/** A samples table: row objects or the columnar form ({@link ColumnarTable}). */
export type SamplesTable = ColumnarTable | readonly SampleRow[];

const SAMPLES_SPEC = {labels: ["model", "item", "benchmark", "metric"], numbers: ["value"], optional: ["benchmark", "metric"]};

/** Sample rows as a {@link ColumnarTable} (validated as groupSamples does), to subset and regroup cheaply. */
export function samplesColumns(table: SamplesTable): ColumnarTable {
  return tableColumns(table, SAMPLES_SPEC, "groupSamples");
}

/**
 * Groups a tidy samples table (rows or columnar) by sample, validating each row. Missing values (NaN,
 * null, undefined) are skipped, as an absent row; ±Infinity, a missing model or item, or a model measured
 * twice on one sample throws a `BenchstatsError` naming the row. Works on the dictionary codes, so a
 * columnar table of 10⁸ rows groups without a string per row.
 *
 * @example
 * const g = groupSamples([{model: "a", item: 1, value: 1}, {model: "b", item: 1, value: 0}]);
 * g.models; // ["a", "b"]; g.samples; // ["/1/"]; g.offsets; // Int32Array [0, 2]
 */
export function groupSamples(table: SamplesTable, options: GroupOptions = {}): GroupedSamples {
  options = groupOptions(options, "groupSamples");
  const {length, columns} = tableColumns(table, SAMPLES_SPEC, "groupSamples");
  const model = columns.model as LabelColumn;
  const item = columns.item as LabelColumn;
  const benchmark = columns.benchmark as LabelColumn | undefined;
  const metric = columns.metric as LabelColumn | undefined;
  const values = columns.value as Float64Array;
  const fixed = options.models !== undefined;
  const models: string[] = fixed ? [...options.models!] : [];
  const modelIndex = new Map(models.map((m, i) => [m, i]));
  // Model index per model code, resolved on first use (−1 = not yet seen).
  const modelOfCode = new Int32Array(model.labels.length).fill(-1);
  const nItems = item.labels.length;
  const nMetrics = metric ? metric.labels.length : 1;
  const sampleIndex = new Map<number, number>();
  const samples: string[] = [];
  const rowSample = new Int32Array(length);
  const rowModel = new Int32Array(length);
  const rowValue = new Float64Array(length);
  let measured = 0;
  const sign = options.lowerIsBetter ? -1 : 1;
  for (let r = 0; r < length; ++r) {
    const v = values[r];
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) {
      throw new BenchstatsError("type", `samples: value must be a finite number or NaN/null for missing, got ${v}`, {field: "value", row: r});
    }
    const mc = model.codes[r];
    let m = modelOfCode[mc];
    if (m < 0) {
      const name = model.labels[mc];
      if (name === "") throw new BenchstatsError("type", "samples: model must be a non-empty string", {field: "model", row: r});
      let known = modelIndex.get(name);
      if (known === undefined) {
        if (fixed) throw new BenchstatsError("range", `samples: model ${JSON.stringify(name)} is not in options.models`, {field: "model", row: r});
        known = models.push(name) - 1;
        modelIndex.set(name, known);
      }
      modelOfCode[mc] = m = known;
    }
    const ic = item.codes[r];
    if (item.labels[ic] === "") throw new BenchstatsError("missing", "samples: item is required", {field: "item", row: r});
    const bc = benchmark ? benchmark.codes[r] : 0;
    const tc = metric ? metric.codes[r] : 0;
    const key = (bc * nItems + ic) * nMetrics + tc;
    let s = sampleIndex.get(key);
    if (s === undefined) {
      s = samples.push(`${benchmark ? benchmark.labels[bc] : ""}/${item.labels[ic]}/${metric ? metric.labels[tc] : ""}`) - 1;
      sampleIndex.set(key, s);
    }
    rowSample[measured] = s;
    rowModel[measured] = m;
    rowValue[measured++] = sign * v;
  }
  const counts = new Int32Array(samples.length + 1);
  for (let k = 0; k < measured; ++k) counts[rowSample[k] + 1]++;
  for (let s = 0; s < samples.length; ++s) counts[s + 1] += counts[s];
  const fill = counts.slice(0, samples.length);
  const modelOut = new Int32Array(measured);
  const value = new Float64Array(measured);
  const stamp = new Int32Array(models.length).fill(-1);
  for (let k = 0; k < measured; ++k) {
    const s = rowSample[k];
    modelOut[fill[s]] = rowModel[k];
    value[fill[s]++] = rowValue[k];
  }
  for (let s = 0; s < samples.length; ++s) {
    for (let k = counts[s]; k < counts[s + 1]; ++k) {
      if (stamp[modelOut[k]] === s) {
        throw new BenchstatsError("duplicate", `samples: model ${JSON.stringify(models[modelOut[k]])} is measured twice on sample ${samples[s]}`, {
          field: "item",
        });
      }
      stamp[modelOut[k]] = s;
    }
  }
  return {models, samples, offsets: counts, model: modelOut, value};
}

/** Checks {@link GroupOptions} (a model list of distinct names, a boolean flag) and returns them. */
function groupOptions<T extends GroupOptions>(options: T | undefined, fn: string): T {
  const o = optionsArg(options, fn);
  if (o.models !== undefined) {
    arrayArg(o.models, "models", fn).forEach((m) => stringArg(m, "models", fn, {code: "option"}));
    if (new Set(o.models).size !== o.models.length) throw new BenchstatsError("option", `${fn}: models names a model twice`, {field: "models"});
  }
  if (o.lowerIsBetter !== undefined) booleanArg(o.lowerIsBetter, "lowerIsBetter", fn);
  return o;
}

/** Choice events converted from samples, with the sample each event came from. */
export interface SampleChoices {
  nItems: number;
  models: string[];
  samples: string[];
  /** Index of the sample each datum came from (for resampling samples, not comparisons). */
  sampleOf: Int32Array;
}

/**
 * Converts tidy samples to Plackett–Luce top-1 choices, as ONEBench's `generate_top1_list`.
 *
 * Binary samples: every correct model (1) is a top-1 winner over the set of all incorrect ones (0);
 * correct-vs-correct and wrong-vs-wrong pairs carry no information. Numeric samples: score levels are
 * peeled from the top — every model at the current maximum wins over all strictly lower models, i.e.
 * a partial ranking broken into top-1 choices (models tied at a level are not compared). For 0/1
 * values the two rules coincide. Samples where nobody loses give nothing.
 *
 * @example
 * const {nItems, top1, models} = samplesToTop1([
 *   {model: "a", item: "q1", value: 1}, {model: "b", item: "q1", value: 0}, {model: "c", item: "q1", value: 0},
 * ]);
 * // top1 = [[0, [1, 2]]]; plackettLuce({nItems, top1}, {alpha: 0.01})
 */
export function samplesToTop1(
  rows: SamplesTable,
  options: GroupOptions = {},
): SampleChoices & {top1: [number, number[]][]} {
  const g = groupSamples(rows, options);
  const top1: [number, number[]][] = [];
  const sampleOf: number[] = [];
  const order: number[] = [];
  for (let s = 0; s < g.samples.length; ++s) {
    order.length = 0;
    for (let k = g.offsets[s]; k < g.offsets[s + 1]; ++k) order.push(k);
    order.sort((x, y) => g.value[y] - g.value[x] || g.model[x] - g.model[y]);
    for (let start = 0; start < order.length; ) {
      let end = start + 1;
      while (end < order.length && g.value[order[end]] === g.value[order[start]]) ++end;
      if (end >= order.length) break;
      const losers = order.slice(end).map((k) => g.model[k]);
      for (let k = start; k < end; ++k) {
        top1.push([g.model[order[k]], losers]);
        sampleOf.push(s);
      }
      start = end;
    }
  }
  return {nItems: g.models.length, models: g.models, samples: g.samples, sampleOf: Int32Array.from(sampleOf), top1};
}

/**
 * Converts tidy samples to pairwise comparisons (ONEBench's `to_pairwise` +
 * `compute_plackett_luce_pairwise`): every two models measured on the same sample form a pair, the
 * higher score wins; a tie adds both orders (one win each way) unless `ties: "drop"`.
 *
 * @example
 * samplesToPairs([{model: "a", item: 1, value: 0.9}, {model: "b", item: 1, value: 0.4}]).pairs; // [[0, 1]]
 */
export function samplesToPairs(
  rows: SamplesTable,
  options: GroupOptions & {ties?: "both" | "drop"} = {},
): SampleChoices & {pairs: [number, number][]} {
  options = groupOptions(options, "samplesToPairs");
  const ties = enumArg(options.ties ?? "both", "ties", "samplesToPairs", ["both", "drop"]);
  const g = groupSamples(rows, options);
  const pairs: [number, number][] = [];
  const sampleOf: number[] = [];
  for (let s = 0; s < g.samples.length; ++s) {
    for (let i = g.offsets[s]; i < g.offsets[s + 1]; ++i) {
      for (let j = i + 1; j < g.offsets[s + 1]; ++j) {
        const a = g.model[i];
        const b = g.model[j];
        if (g.value[i] > g.value[j]) pairs.push([a, b]);
        else if (g.value[i] < g.value[j]) pairs.push([b, a]);
        else if (ties === "both") {
          pairs.push([a, b], [b, a]);
          sampleOf.push(s);
        } else continue;
        sampleOf.push(s);
      }
    }
  }
  return {nItems: g.models.length, models: g.models, samples: g.samples, sampleOf: Int32Array.from(sampleOf), pairs};
}

/**
 * Converts tidy samples to a `battles` table: one battle per two models measured on the same sample,
 * `winner` `a` | `b` | `tie` by score (ONEBench's `to_pairwise`, fed to Bradley–Terry and Elo).
 * Within a sample, `model_a` is the model seen first.
 *
 * @example
 * samplesToBattles([{model: "a", item: 1, value: 1}, {model: "b", item: 1, value: 1}]);
 * // [{model_a: "a", model_b: "b", winner: "tie", sample: "/1/"}]
 */
export function samplesToBattles(
  rows: SamplesTable,
  options: GroupOptions = {},
): {model_a: string; model_b: string; winner: "a" | "b" | "tie"; sample: string}[] {
  const g = groupSamples(rows, options);
  const out: {model_a: string; model_b: string; winner: "a" | "b" | "tie"; sample: string}[] = [];
  for (let s = 0; s < g.samples.length; ++s) {
    for (let i = g.offsets[s]; i < g.offsets[s + 1]; ++i) {
      for (let j = i + 1; j < g.offsets[s + 1]; ++j) {
        const winner = g.value[i] > g.value[j] ? "a" : g.value[i] < g.value[j] ? "b" : "tie";
        out.push({model_a: g.models[g.model[i]], model_b: g.models[g.model[j]], winner, sample: g.samples[s]});
      }
    }
  }
  return out;
}

/**
 * Reads a wide matrix (one row per model, one column per item; empty/NaN = missing) into tidy sample
 * rows — the layout of AlpacaEval / ChemBench exports.
 *
 * @example
 * wideToSamples([{model: "m", q0: 1, q1: 0}], {benchmark: "chembench"}); // 2 rows
 */
export function wideToSamples(
  table: readonly Record<string, unknown>[],
  options: {modelColumn?: string; benchmark?: string; metric?: string; items?: readonly string[]} = {},
): SampleRow[] {
  const fn = "wideToSamples";
  options = optionsArg(options, fn);
  const modelColumn = stringArg(options.modelColumn ?? "model", "modelColumn", fn, {code: "option"});
  for (const name of ["benchmark", "metric"] as const) if (options[name] !== undefined) stringArg(options[name], name, fn, {empty: true, code: "option"});
  if (options.items !== undefined) arrayArg(options.items, "items", fn).forEach((item) => stringArg(item, "items", fn, {code: "option"}));
  rowsArg(table, "table", fn);
  const out: SampleRow[] = [];
  for (let r = 0; r < table.length; ++r) {
    const row = table[r];
    const model = row[modelColumn];
    if (typeof model !== "string" || !model) {
      throw new BenchstatsError("missing", `wideToSamples: column ${modelColumn} must name the model`, {field: modelColumn, row: r});
    }
    const items = options.items ?? Object.keys(row).filter((k) => k !== modelColumn);
    for (const item of items) {
      const raw = row[item];
      const missing = raw === "" || raw === null || raw === undefined || raw === "NaN";
      const value = missing ? NaN : typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : NaN;
      if (!missing && !Number.isFinite(value) && !(typeof raw === "number" && Number.isNaN(raw))) {
        throw new BenchstatsError("type", `wideToSamples: ${JSON.stringify(raw) ?? String(raw)} is not a finite number`, {field: item, row: r});
      }
      if (Number.isNaN(value)) continue;
      out.push({model, item, value, benchmark: options.benchmark, metric: options.metric});
    }
  }
  return out;
}
