import {checkLimit, enumArg, optionsArg, seedArg, show} from "../core/check.js";
import {confidenceArg, repsArg} from "../bootstrap/checks.js";
import {BenchstatsError} from "../core/errors.js";
import {createRandom} from "../core/random.js";
import {percentileInterval} from "../bootstrap/percentile.js";
import {REPS} from "../bootstrap/reps.js";
import {kendallTau, type KendallVariant} from "./kendall.js";
import {completePairs} from "./paired.js";
import {pearson} from "./pearson.js";
import {spearman} from "./spearman.js";

/** A correlation name or any function of two paired samples returning a number. */
export type CorrelationStatistic = "kendall" | "spearman" | "pearson" | ((x: Float64Array, y: Float64Array) => number);

export interface CorrelationIntervalOptions {
  statistic?: CorrelationStatistic;
  /** Kendall variant when `statistic` is "kendall" (default "b"). */
  variant?: KendallVariant;
  /** Bootstrap replicates (default `REPS.correlation` = 2000). */
  reps?: number;
  /** Two-sided confidence level (default 0.95). */
  confidence?: number;
  /** Seed of the resampling (default 0). */
  seed?: number;
}

export interface CorrelationInterval {
  point: number;
  lower: number;
  upper: number;
  /** Replicates used; replicates where the statistic is undefined (e.g. a constant resample) are dropped. */
  reps: number;
  /** Replicates dropped because the statistic was NaN on that resample. */
  undefinedReps: number;
  n: number;
}

/**
 * Percentile bootstrap confidence interval of a correlation over the paired observations: resample
 * the n complete (x, y) pairs with replacement `reps` times, compute the statistic on each resample,
 * and report the (1 − c)/2 and (1 + c)/2 quantiles (numpy type-7 interpolation, as
 * `scipy.stats.bootstrap(method="percentile")`). Seeded: same inputs + seed → same interval.
 * Resamples on which the statistic is undefined (all pairs tied) are dropped and counted. Caps: `reps`
 * at `LIMITS.reps`, and reps × pairs at `LIMITS.draws` (each replicate recomputes the correlation).
 *
 * @example correlationInterval(x, y, {statistic: "kendall", reps: 2000, seed: 1}); // {point, lower, upper, …}
 */
export function correlationInterval(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: CorrelationIntervalOptions = {}
): CorrelationInterval {
  const fn = "correlationInterval";
  const {statistic = "kendall", variant = "b", reps = REPS.correlation, confidence = 0.95, seed = 0} = optionsArg(options, fn);
  repsArg(reps, fn);
  confidenceArg(confidence, fn);
  seedArg(seed, fn);
  enumArg(variant, "variant", fn, ["a", "b", "c"]);
  const f = statisticFunction(statistic, variant);
  const pairs = completePairs(fn, x, y);
  const n = pairs.x.length;
  if (n < 2) throw new BenchstatsError("empty", `correlationInterval: need at least 2 complete pairs, got ${n}`);
  checkLimit(reps * n, "draws", "reps", fn, "the pairs drawn (reps × pairs)");
  const point = checked(f(pairs.x, pairs.y), "the data");
  if (Number.isNaN(point)) throw new BenchstatsError("degenerate", `${fn}: the statistic is undefined (NaN) on the data itself (constant x or y?)`);
  const rng = createRandom(seed);
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  const values = new Float64Array(reps);
  let kept = 0;
  for (let r = 0; r < reps; ++r) {
    for (let i = 0; i < n; ++i) {
      const j = rng.int(n);
      bx[i] = pairs.x[j];
      by[i] = pairs.y[j];
    }
    const v = checked(f(bx, by), "a resample");
    if (!Number.isNaN(v)) values[kept++] = v;
  }
  if (kept === 0) throw new BenchstatsError("degenerate", "correlationInterval: the statistic is undefined on every resample (constant data)");
  const used = values.subarray(0, kept);
  const [lower, upper] = percentileInterval(used, confidence);
  return {point, lower, upper, reps: kept, undefinedReps: reps - kept, n};
}

/** A statistic's value: a number, NaN allowed (an undefined resample, dropped), ±Infinity not. */
function checked(v: unknown, where: string): number {
  if (typeof v !== "number" || v === Infinity || v === -Infinity) {
    throw new BenchstatsError("statistic", `correlationInterval: the statistic returned ${show(v)} on ${where}; expected a finite number (NaN where undefined)`, {field: "statistic"});
  }
  return v;
}

function statisticFunction(statistic: CorrelationStatistic, variant: KendallVariant): (x: Float64Array, y: Float64Array) => number {
  if (typeof statistic === "function") return statistic;
  if (statistic === "kendall") return (x, y) => kendallTau(x, y, {variant}).tau;
  if (statistic === "spearman") return (x, y) => spearman(x, y).rho;
  if (statistic === "pearson") return (x, y) => pearson(x, y).r;
  throw new BenchstatsError("option", `correlationInterval: unknown statistic ${JSON.stringify(statistic)}`);
}
