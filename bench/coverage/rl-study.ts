/**
 * The "rl" part of the coverage study: empirical coverage of the stratified-bootstrap intervals of
 * `intervalEstimates` for IQM, mean, median, optimality gap and probability of improvement on simulated
 * runs × tasks experiments with known truth (bench/coverage/simulate.ts).
 *
 * Every interval method turns the same replicates into endpoints, so one bootstrap per simulated
 * experiment serves all methods (`finishIntervalEstimates` once per method); "expanded-pooled" is the
 * expanded interval with every stratum weighted equally (ν = Σ(n − 1)), a study-only variant measured
 * against the library's variance-weighted one; "expanded-k" keeps only the variance factor √(n/(n − 1))
 * (normal quantile, pooled strata), "expanded-t" only the Student-t part (the library's weighted ν,
 * `expandedTails(…, 0)`) and "expanded-half" half the factor (`expandedTails(…, 0.5)`); "studentized" is the
 * library's bootstrap-t, falling back to "expanded" where it is undefined as the default method `auto` does
 * (the cell's `fallbacks`); "expanded-debiased" moves the expanded interval by twice the bootstrap's bias
 * estimate.
 */
import {
  aggregateIqm,
  aggregateMean,
  aggregateMedian,
  aggregateOptimalityGap,
  BenchstatsError,
  bootstrapInterval,
  createRandom,
  probabilityOfImprovement
} from "../../lib/index.js";
import {
  blockCount,
  expandedTail,
  finishIntervalEstimates,
  planIntervalEstimates,
  runBootstrapBlock,
  normalCdf,
  normalQuantile,
  storeBlock,
  type BootstrapPlan
} from "../../lib/engine.js";
import {expandedTails} from "../../lib/rl/strata.js";
import {makeScenario, sampleMatrix, trueIqm, trueMean, trueMedian, trueOptimalityGap, trueProbabilityOfImprovement, type Family} from "./simulate.js";

export const RL_METHODS = ["percentile", "bca", "basic", "expanded", "expanded-pooled", "expanded-debiased", "expanded-k", "expanded-t", "expanded-half", "studentized"] as const;
export const RL_STATISTICS = ["IQM", "mean", "median", "optimality gap", "P(X > Y)"] as const;
export type RlMethod = (typeof RL_METHODS)[number];
export type RlStatistic = (typeof RL_STATISTICS)[number];

export interface RlCell {
  family: Family;
  tasks: number;
  runs: number;
  statistic: RlStatistic;
  method: RlMethod;
  truth: number;
  /** Experiments whose interval could be computed (BCa can be undefined on degenerate resamples). */
  datasets: number;
  failures: number;
  /** Experiments where "studentized" was undefined and the expanded interval stood in (as `auto` does). */
  fallbacks: number;
  coverage: number;
  /** Monte-Carlo standard error of `coverage`: √(c(1 − c)/datasets). */
  mcse: number;
  /** Share of experiments whose interval lies entirely above / below the truth. */
  missHigh: number;
  missLow: number;
  meanWidth: number;
  /** Mean point estimate minus truth (the estimator's bias at this run count). */
  bias: number;
  /** Mean of the bootstrap's own bias estimate mean(θ*) − θ̂ (the same for every method of a cell). */
  bootstrapBias: number;
}

export interface RlSettings {
  datasets: number;
  reps: number;
  confidence: number;
  seed: number;
  families: Family[];
  tasks: number[];
  runs: number[];
}

type Interval = {point: number; lower: number; upper: number};

/** Replicates of every entry of a plan, on this thread. */
function replicatesOf(plan: BootstrapPlan): Float64Array[] {
  return plan.entries.map((entry, e) => {
    const out = new Float64Array(entry.outputs * plan.reps);
    for (let b = 0; b < blockCount(plan); ++b) storeBlock(plan, out, e, b, runBootstrapBlock(plan, e, b));
    return out;
  });
}

