import {isList, reject} from "./check.js";
import {BenchstatsError} from "./errors.js";

/**
 * The columnar form of a tidy table, as lib reads it: numbers in `Float64Array`s (`NaN` = missing) and
 * labels dictionary-coded (`codes[i]` indexes `labels`). It is the in-memory layout of an Apache Arrow
 * record batch with `float64` and `dictionary<utf8>` columns, written here as plain interfaces so that
 * lib stays free of dependencies: the loaders' `TidyTable` (Arrow through flechette / arquero)
 * satisfies it without copying, and so does any object a script builds by hand.
 *
 * The tables and their columns are the tidy contract of docs/design.md (`runs`, `scores`, `samples`,
 * `battles`, `gpu events`); lib's converters (`groupSamples`, `runsToScoreMatrices`, `bradleyTerry`, …)
 * take either this form or an array of row objects, and turn rows into it first ({@link columnarFromRows}),
 * so that both inputs go through one code path.
 *
 * Memory: a samples table of up to 65,536 models and items costs 2 + 2 + 8 bytes a row plus one byte each
 * for benchmark and metric, against ~190 bytes for a row object.
 *
 * @example
 * const samples: ColumnarTable = {
 *   length: 3,
 *   columns: {
 *     model: {codes: Uint8Array.of(0, 1, 0), labels: ["a", "b"]},
 *     item: {codes: Uint8Array.of(0, 0, 1), labels: ["q1", "q2"]},
 *     value: Float64Array.of(1, 0, 1)
 *   }
 * };
 * groupSamples(samples).models; // ["a", "b"]
 */
export interface ColumnarTable {
  readonly length: number;
  readonly columns: Readonly<Record<string, TableColumn | undefined>>;
}

/** A column of a {@link ColumnarTable}: numbers, or dictionary-coded labels. */
export type TableColumn = Float64Array | LabelColumn;

/** Dictionary codes: the narrowest unsigned integer array that holds the largest code. */
export type LabelCodes = Uint8Array | Uint16Array | Uint32Array;

/**
 * A dictionary-coded text column (Arrow's `dictionary<utf8>`): the value of row i is `labels[codes[i]]`.
 * The empty label `""` stands for a missing value; `labels` need not be sorted or free of unused entries.
 */
export interface LabelColumn {
  readonly codes: LabelCodes;
  readonly labels: readonly string[];
}

/** Whether `column` is a {@link LabelColumn} (rather than numbers). */
export function isLabelColumn(column: unknown): column is LabelColumn {
  return (
    typeof column === "object" &&
    column !== null &&
    !ArrayBuffer.isView(column) &&
    ArrayBuffer.isView((column as LabelColumn).codes) &&
    Array.isArray((column as LabelColumn).labels)
  );
}

/**
 * Whether `table` is a {@link ColumnarTable} (an object with a numeric `length` and a `columns` object)
 * rather than an array of rows.
 */
export function isColumnarTable(table: unknown): table is ColumnarTable {
  return (
    typeof table === "object" &&
    table !== null &&
    !Array.isArray(table) &&
    typeof (table as ColumnarTable).length === "number" &&
    typeof (table as ColumnarTable).columns === "object" &&
    (table as ColumnarTable).columns !== null
  );
}

/**
 * An all-zero code array able to hold codes up to `maxCode`: `Uint8Array` up to 255, `Uint16Array` up to
 * 65,535, else `Uint32Array`.
 *
 * @example codesFor(3, 300); // Uint16Array [0, 0, 0]
 */
export function codesFor(length: number, maxCode: number): LabelCodes {
  return maxCode < 256 ? new Uint8Array(length) : maxCode < 65536 ? new Uint16Array(length) : new Uint32Array(length);
}

/**
 * Dictionary-codes a list of labels, the dictionary in first-seen order.
 *
 * @example encodeLabels(["b", "a", "b"]); // {codes: Uint8Array [0, 1, 0], labels: ["b", "a"]}
 */
