import {arrayArg, optionsArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";

/** A wide score table: one row per system/model, one numeric column per task/scenario. */
export interface WideTable {
  /** Header of the label column (e.g. "model"). */
  label: string;
  /** Row labels (first column), whitespace collapsed. */
  rows: string[];
  /** Column names (header cells after the label column, minus dropped ones), trimmed. */
  columns: string[];
  /** values[row][column]; empty, "-" and "nan" cells are NaN. */
  values: number[][];
}

export interface WideTableOptions {
  /** Name used in error messages (e.g. the file name). */
  file?: string;
  /** Header names of columns to drop (e.g. a leaderboard's own "Score" average). */
  drop?: string[];
}

/**
 * Parses a wide CSV score table (RFC 4180 quoting; comma separator): the first column is the row
 * label (leaderboard system or model name), every other column a numeric score. Labels have runs
 * of whitespace (tabs included) collapsed to one space; empty / "-" / "nan" cells become NaN.
 * Short rows are padded with missing cells (as pandas reads them); a non-numeric cell or a row
 * longer than the header throws a BenchstatsError naming the file and line.
 * Pure string → table: usable in data loaders, tests and browser pages (file uploads).
 *
 * @example parseWideTable("model,a,b\nx,1,\ny,2,3").values; // [[1, NaN], [2, 3]]
 */
export function parseWideTable(text: string, options: WideTableOptions = {}): WideTable {
  const {file = "input", drop = []} = optionsArg(options, "parseWideTable");
  stringArg(text, "text", "parseWideTable", {empty: true});
  stringArg(file, "file", "parseWideTable", {code: "option"});
  arrayArg(drop, "drop", "parseWideTable").forEach((name) => stringArg(name, "drop", "parseWideTable", {empty: true, code: "option"}));
  const records = parseCsv(text.replace(/^\uFEFF/, ""));
  if (records.length === 0) throw new BenchstatsError("empty", "no header row", {file});
  const header = records[0].cells.map((h) => h.trim());
  if (header.length < 2) throw new BenchstatsError("shape", "expected a label column and at least one score column", {file, line: 1});
  const keep: number[] = [];
  for (let j = 1; j < header.length; ++j) if (!drop.includes(header[j])) keep.push(j);
  const rows: string[] = [];
  const values: number[][] = [];
  for (const {cells, line} of records.slice(1)) {
    if (cells.every((c) => c.trim() === "")) continue;
    if (cells.length > header.length) {
      throw new BenchstatsError("shape", `expected at most ${header.length} fields like the header, got ${cells.length}`, {file, line});
    }
    while (cells.length < header.length) cells.push(""); // short rows: missing trailing scores, as pandas reads them
    rows.push(cells[0].replace(/\s+/g, " ").trim());
    values.push(
      keep.map((j) => {
        const raw = cells[j].trim();
        if (raw === "" || raw === "-" || raw.toLowerCase() === "nan") return NaN;
        const v = Number(raw);
        if (!Number.isFinite(v)) {
          throw new BenchstatsError("parse", `expected a number in column "${header[j]}", got ${JSON.stringify(raw)}`, {file, line});
        }
        return v;
      })
    );
  }
  return {label: header[0], rows, columns: keep.map((j) => header[j]), values};
}

/** Minimal RFC 4180 CSV reader returning cells and the 1-based line where each record starts. */
function parseCsv(text: string): Array<{cells: string[]; line: number}> {
  const out: Array<{cells: string[]; line: number}> = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; ++i) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          ++i;
        } else quoted = false;
      } else {
        if (ch === "\n") ++line;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") ++i;
      cells.push(cell);
      out.push({cells, line: start});
      cells = [];
      cell = "";
      start = ++line;
    } else cell += ch;
  }
  if (cell !== "" || cells.length) {
    cells.push(cell);
    out.push({cells, line: start});
  }
  return out;
}