/**
 * The expanded interval moved by −2b, b = mean(θ*) − θ̂ the bootstrap's bias estimate: the replicates sit
 * around θ̂ + b while θ̂ sits around θ + b.
 */
function debiased(expanded: (Interval | undefined)[], replicates: Float64Array, reps: number): (Interval | undefined)[] {
  return expanded.map((ci, k) => {
    if (!ci) return undefined;
    let mean = 0;
    for (let i = k * reps; i < (k + 1) * reps; ++i) mean += replicates[i];
    const b = mean / reps - ci.point;
    return {point: ci.point, lower: ci.lower - 2 * b, upper: ci.upper - 2 * b};
  });
}

/**
 * The milder expansion: only the bootstrap's variance factor k² = Σ n_s/(n_s − 1) / S over the S strata of
 * two or more runs, no Student t: α′ = Φ(−k · z_{1−α}).
 */
function varianceOnlyTail(confidence: number, sizes: number[]): number {
  const strata = sizes.filter((n) => n >= 2);
  const k = Math.sqrt(strata.reduce((a, n) => a + n / (n - 1), 0) / strata.length);
  return normalCdf(-k * normalQuantile(1 - (1 - confidence) / 2));
}

/** Intervals of one plan's single entry by `method`; undefined where the method is undefined (BCa). */
function finish(plan: BootstrapPlan, replicates: Float64Array[], method: Exclude<RlMethod, "expanded-debiased">, confidence: number): (Interval | undefined)[] {
  const entry = plan.entries[0];
  const guard = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (error) {
      if (error instanceof BenchstatsError && error.code === "degenerate") return undefined;
      throw error;
    }
  };
  if (method === "expanded-pooled" || method === "expanded-k") {
    const sizes = entry.samples.flatMap((s) => Array.from({length: s.tasks}, (_, t) => s.offsets[t + 1] - s.offsets[t]));
    const tail = method === "expanded-pooled" ? expandedTail(confidence, sizes) : varianceOnlyTail(confidence, sizes);
    return entry.point.map((point, k) => {
      const [lower, upper] = bootstrapInterval(replicates[0].subarray(k * plan.reps, (k + 1) * plan.reps), point, {method: "expanded", confidence, expandedTail: tail});
      return {point, lower, upper};
    });
  }
  if (method === "expanded-t" || method === "expanded-half") {
    const tails = expandedTails(plan, 0, confidence, method === "expanded-t" ? 0 : 0.5);
    return entry.point.map((point, k) => {
      const [lower, upper] = bootstrapInterval(replicates[0].subarray(k * plan.reps, (k + 1) * plan.reps), point, {method: "expanded", confidence, expandedTail: tails[k]});
      return {point, lower, upper};
    });
  }
  const all = guard(() => finishIntervalEstimates(plan, replicates, {method, confidence})[entry.key]);
  if (all) return all.point.map((point, k) => ({point, lower: all.lower[k], upper: all.upper[k]}));
  // One output failing must not hide the others: finish them one by one.
  return entry.point.map((_, k) => {
    const one = {...plan, entries: [{...entry, outputs: 1, point: [entry.point[k]]}], statistics: plan.statistics && [plan.statistics[k]], labels: [plan.labels[k]], outputsPerLayer: 1};
    const r = guard(() => finishIntervalEstimates(one, [replicates[0].slice(k * plan.reps, (k + 1) * plan.reps)], {method, confidence})[entry.key]);
    return r && {point: r.point[0], lower: r.lower[0], upper: r.upper[0]};
  });
}