export function encodeLabels(values: ArrayLike<string>): LabelColumn {
  if (!isList(values)) reject("type", "encodeLabels", "values", "an array of strings", values);
  const index = new Map<string, number>();
  const labels: string[] = [];
  const codes = new Uint32Array(values.length);
  for (let i = 0; i < values.length; ++i) {
    const value = values[i];
    if (typeof value !== "string") reject("type", "encodeLabels", "values", "strings", value, {row: i});
    let code = index.get(value);
    if (code === undefined) index.set(value, (code = labels.push(value) - 1));
    codes[i] = code;
  }
  const narrow = codesFor(0, labels.length - 1);
  return {codes: narrow instanceof Uint32Array ? codes : (narrow.constructor as typeof Uint8Array).from(codes), labels};
}

/**
 * Which columns a converter reads from a table: `labels` as label columns, `numbers` as number columns;
 * names in `optional` may be absent.
 */
export interface ColumnSpec {
  labels: readonly string[];
  numbers: readonly string[];
  optional?: readonly string[];
}

/**
 * The columns `spec` names, checked: a required column must be present, a label column must be a
 * {@link LabelColumn} and a number column a `Float64Array`, each of the table's length. Absent optional
 * columns are `undefined`. Throws a `BenchstatsError` naming `fn` and the column.
 *
 * @example
 * const {model, value} = pickColumns(table, {labels: ["model"], numbers: ["value"]}, "groupSamples");
 */
export function pickColumns(table: ColumnarTable, spec: ColumnSpec, fn: string): Record<string, TableColumn | undefined> {
  if (!Number.isSafeInteger(table.length) || table.length < 0) {
    throw new BenchstatsError("shape", `${fn}: table length must be a non-negative integer, got ${table.length}`);
  }
  const optional = new Set(spec.optional ?? []);
  const out: Record<string, TableColumn | undefined> = {};
  const check = (name: string, kind: "label" | "number") => {
    const column = table.columns[name];
    if (column === undefined || column === null) {
      if (optional.has(name)) return;
      throw new BenchstatsError("columns", `${fn}: the table has no "${name}" column (columns: ${Object.keys(table.columns).join(", ") || "none"})`, {field: name});
    }
    if (kind === "label" ? !isLabelColumn(column) : !(column instanceof Float64Array)) {
      throw new BenchstatsError("type", `${fn}: column "${name}" must be ${kind === "label" ? "a label column {codes, labels}" : "a Float64Array"}`, {field: name});
    }
    const length = column instanceof Float64Array ? column.length : column.codes.length;
    if (length !== table.length) {
      throw new BenchstatsError("shape", `${fn}: column "${name}" has ${length} entries, the table ${table.length}`, {field: name});
    }
    if (isLabelColumn(column)) {
      const n = column.labels.length;
      for (let i = 0; i < column.codes.length; ++i) {
        if (column.codes[i] >= n) {
          throw new BenchstatsError("value", `${fn}: code ${column.codes[i]} of column "${name}" has no label (${n} labels)`, {field: name, row: i});
        }
      }
    }
    out[name] = column;
  };
  for (const name of spec.labels) check(name, "label");
  for (const name of spec.numbers) check(name, "number");
  return out;
}

/**
 * Row objects → {@link ColumnarTable} for the columns of `spec`: label columns take strings (numbers are
 * written as text; `null`/`undefined` become the missing label `""`), number columns take numbers
 * (`null`/`undefined` → `NaN`). A wrong type throws a `BenchstatsError` naming `fn`, the row and column.
 *
 * @example
 * columnarFromRows([{model: "a", item: 1, value: 1}], {labels: ["model", "item"], numbers: ["value"]}, "groupSamples");
 * // {length: 1, columns: {model: {codes: [0], labels: ["a"]}, item: {codes: [0], labels: ["1"]}, value: [1]}}
 */
