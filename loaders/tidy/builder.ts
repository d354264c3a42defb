/**
 * `TidyTableBuilder`: a {@link TidyTable} built row by row, for the streaming readers (TensorBoard, JSONL,
 * MLflow, …), at the cost of its columns rather than of a row object per row.
 */
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";
import {codesFor, type LabelCodes, type TableColumn} from "../../lib/core/columns.js";
import {findProblem, type SchemaCheckOptions} from "./check.js";
import {SCHEMAS, type ColumnDefinition, type TableKind} from "./schema.js";
import {TidyTable, type TidyRow} from "./table.js";

/** Options of a {@link TidyTableBuilder}. */
export interface TidyTableBuilderOptions extends SchemaCheckOptions {
  /** The file the rows come from, for messages (a row's own location may name another). */
  source?: string;
}

/** Rows a chunk holds: columns grow a chunk at a time, never copied until `finish()`. */
const CHUNK = 1 << 15;

interface LabelState {
  /** Dictionary codes, a chunk per CHUNK rows; `current` is the last chunk. */
  chunks: Uint32Array[];
  current: Uint32Array;
  index: Map<string, number>;
  labels: string[];
  /** The row the column was last set on, so `end()` gives the rows that skip it the missing label. */
  setOn: number;
  lastText: string | undefined;
  lastCode: number;
}

interface NumberState {
  chunks: Float64Array[];
  current: Float64Array;
}

/** The file rows come from from row `start` on, and whether their positions are lines or byte offsets. */
interface Segment {
  start: number;
  file?: string;
  kind: "line" | "offset";
}

/**
 * Builds a {@link TidyTable} row by row (streaming loaders): labels are dictionary-coded as they come,
 * numbers go to `Float64Array` chunks, so a table costs what its columns cost, not a row object a row (and
 * growing it copies nothing: the chunks are joined once, by `finish()`). Columns the schema does not know
 * are dropped unless the schema keeps extras (battles); an extra column is numbers when its first value is
 * a number. Each row may carry its location (file and line or byte), kept as one number a row, so that
 * `finish()`, which checks the table against its schema, names the line of a bad value found only then (a
 * negative `std`, an Infinity).
 *
 * Two ways to add rows: `add(object, location)`, or, in hot loops, column handles
 * (`labelColumn(name)`, `numberColumn(name)`) set between `start(location)` and `end()`.
 *
 * @example
 * const b = new TidyTableBuilder("samples", {source: "results.jsonl"});
 * b.add({model: "m", item: "q1", value: 1}, {file: "results.jsonl", line: 1});
 * b.finish().length; // 1
 */
export class TidyTableBuilder<Row extends object = TidyRow> {
  readonly kind: TableKind;
  private readonly source?: string;
  private readonly emptyAllowed?: readonly string[];
  private length = 0;
  private current = -1;
  /** Index of the current row within the current chunk. */
  private slot = -1;
  private chunkStart = 0;
  private readonly numbers = new Map<string, NumberState>();
  private readonly labels = new Map<string, LabelState>();
  /** The label columns again, as an array: `end()` walks them every row. */
  private readonly labelList: LabelState[] = [];
  private readonly known: Map<string, ColumnDefinition>;
  private readonly positions: NumberState = {chunks: [], current: new Float64Array(CHUNK).fill(NaN)};
  private readonly segments: Segment[] = [];

  constructor(kind: TableKind, options: TidyTableBuilderOptions = {}) {
    this.kind = kind;
    this.source = options.source;
    this.emptyAllowed = options.emptyAllowed;
    this.known = new Map(SCHEMAS[kind].columns.map((c) => [c.name, c]));
    this.positions.chunks.push(this.positions.current);
  }

  /** Rows added so far. */
  get size(): number {
    return this.length;
  }

  /** Appends one row; `location` (file and line or byte) names it in errors, now or at `finish()`. */
  add(row: object, location?: ErrorLocation): void {
    this.start(location);
    for (const [name, value] of Object.entries(row)) {
      if (value === undefined) continue;
      const definition = this.known.get(name);
      if (!definition && !SCHEMAS[this.kind].keepExtra) continue;
      const isNumber = definition ? definition.type === "number" : this.numbers.has(name) || (!this.labels.has(name) && typeof value === "number");
      if (isNumber) this.setNumber(this.numberState(name), name, value, location);
      else this.setLabel(this.labelState(name), name, value, location);
    }
    this.end();
  }

  /** Starts a row whose values the column handles set; `location` as for {@link add}. */
  start(location?: ErrorLocation): void {
    if (this.length - this.chunkStart === CHUNK) this.nextChunk();
    this.current = this.length;
    this.slot = this.current - this.chunkStart;
    if (location && (location.line !== undefined || location.offset !== undefined)) {
      const kind = location.line !== undefined ? "line" : "offset";
      const last = this.segments[this.segments.length - 1];
      if (!last || last.file !== location.file || last.kind !== kind) this.segments.push({start: this.current, file: location.file, kind});
      this.positions.current[this.slot] = kind === "line" ? location.line! : location.offset!;
    }
  }

  /** Ends the row begun by {@link start}: label columns it did not set get the missing label "". */
  end(): void {
    const i = this.current;
    const list = this.labelList;
    for (let k = 0; k < list.length; ++k) if (list[k].setOn !== i) list[k].current[this.slot] = this.code(list[k], "");
    this.length = i + 1;
    this.current = -1;
  }

