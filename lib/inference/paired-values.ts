import {BenchstatsError} from "../core/errors.js";
import {compareText} from "../core/order.js";

/** The items both x and y have, as typed arrays, with each item's cluster when clusters were given. */
export interface PairedValues {
  /** Number of items with both values. */
  n: number;
  x: Float64Array;
  y: Float64Array;
  /** d = x − y. */
  d: Float64Array;
  /** Index of each kept item in the input arrays. */
  index: Int32Array;
  /** With clusters: each kept item's cluster, 0..G−1 in the sorted order of the cluster labels. */
  cluster?: Int32Array;
  /** With clusters: the labels of the G clusters that hold a kept item, sorted. */
  clusterLabels?: string[];
}

/**
 * Checks two item-aligned arrays (and optional cluster labels) and keeps the items both answered:
 * NaN (or null) in x or y marks a missing value and drops the item; ±Infinity, a non-number, arrays of
 * unequal length, a cluster list of another length, an empty cluster label on a kept item, or fewer
 * than two shared items throw a `BenchstatsError` naming `fn`, the argument and the item.
 *
 * Clusters are numbered in the sorted order of their labels (numbers compared as text), so a cluster
 * resample depends on which items share a cluster, not on where the first of them stands.
 */
export function pairedValues(x: unknown, y: unknown, fn: string, clusters?: unknown): PairedValues {
  const xs = numberList(x, "x", fn);
  const ys = numberList(y, "y", fn);
  if (xs.length !== ys.length) {
    throw new BenchstatsError("shape", `${fn}: x and y must hold the same items, one value each; x has ${xs.length}, y has ${ys.length}`, {field: "y"});
  }
  let labels: ArrayLike<unknown> | undefined;
  if (clusters !== undefined) {
    if (!isArrayLike(clusters)) throw new BenchstatsError("type", `${fn}: clusters must be an array with one label per item`, {field: "clusters"});
    labels = clusters;
    if (labels.length !== xs.length) {
      throw new BenchstatsError("shape", `${fn}: clusters must give one label per item; it has ${labels.length}, x has ${xs.length}`, {field: "clusters"});
    }
  }
  const keep: number[] = [];
  for (let i = 0; i < xs.length; ++i) {
    const a = value(xs[i], "x", i, fn);
    const b = value(ys[i], "y", i, fn);
    if (!Number.isNaN(a) && !Number.isNaN(b)) keep.push(i);
  }
  const n = keep.length;
  if (n < 2) {
    throw new BenchstatsError("shape", `${fn}: needs at least 2 items that both x and y have a value on, got ${n} (of ${xs.length})`, {field: "x"});
  }
  const out: PairedValues = {n, x: new Float64Array(n), y: new Float64Array(n), d: new Float64Array(n), index: Int32Array.from(keep)};
  for (let k = 0; k < n; ++k) {
    const i = keep[k];
    out.x[k] = Number(xs[i]);
    out.y[k] = Number(ys[i]);
    out.d[k] = out.x[k] - out.y[k];
  }
  if (labels) {
    const text = keep.map((i) => clusterLabel(labels![i], i, fn));
    const sorted = [...new Set(text)].sort(compareText);
    const id = new Map(sorted.map((label, g) => [label, g]));
    out.cluster = Int32Array.from(text, (label) => id.get(label)!);
    out.clusterLabels = sorted;
  }
  return out;
}


function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function numberList(v: unknown, name: string, fn: string): ArrayLike<unknown> {
  if (!isArrayLike(v)) throw new BenchstatsError("type", `${fn}: ${name} must be an array of numbers (one per item; NaN = missing)`, {field: name});
  return v;
}

function value(v: unknown, name: string, i: number, fn: string): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v !== "number") throw new BenchstatsError("type", `${fn}: ${name} must hold numbers (NaN or null for missing), got ${JSON.stringify(v)}`, {field: name, row: i});
  if (v === Infinity || v === -Infinity) throw new BenchstatsError("value", `${fn}: ${name} must be finite or NaN (missing), got ${v}`, {field: name, row: i});
  return v;
}

function clusterLabel(v: unknown, i: number, fn: string): string {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "string" && v !== "") return v;
  throw new BenchstatsError("value", `${fn}: item ${i} has values but no cluster label (got ${JSON.stringify(v) ?? "undefined"}); give every item a non-empty label`, {field: "clusters", row: i});
}
