import {checkLimit, numberArg, objectArg, optionsArg, seedArg, stringArg} from "../core/check.js";
import {confidenceArg, repsArg} from "../bootstrap/checks.js";
import {REPS} from "../bootstrap/reps.js";
import {BenchstatsError} from "../core/errors.js";
import {createRandom} from "../core/random.js";
import {ciRanks} from "../bootstrap/ci-ranks.js";
import {percentileInterval, replicateStandardError} from "../bootstrap/percentile.js";
import {aliasTable, multinomialCounts} from "./alias-table.js";
import {type BattlesTable, type Covariate, type TieHandling, battleDesign} from "./battles.js";
import {fitLogistic} from "./logistic-fit.js";
import {fitTieModel} from "./tie-models.js";

export interface BradleyTerryOptions {
  /** Elo scale: rating difference giving odds `base` : 1. Default 400. */
  scale?: number;
  /** Default 10. */
  base?: number;
  /** Mean rating when no anchor is given. Default 1000. */
  init?: number;
  /** Fix one model's rating instead of the mean (FastChat anchors mixtral-8x7b-instruct-v0.1 at 1114). */
  anchor?: {model: string; rating: number};
  /**
   * Ties: `half` (default, half a win each way as FastChat), `drop`, or a model with a tie outcome:
   * `davidson` (Davidson 1970, tie parameter ν) or `rao-kupper` (Rao & Kupper 1967, threshold θ ≥ 1).
   */
  ties?: TieHandling;
  /** Bootstrap replicates for the intervals (default `REPS.bradleyTerry` = 100, FastChat's; 0 = no intervals, lower = upper = rating). */
  reps?: number;
  seed?: number;
  /** Interval coverage (default 0.95: the 2.5% and 97.5% bootstrap quantiles, as FastChat). */
  confidence?: number;
  /** L2 penalty (α/2)‖θ‖² on natural-log strengths; needed when the graph is not strongly connected. Default 0. */
  alpha?: number;
  /** Style / length control regressors (Arena-Hard style control); ratings then hold style fixed. */
  covariates?: readonly Covariate[];
}

export interface BradleyTerryRating {
  model: string;
  rating: number;
  lower: number;
  upper: number;
  /** Position by rating (1 = best; equal ratings ordered by model name), not a competition rank. */
  rank: number;
  /** CI-aware rank (`ciRanks`): 1 + number of models whose lower bound exceeds this model's upper bound (FastChat). */
  ciRank: number;
  /** Bootstrap standard deviation of the rating (NaN when reps = 0). */
  se: number;
  /** Battles this model took part in. */
  battles: number;
}

export interface BradleyTerryFit {
  /** One row per model, best first. */
  ratings: BradleyTerryRating[];
  /** Covariate effects on the Elo scale per standard deviation of the (transformed) feature. */
  coefficients: {name: string; estimate: number; lower: number; upper: number; mean: number; sd: number}[];
  logLik: number;
  /**
   * The tie model's parameter and its bootstrap interval (only for `ties: "davidson" | "rao-kupper"`):
   * Davidson's ν (P(tie) = ν/(2 + ν) between equal models) or Rao–Kupper's θ (P(tie) = (θ − 1)/(θ + 1)).
   */
  tie?: {model: "davidson" | "rao-kupper"; name: "nu" | "theta"; estimate: number; lower: number; upper: number; tieProbabilityEqual: number};
  /** Replicates used, and those skipped because the resampled graph was not identifiable. */
  bootstrap: {reps: number; failed: number; confidence: number};
}

