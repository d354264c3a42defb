// `benchstats profile`: performance profiles (score distributions) with bootstrap confidence bands.
import {REPS} from "../../lib/bootstrap/index.js";
import {averageScoreDistributionAt, intervalEstimates, scoreDistributionAt, type IntervalMethod} from "../../lib/index.js";
import {DEFAULT_INTERVAL_METHOD, INTERVAL_METHODS} from "../../lib/engine.js";
import {choiceOption, intOption, numberListOption, numberOption, seedOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import type {OutputRow} from "../output.js";
import {loadScoreMatrices, scaleWarning, RUNS_HELP, RUNS_OPTIONS} from "../runs-input.js";

export const profile: Command = {
  name: "profile",
  summary: "performance profiles: fraction of runs (or tasks) scoring above τ, with bootstrap bands",
  help: `Usage: benchstats profile <runs...> [--taus a:b:n | t1,t2,…] [--average] [--reps N] [--seed S]

rliable's score distribution: for each τ, the fraction of all runs × tasks scores > τ (strict), or
with --average the fraction of tasks whose mean over runs is > τ; bands from the stratified bootstrap.

  --taus T          τ values: a:b:n (n evenly spaced from a to b) or a comma list
                    (default: 101 values from min(0, lowest score) to the highest score)
  --average         average score distribution (per-task means) instead of run scores
  --method M        ${INTERVAL_METHODS.join(", ")} (default ${DEFAULT_INTERVAL_METHOD}; percentile is rliable's)
  --reps N          bootstrap replicates (default ${REPS.curves}, as rliable's create_performance_profile)
  --confidence C    band level (default 0.95)

${RUNS_HELP}

Output: one row per algorithm and τ: algorithm, tau, point, lower, upper.`,
  options: {
    taus: {type: "string"},
    average: {type: "boolean"},
    method: {type: "string"},
    reps: {type: "string"},
    confidence: {type: "string"},
    ...RUNS_OPTIONS
  },
  async run({values, positionals, progress, note}) {
    if (!positionals.length) throw new UsageError("profile needs at least one runs file");
    const method: IntervalMethod = choiceOption(values, "method", INTERVAL_METHODS, DEFAULT_INTERVAL_METHOD);
    const reps = intOption(values, "reps", REPS.curves, 2);
    const {tasks, algorithms, matrices} = await loadScoreMatrices(positionals, values);
    const scales = scaleWarning({tasks, algorithms, matrices}, values);
    if (scales) note(`warning: ${scales}`);
    let taus = numberListOption(values, "taus");
    if (!taus) {
      let hi = -Infinity;
      let lo = 0;
      for (const m of Object.values(matrices)) for (const row of m) for (const v of row) if (!Number.isNaN(v)) (hi = Math.max(hi, v)), (lo = Math.min(lo, v));
      taus = Array.from({length: 101}, (_, i) => lo + ((hi - lo) * i) / 100);
    }
    note(`${algorithms.length} algorithm(s) × ${tasks.length} task(s), ${taus.length} τ values, ${reps} replicates`);
    const bar = progress("bootstrap");
    const statistic = values.average ? averageScoreDistributionAt(taus) : scoreDistributionAt(taus);
    const result = intervalEstimates(matrices, statistic, {
      reps,
      method,
      confidence: numberOption(values, "confidence", 0.95, 0, 1),
      seed: seedOption(values),
      onProgress: bar.update,
      onWarning: (message, key) => note(`warning (${key}): ${message}`)
    });
    bar.end();
    const rows: OutputRow[] = [];
    for (const algorithm of algorithms) {
      const e = result[algorithm];
      taus.forEach((tau, k) => rows.push({algorithm, tau, point: e.point[k], lower: e.lower[k], upper: e.upper[k]}));
    }
    return rows;
  }
};
