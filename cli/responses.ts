// Item responses for `benchstats irt`: respondents × items from a wide CSV or a tidy samples table, both read
// through DuckDB (loaders/tidy).
import {BenchstatsError} from "../lib/index.js";
import {duckdb} from "../loaders/tidy/duckdb.js";
import {explainCsvError, locateRecord, scanCsv} from "../loaders/tidy/csv-scan.js";
import {csvHeader} from "../loaders/tidy/locate.js";
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
    const header = await csvHeader(path, delimiterOf(path)).catch(() => {
      throw new BenchstatsError("io", "cannot read input file (does it exist?)", {file: path});
    });
    const lower = header.map((h) => h.trim().toLowerCase());
    if (["model", "item", "value"].every((c) => lower.includes(c)) && header.length <= 6) return tidy(path, inputFormat);
  }
  return wide(path, weightColumn);
}

const delimiterOf = (path: string) => (/\.tsv$/i.test(path) ? "\t" : ",");

/** A 0/1 response cell: 0, 1 (also `0.0`, `1e0`), NaN for not administered (empty, NA, NaN, null); undefined otherwise. */
function response(raw: string): number | undefined {
  const text = raw.trim();
  if (text === "" || /^(na|nan|n\/a|null)$/i.test(text)) return NaN;
  const number = Number(text);
  return number === 0 || number === 1 ? number : undefined;
}

async function wide(path: string, weightColumn?: string): Promise<ResponseMatrix> {
  const scan = await scanCsv(path, {what: "a wide table of 0/1 responses (one row per respondent, one column per item)", delimiter: delimiterOf(path)});
  const header = scan.header;
  const wanted = weightColumn?.toLowerCase();
  const weightIndex = header.findIndex((h) => (wanted ? h.toLowerCase() === wanted : WEIGHT_COLUMNS.includes(h.toLowerCase())));
  if (wanted && weightIndex < 0) throw new BenchstatsError("columns", `no weights column "${weightColumn}"`, {file: path, line: 1});
  let records: (string | null)[][];
  try {
    const result = await (await duckdb()).runAndReadAll(`SELECT * EXCLUDE (__record) FROM ${scan.from} ORDER BY __record`);
    records = result.getRows() as (string | null)[][];
  } catch (error) {
    throw await explainCsvError(scan, error);
  }
  if (!records.length) throw new BenchstatsError("empty", "expected a header row and at least one respondent", {file: path});
  const first = (records[0][0] ?? "").trim();
  const labelled = weightIndex !== 0 && first !== "" && !Number.isFinite(Number(first));
  const respondents: string[] = [];
  const responses: number[][] = [];
  const weights: number[] = [];
  for (let r = 0; r < records.length; ++r) {
    const record = records[r];
    const where = async (j: number) => ({...(await locateRecord(scan, r)), field: `column "${header[j]}"`});
    const row: number[] = [];
    for (let j = labelled ? 1 : 0; j < record.length; ++j) {
      if (j === weightIndex) continue;
      const value = response(record[j] ?? "");
      if (value === undefined) throw new BenchstatsError("value", `expected a 0/1 response (or empty/NA for not administered), got ${JSON.stringify(record[j])}`, await where(j));
      row.push(value);
    }
    if (weightIndex >= 0) {
      const w = Number(record[weightIndex]);
      if (!(w >= 0)) throw new BenchstatsError("value", `expected a non-negative frequency, got ${JSON.stringify(record[weightIndex])}`, await where(weightIndex));
      weights.push(w);
    }
    respondents.push(labelled ? (record[0] ?? "").trim() : String(respondents.length + 1));
    responses.push(row);
  }
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