/**
 * Bradley–Terry ratings on the Elo scale with bootstrap intervals — FastChat's `compute_mle_elo`
 * + `compute_bootstrap_elo` and Arena-Hard's style control.
 *
 * Model: P(a beats b) = 1 / (1 + base^(−(R_a − R_b + γ·z)/scale)), z = standardised covariate
 * differences (none by default). The MLE is computed by Newton's method on battles merged into
 * distinct (a, b, outcome) rows; it equals the unpenalised logistic regression FastChat fits
 * (`LogisticRegression(fit_intercept=False, penalty=None)` on ±log(base) columns with ties counted
 * half each way, arena-hard-auto#22) — our tests check this against an independent IRLS fit.
 * Ratings are R = scale·θ/ln(base) + c, with c making the mean `init` or the anchor model's rating
 * `anchor.rating`. Intervals: `reps` bootstrap replicates that resample battles with replacement,
 * drawn as multinomial counts over the distinct rows (FastChat PR #3523), each refitted, centred or
 * anchored the same way, and summarised by the percentile interval. An anchor removes that model's
 * own uncertainty and widens the others' (FastChat#3377).
 *
 * Ties: by default a tie is half a win each way (FastChat). `ties: "davidson"` fits Davidson's (1970)
 * model P(a) = π_a/(π_a + π_b + ν√(π_a π_b)), P(tie) = ν√(π_a π_b)/(…); `ties: "rao-kupper"` fits
 * Rao & Kupper's (1967) P(a) = π_a/(π_a + θ π_b), P(tie) = (θ² − 1)π_a π_b/((π_a + θπ_b)(θπ_a + π_b)).
 * Both fit the tie parameter jointly with the strengths (`fit.tie`, with a bootstrap interval) and
 * match an independent scipy fit to 1e-6 (test/fixtures/pairwise/tie-models.json). Battles without a
 * tie, or with nothing but ties, throw `degenerate` (the tie parameter would sit at its bound).
 * Order of the rows: the battles are put in one canonical order first (see battleDesign), so the ratings and,
 * at a fixed seed, the intervals are the same for any order of the rows, and for the rows pre-aggregated
 * into weighted counts. Caps: `reps` ≤ `LIMITS.reps`, and reps × distinct (a, b, outcome) rows ≤
 * `LIMITS.draws` (each replicate is a refit). scale > 0, base > 1, init and the anchor's rating finite.
 *
 * Identifiability: with alpha = 0 the win graph must be strongly connected, otherwise this throws
 * (code `identifiability`) naming undefeated / winless models; resampled graphs that lose strong
 * connectivity are skipped and counted in `bootstrap.failed`.
 *
 * @example
 * bradleyTerryFit([
 *   {model_a: "x", model_b: "y", winner: "a"}, {model_a: "x", model_b: "y", winner: "b"},
 *   {model_a: "y", model_b: "z", winner: "a"}, {model_a: "z", model_b: "x", winner: "tie"},
 * ], {reps: 200, seed: 1}).ratings;
 */
