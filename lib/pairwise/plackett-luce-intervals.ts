import {arrayArg, checkLimit, objectArg, optionsArg, reject, seedArg} from "../core/check.js";
import {confidenceArg, repsArg} from "../bootstrap/checks.js";
import {compareText} from "../core/order.js";
import {BenchstatsError} from "../core/errors.js";
import {createRandom} from "../core/random.js";
import {ciRanks} from "../bootstrap/ci-ranks.js";
import {percentileInterval} from "../bootstrap/percentile.js";
import {REPS} from "../bootstrap/reps.js";
import type {Pair, Top1} from "./choice-events.js";
import {type PlackettLuceOptions, plackettLuce} from "./plackett-luce.js";
import type {SampleChoices} from "./samples.js";

/**
 * Plackett–Luce strengths with bootstrap intervals that resample *samples* (items), not choices:
 * the choices one sample yields are dependent (they share the sample's difficulty), so the
 * sample is the unit of resampling — the cluster bootstrap. Each replicate weights every choice by
 * how often its sample was drawn and refits (warm-started); strengths are centred to mean 0 in every
 * replicate; intervals are percentile intervals. Returns rows best first with their position `rank`
 * and CI-aware ranks (`ciRanks` in lib/bootstrap: 1 + number of models whose lower bound exceeds this
 * one's upper bound, as FastChat). Default `reps`: `REPS.plackettLuce`. Samples are
 * drawn by their keys in sorted order, so the intervals do not depend on the order of the sample rows.
 * Caps: `reps` ≤ `LIMITS.reps`, reps × choices ≤ `LIMITS.draws` (every replicate is a refit).
 *
 * @example
 * const choices = samplesToTop1(samples);
 * plackettLuceIntervals(choices, {alpha: 0.01, reps: 200, seed: 1});
 */
export function plackettLuceIntervals(
  choices: SampleChoices & {top1?: readonly Top1[]; pairs?: readonly Pair[]},
  options: PlackettLuceOptions & {reps?: number; seed?: number; confidence?: number} = {},
): {model: string; strength: number; lower: number; upper: number; rank: number; ciRank: number}[] {
  const fn = "plackettLuceIntervals";
  const {reps = REPS.plackettLuce, seed = 0, confidence = 0.95, ...fit} = optionsArg(options, fn);
  repsArg(reps, fn);
  seedArg(seed, fn);
  confidenceArg(confidence, fn);
  objectArg(choices, "choices", fn, "choices from samplesToTop1 or samplesToPairs");
  const data = choices.top1 ? {top1: choices.top1} : choices.pairs ? {pairs: choices.pairs} : null;
  if (!data) throw new BenchstatsError("shape", "plackettLuceIntervals: choices need top1 or pairs (from samplesToTop1 / samplesToPairs)");
  const n = choices.nItems;
  const names = arrayArg<string>(choices.models, "choices.models", fn) as string[];
  const samples = arrayArg<string>(choices.samples, "choices.samples", fn);
  const datums = (data.top1 ?? data.pairs)!.length;
  if (!(choices.sampleOf instanceof Int32Array) || choices.sampleOf.length !== datums || choices.sampleOf.some((s) => s < 0 || s >= samples.length)) {
    reject("shape", fn, "choices.sampleOf", `an Int32Array giving each of the ${datums} choices the index of its sample`, choices.sampleOf);
  }
  // Each replicate is a full refit: count it as resampling every choice.
  checkLimit(reps * datums, "draws", "reps", fn, "the choices refitted (reps × choices)");
  const point = plackettLuce({nItems: n, ...data}, {...fit, names}).params;
  const nSamples = samples.length;
  // Samples drawn by their key in sorted order, so that the draws do not follow the order of the rows.
  const bySorted = Int32Array.from(samples.map((_, s) => s).sort((a, b) => compareText(samples[a], samples[b])));
  const rng = createRandom(seed, 0);
  const drawn = new Float64Array(nSamples);
  const weights = new Float64Array(choices.sampleOf.length);
  const draws = Array.from({length: n}, () => new Float64Array(reps));
  for (let rep = 0; rep < reps; ++rep) {
    drawn.fill(0);
    for (let s = 0; s < nSamples; ++s) drawn[bySorted[rng.int(nSamples)]]++;
    for (let e = 0; e < weights.length; ++e) weights[e] = drawn[choices.sampleOf[e]];
    const {params} = plackettLuce({nItems: n, ...data, weights}, {...fit, names, initialParams: point});
    for (let i = 0; i < n; ++i) draws[i][rep] = params[i];
  }
  const rows = names.map((model, i) => {
    const [lower, upper] = percentileInterval(draws[i].sort(), confidence, {sorted: true});
    return {model, strength: point[i], lower, upper, rank: 0, ciRank: 0};
  });
  rows.sort((p, q) => q.strength - p.strength || compareText(p.model, q.model));
  const ci = ciRanks(rows);
  rows.forEach((row, i) => {
    row.rank = i + 1;
    row.ciRank = ci[i];
  });
  return rows;
}
