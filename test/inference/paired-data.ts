// The real item-level tables of eval-data.ts as one array per model (items in file order), and the
// statsmodels/scipy reference of scripts/reference/paired_inference.py.
import {readFileSync} from "node:fs";
import {alpacaRows, chembenchRows, type SampleRow} from "./eval-data.js";

export interface WideTable {
  items: string[];
  /** Each model's values in item order (NaN = missing). */
  values: Map<string, Float64Array>;
  /** AlpacaEval: each item's source dataset. */
  dataset?: string[];
}

function wide(rows: SampleRow[]): WideTable {
  const items = [...new Set(rows.map((r) => r.item))];
  const index = new Map(items.map((item, i) => [item, i]));
  const values = new Map<string, Float64Array>();
  const dataset = new Array<string>(items.length);
  for (const row of rows) {
    let v = values.get(row.model);
    if (!v) values.set(row.model, (v = new Float64Array(items.length).fill(NaN)));
    v[index.get(row.item)!] = row.value;
    if (row.dataset) dataset[index.get(row.item)!] = row.dataset;
  }
  return {items, values, ...(rows[0].dataset ? {dataset} : {})};
}

let alpaca: WideTable | undefined;
let chembench: WideTable | undefined;
export const alpacaWide = (): WideTable => (alpaca ??= wide(alpacaRows()));
export const chembenchWide = (): WideTable => (chembench ??= wide(chembenchRows()));

export interface PairedReference {
  model_a: string;
  model_b: string;
  n: number;
  mean: number;
  se: number;
  lower: number;
  upper: number;
  p: number;
  se_cr0?: number;
  lower_cr0?: number;
  upper_cr0?: number;
  p_cr0?: number;
  se_cr1?: number;
  lower_cr1?: number;
  upper_cr1?: number;
  p_cr1?: number;
  n_clusters?: number;
}

export interface McNemarReference {
  model_a: string;
  model_b: string;
  n: number;
  a_only: number;
  b_only: number;
  exact_statistic: number;
  exact_p: number;
  /** The exact test in rational arithmetic (scipy underflows to 0 below ~1e-300). */
  exact_p_rational: number;
  chi2_statistic: number;
  chi2_p: number;
  chi2_plain_statistic: number;
  chi2_plain_p: number;
}

export const pairedReference = JSON.parse(readFileSync(new URL("../fixtures/inference/paired-tests.json", import.meta.url), "utf8")) as {
  tool: string;
  alpaca_models: string[];
  paired: {alpaca_eval: PairedReference[]; chembench: PairedReference[]};
  mcnemar: McNemarReference[];
  permutation: {data: string; model_a: string; model_b: string; items: string[]; x: number[]; y: number[]; mean: number; p: number}[];
  adjust: ({name: string; p: number[]} & Record<"holm" | "hochberg" | "bh" | "by" | "bonferroni", number[]>)[];
  power: {data: string; sd: number; delta: number; alpha: number; power: number; n: number}[];
  seed_variance: {benchmark: string; model: string; seeds: number; mean: number; sd: number}[];
  signal_to_noise: {benchmark: string; models: number; signal: number; noise: number; ratio: number}[];
  monotonicity: {games: string[]; rows: {benchmark: string; seed: string; checkpoints: number; tau: number; p: number}[]};
};

/**
 * |a − b| / |b| (0 when both are equal, Infinity for a NaN where b is a number). A reference of 0 where
 * ours is subnormal (below 2.2e-308, where doubles keep only a few digits and scipy underflows to 0)
 * counts as equal.
 */
export function relative(a: number, b: number): number {
  if (a === b) return 0;
  if (b === 0 && Math.abs(a) < 2.2250738585072014e-308) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Infinity;
  return Math.abs(a - b) / Math.abs(b);
}

/** The largest relative difference over pairs of numbers, with the label of the worst. */
export function worst(cases: [label: string, actual: number, expected: number][]): {value: number; at: string} {
  let out = {value: 0, at: ""};
  for (const [label, a, b] of cases) {
    const r = relative(a, b);
    if (r > out.value) out = {value: r, at: label};
  }
  return out;
}
