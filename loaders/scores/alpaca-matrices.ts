import {readFileSync} from "node:fs";
import {join} from "node:path";
import {fail, parseNumberCell} from "../common/fail.js";

/** AlpacaEval 2 per-instruction preferences and output lengths of many models against one baseline. */
export interface AlpacaEvalMatrices {
  models: string[];
  items: string[];
  /** Source collection of each instruction (items.csv `dataset`). */
  dataset: string[];
  /** models × items, preference for the row's model in [0, 1] (the file's [1, 2] minus 1); NaN = not judged. */
  preference: Float64Array[];
  /** models × items output lengths in characters; NaN = missing. */
  length: Float64Array[];
  /** The baseline's output length per item. */
  baselineLength: Float64Array;
}

/**
 * Reads the wide AlpacaEval 2 matrices of a folder laid out as data/samples/alpaca_eval/: the
 * preference CSV (`model, i000…`) in [1, 2], the output-length CSV with the same rows and columns, and
 * `items.csv` with the baseline length per item. Rows or columns that differ between the files, a
 * preference outside [1, 2], a length that is missing where a preference is given, and a missing baseline
 * length fail with the file and line.
 *
 * @example
 * const ae = readAlpacaEvalMatrices(dataPath("samples", "alpaca_eval")); // 58 models × 805 items
 */
export function readAlpacaEvalMatrices(
  folder: string,
  names = {preference: "ae2_weighted_gpt4turbo_preference.csv", length: "ae2_weighted_gpt4turbo_output_len.csv", items: "items.csv", baselineColumn: "len_baseline_ae2_weighted_gpt4turbo"},
): AlpacaEvalMatrices {
  const pref = readWide(join(folder, names.preference));
  const len = readWide(join(folder, names.length));
  const itemsFile = join(folder, names.items);
  const itemLines = lines(itemsFile);
  const header = itemLines[0].split(",");
  const itemCol = header.indexOf("item");
  const lenCol = header.indexOf(names.baselineColumn);
  const dataCol = header.indexOf("dataset");
  if (itemCol < 0 || lenCol < 0) fail("format", `expected columns "item" and "${names.baselineColumn}"`, {file: itemsFile, line: 1});
  const baseline = new Map<string, [number, string]>();
  for (let i = 1; i < itemLines.length; ++i) {
    const cells = itemLines[i].split(",");
    const value = parseNumberCell(cells[lenCol], {file: itemsFile, line: i + 1, field: names.baselineColumn});
    if (!(value >= 0)) fail("value", `expected the baseline's output length (a number ≥ 0), got ${JSON.stringify(cells[lenCol] ?? "")}`, {file: itemsFile, line: i + 1, field: names.baselineColumn});
    baseline.set(cells[itemCol], [value, dataCol >= 0 ? cells[dataCol] : ""]);
  }
  for (const [name, other] of [[names.length, len]] as const) {
    if (other.items.join() !== pref.items.join()) fail("format", `expected the same item columns as ${names.preference}`, {file: join(folder, name), line: 1});
    if (other.models.join() !== pref.models.join()) fail("format", `expected the same model rows, in the same order, as ${names.preference}`, {file: join(folder, name)});
  }
  const baselineLength = Float64Array.from(pref.items, (item) => {
    const entry = baseline.get(item);
    return entry ? entry[0] : fail("format", `item ${item} has no row`, {file: itemsFile, field: "item"});
  });
  const preference = pref.values.map((row, m) =>
    row.map((v, x) => {
      if (Number.isNaN(v)) return NaN;
      if (!(v >= 1 && v <= 2)) fail("value", `expected a preference in [1, 2], got ${v}`, {file: join(folder, names.preference), line: m + 2, field: pref.items[x]});
      if (Number.isNaN(len.values[m][x])) fail("value", `expected the output length of ${pref.models[m]} where it has a preference`, {file: join(folder, names.length), line: m + 2, field: pref.items[x]});
      return v - 1;
    }),
  );
  return {models: pref.models, items: pref.items, dataset: pref.items.map((item) => baseline.get(item)![1]), preference, length: len.values, baselineLength};
}

function lines(file: string): string[] {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const out = text.split(/\r?\n/);
  if (out[out.length - 1] === "") out.pop();
  if (out.length < 2) fail("empty", "expected a header and at least one row", {file});
  return out;
}

function readWide(file: string): {models: string[]; items: string[]; values: Float64Array[]} {
  const all = lines(file);
  const header = all[0].split(",");
  if (header[0] !== "model") fail("format", `expected the first column "model", got ${JSON.stringify(header[0])}`, {file, line: 1});
  const items = header.slice(1);
  const models: string[] = [];
  const values = all.slice(1).map((line, r) => {
    const cells = line.split(",");
    if (cells.length !== header.length) fail("parse", `expected ${header.length} cells, got ${cells.length}`, {file, line: r + 2});
    models.push(cells[0]);
    return Float64Array.from(items, (item, x) => parseNumberCell(cells[x + 1], {file, line: r + 2, field: item}));
  });
  return {models, items, values};
}
