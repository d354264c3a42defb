/**
 * `TidyTable`: the one in-memory form of every tidy table the loaders return. Columnar, as an Arrow record
 * batch: numbers in `Float64Array`s, labels dictionary-coded in the narrowest unsigned array. It satisfies
 * lib's `ColumnarTable` (lib/core/columns.ts) as it is, so lib's converters read it without copying;
 * `toArrow()` and `toArquero()` hand the same buffers to flechette and arquero, and `rows()` gives row
 * objects for small tables.
 */
import {batchType, Column, dictionary, float64, Table, tableFromColumns, uint16, uint32, uint8, utf8, columnFromArray} from "@uwdata/flechette";
import {fromArrow, type ColumnTable} from "arquero";
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";
import {codesFor, isLabelColumn, type ColumnarTable, type LabelCodes, type LabelColumn, type TableColumn} from "../../lib/core/columns.js";
import {SCHEMAS, type ColumnDefinition, type TableKind} from "./schema.js";

/** A row object of a tidy table: labels as strings (`""` = missing), numbers as numbers (`NaN` = missing). */
export type TidyRow = Record<string, string | number>;

/** Most rows {@link TidyTable.rows} turns into objects (about 200 bytes each); use the columns beyond. */
export const MAX_ROW_OBJECTS = 5_000_000;

export class TidyTable<Row extends object = TidyRow> implements ColumnarTable {
  readonly kind: TableKind;
  readonly length: number;
  readonly columns: Readonly<Record<string, TableColumn>>;
  /** The file(s) the rows came from, for messages. */
  readonly source?: string;
  private readonly locator?: (row: number) => Promise<ErrorLocation> | ErrorLocation;

  /**
   * @param locate where row i came from (file and line), for errors found after reading; default: the
   *   source and the row number.
   */
  constructor(kind: TableKind, length: number, columns: Record<string, TableColumn>, source?: string, locate?: (row: number) => Promise<ErrorLocation> | ErrorLocation) {
    this.kind = kind;
    this.length = length;
    this.columns = columns;
    this.source = source;
    this.locator = locate;
  }

  /** Where row `i` came from: file and line for tables read from text files, else the source and row. */
  async locate(i: number): Promise<ErrorLocation> {
    return this.locator ? this.locator(i) : {file: this.source, row: i};
  }

  /** Column names: the schema's columns present, in schema order, then extra columns. */
  get columnNames(): string[] {
    const known = SCHEMAS[this.kind].columns.map((c) => c.name).filter((name) => name in this.columns);
    return [...known, ...Object.keys(this.columns).filter((name) => !known.includes(name))];
  }

  /** The column `name`, or undefined. */
  column(name: string): TableColumn | undefined {
    return this.columns[name];
  }

  /** The numbers of column `name`; throws when it is absent or holds labels. */
  numbers(name: string): Float64Array {
    const column = this.columns[name];
    if (!(column instanceof Float64Array)) throw new BenchstatsError("columns", `the ${SCHEMAS[this.kind].title} table has no number column "${name}"`, {field: name});
    return column;
  }

  /** The label column `name`; throws when it is absent or holds numbers. */
  labels(name: string): LabelColumn {
    const column = this.columns[name];
    if (!isLabelColumn(column)) throw new BenchstatsError("columns", `the ${SCHEMAS[this.kind].title} table has no label column "${name}"`, {field: name});
    return column;
  }

  /** The value of column `name` in row `i` (a label or a number). */
  value(name: string, i: number): string | number | undefined {
    const column = this.columns[name];
    if (column === undefined) return undefined;
    return column instanceof Float64Array ? column[i] : column.labels[column.codes[i]];
  }

  /**
   * Row objects, for small tables and for code that wants rows (at most {@link MAX_ROW_OBJECTS}; pass
   * `{start, end}` for a slice of a larger table).
   */
  rows(range: {start?: number; end?: number} = {}): Row[] {
    const start = Math.max(0, range.start ?? 0);
    const end = Math.min(this.length, range.end ?? this.length);
    if (end - start > MAX_ROW_OBJECTS) {
      throw new BenchstatsError(
        "size",
        `${end - start} rows are too many for row objects (at most ${MAX_ROW_OBJECTS.toLocaleString("en")}); read the columns, or ask for a slice {start, end}`,
        {file: this.source}
      );
    }
    const names = this.columnNames;
    const columns = names.map((name) => this.columns[name]);
    const out: Row[] = new Array(Math.max(0, end - start));
    for (let i = start; i < end; ++i) {
      const row: Record<string, string | number> = {};
      for (let j = 0; j < names.length; ++j) {
        const column = columns[j];
        row[names[j]] = column instanceof Float64Array ? column[i] : column.labels[column.codes[i]];
      }
      out[i - start] = row as Row;
    }
    return out;
  }

