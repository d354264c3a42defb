import type {ColumnarTable} from "../core/columns.js";
import {ExactSum} from "../inference/exact-sum.js";
import {optionsArg} from "../core/check.js";
import {readSeedRuns, type SeedColumns, type SeedRun} from "./seed-scores.js";

export interface SeedVarianceOptions {
  /** Column names (defaults `model`, `benchmark`, `seed`, `score`; a runs table: `{model: "algorithm", benchmark: "task", value: "value"}`). */
  columns?: SeedColumns;
}

/** One model on one benchmark over its seeds. */
export interface SeedVarianceRow {
  benchmark: string;
  model: string;
  /** Seeds with a score. */
  seeds: number;
  /** Mean score over the seeds. */
  mean: number;
  /** Standard deviation over the seeds (n − 1); NaN with a warning for one seed. */
  sd: number;
  warning?: string;
}

/**
 * Seed variance: for each benchmark and model, the standard deviation of the score across training
 * seeds (the same recipe and data, only the seed changed) — the noise floor below which two models'
 * scores on that benchmark cannot be told apart, whatever the item count. The table has one score per
 * (model, benchmark, seed): the final checkpoint of each run. Rows come sorted by benchmark, then model.
 *
 * Reference: L. Madaan, A. K. Singh, R. Schaeffer et al., "Quantifying Variance in Evaluation
 * Benchmarks", arXiv:2406.10229 (2024) (seed variance across training seeds of one model); equal to
 * pandas' `groupby([benchmark, model]).std()` (ddof 1) to 1e-12 on Atari 100k runs.
 *
 * @example
 * seedVariance([{model: "m", benchmark: "b", seed: 1, score: 0.5}, {model: "m", benchmark: "b", seed: 2, score: 0.7}]);
 * // [{benchmark: "b", model: "m", seeds: 2, mean: 0.6, sd: 0.1414}]
 */
export function seedVariance(table: ColumnarTable | readonly object[], options: SeedVarianceOptions = {}): SeedVarianceRow[] {
  const runs = readSeedRuns(table, optionsArg(options, "seedVariance").columns ?? {}, false, "seedVariance");
  const groups = new Map<string, SeedRun[]>();
  for (const run of runs) {
    const key = `${run.benchmark}\u0000${run.model}`;
    groups.get(key)?.push(run) ?? groups.set(key, [run]);
  }
  return [...groups.values()].map((group) => {
    const {mean, sd} = meanAndSd(group.map((run) => run.values[0]));
    const row: SeedVarianceRow = {benchmark: group[0].benchmark, model: group[0].model, seeds: group.length, mean, sd};
    if (group.length < 2) row.warning = "one seed: a seed standard deviation needs at least two";
    return row;
  });
}

/** One benchmark's signal (spread between models) against its noise (spread between seeds). */
export interface SignalToNoiseRow {
  benchmark: string;
  /** Models with at least one seed. */
  models: number;
  /** Standard deviation (n − 1) of the models' seed-mean scores. */
  signal: number;
  /** Pooled seed standard deviation √(mean over models of their seed variances), models with ≥ 2 seeds. */
  noise: number;
  /** signal / noise. */
  ratio: number;
  warning?: string;
}

/**
 * Signal-to-noise of each benchmark: how far apart the models' scores are (signal: the standard
 * deviation of the models' mean scores over seeds) relative to how much one model's score moves with
 * the training seed (noise: the pooled seed standard deviation). A ratio near 1 means re-training one
 * model with another seed moves it as much as switching models; a benchmark worth reporting differences
 * on has a large ratio. Fewer than two models gives NaN signal, and no model with two seeds NaN noise,
 * each with a warning.
 *
 * Reference: Madaan et al., arXiv:2406.10229 (2024) (seed variance against the spread between models);
 * D. Heineman et al., "Signal and Noise: A Framework for Reducing Uncertainty in Language Model
 * Evaluation" (2025), who divide a dispersion of model scores by a checkpoint-noise SD in the same way.
 *
 * @example
 * signalToNoise(finalScores); // [{benchmark: "arc", models: 5, signal: 0.04, noise: 0.01, ratio: 4}, …]
 */
export function signalToNoise(table: ColumnarTable | readonly object[], options: SeedVarianceOptions = {}): SignalToNoiseRow[] {
  const perModel = seedVariance(table, optionsArg(options, "signalToNoise"));
  const byBenchmark = new Map<string, SeedVarianceRow[]>();
  for (const row of perModel) byBenchmark.get(row.benchmark)?.push(row) ?? byBenchmark.set(row.benchmark, [row]);
  return [...byBenchmark.entries()].map(([benchmark, rows]) => {
    const signal = meanAndSd(rows.map((r) => r.mean)).sd;
    const variances = rows.filter((r) => r.seeds >= 2).map((r) => r.sd * r.sd);
    const pooled = new ExactSum();
    for (const v of variances) pooled.add(v);
    const noise = variances.length ? Math.sqrt(pooled.value() / variances.length) : NaN;
    const out: SignalToNoiseRow = {benchmark, models: rows.length, signal, noise, ratio: signal / noise};
    const warnings: string[] = [];
    if (rows.length < 2) warnings.push("one model: no spread between models");
    if (!variances.length) warnings.push("no model has two seeds: no seed noise");
    else if (noise === 0) warnings.push("every model scores the same on every seed: the noise is 0");
    if (warnings.length) out.warning = warnings.join("; ");
    return out;
  });
}

/** Mean and standard deviation (n − 1) with exact sums; sd NaN for one value. */
function meanAndSd(values: readonly number[]): {mean: number; sd: number} {
  const n = values.length;
  const sum = new ExactSum();
  for (const v of values) sum.add(v);
  const mean = sum.value() / n;
  const squares = new ExactSum();
  for (const v of values) squares.add((v - mean) ** 2);
  return {mean, sd: n > 1 ? Math.sqrt(squares.value() / (n - 1)) : NaN};
}
