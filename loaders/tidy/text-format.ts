/**
 * Tables as text: CSV/TSV (RFC 4180) and JSON/JSONL, produced in blocks of rows so that a table of any
 * length streams to a file without one string of the whole file (V8 caps a string at ~512 MB).
 *
 * Numbers are written in JavaScript's shortest round-trip form (`String(x)`: `0.1` stays `0.1`, `1/3`
 * keeps all 17 digits), never rounded, so they parse back to the same double. Missing values: `NaN`,
 * `null` and `undefined` are an empty CSV field and JSON `null` (JSON has no NaN or ±Infinity, so those
 * are `null` too); a missing label `""` is the empty string in both.
 */
import type {OutputColumn, OutputTable} from "./output-columns.js";
import {valueError} from "./output-columns.js";

/** The text formats. */
export type TextFormat = "csv" | "tsv" | "json" | "jsonl";

/** Rows per block: large enough to amortise the join, small enough to keep a block a few MB. */
const BLOCK_ROWS = 16384;

/**
 * The text of `table` in `format`, block by block (concatenated, the blocks are the file). JSON is an array
 * of objects indented as `JSON.stringify(rows, null, 2)` indents it; JSONL one compact object a line.
 * Row objects keep `JSON.stringify`'s handling of their own keys (an `undefined` value is left out).
 */
export function* textBlocks(table: OutputTable, format: TextFormat): Generator<string> {
  if (format === "csv" || format === "tsv") yield* delimitedBlocks(table, format === "csv" ? "," : "\t");
  else yield* jsonBlocks(table, format === "jsonl");
}

/** RFC 4180 quoting: a field holding the delimiter, a quote or a line break is quoted, quotes doubled. */
export function delimitedField(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function* delimitedBlocks(table: OutputTable, delimiter: string): Generator<string> {
  yield table.columns.map((c) => delimitedField(c.name, delimiter)).join(delimiter) + "\n";
  const cells = table.columns.map((column) => delimitedCell(column, delimiter));
  for (let start = 0; start < table.length; start += BLOCK_ROWS) {
    const end = Math.min(table.length, start + BLOCK_ROWS);
    const lines = new Array<string>(end - start);
    for (let i = start; i < end; ++i) {
      let line = cells.length ? cells[0](i) : "";
      for (let j = 1; j < cells.length; ++j) line += delimiter + cells[j](i);
      lines[i - start] = line;
    }
    yield lines.join("\n") + "\n";
  }
}

/** Row index → the column's CSV field; labels are quoted once per dictionary entry, not once per row. */
function delimitedCell(column: OutputColumn, delimiter: string): (i: number) => string {
  switch (column.kind) {
    case "number": {
      const values = column.values;
      return (i) => (Number.isNaN(values[i]) ? "" : String(values[i]));
    }
    case "label": {
      const fields = column.column.labels.map((label) => delimitedField(label, delimiter));
      const codes = column.column.codes;
      return (i) => fields[codes[i]];
    }
    case "boolean": {
      const values = column.values;
      return (i) => (values[i] < 0 ? "" : values[i] ? "true" : "false");
    }
    case "rows": {
      const {rows, name} = column;
      return (i) => {
        const value = (rows[i] as Record<string, unknown>)[name];
        if (value === undefined || value === null) return "";
        if (typeof value === "number") return Number.isNaN(value) ? "" : String(value);
        if (typeof value === "string") return delimitedField(value, delimiter);
        if (typeof value === "boolean" || typeof value === "bigint") return String(value);
        throw valueError(name, i, value);
      };
    }
  }
}

/** `JSON.stringify`'s replacer for numbers JSON cannot hold: NaN and ±Infinity → null. */
export function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}

function* jsonBlocks(table: OutputTable, lines: boolean): Generator<string> {
  if (!lines && table.length === 0) {
    yield "[]\n";
    return;
  }
  const rows = table.columns.length && table.columns.every((c) => c.kind === "rows") ? (table.columns[0] as {rows: readonly object[]}).rows : undefined;
  const names = table.columns.map((c) => c.name);
  const object = rows ? rowObject(rows, names, lines) : columnObject(table, lines);
  for (let start = 0; start < table.length; start += BLOCK_ROWS) {
    const end = Math.min(table.length, start + BLOCK_ROWS);
    const parts = new Array<string>(end - start);
    for (let i = start; i < end; ++i) parts[i - start] = object(i);
    if (lines) yield parts.join("\n") + "\n";
    else yield (start === 0 ? "[\n" : ",\n") + parts.join(",\n") + (end === table.length ? "\n]\n" : "");
  }
}

/** A row object as JSON, with only the chosen columns, in their order; indented as an array element. */
function rowObject(rows: readonly object[], names: string[], compact: boolean): (i: number) => string {
  return (i) => {
    const row = rows[i] as Record<string, unknown>;
    const picked: Record<string, unknown> = {};
    for (const name of names) {
      const value = row[name];
      if (value !== null && typeof value === "object") throw valueError(name, i, value);
      if (name in row) picked[name] = value;
    }
    return compact ? JSON.stringify(picked, finiteOrNull) : "  " + JSON.stringify(picked, finiteOrNull, 2).replaceAll("\n", "\n  ");
  };
}

function columnObject(table: OutputTable, compact: boolean): (i: number) => string {
  const keys = table.columns.map((c) => JSON.stringify(c.name) + (compact ? ":" : ": "));
  const values = table.columns.map((column): ((i: number) => string) => {
    switch (column.kind) {
      case "number": {
        const v = column.values;
        return (i) => (Number.isFinite(v[i]) ? String(v[i]) : "null");
      }
      case "label": {
        const texts = column.column.labels.map((label) => JSON.stringify(label));
        const codes = column.column.codes;
        return (i) => texts[codes[i]];
      }
      case "boolean": {
        const v = column.values;
        return (i) => (v[i] < 0 ? "null" : v[i] ? "true" : "false");
      }
      case "rows":
        throw new Error("unreachable: row values in a columnar table");
    }
  });
  if (compact) {
    return (i) => {
      let text = "{";
      for (let j = 0; j < keys.length; ++j) text += (j ? "," : "") + keys[j] + values[j](i);
      return text + "}";
    };
  }
  return (i) => {
    if (!keys.length) return "  {}";
    let text = "  {\n";
    for (let j = 0; j < keys.length; ++j) text += (j ? ",\n" : "") + "    " + keys[j] + values[j](i);
    return text + "\n  }";
  };
}