  /** The table as an Apache Arrow table (flechette), sharing this table's buffers. */
  toArrow(): Table {
    const columns: Record<string, Column<unknown>> = {};
    for (const name of this.columnNames) {
      const column = this.columns[name];
      columns[name] = column instanceof Float64Array ? columnFromArray(column) : dictionaryColumn(compactLabels(column));
    }
    return tableFromColumns(columns);
  }

  /** The table as an arquero table (over {@link toArrow}), for reshaping in scripts and pages. */
  toArquero(): ColumnTable {
    // arquero types its input as arrow-js's table; flechette's is what it reads at run time.
    return fromArrow(this.toArrow() as unknown as Parameters<typeof fromArrow>[0]);
  }

  /** A new table of the rows whose index `keep` accepts (or whose mask byte is non-zero), in order. */
  filter(keep: ((i: number) => boolean) | ArrayLike<number>): TidyTable<Row> {
    const test = typeof keep === "function" ? keep : (i: number) => keep[i] !== 0;
    const index: number[] = [];
    for (let i = 0; i < this.length; ++i) if (test(i)) index.push(i);
    return this.take(index);
  }

  /** A new table of the rows `index` lists, in that order. */
  take(index: ArrayLike<number>): TidyTable<Row> {
    const columns: Record<string, TableColumn> = {};
    for (const [name, column] of Object.entries(this.columns)) {
      if (column instanceof Float64Array) {
        const values = new Float64Array(index.length);
        for (let k = 0; k < index.length; ++k) values[k] = column[index[k]];
        columns[name] = values;
      } else {
        const codes = codesFor(index.length, column.labels.length - 1);
        for (let k = 0; k < index.length; ++k) codes[k] = column.codes[index[k]];
        columns[name] = {codes, labels: column.labels};
      }
    }
    return new TidyTable<Row>(this.kind, index.length, columns, this.source);
  }

  /**
   * A tidy table from row objects, checked against the table's schema ({@link checkTable}): a missing
   * required column, a wrong type or a value out of range throws a `BenchstatsError` naming the row.
   *
   * @example
   * TidyTable.fromRows("samples", [{model: "a", item: "q1", value: 1}]).length; // 1
   */
  static fromRows<R extends object = TidyRow>(kind: TableKind, rows: readonly object[], options: {source?: string; check?: boolean} = {}): TidyTable<R> {
    const builder = new TidyTableBuilder<R>(kind, options);
    for (const row of rows) builder.add(row);
    return builder.finish({check: options.check});
  }

  /** Tables of one kind, one after the other (labels re-coded into one dictionary per column). */
  static concat<R extends object>(kind: TableKind, tables: readonly TidyTable<R>[], source?: string): TidyTable<R> {
    const length = tables.reduce((n, t) => n + t.length, 0);
    const names = [...new Set(tables.flatMap((t) => t.columnNames))];
    const columns: Record<string, TableColumn> = {};
    for (const name of names) {
      const definition = SCHEMAS[kind].columns.find((c) => c.name === name);
      const isNumber = definition ? definition.type === "number" : tables.some((t) => t.columns[name] instanceof Float64Array);
      if (isNumber) {
        const values = new Float64Array(length).fill(NaN);
        let offset = 0;
        for (const t of tables) {
          const column = t.columns[name];
          if (column instanceof Float64Array) values.set(column, offset);
          offset += t.length;
        }
        columns[name] = values;
      } else {
        const index = new Map<string, number>();
        const labels: string[] = [];
        const code = (label: string) => {
          let c = index.get(label);
          if (c === undefined) index.set(label, (c = labels.push(label) - 1));
          return c;
        };
        const wide = new Uint32Array(length);
        let offset = 0;
        for (const t of tables) {
          const column = t.columns[name];
          if (column === undefined) wide.fill(code(""), offset, offset + t.length);
          else if (column instanceof Float64Array) for (let i = 0; i < t.length; ++i) wide[offset + i] = code(Number.isNaN(column[i]) ? "" : String(column[i]));
          else {
            const map = column.labels.map(code);
            for (let i = 0; i < t.length; ++i) wide[offset + i] = map[column.codes[i]];
          }
          offset += t.length;
        }
        const codes = codesFor(length, labels.length - 1);
        codes.set(wide);
        columns[name] = {codes, labels};
      }
    }
    const starts = tables.map((_, k) => tables.slice(0, k).reduce((n, t) => n + t.length, 0));
    const locate = (row: number) => {
      let k = tables.length - 1;
      while (k > 0 && starts[k] > row) --k;
      return tables[k].locate(row - starts[k]);
    };
    return new TidyTable<R>(kind, length, columns, source ?? tables.map((t) => t.source).filter(Boolean).join(", "), locate);
  }
}

