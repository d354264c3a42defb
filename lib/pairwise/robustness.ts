import {arrayArg, checkLimit, enumArg, intArg, numberArg, optionsArg, rowsArg, seedArg} from "../core/check.js";
import {compareText} from "../core/order.js";
import {BenchstatsError} from "../core/errors.js";
import {createRandom} from "../core/random.js";
import {bradleyTerryFit} from "./bradley-terry.js";
import {kendallTau} from "../correlation/kendall.js";
import {onlineElo} from "./online-elo.js";
import {plackettLuce} from "./plackett-luce.js";
import {type SampleRow, type SamplesTable, groupSamples, sampleKey, samplesColumns, samplesToTop1} from "./samples.js";
import {type ColumnarTable, type LabelColumn, maskRows} from "../core/columns.js";
import {samplesToBattleColumns} from "./battle-columns.js";

export type RankingMethod = "plackettLuce" | "bradleyTerry" | "elo";

export interface RobustnessOptions {
  /** Fractions of measurements to drop. Default ONEBench's linspace(0, 0.9, 10). */
  fractions?: readonly number[];
  /** Repeats per fraction (default 3, as ONEBench). */
  repeats?: number;
  seed?: number;
  /** Aggregators to compare (default ["plackettLuce"]; ONEBench also plots "bradleyTerry" and "elo"). */
  methods?: readonly RankingMethod[];
  /** Plackett–Luce α (default 0.01, ONEBench's default). */
  alpha?: number;
  /**
   * Ground truth: `mean` (default; mean score per model on all data, ONEBench's
   * `compute_accuracy_ranking`) or `full` (the same method fitted on all data). A list (e.g.
   * `["full", "mean"]`) compares each refit with every listed reference: runs and summary rows then
   * carry `reference`, and the fits are shared (half the work of one study per reference).
   */
  reference?: "mean" | "full" | readonly ("mean" | "full")[];
  /** Drop single measurements (default, ONEBench's robustness figure) or whole samples (its top-k study). */
  unit?: "measurement" | "sample";
}

export interface RobustnessRun {
  method: RankingMethod;
  fraction: number;
  repeat: number;
  /** Kendall τ-b between the reference scores and the scores fitted on the kept data (models in both). */
  tau: number;
  /** Models still measured after dropping. */
  models: number;
  /** Set when the fit failed (e.g. identifiability of an unregularised BT fit); tau is then NaN. */
  error?: string;
  /** The reference tau is measured against, when `options.reference` is a list. */
  reference?: "mean" | "full";
}

/**
 * Missing-data robustness study (ONEBench, Ghosh et al. 2025, `analysis/vlm_robustness.py`): for
 * each fraction f and repeat, drop a uniformly random f of the measurements (rows of the long
 * `samples` table, seeded), rank the models from what is left, and report Kendall τ against the
 * ranking on full data. Defaults reproduce ONEBench's protocol: f ∈ {0, 0.1, …, 0.9}, 3 repeats,
 * reference = mean score on full data, Plackett–Luce top-1 conversion with α = 0.01; `bradleyTerry`
 * uses ONEBench's `to_pairwise` battles (ties half) and `elo` online Elo (k = 4) on the same battles.
 * Differences: ONEBench draws with polars' own RNG; we use `createRandom(seed, stream)` over the rows in a
 * canonical order (by sample key, then model), so numbers agree with ONEBench's in distribution, not draw
 * for draw, and do not depend on the order of the rows. fractions × repeats is capped at
 * `LIMITS.experiments` (each is a refit); a fraction whose every repeat failed has NaN mean, sd, min
 * and max, and `failed` says so.
 *
 * @example
 * const {summary} = missingDataRobustness(samples, {fractions: [0, 0.5, 0.9], seed: 1});
 * // [{method: "plackettLuce", fraction: 0, mean: τ, sd, …}, …]
 */