/** Runs the study; `onCell` sees each cell as it is finished. */
export function runRlStudy(settings: RlSettings, onCell: (cell: RlCell) => void = () => {}): RlCell[] {
  const {datasets, reps, confidence, seed, families, tasks, runs} = settings;
  const cells: RlCell[] = [];
  for (const family of families) {
    for (const nTasks of tasks) {
      const scenario = makeScenario(family, nTasks, seed);
      const truth: Record<RlStatistic, number> = {
        IQM: trueIqm(scenario.x),
        mean: trueMean(scenario.x),
        median: trueMedian(scenario.x),
        "optimality gap": trueOptimalityGap(scenario.x),
        "P(X > Y)": trueProbabilityOfImprovement(scenario.x, scenario.y)
      };
      for (const nRuns of runs) {
        const tally = new Map<string, {n: number; fail: number; fallback: number; cover: number; high: number; low: number; width: number; point: number}>();
        const bootstrapBias = new Array<number>(RL_STATISTICS.length).fill(0);
        for (let d = 0; d < datasets; ++d) {
          // One stream per (cell, experiment): results do not depend on the order cells run in.
          const rng = createRandom(seed, (families.indexOf(family) * 1000 + nTasks) * 100000 + nRuns * 10000 + d);
          const x = sampleMatrix(scenario.x, nRuns, rng);
          const y = sampleMatrix(scenario.y, nRuns, rng);
          const options = {reps, confidence, seed: seed + d};
          const aggregates = planIntervalEstimates({x}, [aggregateIqm, aggregateMean, aggregateMedian, aggregateOptimalityGap], options);
          const poi = planIntervalEstimates({xy: [x, y]}, probabilityOfImprovement, options);
          const aggregateReps = replicatesOf(aggregates);
          const poiReps = replicatesOf(poi);
          RL_STATISTICS.forEach((_, s) => {
            const [r, k] = s < 4 ? [aggregateReps[0], s] : [poiReps[0], 0];
            let m = 0;
            for (let i = k * reps; i < (k + 1) * reps; ++i) m += r[i];
            bootstrapBias[s] += (m / reps - (s < 4 ? aggregates.entries[0].point[k] : poi.entries[0].point[0])) / datasets;
          });
          const byMethod = new Map<RlMethod, (Interval | undefined)[]>();
          for (const method of RL_METHODS) {
            const intervals =
              method === "expanded-debiased"
                ? [...debiased(byMethod.get("expanded")!.slice(0, 4), aggregateReps[0], reps), ...debiased(byMethod.get("expanded")!.slice(4), poiReps[0], reps)]
                : [...finish(aggregates, aggregateReps, method, confidence), ...finish(poi, poiReps, method, confidence)];
            byMethod.set(method, intervals);
            RL_STATISTICS.forEach((statistic, s) => {
              const key = `${statistic}|${method}`;
              const t = tally.get(key) ?? {n: 0, fail: 0, fallback: 0, cover: 0, high: 0, low: 0, width: 0, point: 0};
              tally.set(key, t);
              let ci = intervals[s];
              if (!ci && method === "studentized") {
                ++t.fallback;
                ci = byMethod.get("expanded")![s];
              }
              if (!ci) {
                ++t.fail;
                return;
              }
              ++t.n;
              if (ci.lower > truth[statistic]) ++t.high;
              else if (ci.upper < truth[statistic]) ++t.low;
              else ++t.cover;
              t.width += ci.upper - ci.lower;
              t.point += ci.point;
            });
          }
        }
        for (const [s, statistic] of RL_STATISTICS.entries()) {
          for (const method of RL_METHODS) {
            const t = tally.get(`${statistic}|${method}`)!;
            const coverage = t.n ? t.cover / t.n : NaN;
            const cell: RlCell = {
              family,
              tasks: nTasks,
              runs: nRuns,
              statistic,
              method,
              truth: truth[statistic],
              datasets: t.n,
              failures: t.fail,
              fallbacks: t.fallback,
              coverage,
              mcse: t.n ? Math.sqrt((coverage * (1 - coverage)) / t.n) : NaN,
              missHigh: t.n ? t.high / t.n : NaN,
              missLow: t.n ? t.low / t.n : NaN,
              meanWidth: t.n ? t.width / t.n : NaN,
              bias: t.n ? t.point / t.n - truth[statistic] : NaN,
              bootstrapBias: bootstrapBias[s]
            };
            cells.push(cell);
            onCell(cell);
          }
        }
      }
    }
  }
  return cells;
}