/**
 * The column with only the labels its codes use (the same object when all are used): arquero groups by
 * dictionary entries, so an unused label would show up as an empty group.
 */
function compactLabels(column: LabelColumn): LabelColumn {
  const used = new Uint8Array(column.labels.length);
  const {codes} = column;
  for (let i = 0; i < codes.length; ++i) used[codes[i]] = 1;
  if (used.every((u) => u === 1)) return column;
  const remap = new Int32Array(column.labels.length).fill(-1);
  const labels: string[] = [];
  column.labels.forEach((label, k) => {
    if (used[k]) remap[k] = labels.push(label) - 1;
  });
  const compact = codesFor(codes.length, labels.length - 1);
  for (let i = 0; i < codes.length; ++i) compact[i] = remap[codes[i]];
  return {codes: compact, labels};
}

function dictionaryColumn(column: LabelColumn): Column<string> {
  const indices = column.codes instanceof Uint8Array ? uint8() : column.codes instanceof Uint16Array ? uint16() : uint32();
  // One value type object for both: Arrow IPC encoding matches a dictionary to its field by identity.
  const valueType = utf8();
  const type = dictionary(valueType, indices);
  const Batch = batchType(type);
  const batch = new Batch({length: column.codes.length, nullCount: 0, type, validity: new Uint8Array(0), values: column.codes});
  (batch as unknown as {setDictionary(d: Column<string>): void}).setDictionary(columnFromArray(column.labels as string[], valueType));
  return new Column([batch]) as Column<string>;
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
export function findProblem(table: ColumnarTable & {kind: TableKind}, options: {values?: boolean} = {}): RowProblem | undefined {
  const values = options.values !== false;
  let first: RowProblem | undefined;
  const note = (problem: RowProblem) => {
    if (!first || problem.row < first.row) first = problem;
  };
  for (const definition of SCHEMAS[table.kind].columns) {
    const column = table.columns[definition.name];
    if (column === undefined) continue;
    const limit = first ? first.row : table.length;
    const checked = values ? definition : {...definition, range: undefined, values: undefined};
    const problem = column instanceof Float64Array ? numberProblem(checked, column, limit) : labelProblem(checked, column, limit);
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

function labelProblem(definition: ColumnDefinition, column: LabelColumn, limit: number): RowProblem | undefined {
  const bad = column.labels.map((label) => {
    if (definition.required && label.trim() === "") return `expected ${definition.doc}, got an empty value`;
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
export function checkRows(table: ColumnarTable & {kind: TableKind}, source?: string): void {
  const problem = findProblem(table);
  if (problem) throw new BenchstatsError("value", problem.message, {file: source, row: problem.row, field: problem.column});
}

/**
 * Builds a {@link TidyTable} row by row (streaming loaders): labels are dictionary-coded as they come,
 * numbers go to doubling `Float64Array`s, so a table costs what its columns cost, not a row object a row.
 * Columns the schema does not know are dropped unless the schema keeps extras (battles); an extra column
 * is numbers when its first value is a number. `finish()` checks the table against its schema.
 *
 * @example
 * const b = new TidyTableBuilder("samples", {source: "results.jsonl"});
 * b.add({model: "m", item: "q1", value: 1});
 * b.finish().length; // 1
 */
export class TidyTableBuilder<Row extends object = TidyRow> {
  readonly kind: TableKind;
  private readonly source?: string;
  private length = 0;
  private capacity = 1024;
  private readonly numbers = new Map<string, Float64Array>();
  private readonly labels = new Map<string, {codes: Uint32Array; index: Map<string, number>; labels: string[]}>();
  private readonly known: Map<string, ColumnDefinition>;

  constructor(kind: TableKind, options: {source?: string} = {}) {
    this.kind = kind;
    this.source = options.source;
    this.known = new Map(SCHEMAS[kind].columns.map((c) => [c.name, c]));
  }

  get size(): number {
    return this.length;
  }

  /** Appends one row; `location` (file and line) goes into the error when a value has the wrong type. */
  add(row: object, location?: ErrorLocation): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length;
    let labelsSet = 0;
    for (const [name, value] of Object.entries(row)) {
      if (value === undefined) continue;
      const definition = this.known.get(name);
      if (!definition && !SCHEMAS[this.kind].keepExtra) continue;
      const isNumber = definition ? definition.type === "number" : this.numbers.has(name) || (!this.labels.has(name) && typeof value === "number");
      if (isNumber) this.setNumber(name, i, value, location);
      else {
        this.setLabel(name, i, value, location);
        ++labelsSet;
      }
    }
    // A label column this row lacks gets the missing label "" (codes start at 0, which may be a real label).
    if (labelsSet < this.labels.size) {
      for (const [name, column] of this.labels) if (!(name in row) || (row as Record<string, unknown>)[name] === undefined) column.codes[i] = this.code(column, "");
    }
    this.length = i + 1;
  }

  private setNumber(name: string, i: number, value: unknown, location?: ErrorLocation): void {
    let column = this.numbers.get(name);
    if (!column) {
      column = new Float64Array(this.capacity).fill(NaN);
      this.numbers.set(name, column);
    }
    if (typeof value === "number") column[i] = value;
    else if (value === null) column[i] = NaN;
    else {
      throw new BenchstatsError("value", `expected a number (or null for missing), got ${describe(value)}`, {...(location ?? {row: i}), field: name, file: location?.file ?? this.source});
    }
  }

  private setLabel(name: string, i: number, value: unknown, location?: ErrorLocation): void {
    let column = this.labels.get(name);
    if (!column) {
      // Rows before this column appeared hold code 0: make it the missing label "" when there are any.
      column = i > 0 ? {codes: new Uint32Array(this.capacity), index: new Map([["", 0]]), labels: [""]} : {codes: new Uint32Array(this.capacity), index: new Map(), labels: []};
      this.labels.set(name, column);
    }
    let text: string;
    if (typeof value === "string") text = value;
    else if (value === null) text = "";
    else if (typeof value === "number" && Number.isFinite(value)) text = String(value);
    else throw new BenchstatsError("value", `expected text, got ${describe(value)}`, {...(location ?? {row: i}), field: name, file: location?.file ?? this.source});
    column.codes[i] = this.code(column, text);
  }

  private code(column: {index: Map<string, number>; labels: string[]}, text: string): number {
    let code = column.index.get(text);
    if (code === undefined) column.index.set(text, (code = column.labels.push(text) - 1));
    return code;
  }

  private grow(): void {
    this.capacity *= 2;
    for (const [name, column] of this.numbers) {
      const next = new Float64Array(this.capacity).fill(NaN);
      next.set(column);
      this.numbers.set(name, next);
    }
    for (const column of this.labels.values()) {
      const next = new Uint32Array(this.capacity);
      next.set(column.codes);
      column.codes = next;
    }
  }

  /**
   * The table, checked against its schema: a missing required column or a bad value throws. `check:
   * false` skips the row checks (types were checked as rows came) for callers that fill in labels first.
   */
  finish(options: {check?: boolean} = {}): TidyTable<Row> {
    const n = this.length;
    const columns: Record<string, TableColumn> = {};
    for (const [name, column] of this.numbers) columns[name] = column.slice(0, n);
    for (const [name, column] of this.labels) {
      const codes: LabelCodes = codesFor(n, column.labels.length - 1);
      codes.set(column.codes.subarray(0, n));
      columns[name] = {codes, labels: column.labels};
    }
    const schema = SCHEMAS[this.kind];
    const missing = schema.columns.filter((c) => c.required && !(c.name in columns)).map((c) => c.name);
    if (missing.length && n > 0) {
      throw new BenchstatsError("columns", `not a ${schema.title} table: no ${missing.join(", ")} column`, {file: this.source});
    }
    const table = new TidyTable<Row>(this.kind, n, columns, this.source);
    if (options.check !== false) checkRows(table, this.source);
    return table;
  }
}

function describe(value: unknown): string {
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (typeof value === "number") return String(value);
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}
