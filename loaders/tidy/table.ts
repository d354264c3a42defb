/**
 * `TidyTable`: the one in-memory form of every tidy table the loaders return. Columnar, as an Arrow record
 * batch: numbers in `Float64Array`s, labels dictionary-coded in the narrowest unsigned array. It satisfies
 * lib's `ColumnarTable` (lib/core/columns.ts) as it is, so lib's converters read it without copying;
 * `toArrow()` and `toArquero()` hand the same buffers to flechette and arquero, and `rows()` gives row
 * objects for small tables.
 *
 * flechette and arquero (~30 MiB resident together) are loaded on the first `toArrow()` / `toArquero()`, not
 * with this module, which every loader imports: the two methods stay synchronous through `require` (Node
 * loads an ES module that way too, as the same module an `import` gets). Under tsx (the CLI, tests, scripts
 * run with tsx), tsx's require hook loads arquero as a second copy: its tables join, concatenate and pass
 * through `aq.from` with the tables of an imported arquero, but `instanceof ColumnTable` is false across the
 * copies and `table.assign(other)` rejects the other copy's table.
 */
import {createRequire} from "node:module";
import type {Column, Table} from "@uwdata/flechette";
import type {ColumnTable} from "arquero";
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";
import {codesFor, isLabelColumn, type ColumnarTable, type LabelColumn, type TableColumn} from "../../lib/core/columns.js";
import {SCHEMAS, type TableKind} from "./schema.js";
import {TidyTableBuilder} from "./builder.js";

const load = createRequire(import.meta.url);
const flechette = (): typeof import("@uwdata/flechette") => load("@uwdata/flechette");
const arquero = (): typeof import("arquero") => load("arquero");

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
    const {columnFromArray, tableFromColumns} = flechette();
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
    const {fromArrow} = arquero();
    return fromArrow(this.toArrow() as unknown as Parameters<typeof fromArrow>[0]);
  }

  /**
   * This table with `columns` added or put in place of the same-named ones (each of the table's length),
   * sharing the other columns' buffers.
   *
   * @example
   * runs.withColumns({experiment: TidyTable.constantLabel(runs.length, "tdmpc2")});
   */
  withColumns(columns: Record<string, TableColumn>): TidyTable<Row> {
    for (const [name, column] of Object.entries(columns)) {
      const length = column instanceof Float64Array ? column.length : column.codes.length;
      if (length !== this.length) throw new BenchstatsError("shape", `column "${name}" has ${length} entries, the table ${this.length}`, {field: name});
    }
    return new TidyTable<Row>(this.kind, this.length, {...this.columns, ...columns}, this.source, this.locator);
  }

  /**
   * A label column holding `label` in all `length` rows (one dictionary entry, one byte a row).
   *
   * @example TidyTable.constantLabel(3, "value"); // {codes: Uint8Array [0, 0, 0], labels: ["value"]}
   */
  static constantLabel(length: number, label: string): LabelColumn {
    return {codes: new Uint8Array(length), labels: [label]};
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
    // Rows keep their place in the file: an error found later still names the line.
    return new TidyTable<Row>(this.kind, index.length, columns, this.source, (row) => this.locate(index[row]));
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
  const {batchType, Column, columnFromArray, dictionary, uint16, uint32, uint8, utf8} = flechette();
  const indices = column.codes instanceof Uint8Array ? uint8() : column.codes instanceof Uint16Array ? uint16() : uint32();
  // One value type object for both: Arrow IPC encoding matches a dictionary to its field by identity.
  const valueType = utf8();
  const type = dictionary(valueType, indices);
  const Batch = batchType(type);
  const batch = new Batch({length: column.codes.length, nullCount: 0, type, validity: new Uint8Array(0), values: column.codes});
  (batch as unknown as {setDictionary(d: Column<string>): void}).setDictionary(columnFromArray(column.labels as string[], valueType));
  return new Column([batch]) as Column<string>;
}

export {findProblem, checkTable, checkRows} from "./check.js";
export type {RowProblem, SchemaCheckOptions} from "./check.js";
export {TidyTableBuilder};