export function bradleyTerryFit(battles: BattlesTable, options: BradleyTerryOptions = {}): BradleyTerryFit {
  const fn = "bradleyTerry";
  options = optionsArg(options, fn);
  const scale = numberArg(options.scale ?? 400, "scale", fn, {above: 0});
  const base = numberArg(options.base ?? 10, "base", fn, {above: 1});
  const init = numberArg(options.init ?? 1000, "init", fn);
  const reps = repsArg(options.reps ?? REPS.bradleyTerry, fn, {min: 0});
  const seed = seedArg(options.seed ?? 0, fn);
  const confidence = confidenceArg(options.confidence ?? 0.95, fn);
  const alpha = numberArg(options.alpha ?? 0, "alpha", fn, {min: 0});
  if (options.anchor !== undefined) {
    objectArg(options.anchor, "anchor", fn, "{model, rating}", "option");
    stringArg(options.anchor.model, "anchor.model", fn, {code: "option"});
    // A NaN anchor would shift every rating to NaN.
    numberArg(options.anchor.rating, "anchor.rating", fn);
  }
  const design = battleDesign(battles, {ties: options.ties, covariates: options.covariates});
  // Every replicate refits the model on resampled battles: count each refit as resampling every row.
  checkLimit(reps * Math.max(1, design.a.length), "draws", "reps", fn, "the battle rows refitted (reps × distinct rows)");
  const n = design.models.length;
  const k = design.covariates.length;
  if (n < 2) throw new BenchstatsError("shape", `bradleyTerry: need battles between at least 2 models, got ${n}`);
  let anchorIndex = -1;
  if (options.anchor) {
    anchorIndex = design.models.indexOf(options.anchor.model);
    if (anchorIndex < 0) throw new BenchstatsError("range", `bradleyTerry: anchor model ${JSON.stringify(options.anchor.model)} has no battles`, {field: "anchor"});
  }
  const factor = scale / Math.log(base);
  const toRatings = (x: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; ++i) out[i] = factor * x[i];
    const shift = anchorIndex >= 0 ? options.anchor!.rating - out[anchorIndex] : init;
    for (let i = 0; i < n; ++i) out[i] += shift;
    return out;
  };

  const ties = options.ties ?? "half";
  const tieModel = ties === "davidson" || ties === "rao-kupper" ? ties : undefined;
  const fitOnce = (weight: Float64Array, start?: Float64Array): {x: Float64Array; logLik: number} =>
    tieModel ? fitTieModel(design, weight, tieModel, alpha, start) : fitLogistic(design, weight, alpha, start);
  const fit = fitOnce(design.weight);
  const rating = toRatings(fit.x);

  const slots = n + k + (tieModel ? 1 : 0);
  const samples = Array.from({length: slots}, () => new Float64Array(reps));
  let used = 0;
  let failed = 0;
  if (reps > 0) {
    const table = aliasTable(design.weight);
    let total = 0;
    for (let r = 0; r < design.weight.length; ++r) total += design.weight[r];
    const draws = Math.round(total);
    const counts = new Float64Array(design.weight.length);
    const rng = createRandom(seed, 0);
    for (let rep = 0; rep < reps; ++rep) {
      multinomialCounts(table, draws, rng, counts);
      let x: Float64Array;
      try {
        x = fitOnce(counts, fit.x).x;
      } catch (error) {
        if (error instanceof BenchstatsError && (error.code === "identifiability" || error.code === "convergence")) {
          failed++;
          continue;
        }
        throw error;
      }
      const ratings = toRatings(x);
      for (let i = 0; i < n; ++i) samples[i][used] = ratings[i];
      for (let c = 0; c < k; ++c) samples[n + c][used] = factor * x[n + c];
      if (tieModel) samples[n + k][used] = Math.exp(x[n + k]);
      used++;
    }
  }
  const interval = (values: Float64Array, point: number): [number, number, number] => {
    if (used === 0) return [point, point, NaN];
    const sorted = values.slice(0, used).sort();
    return [...percentileInterval(sorted, confidence, {sorted: true}), replicateStandardError(sorted)];
  };
  const rows: BradleyTerryRating[] = design.models.map((model, i) => {
    const [lower, upper, se] = interval(samples[i], rating[i]);
    return {model, rating: rating[i], lower, upper, rank: 0, ciRank: 0, se, battles: design.count[i]};
  });
  rows.sort((p, q) => q.rating - p.rating || (p.model < q.model ? -1 : 1));
  const ci = ciRanks(rows);
  rows.forEach((row, i) => {
    row.rank = i + 1;
    row.ciRank = ci[i];
  });
  const coefficients = design.covariates.map((cov, c) => {
    const estimate = factor * fit.x[n + c];
    const [lower, upper] = interval(samples[n + c], estimate);
    return {name: cov.name, estimate, lower, upper, mean: cov.mean, sd: cov.sd};
  });
  const result: BradleyTerryFit = {ratings: rows, coefficients, logLik: fit.logLik, bootstrap: {reps: used, failed, confidence}};
  if (tieModel) result.tie = tieSummary(tieModel, Math.exp(fit.x[n + k]), interval(samples[n + k], Math.exp(fit.x[n + k])));
  return result;
}

function tieSummary(model: "davidson" | "rao-kupper", estimate: number, [lower, upper]: [number, number, number]): NonNullable<BradleyTerryFit["tie"]> {
  const tieProbabilityEqual = model === "davidson" ? estimate / (2 + estimate) : (estimate - 1) / (estimate + 1);
  return {model, name: model === "davidson" ? "nu" : "theta", estimate, lower, upper, tieProbabilityEqual};
}

/**
 * Bradley–Terry ratings with intervals: `bradleyTerryFit(battles, options).ratings`, i.e.
 * `[{model, rating, lower, upper, rank, ciRank, se, battles}]`, best first (docs/design.md shape).
 *
 * @example
 * bradleyTerry(battles, {reps: 1000, seed: 42, anchor: {model: "gpt-4", rating: 1200}});
 */
export function bradleyTerry(battles: BattlesTable, options: BradleyTerryOptions = {}): BradleyTerryRating[] {
  return bradleyTerryFit(battles, options).ratings;
}
