/**
 * The schema check of a tidy table (loaders/tidy/schema.ts): the first row whose value the table's schema
 * rejects, and the located error for it. Every reader runs it on what it built, so a table the loaders
 * return never holds ±Infinity, a required label left empty, or a value outside its column's range.
 */
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";
import type {ColumnarTable, LabelColumn} from "../../lib/core/columns.js";
import {SCHEMAS, type ColumnDefinition, type TableKind} from "./schema.js";

/** Options of the schema check ({@link findProblem}). */
export interface SchemaCheckOptions {
  /**
   * Required label columns that may hold the missing label `""`: labels the source cannot know (a
   * TensorBoard file names no algorithm or task), left for the caller to fill. The column must still exist.
   */
  emptyAllowed?: readonly string[];
  /**
   * Check values against the ranges and allowed labels (default true). Types, required columns and
   * finiteness are always checked; a caller that normalises values itself turns the rest off.
   */
  values?: boolean;
}

/** A problem with one row of a table: which row, which column, and what was expected. */
export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/**
 * The first row of `table` that breaks its schema, or undefined: a required label empty, a label outside
 * the allowed values, a number that is ±Infinity, missing where the column must be complete, outside its
 * range or not whole where it must be. Readers turn the row into a file and line.
 *
 * @example findProblem(TidyTable.fromRows(...)); // {row: 3, column: "dur_us", message: "expected a duration ≥ 0, got -50"}
 */
export function findProblem(table: ColumnarTable & {kind: TableKind}, options: SchemaCheckOptions = {}): RowProblem | undefined {
  let first: RowProblem | undefined;
  const note = (problem: RowProblem) => {
    if (!first || problem.row < first.row) first = problem;
  };
  const emptyAllowed = new Set(options.emptyAllowed ?? []);
  const values = options.values !== false;
  for (const schemaDefinition of SCHEMAS[table.kind].columns) {
    const column = table.columns[schemaDefinition.name];
    if (column === undefined) continue;
    const definition = values ? schemaDefinition : {...schemaDefinition, range: undefined, values: undefined};
    const limit = first ? first.row : table.length;
    const problem = column instanceof Float64Array ? numberProblem(definition, column, limit) : labelProblem(definition, column, limit, emptyAllowed.has(definition.name));
    if (problem) note(problem);
  }
  return first;
}

function numberProblem(definition: ColumnDefinition, values: Float64Array, limit: number): RowProblem | undefined {
  const {min = -Infinity, max = Infinity, integer = false} = definition.range ?? {};
  const complete = definition.complete === true;
  for (let i = 0; i < limit; ++i) {
    const v = values[i];
    // One comparison pair covers the common case: a finite value inside the range.
    if (v >= min && v <= max && v !== Infinity && v !== -Infinity && (!integer || Number.isInteger(v))) continue;
    if (Number.isNaN(v)) {
      if (!complete) continue;
      return {row: i, column: definition.name, message: `expected a number (${definition.doc}), got a missing value`};
    }
    if (!Number.isFinite(v)) return {row: i, column: definition.name, message: `expected a finite number, got ${v} (a value too large for a double, or inf)`};
    if (integer && !Number.isInteger(v)) return {row: i, column: definition.name, message: `expected a whole number (${definition.doc}), got ${v}`};
    return {row: i, column: definition.name, message: `expected ${rangeText(min, max)} (${definition.doc}), got ${v}`};
  }
  return undefined;
}

function rangeText(min: number, max: number): string {
  if (min > -Infinity && max < Infinity) return `a value in [${min}, ${max}]`;
  return min > -Infinity ? `a value ≥ ${min}` : `a value ≤ ${max}`;
}

function labelProblem(definition: ColumnDefinition, column: LabelColumn, limit: number, emptyAllowed: boolean): RowProblem | undefined {
  const bad = column.labels.map((label) => {
    if (definition.required && !emptyAllowed && label.trim() === "") return `expected ${definition.doc}, got an empty value`;
    if (definition.values && !definition.values.includes(label)) return `expected one of ${definition.values.join(", ")}, got ${JSON.stringify(label)}`;
    return undefined;
  });
  if (!bad.some(Boolean)) return undefined;
  const {codes} = column;
  for (let i = 0; i < limit; ++i) {
    const message = bad[codes[i]];
    if (message) return {row: i, column: definition.name, message};
  }
  return undefined;
}

/**
 * Throws the `BenchstatsError` for the first row of `table` that breaks its schema ({@link findProblem}),
 * located by `locate` (row index → file and line; default: the row number).
 */
export async function checkTable(table: ColumnarTable & {kind: TableKind}, locate: (row: number) => Promise<ErrorLocation> | ErrorLocation = (row) => ({row})): Promise<void> {
  const problem = findProblem(table);
  if (!problem) return;
  const where = await locate(problem.row);
  throw new BenchstatsError("value", problem.message, {...where, field: problem.column});
}

/** Like {@link checkTable}, without a file: the location is the row number. */
export function checkRows(table: ColumnarTable & {kind: TableKind}, source?: string, options: SchemaCheckOptions = {}): void {
  const problem = findProblem(table, options);
  if (problem) throw new BenchstatsError("value", problem.message, {file: source, row: problem.row, field: problem.column});
}

