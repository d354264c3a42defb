import {BenchstatsError} from "../core/errors.js";
import {tableColumns, type ColumnarTable, type LabelColumn} from "../core/columns.js";
import {compareText} from "../core/order.js";
import {clusterAsLabels, requireRowColumns} from "./summarize-samples.js";

/** A samples table as a models × items matrix: what the paired tests read for every pair. */
export interface SamplesMatrix {
  /** Model names, sorted. */
  models: string[];
  /** Item keys `benchmark/item` (`/item` without a benchmark column), sorted. */
  items: string[];
  /** Values, row-major: `values[m·items.length + i]`; NaN = not measured. */
  values: Float64Array;
  /** With a cluster column: each item's cluster label. */
  clusters?: string[];
}

export interface SamplesMatrixOptions {
  /** Keep only rows of this metric; required when the table holds several. */
  metric?: string;
  /** A column of cluster labels (constant within an item). */
  cluster?: string;
  /** Only these models (each must be in the table). */
  models?: readonly string[];
}

/**
 * Lays a tidy samples table (rows or columnar: `model, item, value`, optional `benchmark, metric`, and
 * a cluster column) out as a models × items matrix. Models and items are sorted by their labels, so the
 * matrix — and every seeded test run on it — is the same for any order of the input rows.
 *
 * Throws a `BenchstatsError` naming the row for a model measured twice on an item, a cluster label
 * that differs between rows of one item or is empty on a row with a value, ±Infinity, several metrics
 * without `metric`, or a model of `models` absent from the table.
 *
 * @example
 * samplesMatrix([{model: "b", item: "q1", value: 1}, {model: "a", item: "q1", value: 0}]);
 * // {models: ["a", "b"], items: ["/q1"], values: Float64Array [0, 1]}
 */