export function columnarFromRows(rows: readonly object[], spec: ColumnSpec, fn: string): ColumnarTable {
  if (!Array.isArray(rows)) throw new BenchstatsError("type", `${fn}: expected an array of rows or a columnar table {length, columns}`);
  const n = rows.length;
  const optional = new Set(spec.optional ?? []);
  const columns: Record<string, TableColumn> = {};
  for (let r = 0; r < n; ++r) {
    const row = rows[r];
    if (row === null || typeof row !== "object") throw new BenchstatsError("shape", `${fn}: each row must be an object`, {row: r});
  }
  for (const name of spec.labels) {
    const present = rows.some((row) => (row as Record<string, unknown>)[name] !== undefined);
    if (!present && optional.has(name)) continue;
    const text = new Array<string>(n);
    for (let r = 0; r < n; ++r) {
      const value = (rows[r] as Record<string, unknown>)[name];
      if (value === undefined || value === null) text[r] = "";
      else if (typeof value === "string") text[r] = value;
      else if (typeof value === "number" && Number.isFinite(value)) text[r] = String(value);
      else {
        throw new BenchstatsError("type", `${fn}: ${name} must be a string, got ${JSON.stringify(value)}`, {field: name, row: r});
      }
    }
    columns[name] = encodeLabels(text);
  }
  for (const name of spec.numbers) {
    const present = rows.some((row) => (row as Record<string, unknown>)[name] !== undefined);
    if (!present && optional.has(name)) continue;
    const values = new Float64Array(n);
    for (let r = 0; r < n; ++r) {
      const value = (rows[r] as Record<string, unknown>)[name];
      if (value === undefined || value === null) values[r] = NaN;
      else if (typeof value === "number") values[r] = value;
      else {
        throw new BenchstatsError("type", `${fn}: ${name} must be a number (NaN or null for missing), got ${JSON.stringify(value)}`, {field: name, row: r});
      }
    }
    columns[name] = values;
  }
  return {length: n, columns};
}

/**
 * A table's columns for a converter: a {@link ColumnarTable} is checked ({@link pickColumns}), an array of
 * rows is converted ({@link columnarFromRows}) — the one entry point lib's converters use.
 */
export function tableColumns(input: ColumnarTable | readonly object[], spec: ColumnSpec, fn: string): {length: number; columns: Record<string, TableColumn | undefined>} {
  if (Array.isArray(input)) {
    const table = columnarFromRows(input, spec, fn);
    return {length: table.length, columns: {...table.columns}};
  }
  if (!isColumnarTable(input)) throw new BenchstatsError("type", `${fn}: expected an array of rows or a columnar table {length, columns}`);
  return {length: input.length, columns: pickColumns(input, spec, fn)};
}

/**
 * First-seen order of a label column's codes: `order[k]` is the code seen k-th, `rank[code]` its
 * position (−1 for codes that never occur). Converters number models, tasks, … in the order the rows
 * give them, whatever order the dictionary holds its labels in.
 *
 * @example firstSeen({codes: Uint8Array.of(2, 0, 2), labels: ["x", "y", "z"]}); // {order: [2, 0], rank: Int32Array [1, -1, 0]}
 */
export function firstSeen(column: LabelColumn): {order: number[]; rank: Int32Array} {
  const rank = new Int32Array(column.labels.length).fill(-1);
  const order: number[] = [];
  const {codes} = column;
  for (let i = 0; i < codes.length; ++i) {
    const code = codes[i];
    if (rank[code] < 0) rank[code] = order.push(code) - 1;
  }
  return {order, rank};
}

/**
 * The rows of `table` whose `mask` entry is 1, in order: number columns filtered, label columns keep
 * their labels and filter their codes (labels no kept row uses stay, unused). For repeated subsets of
 * one table (robustness refits) without rebuilding it from row objects each time.
 *
 * @example
 * maskRows({length: 3, columns: {value: Float64Array.of(1, 2, 3)}}, Uint8Array.of(1, 0, 1)); // value: [1, 3]
 */
export function maskRows(table: ColumnarTable, mask: ArrayLike<number>): ColumnarTable {
  let n = 0;
  for (let i = 0; i < table.length; ++i) if (mask[i] === 1) ++n;
  const columns: Record<string, TableColumn> = {};
  for (const [name, column] of Object.entries(table.columns)) {
    if (column === undefined) continue;
    const from = column instanceof Float64Array ? column : column.codes;
    const to = new (from.constructor as typeof Float64Array)(n);
    for (let i = 0, k = 0; i < table.length; ++i) if (mask[i] === 1) to[k++] = from[i];
    columns[name] = column instanceof Float64Array ? to : {codes: to as unknown as LabelCodes, labels: column.labels};
  }
  return {length: n, columns};
}