export function missingDataRobustness(
  rows: readonly SampleRow[],
  options: RobustnessOptions = {},
): {
  reference: {model: string; score: number}[];
  runs: RobustnessRun[];
  summary: {method: RankingMethod; fraction: number; mean: number; sd: number; min: number; max: number; failed: number; reference?: "mean" | "full"}[];
} {
  const fn = "missingDataRobustness";
  options = optionsArg(options, fn);
  const fractions = options.fractions ?? Array.from({length: 10}, (_, i) => i / 10);
  const repeats = options.repeats ?? 3;
  const seed = seedArg(options.seed ?? 0, fn);
  const methods = options.methods ?? ["plackettLuce"];
  const alpha = numberArg(options.alpha ?? 0.01, "alpha", fn, {min: 0});
  const listed = Array.isArray(options.reference);
  const referenceKinds: readonly ("mean" | "full")[] = listed
    ? arrayArg(options.reference as readonly ("mean" | "full")[], "reference", fn, {minLength: 1})
    : [(options.reference as "mean" | "full" | undefined) ?? "mean"];
  for (const kind of referenceKinds) enumArg(kind, "reference", fn, ["mean", "full"]);
  const unit = options.unit ?? "measurement";
  arrayArg(fractions, "fractions", fn, {minLength: 1});
  for (const f of fractions) {
    if (!(f >= 0 && f < 1)) throw new BenchstatsError("option", `missingDataRobustness: fractions must be in [0, 1), got ${f}`, {field: "fractions"});
  }
  intArg(repeats, "repeats", fn, {min: 1, limit: "experiments"});
  checkLimit(fractions.length * repeats, "experiments", "repeats", fn, "the refits (fractions × repeats)");
  for (const m of arrayArg(methods, "methods", fn, {minLength: 1})) enumArg(m, "methods", fn, ["plackettLuce", "bradleyTerry", "elo"]);
  enumArg(unit, "unit", fn, ["measurement", "sample"]);
  rowsArg(rows, "rows", fn);
  // Rows in a canonical order (by sample, then model) before any are dropped, so that which rows a seed
  // drops does not depend on the order they came in.
  const measured = rows
    .filter((r) => r.value !== null && r.value !== undefined && !Number.isNaN(r.value))
    .map((r) => ({row: r, key: sampleKey(r)}));
  const grouped = groupSamples(measured.map((m) => m.row)); // validates every row once
  measured.sort((p, q) => compareText(p.key, q.key) || compareText(String(p.row.model), String(q.row.model)));
  const sampleIds = measured.map((m) => m.key);
  const models = grouped.models;
  if (models.length < 2) throw new BenchstatsError("shape", "missingDataRobustness: need at least 2 models");

  // `battles`: the kept rows' pairwise battles when another method of the same run already built them.
  const scoresFor = (method: RankingMethod, kept: SamplesTable, cache: {battles?: ColumnarTable} = {}): Float64Array => {
    const out = new Float64Array(models.length).fill(NaN);
    if (method === "plackettLuce") {
      const choices = samplesToTop1(kept);
      const {params} = plackettLuce({nItems: choices.nItems, top1: choices.top1}, {alpha, names: choices.models});
      choices.models.forEach((m, i) => (out[models.indexOf(m)] = params[i]));
    } else {
      const battles = (cache.battles ??= samplesToBattleColumns(kept));
      const ratings = method === "elo" ? onlineElo(battles) : bradleyTerryFit(battles, {reps: 0}).ratings;
      for (const r of ratings) out[models.indexOf(r.model)] = r.rating;
    }
    return out;
  };
  const meanScores = new Float64Array(models.length);
  const counts = new Float64Array(models.length);
  for (let k = 0; k < grouped.model.length; ++k) {
    meanScores[grouped.model[k]] += grouped.value[k];
    counts[grouped.model[k]]++;
  }
  for (let i = 0; i < models.length; ++i) meanScores[i] /= counts[i];
  // The measured rows as columns once; each run regroups a masked copy of them (same groups, same order).
  const table = samplesColumns(measured.map((m) => m.row));
  const modelCodes = (table.columns.model as LabelColumn).codes;
  const references = new Map<string, Float64Array>();
  for (const kind of referenceKinds) for (const method of methods) references.set(`${kind}/${method}`, kind === "mean" ? meanScores : scoresFor(method, table));
  const tag = (kind: "mean" | "full") => (listed ? {reference: kind} : {});

  const distinctSamples = [...new Set(sampleIds)];
  const runs: RobustnessRun[] = [];
  fractions.forEach((fraction, fi) => {
    for (let repeat = 0; repeat < repeats; ++repeat) {
      const rng = createRandom(seed, fi * repeats + repeat);
      let rowMask: Uint8Array;
      if (unit === "measurement") rowMask = keepMask(measured.length, fraction, rng);
      else {
        const mask = keepMask(distinctSamples.length, fraction, rng);
        const keep = new Set(distinctSamples.filter((_, i) => mask[i]));
        rowMask = Uint8Array.from(sampleIds, (id) => (keep.has(id) ? 1 : 0));
      }
      const kept = maskRows(table, rowMask);
      const present = new Set(modelCodes.filter((_, i) => rowMask[i] === 1)).size;
      const cache = {};
      for (const method of methods) {
        try {
          const scores = scoresFor(method, kept, cache);
          for (const kind of referenceKinds) {
            runs.push({method, fraction, repeat, tau: kendallTau(references.get(`${kind}/${method}`)!, scores).tau, models: present, ...tag(kind)});
          }
        } catch (error) {
          if (!(error instanceof BenchstatsError)) throw error;
          for (const kind of referenceKinds) runs.push({method, fraction, repeat, tau: NaN, models: present, error: error.message, ...tag(kind)});
        }
      }
    }
  });
  const summary = referenceKinds.flatMap((kind) => methods.flatMap((method) =>
    fractions.map((fraction) => {
      const taus = runs
        .filter((r) => r.method === method && r.fraction === fraction && (!listed || r.reference === kind) && !Number.isNaN(r.tau))
        .map((r) => r.tau);
      const mean = taus.reduce((s, t) => s + t, 0) / taus.length;
      // numpy.std (ddof = 0), as ONEBench's shaded band.
      const sd = Math.sqrt(taus.reduce((s, t) => s + (t - mean) ** 2, 0) / taus.length);
      let min = Infinity;
      let max = -Infinity;
      for (const t of taus) (min = Math.min(min, t)), (max = Math.max(max, t));
      return {method, fraction, mean, sd, min: taus.length ? min : NaN, max: taus.length ? max : NaN, failed: repeats - taus.length, ...tag(kind)};
    }),
  ));
  return {reference: models.map((model, i) => ({model, score: references.get(`${referenceKinds[0]}/${methods[0]}`)![i]})), runs, summary};
}

/** A uniformly random subset of round((1 − fraction)·n) of n positions (partial Fisher–Yates). */
function keepMask(n: number, fraction: number, rng: ReturnType<typeof createRandom>): Uint8Array {
  const keep = Math.round((1 - fraction) * n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; ++i) order[i] = i;
  for (let i = 0; i < keep; ++i) {
    const j = i + rng.int(n - i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const mask = new Uint8Array(n);
  for (let i = 0; i < keep; ++i) mask[order[i]] = 1;
  return mask;
}
