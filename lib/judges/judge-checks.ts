import {arrayArg, isList, numbersArg, objectArg, optionsArg, reject, rowsArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {quantile} from "../describe/quantile.js";

export interface DispersionRow {
  model: string;
  /** Mean preference (the win rate / 100). */
  mean: number;
  /** SD of the preference across instructions. */
  sd: number;
  /** sd / √(mean·(1 − mean)): 1 for all-or-nothing verdicts, 0 for the same verdict everywhere. */
  dispersion: number;
  /** Pearson correlation of the model's per-instruction preferences with the other models' mean. */
  consensus: number;
  /** Robust z-scores (x − median)/(1.4826·MAD) across the models. */
  zDispersion: number;
  zConsensus: number;
  /** zDispersion below −threshold: preferences implausibly uniform across instructions. */
  flagged: boolean;
}

/**
 * A sanity check for judge-scored leaderboards (after Zheng et al. 2024, "Cheating Automatic LLM
 * Benchmarks: Null Models Achieve High Win Rates"): a real model wins some instructions and loses
 * others, and it wins where the other models win. A constant or adversarial answer instead draws a
 * judge verdict that barely depends on the instruction. Per model (rows of `preference`, in [0, 1],
 * NaN = not judged) this reports the dispersion sd/√(p̄(1 − p̄)) — the spread relative to the largest
 * possible at that mean — and the correlation with the leave-one-out mean of the other models per
 * instruction, each as a robust z-score across models. A model whose dispersion z is below −`threshold`
 * (default 3.5, Iglewicz & Hoaglin's cut-off) is flagged. The consensus is reported, not used to flag:
 * when most models are much weaker than the baseline, the few strong ones also correlate weakly with the
 * others (on the bundled matrix FuseChat-Gemma-2-9B's z is −3.6, NullModel's −4.4, while the dispersion
 * z-scores are −2.8 and −17). The check needs at least 5 models.
 *
 * @example
 * preferenceDispersion({models, preference}).filter((r) => r.flagged); // [{model: "NullModel", dispersion: 0.61, …}]
 */
export function preferenceDispersion(input: {models: readonly string[]; preference: readonly ArrayLike<number>[]}, options: {threshold?: number; exclude?: readonly string[]} = {}): DispersionRow[] {
  modelRowsArg(input, ["preference"], "preferenceDispersion");
  options = optionsArg(options, "preferenceDispersion");
  const threshold = options.threshold ?? 3.5;
  if (!(threshold > 0)) throw new BenchstatsError("option", `preferenceDispersion: threshold must be > 0, got ${threshold}`, {field: "threshold"});
  const keep = input.models.map((m, i) => i).filter((i) => !(options.exclude ?? []).includes(input.models[i]));
  if (input.preference.length !== input.models.length) {
    throw new BenchstatsError("shape", `preferenceDispersion: ${input.models.length} models but ${input.preference.length} preference rows`);
  }
  if (keep.length < 5) throw new BenchstatsError("shape", `preferenceDispersion: need at least 5 models to compare, got ${keep.length}`);
  const I = input.preference[keep[0]].length;
  const sum = new Float64Array(I);
  const count = new Float64Array(I);
  for (const m of keep) {
    const row = input.preference[m];
    if (row.length !== I) throw new BenchstatsError("shape", `preferenceDispersion: model ${input.models[m]} has ${row.length} preferences, expected ${I}`, {row: m});
    for (let x = 0; x < I; ++x) {
      const v = row[x];
      if (Number.isNaN(v)) continue;
      if (!(v >= 0 && v <= 1)) throw new BenchstatsError("range", `preferenceDispersion: preference must be in [0, 1], got ${v}`, {row: m, column: x});
      sum[x] += v;
      count[x]++;
    }
  }
  const rows = keep.map((m) => {
    const row = input.preference[m];
    const mine: number[] = [];
    const others: number[] = [];
    for (let x = 0; x < I; ++x) {
      if (Number.isNaN(row[x]) || count[x] < 2) continue;
      mine.push(row[x]);
      others.push((sum[x] - row[x]) / (count[x] - 1));
    }
    if (mine.length < 3) throw new BenchstatsError("empty", `preferenceDispersion: model ${input.models[m]} has fewer than 3 judged instructions`, {row: m});
    const mean = mine.reduce((s, v) => s + v, 0) / mine.length;
    const sd = Math.sqrt(mine.reduce((s, v) => s + (v - mean) ** 2, 0) / (mine.length - 1));
    const bound = Math.sqrt(mean * (1 - mean));
    return {model: input.models[m], mean, sd, dispersion: bound > 0 ? sd / bound : 0, consensus: correlation(mine, others)};
  });
  const zd = robustZ(rows.map((r) => r.dispersion));
  const zc = robustZ(rows.map((r) => r.consensus));
  return rows.map((r, i) => ({...r, zDispersion: zd[i], zConsensus: zc[i], flagged: zd[i] < -threshold}));
}

function correlation(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** (x − median)/(1.4826·MAD); a zero MAD falls back to the mean absolute deviation from the median. */
function robustZ(values: readonly number[]): number[] {
  const med = quantile(values, 0.5);
  const dev = values.map((v) => Math.abs(v - med));
  let scale = 1.4826 * quantile(dev, 0.5);
  if (!(scale > 0)) scale = (1.2533 * dev.reduce((s, v) => s + v, 0)) / dev.length;
  return values.map((v) => (scale > 0 ? (v - med) / scale : 0));
}

export interface VerbosityFamily {
  /** The base model's name (the variants are `base + suffix`). */
  base: string;
  /** Score of the base model and of each variant present, keyed by name. */
  scores: Record<string, number>;
  /** max − min of the family's scores: how far a prompt asking for shorter or longer answers moves the score. */
  spread: number;
  /** Models outside the family whose score lies between the family's min and max: ranks a verbosity prompt can jump. */
  modelsCrossed: number;
}

/**
 * Verbosity variants as a check of length bias (Dubois et al. 2024 call it "gameability"): AlpacaEval
 * bundles some models also prompted to be concise (`_concise`) or verbose (`_verbose`). For each base
 * model with at least one variant, the spread of the family's scores and how many other models' scores
 * fall inside it. A metric that a prompt can move past many other models measures verbosity, not
 * quality; compare the spread under the raw and the length-controlled win rate. Variants whose base
 * model is absent are grouped under the base name all the same.
 *
 * @example
 * verbosityGap([{model: "m", score: 10}, {model: "m_verbose", score: 14}, {model: "x", score: 12}]);
 * // [{base: "m", scores: {m: 10, m_verbose: 14}, spread: 4, modelsCrossed: 1}]
 */
export function verbosityGap(rows: readonly {model: string; score: number}[], options: {suffixes?: readonly string[]} = {}): VerbosityFamily[] {
  rowsArg(rows, "rows", "verbosityGap");
  options = optionsArg(options, "verbosityGap");
  if (options.suffixes !== undefined) arrayArg(options.suffixes, "suffixes", "verbosityGap").forEach((s) => stringArg(s, "suffixes", "verbosityGap", {code: "option"}));
  const suffixes = options.suffixes ?? ["_concise", "_verbose"];
  const baseOf = (model: string): string => {
    for (const s of suffixes) if (model.endsWith(s) && model.length > s.length) return model.slice(0, -s.length);
    return model;
  };
  rows.forEach((r, i) => {
    if (!Number.isFinite(r.score)) throw new BenchstatsError("range", `verbosityGap: score of ${r.model} must be finite, got ${r.score}`, {row: i, field: "score"});
  });
  const families = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const base = baseOf(r.model);
    if (!families.has(base)) families.set(base, {});
    families.get(base)![r.model] = r.score;
  }
  const out: VerbosityFamily[] = [];
  for (const [base, scores] of families) {
    const names = Object.keys(scores);
    if (!names.some((n) => n !== base)) continue;
    const values = Object.values(scores);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const modelsCrossed = rows.filter((r) => baseOf(r.model) !== base && r.score > lo && r.score < hi).length;
    out.push({base, scores, spread: hi - lo, modelsCrossed});
  }
  return out.sort((p, q) => q.spread - p.spread || (p.base < q.base ? -1 : 1));
}

/**
 * Checks the per-model input of the judge checks and of lengthControlledWinRate: an object whose `models`
 * are strings and whose `fields` are, per model, a list of numbers (NaN = missing); lengths are compared
 * by the callers, which name what they need.
 */
export function modelRowsArg(input: unknown, fields: readonly string[], fn: string): void {
  const o = objectArg<Record<string, unknown>>(input, "input", fn, `an object {models, ${fields.join(", ")}}`);
  arrayArg(o.models, "input.models", fn).forEach((m, i) => {
    if (typeof m !== "string") reject("type", fn, "input.models", "model names", m, {row: i});
  });
  for (const field of fields) {
    arrayArg(o[field], `input.${field}`, fn).forEach((row, i) => {
      if (!isList(row)) reject("type", fn, `input.${field}`, "one list of numbers per model", row, {row: i});
      numbersArg(row, `input.${field}`, fn);
    });
  }
}
