// `benchstats interval`: aggregate scores (IQM, mean, median, optimality gap) with stratified-bootstrap intervals.
import {REPS} from "../../lib/bootstrap/index.js";
import {aggregateIqm, aggregateMean, aggregateMedian, intervalEstimates, optimalityGapAt, type IntervalMethod} from "../../lib/index.js";
import {DEFAULT_INTERVAL_METHOD, INTERVAL_METHODS} from "../../lib/engine.js";
import {choiceOption, intOption, listOption, numberOption, seedOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import type {OutputRow} from "../output.js";
import {loadScoreMatrices, scaleWarning, RUNS_HELP, RUNS_OPTIONS} from "../runs-input.js";
import {BenchstatsError} from "../../lib/index.js";

const STATISTICS = ["median", "iqm", "mean", "og"] as const;

export const interval: Command = {
  name: "interval",
  summary: "IQM, mean, median, optimality gap per algorithm with stratified-bootstrap confidence intervals",
  help: `Usage: benchstats interval <runs...> [--statistic median,iqm,mean,og] [--method M] [--reps N] [--seed S]

Interval estimates as rliable's get_interval_estimates: runs are resampled with replacement within each
task (stratified bootstrap), optionally after resampling tasks.

  --statistic L     comma-separated: median, iqm, mean, og (optimality gap) (default: all four)
  --gamma G         threshold of the optimality gap (default 1)
  --method M        ${INTERVAL_METHODS.join(", ")} (default ${DEFAULT_INTERVAL_METHOD}; percentile is rliable's)
  --reps N          bootstrap replicates (default ${REPS.intervalEstimates}, rliable's)
  --confidence C    interval level (default 0.95)
  --task-bootstrap  also resample tasks (intervals then cover task sampling too)

${RUNS_HELP}

Output: one row per algorithm and statistic: algorithm, statistic, point, lower, upper, runs, tasks.`,
  options: {
    statistic: {type: "string"},
    gamma: {type: "string"},
    method: {type: "string"},
    reps: {type: "string"},
    confidence: {type: "string"},
    "task-bootstrap": {type: "boolean"},
    ...RUNS_OPTIONS
  },
  async run({values, positionals, progress, note}) {
    if (!positionals.length) throw new UsageError("interval needs at least one runs file");
    const names = listOption(values, "statistic") ?? [...STATISTICS];
    for (const name of names) {
      if (!(STATISTICS as readonly string[]).includes(name)) {
        throw new BenchstatsError("option", `expected statistics among ${STATISTICS.join(", ")}, got "${name}"`, {field: "--statistic"});
      }
    }
    const gamma = numberOption(values, "gamma", 1);
    const functions = {median: aggregateMedian, iqm: aggregateIqm, mean: aggregateMean, og: optimalityGapAt(gamma)};
    const method: IntervalMethod = choiceOption(values, "method", INTERVAL_METHODS, DEFAULT_INTERVAL_METHOD);
    const reps = intOption(values, "reps", REPS.intervalEstimates, 2);
    const {tasks, algorithms, matrices} = await loadScoreMatrices(positionals, values);
    const scales = scaleWarning({tasks, algorithms, matrices}, values);
    if (scales) note(`warning: ${scales}`);
    note(`${algorithms.length} algorithm(s) × ${tasks.length} task(s); ${reps} bootstrap replicates, ${method} intervals`);
    const bar = progress("bootstrap");
    const result = intervalEstimates(matrices, names.map((n) => functions[n as keyof typeof functions]), {
      reps,
      method,
      confidence: numberOption(values, "confidence", 0.95, 0, 1),
      seed: seedOption(values),
      taskBootstrap: Boolean(values["task-bootstrap"]),
      onProgress: bar.update,
      onWarning: (message, key) => note(`warning (${key}): ${message}`)
    });
    bar.end();
    const rows: OutputRow[] = [];
    for (const algorithm of algorithms) {
      const estimate = result[algorithm];
      const runs = matrices[algorithm].length;
      names.forEach((statistic, k) => {
        rows.push({algorithm, statistic, point: estimate.point[k], lower: estimate.lower[k], upper: estimate.upper[k], runs, tasks: tasks.length});
      });
    }
    return rows;
  }
};