export function samplesMatrix(table: ColumnarTable | readonly object[], options: SamplesMatrixOptions = {}, fn = "samplesMatrix"): SamplesMatrix {
  const {metric, cluster, models: only} = options;
  if (cluster !== undefined && (typeof cluster !== "string" || cluster === "" || ["model", "item", "value", "benchmark", "metric"].includes(cluster))) {
    throw new BenchstatsError("option", `${fn}: cluster must name a label column other than model, item, benchmark, metric and value, got ${JSON.stringify(cluster)}`, {field: "cluster"});
  }
  if (Array.isArray(table)) requireRowColumns(table, ["model", "item", "value", ...(cluster ? [cluster] : [])], fn);
  const input = clusterAsLabels(table, cluster);
  const labels = ["model", "item", "benchmark", "metric", ...(cluster ? [cluster] : [])];
  const {length, columns} = tableColumns(input, {labels, numbers: ["value"], optional: ["benchmark", "metric"]}, fn);
  if (length === 0) throw new BenchstatsError("empty", `${fn}: the samples table has no rows`);
  const model = columns.model as LabelColumn;
  const item = columns.item as LabelColumn;
  const benchmark = columns.benchmark as LabelColumn | undefined;
  const metricColumn = columns.metric as LabelColumn | undefined;
  const clusterColumn = cluster ? (columns[cluster] as LabelColumn) : undefined;
  const values = columns.value as Float64Array;

  // Rows kept: those of the metric asked for (or of the only metric), with a value.
  if (metric !== undefined && !metricColumn) throw new BenchstatsError("columns", `${fn}: metric "${metric}" asked for, but the table has no metric column`, {field: "metric"});
  const keep = new Uint8Array(length);
  const metricsSeen = new Set<string>();
  for (let r = 0; r < length; ++r) {
    const m = metricColumn ? metricColumn.labels[metricColumn.codes[r]] : "";
    if (metric !== undefined && m !== metric) continue;
    metricsSeen.add(m);
    const v = values[r];
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) throw new BenchstatsError("value", `${fn}: value must be finite or NaN (missing), got ${v}`, {field: "value", row: r});
    keep[r] = 1;
  }
  if (metric !== undefined && metricsSeen.size === 0) {
    throw new BenchstatsError("value", `${fn}: no rows with metric "${metric}" (metrics: ${[...new Set(metricColumn!.labels)].filter(Boolean).join(", ") || "none"})`, {field: "metric"});
  }
  if (metricsSeen.size > 1) {
    throw new BenchstatsError("option", `${fn}: the table holds several metrics (${[...metricsSeen].sort(compareText).join(", ")}); choose one with metric`, {field: "metric"});
  }

  if (!keep.some((k) => k === 1)) throw new BenchstatsError("empty", `${fn}: no row has a value (every value is missing)`, {field: "value"});
  const modelNames = sortedLabels(model, keep);
  if (modelNames.includes("")) throw new BenchstatsError("value", `${fn}: a row with a value has no model`, {field: "model", row: firstRow(model, keep, "")});
  let models = modelNames;
  if (only) {
    const present = new Set(modelNames);
    for (const name of only) if (!present.has(name)) throw new BenchstatsError("value", `${fn}: model ${JSON.stringify(name)} has no values in the table`, {field: "models"});
    models = [...new Set(only)].sort(compareText);
  }
  const modelIndex = new Map(models.map((name, k) => [name, k]));
  const itemKey = (r: number) => `${benchmark ? benchmark.labels[benchmark.codes[r]] : ""}/${item.labels[item.codes[r]]}`;
  const itemSet = new Set<string>();
  for (let r = 0; r < length; ++r) {
    if (!keep[r] || !modelIndex.has(model.labels[model.codes[r]])) continue;
    if (item.labels[item.codes[r]] === "") throw new BenchstatsError("value", `${fn}: a row with a value has no item`, {field: "item", row: r});
    itemSet.add(itemKey(r));
  }
  const items = [...itemSet].sort(compareText);
  const itemIndex = new Map(items.map((key, i) => [key, i]));
  const nItems = items.length;
  const matrix = new Float64Array(models.length * nItems).fill(NaN);
  const clusters = clusterColumn ? new Array<string>(nItems).fill("") : undefined;
  for (let r = 0; r < length; ++r) {
    if (!keep[r]) continue;
    const m = modelIndex.get(model.labels[model.codes[r]]);
    if (m === undefined) continue;
    const i = itemIndex.get(itemKey(r))!;
    const at = m * nItems + i;
    if (!Number.isNaN(matrix[at])) {
      throw new BenchstatsError("duplicate", `${fn}: model ${JSON.stringify(models[m])} has two values on item ${items[i]}; give one value per model and item`, {field: "item", row: r});
    }
    matrix[at] = values[r];
    if (clusters && clusterColumn) {
      const label = clusterColumn.labels[clusterColumn.codes[r]];
      if (label === "") throw new BenchstatsError("value", `${fn}: row ${r} has a value but no ${cluster} (its cluster)`, {field: cluster, row: r});
      if (clusters[i] === "") clusters[i] = label;
      else if (clusters[i] !== label) {
        throw new BenchstatsError("value", `${fn}: item ${items[i]} is in cluster ${JSON.stringify(clusters[i])} on one row and ${JSON.stringify(label)} on another; an item belongs to one cluster`, {field: cluster, row: r});
      }
    }
  }
  const out: SamplesMatrix = {models, items, values: matrix};
  if (clusters) out.clusters = clusters;
  return out;
}

function sortedLabels(column: LabelColumn, keep: Uint8Array): string[] {
  const used = new Uint8Array(column.labels.length);
  for (let r = 0; r < keep.length; ++r) if (keep[r]) used[column.codes[r]] = 1;
  const names = new Set<string>();
  used.forEach((u, code) => u && names.add(column.labels[code]));
  return [...names].sort(compareText);
}

function firstRow(column: LabelColumn, keep: Uint8Array, label: string): number {
  for (let r = 0; r < keep.length; ++r) if (keep[r] && column.labels[column.codes[r]] === label) return r;
  return -1;
}
