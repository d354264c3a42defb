import {arrayArg, optionsArg, rowsArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {encodeLabels, isColumnarTable, isLabelColumn, tableColumns, type ColumnarTable, type LabelColumn} from "../core/columns.js";
import {ExactSum} from "./exact-sum.js";
import {checkErrorBarOptions, meanErrorBar, type ClusterCorrection, type MeanErrorBar, type MeanMoments} from "./mean-error-bar.js";

export interface SummarizeSamplesOptions {
  /** Label columns that define a group (default `["model"]`; `[]` = one group). `metric` is always a key. */
  by?: readonly string[];
  /** Keep only the rows of this metric (the table must have a `metric` column). Default: every metric, each its own group. */
  metric?: string;
  /** A label column whose values are clusters (a question's passage or topic): clustered standard errors. */
  cluster?: string;
  /** `cr0` (default) or `cr1` = CR0·√(G/(G − 1)). */
  clusterCorrection?: ClusterCorrection;
  /** Interval level, in (0, 1); default 0.95. */
  confidence?: number;
}

/**
 * One group's summary: its labels (the `by` columns and `metric`; `""` where the table has no metric
 * column) and its error bar ({@link MeanErrorBar}: n, mean, se, lower, upper, n_clusters, warning).
 */
export type SampleSummary = Record<string, string | number | undefined> & MeanErrorBar & {metric: string};

/** A group's labels and moments, the input of {@link summariesFromMoments}. */
export interface GroupMoments extends MeanMoments {
  /** The group's label in each key column (`by` columns, then `metric`). */
  labels: readonly string[];
}

/**
 * Per-group mean with its standard error and normal confidence interval, for item-level eval results (a
 * samples table: one row per model × item, `value` 0/1 or a score): the error bars of Miller (2024).
 * Rows are grouped by the `by` columns and the metric; NaN values are missing and not counted.
 *
 * - SE = s/√n (s with n − 1), interval x̄ ± z·SE, z the normal quantile of the confidence;
 * - with `cluster` (items that are not independent: questions on one passage, prompts from one template)
 *   the cluster-robust SE_CR0 = √(Σ_c (Σ_{i∈c} (x_i − x̄))²)/n, or CR1 = CR0·√(G/(G − 1)); a row with a
 *   value but an empty cluster label is an error.
 *
 * n = 1 (or one cluster) gives se = NaN with a `warning`, never silently; fewer than 20 clusters keeps
 * the SE and warns that it is noisy. Sums are exact ({@link ExactSum}), and groups come sorted by their
 * labels, so the result does not depend on the order of the rows.
 *
 * Reference: E. Miller, "Adding Error Bars to Evals", arXiv:2411.00640 (2024); checked against
 * statsmodels OLS on a constant (nonrobust and cluster covariance) on AlpacaEval and ChemBench items.
 * `loaders/tidy/summarize.ts` computes the same numbers in DuckDB for files of any size.
 *
 * @example
 * summarizeSamples([
 *   {model: "a", item: "q1", value: 1}, {model: "a", item: "q2", value: 0},
 *   {model: "b", item: "q1", value: 1}, {model: "b", item: "q2", value: 1}
 * ]);
 * // [{model: "a", metric: "", n: 2, mean: 0.5, se: 0.5, lower: −0.48, upper: 1.48},
 * //  {model: "b", metric: "", n: 2, mean: 1, se: 0, lower: 1, upper: 1}]
 */
export function summarizeSamples(table: ColumnarTable | readonly object[], options: SummarizeSamplesOptions = {}): SampleSummary[] {
  const fn = "summarizeSamples";
  const {by = ["model"], metric, cluster, clusterCorrection = "cr0", confidence = 0.95} = optionsArg(options, fn);
  if (metric !== undefined) stringArg(metric, "metric", fn, {code: "option"});
  checkErrorBarOptions(confidence, clusterCorrection, fn);
  const keys = summaryKeys(by, cluster, fn);
  const input = clusterAsLabels(table, cluster);
  if (Array.isArray(input)) requireRowColumns(input, cluster ? [...keys.filter((k) => k !== "metric"), cluster, "value"] : [...keys.filter((k) => k !== "metric"), "value"], fn);
  const {length, columns} = tableColumns(input, {labels: cluster ? [...keys, cluster] : keys, numbers: ["value"], optional: ["metric"]}, fn);
  if (metric !== undefined && columns.metric === undefined) {
    throw new BenchstatsError("columns", `${fn}: metric "${metric}" asked for, but the table has no metric column`, {field: "metric"});
  }
  const values = columns.value as Float64Array;
  const keyColumns = keys.map((name) => (columns[name] as LabelColumn | undefined) ?? {codes: new Uint8Array(length), labels: [""]});
  if (length === 0) throw new BenchstatsError("empty", `${fn}: the table has no rows`);
  const metricCodes = (columns.metric as LabelColumn | undefined)?.codes;
  const keep = metric === undefined ? undefined : labelMask(columns.metric as LabelColumn, metric);

  // Pass 1: each row's group, and the group's exact sum and count.
  const groups = new GroupIndex(keyColumns);
  const group = new Int32Array(length);
  const sums: ExactSum[] = [];
  const counts: number[] = [];
  for (let i = 0; i < length; ++i) {
    if (keep && !keep[metricCodes![i]]) {
      group[i] = -1;
      continue;
    }
    const g = groups.of(i);
    if (g === sums.length) {
      sums.push(new ExactSum());
      counts.push(0);
    }
    group[i] = g;
    const x = values[i];
    if (Number.isNaN(x)) continue;
    if (!Number.isFinite(x)) throw new BenchstatsError("value", `${fn}: value must be finite or NaN (missing), got ${x}`, {field: "value", row: i});
    sums[g].add(x);
    ++counts[g];
  }
  if (!sums.length) {
    const present = [...new Set((columns.metric as LabelColumn).labels)].join(", ");
    throw new BenchstatsError("value", `${fn}: no rows with metric "${metric}" (metrics: ${present || "none"})`, {field: "metric"});
  }
  const means = sums.map((s, g) => (counts[g] > 0 ? s.value() / counts[g] : NaN));

  // Pass 2: deviations from the group mean, in total and per (group, cluster).
  const squares = sums.map(() => new ExactSum());
  const clusterColumn = cluster ? (columns[cluster] as LabelColumn) : undefined;
  const cells = clusterColumn ? new Map<number, ExactSum>() : undefined;
  const cellGroup: number[] = [];
  const clusterIds = clusterColumn ? labelIds(clusterColumn) : undefined;
  for (let i = 0; i < length; ++i) {
    const g = group[i];
    const x = values[i];
    if (g < 0 || Number.isNaN(x)) continue;
    const d = x - means[g];
    squares[g].add(d * d);
    if (cells && clusterIds && clusterColumn) {
      const c = clusterIds.id[clusterColumn.codes[i]];
      if (c === clusterIds.missing) {
        throw new BenchstatsError("value", `${fn}: row ${i} has a value but no ${cluster} (its cluster); give every row a cluster label`, {field: cluster, row: i});
      }
      const key = g * clusterIds.count + c;
      let cell = cells.get(key);
      if (!cell) {
        cells.set(key, (cell = new ExactSum()));
        cellGroup.push(g);
      }
      cell.add(d);
    }
  }
  const clusterSquares = sums.map(() => new ExactSum());
  const clusterCounts = sums.map(() => 0);
  if (cells) {
    let k = 0;
    for (const cell of cells.values()) {
      const g = cellGroup[k++];
      const s = cell.value();
      clusterSquares[g].add(s * s);
      ++clusterCounts[g];
    }
  }
  const moments: GroupMoments[] = sums.map((_, g) => ({
    labels: groups.labels(g),
    n: counts[g],
    mean: means[g],
    sumSquares: squares[g].value(),
    ...(cells ? {clusterSquares: clusterSquares[g].value(), clusters: clusterCounts[g]} : {})
  }));
  return summariesFromMoments(moments, keys, {confidence, clusterCorrection}, fn);
}

/**
 * The key columns of a summary: `by`, then `metric` unless `by` names it. Checks that `by` is a list of
 * distinct column names and that the cluster column is not one of them (each group would then be a
 * single cluster). Throws a `BenchstatsError` naming `fn` and the option.
 *
 * @example summaryKeys(["model", "benchmark"], "passage", "summarize"); // ["model", "benchmark", "metric"]
 */
export function summaryKeys(by: readonly string[], cluster: string | undefined, fn: string): string[] {
  stringArg(fn, "fn", "summaryKeys");
  if (!Array.isArray(by) || by.some((name) => typeof name !== "string" || name === "")) {
    throw new BenchstatsError("option", `${fn}: by must be a list of column names, got ${JSON.stringify(by)}`, {field: "by"});
  }
  if (new Set(by).size !== by.length) throw new BenchstatsError("option", `${fn}: by names a column twice: ${by.join(", ")}`, {field: "by"});
  if (by.includes("value")) throw new BenchstatsError("option", `${fn}: by cannot hold the value column`, {field: "by"});
  if (cluster !== undefined) {
    if (typeof cluster !== "string" || cluster === "" || cluster === "value") throw new BenchstatsError("option", `${fn}: cluster must name a label column, got ${JSON.stringify(cluster)}`, {field: "cluster"});
    if (by.includes(cluster) || cluster === "metric") {
      throw new BenchstatsError("option", `${fn}: the cluster column "${cluster}" is also a group key, so each group would be one cluster`, {field: "cluster"});
    }
  }
  return by.includes("metric") ? [...by] : [...by, "metric"];
}

/**
 * Summary rows from group moments: each group's error bar ({@link meanErrorBar}) under its labels, the
 * groups sorted by their labels (column by column, by UTF-16 code units: the same order in any locale),
 * so that the order of the input rows never shows. Shared by {@link summarizeSamples} and the DuckDB
 * path, which computes the moments in SQL.
 *
 * @example
 * summariesFromMoments([{labels: ["b", "acc"], n: 2, mean: 1, sumSquares: 0}], ["model", "metric"]);
 * // [{model: "b", metric: "acc", n: 2, mean: 1, se: 0, lower: 1, upper: 1}]
 */
export function summariesFromMoments(groups: readonly GroupMoments[], keys: readonly string[], options: {confidence?: number; clusterCorrection?: ClusterCorrection} = {}, fn = "summariesFromMoments"): SampleSummary[] {
  rowsArg(groups, "groups", fn);
  arrayArg(keys, "keys", fn).forEach((key) => stringArg(key, "keys", fn));
  groups.forEach((group, g) => {
    const labels = arrayArg(group.labels, "groups.labels", fn);
    if (labels.length !== keys.length || labels.some((label) => typeof label !== "string")) {
      throw new BenchstatsError("shape", `${fn}: every group needs one label (a string) per key (${keys.length}), got ${JSON.stringify(labels)}`, {field: "groups", row: g});
    }
  });
  const sorted = [...groups].sort((a, b) => compareLabels(a.labels, b.labels));
  return sorted.map((group) => {
    const row: Record<string, string | number | undefined> = {};
    keys.forEach((name, k) => (row[name] = group.labels[k]));
    return Object.assign(row, meanErrorBar(group, options, fn)) as SampleSummary;
  });
}

function compareLabels(a: readonly string[], b: readonly string[]): number {
  for (let k = 0; k < a.length; ++k) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
}

/**
 * Row objects read a column that no row has as all missing; a group key or cluster column no row has is
 * a mistake (a misspelt name), so it is an error here.
 */
export function requireRowColumns(rows: readonly object[], names: readonly string[], fn: string): void {
  for (const name of names) {
    if (rows.length && !rows.some((row) => row !== null && typeof row === "object" && (row as Record<string, unknown>)[name] !== undefined)) {
      const seen = rows[0] !== null && typeof rows[0] === "object" ? Object.keys(rows[0]).join(", ") : "none";
      throw new BenchstatsError("columns", `${fn}: the table has no "${name}" column (columns of the first row: ${seen})`, {field: name});
    }
  }
}

/** A numeric cluster column (ids stored as numbers) read as labels: its distinct values are the clusters. */
export function clusterAsLabels(table: ColumnarTable | readonly object[], cluster: string | undefined): ColumnarTable | readonly object[] {
  if (!cluster || Array.isArray(table) || !isColumnarTable(table)) return table;
  const column = table.columns[cluster];
  if (!(column instanceof Float64Array)) return table;
  const text = Array.from(column, (v) => (Number.isNaN(v) ? "" : String(v)));
  return {length: table.length, columns: {...table.columns, [cluster]: encodeLabels(text)}};
}

/** Per code: whether its label is `value` (a one-entry array when the column has a single label). */
function labelMask(column: LabelColumn, value: string): Uint8Array {
  return Uint8Array.from(column.labels, (label) => (label === value ? 1 : 0));
}

/** Dense ids of a label column's distinct labels (a dictionary may repeat a label), and the id of `""`. */
function labelIds(column: LabelColumn): {id: Int32Array; count: number; missing: number} {
  const index = new Map<string, number>();
  const id = Int32Array.from(column.labels, (label) => {
    let k = index.get(label);
    if (k === undefined) index.set(label, (k = index.size));
    return k;
  });
  return {id, count: index.size, missing: index.get("") ?? -1};
}

/**
 * Group numbers for rows, in first-seen order, keyed on the rows' labels in the key columns (through
 * dense label ids, so repeated dictionary entries fall into one group).
 */
class GroupIndex {
  private readonly ids: {id: Int32Array; count: number}[];
  private readonly columns: LabelColumn[];
  private readonly index = new Map<number | string, number>();
  private readonly rows: number[] = [];
  private readonly numeric: boolean;

  constructor(columns: LabelColumn[]) {
    this.columns = columns;
    this.ids = columns.map(labelIds);
    this.numeric = this.ids.reduce((product, {count}) => product * Math.max(1, count), 1) < Number.MAX_SAFE_INTEGER;
  }

  of(row: number): number {
    let key: number | string = 0;
    if (this.numeric) {
      for (let k = 0; k < this.columns.length; ++k) key = (key as number) * this.ids[k].count + this.ids[k].id[this.columns[k].codes[row]];
    } else {
      key = this.columns.map((column, k) => this.ids[k].id[column.codes[row]]).join(",");
    }
    let g = this.index.get(key);
    if (g === undefined) {
      this.index.set(key, (g = this.rows.length));
      this.rows.push(row);
    }
    return g;
  }

  /** The labels of group `g`, read from its first row. */
  labels(g: number): string[] {
    const row = this.rows[g];
    return this.columns.map((column) => column.labels[column.codes[row]]);
  }
}
