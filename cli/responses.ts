// Item responses for `benchstats irt`: respondents × items from a wide CSV or a tidy samples table.
import {createReadStream} from "node:fs";
import {parse, CsvError} from "csv-parse";
import {BenchstatsError} from "../lib/index.js";
import {loadTable} from "./inputs.js";

export interface ResponseMatrix {
  respondents: string[];
  items: string[];
  /** `responses[respondent][item]`: 0/1, NaN = not administered. */
  responses: number[][];
  /** Row frequencies (response-pattern counts), when the table has a weights column. */
  weights?: number[];
}

const WEIGHT_COLUMNS = ["freq", "frequency", "count", "weight", "n"];

/**
 * Reads responses. Wide CSV: one row per respondent, one 0/1 column per item (empty, NA or NaN = not
 * administered); a first column with non-numeric labels names the respondents, and a column named
 * freq/frequency/count/weight/n (or `weightColumn`) holds pattern frequencies. Tidy (CSV/JSON/JSONL with
 * model, item, value): one row per response. Any value other than 0, 1 or missing is an error naming
 * the file, line and column.
 */
export async function loadResponses(path: string, options: {layout?: "auto" | "wide" | "tidy"; weightColumn?: string; inputFormat?: string} = {}): Promise<ResponseMatrix> {
  const {layout = "auto", weightColumn, inputFormat} = options;
  const isCsv = /\.(csv|tsv)$/i.test(path);
  if (layout === "tidy" || (layout === "auto" && !isCsv)) return tidy(path, inputFormat);
  if (layout === "auto") {
    const header = await firstRecord(path);
    const lower = header.map((h) => h.trim().toLowerCase());
    if (["model", "item", "value"].every((c) => lower.includes(c)) && header.length <= 6) return tidy(path, inputFormat);
  }
  return wide(path, weightColumn);
}

async function firstRecord(path: string): Promise<string[]> {
  const parser = createReadStream(path).pipe(parse({to_line: 1, bom: true, delimiter: path.endsWith(".tsv") ? "\t" : ","}));
  try {
    for await (const record of parser as AsyncIterable<string[]>) return record;
  } catch (error) {
    if (error instanceof CsvError) throw new BenchstatsError("parse", `malformed CSV: ${error.message}`, {file: path, line: 1});
    throw new BenchstatsError("io", "cannot read input file (does it exist?)", {file: path});
  }
  throw new BenchstatsError("empty", "the file is empty", {file: path});
}

function response(raw: string, where: {file: string; line: number; field: string}): number {
  const text = raw.trim();
  if (text === "" || /^(na|nan|n\/a|null)$/i.test(text)) return NaN;
  if (text === "0" || text === "1") return Number(text);
  const number = Number(text);
  if (number === 0 || number === 1) return number;
  throw new BenchstatsError("value", `expected a 0/1 response (or empty/NA for not administered), got ${JSON.stringify(raw)}`, where);
}

async function wide(path: string, weightColumn?: string): Promise<ResponseMatrix> {
  const parser = createReadStream(path).pipe(parse({bom: true, info: true, relax_column_count: true, skip_empty_lines: true, delimiter: path.endsWith(".tsv") ? "\t" : ","}));
  let header: string[] | undefined;
  let labelled = false;
  let weightIndex = -1;
  const respondents: string[] = [];
  const responses: number[][] = [];
  const weights: number[] = [];
  try {
    for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: {lines: number}}>) {
      const line = info.lines;
      if (!header) {
        header = record.map((h) => h.trim());
        const wanted = weightColumn?.toLowerCase();
        weightIndex = header.findIndex((h) => (wanted ? h.toLowerCase() === wanted : WEIGHT_COLUMNS.includes(h.toLowerCase())));
        if (wanted && weightIndex < 0) throw new BenchstatsError("columns", `no weights column "${weightColumn}"`, {file: path, line: 1});
        continue;
      }
      if (record.length !== header.length) {
        throw new BenchstatsError("parse", `expected ${header.length} fields like the header, got ${record.length}`, {file: path, line});
      }
      if (respondents.length === 0) labelled = weightIndex !== 0 && record[0].trim() !== "" && !Number.isFinite(Number(record[0]));
      const row: number[] = [];
      for (let j = labelled ? 1 : 0; j < record.length; ++j) {
        if (j === weightIndex) continue;
        row.push(response(record[j], {file: path, line, field: `column "${header[j]}"`}));
      }
      if (weightIndex >= 0) {
        const w = Number(record[weightIndex]);
        if (!(w >= 0)) throw new BenchstatsError("value", `expected a non-negative frequency, got ${JSON.stringify(record[weightIndex])}`, {file: path, line, field: `column "${header[weightIndex]}"`});
        weights.push(w);
      }
      respondents.push(labelled ? record[0].trim() : String(respondents.length + 1));
      responses.push(row);
    }
  } catch (error) {
    if (error instanceof CsvError) throw new BenchstatsError("parse", `malformed CSV: ${error.message}`, {file: path, line: (error as CsvError & {lines?: number}).lines});
    throw error;
  }
  if (!header || !responses.length) throw new BenchstatsError("empty", "expected a header row and at least one respondent", {file: path});
  const items = header.filter((_, j) => !(labelled && j === 0) && j !== weightIndex);
  return {respondents, items, responses, weights: weightIndex >= 0 ? weights : undefined};
}

async function tidy(path: string, inputFormat?: string): Promise<ResponseMatrix> {
  const table = await loadTable(path, "samples", inputFormat);
  const respondents: string[] = [];
  const items: string[] = [];
  const r = new Map<string, number>();
  const c = new Map<string, number>();
  const cells: [number, number, number][] = [];
  const rows = table.rows();
  for (let i = 0; i < rows.length; ++i) {
    const row = rows[i];
    const model = String(row.model);
    const item = String(row.item);
    if (!r.has(model)) r.set(model, respondents.push(model) - 1);
    if (!c.has(item)) c.set(item, items.push(item) - 1);
    const value = row.value as number;
    if (!(Number.isNaN(value) || value === 0 || value === 1)) {
      throw new BenchstatsError("value", `expected a 0/1 response, got ${value}`, {...(await table.locate(i)), field: `column "value"`});
    }
    cells.push([r.get(model)!, c.get(item)!, value]);
  }
  const responses = respondents.map(() => new Array<number>(items.length).fill(NaN));
  for (const [i, j, v] of cells) responses[i][j] = v;
  return {respondents, items, responses};
}