  /**
   * A setter for label column `name` on the current row (between {@link start} and {@link end}); `""` is
   * the missing label. Repeats of the previous text skip the dictionary lookup.
   */
  labelColumn(name: string): (value: string) => void {
    const column = this.labelState(name);
    return (value: string) => {
      column.setOn = this.current;
      if (value === column.lastText) column.current[this.slot] = column.lastCode;
      else column.current[this.slot] = column.lastCode = this.code(column, (column.lastText = value));
    };
  }

  /** A setter for number column `name` on the current row: a number, NaN for missing. */
  numberColumn(name: string): (value: number) => void {
    const column = this.numberState(name);
    return (value: number) => {
      column.current[this.slot] = value;
    };
  }

  /** Chunks for the rows before a column's first value: NaN for numbers, code 0 (the missing label) for labels. */
  private earlierChunks<T extends Float64Array | Uint32Array>(make: () => T): T[] {
    return Array.from({length: this.chunkStart / CHUNK + 1}, make);
  }

  private numberState(name: string): NumberState {
    let column = this.numbers.get(name);
    if (!column) {
      const chunks = this.earlierChunks(() => new Float64Array(CHUNK).fill(NaN));
      this.numbers.set(name, (column = {chunks, current: chunks[chunks.length - 1]}));
    }
    return column;
  }

  private labelState(name: string): LabelState {
    let column = this.labels.get(name);
    if (!column) {
      // Rows before this column appeared hold code 0: make it the missing label "" when there are any.
      const index = this.length > 0 ? new Map([["", 0]]) : new Map<string, number>();
      const chunks = this.earlierChunks(() => new Uint32Array(CHUNK));
      column = {chunks, current: chunks[chunks.length - 1], index, labels: this.length > 0 ? [""] : [], setOn: -1, lastText: undefined, lastCode: 0};
      this.labels.set(name, column);
      this.labelList.push(column);
    }
    return column;
  }

  private setNumber(column: NumberState, name: string, value: unknown, location?: ErrorLocation): void {
    if (typeof value === "number") column.current[this.slot] = value;
    else if (value === null) column.current[this.slot] = NaN;
    else throw new BenchstatsError("value", `expected a number (or null for missing), got ${describe(value)}`, this.where(name, location));
  }

  private setLabel(column: LabelState, name: string, value: unknown, location?: ErrorLocation): void {
    let text: string;
    if (typeof value === "string") text = value;
    else if (value === null) text = "";
    else if (typeof value === "number" && Number.isFinite(value)) text = String(value);
    else throw new BenchstatsError("value", `expected text, got ${describe(value)}`, this.where(name, location));
    column.setOn = this.current;
    column.current[this.slot] = this.code(column, text);
  }

  private where(field: string, location?: ErrorLocation): ErrorLocation {
    return {...(location ?? {row: this.current}), field, file: location?.file ?? this.source};
  }

  private code(column: {index: Map<string, number>; labels: string[]}, text: string): number {
    let code = column.index.get(text);
    if (code === undefined) column.index.set(text, (code = column.labels.push(text) - 1));
    return code;
  }

  private nextChunk(): void {
    this.chunkStart += CHUNK;
    for (const column of [...this.numbers.values(), this.positions]) column.chunks.push((column.current = new Float64Array(CHUNK).fill(NaN)));
    for (const column of this.labelList) column.chunks.push((column.current = new Uint32Array(CHUNK)));
  }

  /** Where row `row` came from: its file and line or byte when it was added with one, else its row number. */
  locate(row: number): ErrorLocation {
    let segment: Segment | undefined;
    for (const s of this.segments) if (s.start <= row) segment = s;
    const position = this.positions.chunks[Math.floor(row / CHUNK)][row % CHUNK];
    if (!segment || Number.isNaN(position)) return {file: this.source, row};
    return {file: segment.file ?? this.source, [segment.kind]: position};
  }

  /**
   * The table, checked against its schema: a missing required column or a bad value throws a
   * `BenchstatsError` at the row's location. An empty builder gives an empty table: readers say why their
   * file gave no rows before calling this. `check: false` skips the row checks (types were checked as rows
   * came) for callers that fill in or normalise values first.
   */
  finish(options: {check?: boolean} = {}): TidyTable<Row> {
    const n = this.length;
    const columns: Record<string, TableColumn> = {};
    for (const [name, column] of this.numbers) columns[name] = joinChunks(column.chunks, new Float64Array(n));
    for (const [name, column] of this.labels) columns[name] = {codes: joinChunks(column.chunks, codesFor(n, column.labels.length - 1)), labels: column.labels};
    const schema = SCHEMAS[this.kind];
    const missing = schema.columns.filter((c) => c.required && !(c.name in columns)).map((c) => c.name);
    if (missing.length && n > 0) {
      throw new BenchstatsError("columns", `not a ${schema.title} table: no ${missing.join(", ")} column`, {file: this.source});
    }
    const table = new TidyTable<Row>(this.kind, n, columns, this.source);
    const problem = options.check === false ? undefined : findProblem(table, {emptyAllowed: this.emptyAllowed});
    if (problem) throw new BenchstatsError("value", problem.message, {...this.locate(problem.row), field: problem.column});
    return table;
  }
}

/** `chunks` copied one after the other into `out` (as many rows as `out` holds). */
function joinChunks<T extends Float64Array | LabelCodes>(chunks: readonly (Float64Array | Uint32Array)[], out: T): T {
  for (let k = 0, at = 0; at < out.length; ++k, at += CHUNK) out.set(chunks[k].subarray(0, Math.min(CHUNK, out.length - at)), at);
  return out;
}

function describe(value: unknown): string {
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (typeof value === "number") return String(value);
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}
