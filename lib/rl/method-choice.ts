import type {BootstrapIntervalOptions, IntervalMethod} from "../bootstrap/interval.js";
import {BenchstatsError} from "../core/errors.js";
import type {BootstrapPlan} from "./engine/plan.js";
import {specOutputs, type StatisticSpec} from "./engine/statistic-spec.js";
import {expandedTails} from "./strata.js";
import {studentizedStandardErrors} from "./studentized-se.js";

/**
 * What the default method `"auto"` uses for each statistic: `studentized` (bootstrap-t),
 * `expanded` (Hesterberg's expanded percentile), `expanded-half` (the expanded interval with the square
 * root of its variance factor, k^½; see `expandedTail`) or `expanded-t` (only its Student-t part). Chosen by the coverage study
 * (bench/coverage.bench.ts, page "Do the intervals cover?"), per statistic the method whose 95%
 * intervals came closest to 95% with 5–10 runs per task on skewed and bimodal scores:
 * - IQM, mean, optimality gap, median, score distributions and any other statistic: `expanded`.
 *   For the mean of strongly skewed scores the studentized interval came about 2 points closer to 95%
 *   (log-normal scores, 5–10 runs per task: 92.2–93.2% against 90–91%; neither reaches the target, and
 *   the pages flag the mean), but its per-replicate standard errors replay every draw in JavaScript:
 *   on Atari 100k (7 agents × 100 runs × 26 games, 50,000 replicates) the mean's interval took 20.2 s of
 *   CPU studentized against 1.75 s expanded. The default stays fast; ask for `method: "studentized"`
 *   where those 2 points matter.
 *   (The studentized optimality gap covered too often on bimodal scores, where many resamples clip to a
 *   constant; the median is biased with few runs, which no interval method repairs: see the study.)
 * - probability of improvement: `expanded-half`. Its bootstrap variance is shrunk less than a mean's by
 *   the divisor n (a two-sample U-statistic), so the full expansion over-covers (about 97% with 5 runs)
 *   and the percentile under-covers (about 93.5%); half the factor came closest to 95%, closer than
 *   the Student-t part alone (`expanded-t`).
 * `"other"` covers user-defined statistics.
 */
export const AUTO_INTERVAL_METHODS: Readonly<Record<StatisticSpec["kind"] | "other", "studentized" | "expanded" | "expanded-t" | "expanded-half">> = {
  mean: "expanded",
  iqm: "expanded",
  median: "expanded",
  optimalityGap: "expanded",
  scoreDistribution: "expanded",
  averageScoreDistribution: "expanded",
  probabilityOfImprovement: "expanded-half",
  other: "expanded"
};

/** The endpoint options of one output: what {@link bootstrapInterval} gets, and what to use instead when that is degenerate. */
export interface OutputChoice {
  options: BootstrapIntervalOptions;
  fallback?: BootstrapIntervalOptions;
}

/**
 * For one plan entry and interval `method`, the per-output options of {@link bootstrapInterval}: the
 * expanded tails and studentized standard errors each output needs (computed once per entry, only when
 * some output needs them). With `"auto"` each output gets its statistic's method from
 * {@link AUTO_INTERVAL_METHODS}; a studentized output falls back to `expanded` when it has no standard
 * error formula (a user statistic, `taskBootstrap`) or when the bootstrap-t is degenerate (too many
 * resamples with a zero standard error).
 *
 * @example const choose = outputChoices(plan, 0, "auto", 0.95); choose(0).options.method; // "expanded" for aggregateMean
 */
export function outputChoices(plan: BootstrapPlan, e: number, method: IntervalMethod, confidence: number): (k: number) => OutputChoice {
  const perLayer: IntervalMethod[] = [];
  for (const spec of plan.statistics ?? [undefined]) {
    const count = spec ? specOutputs(spec) : plan.outputsPerLayer;
    const m = method === "auto" ? AUTO_INTERVAL_METHODS[spec?.kind ?? "other"] : method;
    for (let j = 0; j < count; ++j) perLayer.push(m as IntervalMethod);
  }
  const methodOf = (k: number) => perLayer[k % plan.outputsPerLayer] as IntervalMethod | "expanded-t" | "expanded-half";
  const all = Array.from({length: plan.entries[e].outputs}, (_, k) => methodOf(k));
  let ses: ReturnType<typeof studentizedStandardErrors> | undefined;
  if (all.includes("studentized")) {
    try {
      // With auto only the statistics it studentizes need standard errors (the IQM's costs a sort per replicate).
      const only = method === "auto" && plan.statistics ? new Set(plan.statistics.filter((s) => AUTO_INTERVAL_METHODS[s.kind] === "studentized").map((s) => s.kind)) : undefined;
      ses = studentizedStandardErrors(plan, e, only);
    } catch (error) {
      if (method !== "auto" || !(error instanceof BenchstatsError && error.code === "option")) throw error;
    }
  }
  const needsTails = all.includes("expanded") || (all.includes("studentized") && method === "auto");
  const tails = needsTails ? expandedTails(plan, e, confidence) : undefined;
  const tailsT = all.includes("expanded-t") ? expandedTails(plan, e, confidence, 0) : undefined;
  const tailsHalf = all.includes("expanded-half") ? expandedTails(plan, e, confidence, 0.5) : undefined;
  return (k) => {
    const m = methodOf(k);
    const expanded: BootstrapIntervalOptions = {method: "expanded", expandedTail: tails?.[k]};
    if (m === "expanded-t") return {options: {method: "expanded", expandedTail: tailsT![k]}};
    if (m === "expanded-half") return {options: {method: "expanded", expandedTail: tailsHalf![k]}};
    if (m === "expanded") return {options: expanded};
    if (m === "studentized") {
      if (!ses) return {options: expanded};
      const options: BootstrapIntervalOptions = {method: "studentized", standardErrors: ses.replicates.subarray(k * plan.reps, (k + 1) * plan.reps), standardError: ses.data[k]};
      return method === "auto" ? {options, fallback: expanded} : {options};
    }
    return {options: {method: m}};
  };
}
