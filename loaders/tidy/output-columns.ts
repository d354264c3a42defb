/**
 * The columns of a table about to be written, whatever form it came in: a columnar table (`TidyTable`,
 * lib's `ColumnarTable`) hands over its typed arrays; row objects (a command's result) are read by key
 * for text, or typed column by column for Parquet ({@link typedColumns}).
 */
import {BenchstatsError} from "../../lib/core/errors.js";
import {encodeLabels, isColumnarTable, isLabelColumn, type ColumnarTable, type LabelColumn} from "../../lib/core/columns.js";

/** What {@link writeTable} takes: a columnar table (`TidyTable`, `ColumnarTable`) or row objects. */
export type WritableTable = ColumnarTable | readonly object[];

/** A column to write: numbers (`NaN` = missing), labels (`""` = missing), booleans (−1 = missing), or row values. */
export type OutputColumn =
  | {name: string; kind: "number"; values: Float64Array}
  | {name: string; kind: "label"; column: LabelColumn}
  | {name: string; kind: "boolean"; values: Int8Array}
  | {name: string; kind: "rows"; rows: readonly object[]};

/** A table as the writers see it: its length and its columns in output order. */
export interface OutputTable {
  length: number;
  columns: OutputColumn[];
}

/**
 * The columns to write, in order: `names` when given (each must exist), else a columnar table's own order
 * (`columnNames` of a `TidyTable`: schema columns first) or, for rows, the union of their keys in
 * first-seen order. Row values stay in the rows (`kind: "rows"`): text writers format them as they are.
 */
export function outputColumns(table: WritableTable, names?: readonly string[]): OutputTable {
  if (Array.isArray(table)) {
    const rows = table as readonly object[];
    rows.forEach((row, i) => {
      if (row === null || typeof row !== "object") throw new BenchstatsError("type", `expected row objects, got ${row === null ? "null" : typeof row}`, {row: i});
    });
    const all = names ?? keysOf(rows);
    return {length: rows.length, columns: all.map((name) => ({name, kind: "rows", rows}))};
  }
  if (!isColumnarTable(table)) throw new BenchstatsError("type", "expected row objects or a columnar table {length, columns}");
  const own = "columnNames" in table && Array.isArray(table.columnNames) ? (table.columnNames as string[]) : Object.keys(table.columns).filter((name) => table.columns[name] !== undefined);
  const columns = (names ?? own).map((name): OutputColumn => {
    const column = table.columns[name];
    if (column instanceof Float64Array) return {name, kind: "number", values: column};
    if (isLabelColumn(column)) return {name, kind: "label", column};
    if (column === undefined) throw new BenchstatsError("columns", `the table has no column "${name}" (columns: ${own.join(", ") || "none"})`, {field: name});
    throw new BenchstatsError("type", `column "${name}" must be a Float64Array or a label column {codes, labels}`, {field: name});
  });
  for (const column of columns) {
    const length = column.kind === "number" ? column.values.length : column.kind === "label" ? column.column.codes.length : table.length;
    if (length !== table.length) throw new BenchstatsError("shape", `column "${column.name}" has ${length} entries, the table ${table.length}`, {field: column.name});
  }
  return {length: table.length, columns};
}

/**
 * {@link outputColumns} with row values turned into typed columns, for binary formats: a column whose
 * values are all numbers (or missing: `null`, `undefined`, `NaN`) becomes numbers, all booleans becomes
 * booleans, anything else labels (numbers and booleans written as text, missing as `""`).
 */
export function typedColumns(table: WritableTable, names?: readonly string[]): OutputTable {
  const out = outputColumns(table, names);
  out.columns = out.columns.map((column) => (column.kind === "rows" ? typeColumn(column.rows, column.name) : column));
  return out;
}

function typeColumn(rows: readonly object[], name: string): OutputColumn {
  let numbers = true;
  let booleans = true;
  rows.forEach((row, i) => {
    const value = (row as Record<string, unknown>)[name];
    if (value === null || value === undefined) return;
    if (typeof value !== "number") numbers = false;
    if (typeof value !== "boolean") booleans = false;
    if (typeof value === "object" || typeof value === "function" || typeof value === "symbol") throw valueError(name, i, value);
  });
  if (numbers) {
    const values = new Float64Array(rows.length);
    rows.forEach((row, i) => (values[i] = ((row as Record<string, unknown>)[name] as number | null | undefined) ?? NaN));
    return {name, kind: "number", values};
  }
  if (booleans) {
    const values = new Int8Array(rows.length);
    rows.forEach((row, i) => {
      const value = (row as Record<string, unknown>)[name];
      values[i] = value === true ? 1 : value === false ? 0 : -1;
    });
    return {name, kind: "boolean", values};
  }
  return {name, kind: "label", column: encodeLabels(rows.map((row) => textOf((row as Record<string, unknown>)[name])))};
}

function textOf(value: unknown): string {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return "";
  return String(value);
}

/** The error for a row value no table format can hold (an object, an array, a function). */
export function valueError(name: string, row: number, value: unknown): BenchstatsError {
  const what = Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
  return new BenchstatsError("type", `expected a string, number, boolean or null, got ${what}`, {field: name, row});
}

function keysOf(rows: readonly object[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}
