// Real item-level eval results from data/samples as long samples rows, the way
// scripts/reference/summarize_samples.py builds them, and the statsmodels reference it wrote.
import {readFileSync} from "node:fs";
import {createRandom} from "../../lib/core/random.js";

const data = (path: string) => new URL(`../../data/samples/${path}`, import.meta.url).pathname;

export interface SampleRow {
  model: string;
  item: string;
  dataset?: string;
  metric: string;
  value: number;
}

/** A models × items CSV (no quoting in these files) as long rows; an empty cell is NaN (kept: missing). */
function longRows(path: string, metric: string): SampleRow[] {
  const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const items = header.split(",").slice(1);
  const rows: SampleRow[] = [];
  for (const line of lines) {
    const [model, ...cells] = line.split(",");
    cells.forEach((cell, j) => rows.push({model, item: items[j], metric, value: cell === "" ? NaN : Number(cell)}));
  }
  return rows;
}

/** AlpacaEval 2.0 preferences (58 models × 805 instructions, 10 missing), with each instruction's `dataset`. */
export function alpacaRows(): SampleRow[] {
  const [, ...lines] = readFileSync(data("alpaca_eval/items.csv"), "utf8").trimEnd().split("\n");
  const dataset = new Map(lines.map((line) => line.split(",").slice(0, 2) as [string, string]));
  return longRows(data("alpaca_eval/ae2_weighted_gpt4turbo_preference.csv"), "preference").map((row) => ({...row, dataset: dataset.get(row.item)!}));
}

/** ChemBench 0/1 answers (22 models × 2,854 questions). */
export function chembenchRows(): SampleRow[] {
  return longRows(data("chembench/chembench_models_x_items.csv"), "all_correct");
}

export interface ReferenceRow {
  [key: string]: string | number;
  n: number;
  mean: number;
  se: number;
  lower: number;
  upper: number;
}

export interface ReferenceCase {
  name: string;
  data: "alpaca_eval" | "chembench";
  by: string[];
  cluster: string | null;
  confidence: number;
  rows: ReferenceRow[];
}

export const reference = JSON.parse(readFileSync(new URL("../fixtures/inference/summarize-samples.json", import.meta.url), "utf8")) as {tool: string; cases: ReferenceCase[]};

/** `rows` in a seeded random order (Fisher–Yates). */
export function shuffled<T>(rows: readonly T[], seed = 1): T[] {
  const out = rows.slice();
  const rng = createRandom(seed);
  for (let i = out.length - 1; i > 0; --i) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** |actual − expected| ≤ 1e-12·|expected| + 1e-15 (statsmodels' sums round differently in the last bits). */
export function close(actual: number, expected: number, relative = 1e-12): boolean {
  return Math.abs(actual - expected) <= relative * Math.abs(expected) + 1e-15;
}

/**
 * The worst relative difference between summary rows and reference rows (matched by their labels),
 * for the statistics `fields` (reference name → summary name); throws when a group is missing.
 */
export function worstDifference(actual: Record<string, unknown>[], expected: ReferenceRow[], by: string[], fields: Record<string, string>): {worst: number; field: string; group: string} {
  const key = (row: Record<string, unknown>) => by.map((k) => row[k]).join("\u0000");
  const found = new Map(actual.map((row) => [key(row), row]));
  let worst = {worst: 0, field: "", group: ""};
  for (const row of expected) {
    const mine = found.get(key(row));
    if (!mine) throw new Error(`no summary for group ${key(row)}`);
    for (const [ref, name] of Object.entries(fields)) {
      const a = mine[name] as number;
      const b = row[ref] as number;
      // A NaN (or a missing field) counts as an infinite difference.
      const d = typeof a !== "number" || Number.isNaN(a) ? Infinity : Math.abs(a - b) <= 1e-15 ? 0 : Math.abs(a - b) / Math.abs(b);
      if (d > worst.worst) worst = {worst: d, field: ref, group: key(row)};
    }
  }
  return worst;
}
