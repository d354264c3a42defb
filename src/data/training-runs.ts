// The "Training runs" report's shaping of the TD-MPC2 runs table (no double extension, so Framework does not
// treat this file as a loader): per-step curve summaries across seeds for the learning-curve bands, and
// per-seed final scores at each task's common step budget. Reading is readRuns'; the suites and the 0–1 scale
// are loaders/runs/tdmpc2.ts'; which row is a run's final one is lib's finalRunRows.
import {finalRunRows} from "../../lib/rl/tidy.js";
import {TDMPC2_STATE_ALGORITHMS, tdmpc2NormalizedScore, tdmpc2Suite} from "../../loaders/runs/tdmpc2.js";
import type {RunRow} from "../../loaders/tidy/rows.js";
import type {TidyTable} from "../../loaders/tidy/table.js";

/** One curve point: the seeds' values of (algorithm, task) at `step`, and their summary. */
export interface CurvePoint {
  algorithm: string;
  suite: string;
  task: string;
  metric: string;
  step: number;
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  seeds: Record<string, number>;
}

/**
 * Groups runs rows by (algorithm, task, metric, step) and summarises the seeds there: count, mean, sample
 * standard deviation (n − 1; NaN for one seed), min and max. Missing (NaN) values are left out of the summary;
 * of two rows for one seed and step (a run logged twice), the later one counts.
 * Points keep the input's first-seen order of (algorithm, task) and are sorted by step within each.
 *
 * @example
 * curveSummaries((await readRuns("tdmpc2_results_long.csv")).rows())[0] // {algorithm: "dreamerv3", task: "acrobot-swingup", step: 0, n: 3, mean: 1.47, …}
 */
export function curveSummaries(rows: readonly RunRow[]): CurvePoint[] {
  const groups = new Map<string, {row: RunRow; seeds: Map<string, number>}>();
  for (const row of rows) {
    const key = `${row.algorithm}\u0000${row.task}\u0000${row.metric}\u0000${row.step}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = {row, seeds: new Map()}));
    if (!Number.isNaN(row.value)) group.seeds.set(row.seed, row.value);
  }
  const points: CurvePoint[] = [];
  for (const {row, seeds} of groups.values()) {
    const values = [...seeds.values()];
    const n = values.length;
    const mean = n ? values.reduce((s, v) => s + v, 0) / n : NaN;
    const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : NaN;
    points.push({
      algorithm: row.algorithm,
      suite: tdmpc2Suite(row.task),
      task: row.task,
      metric: row.metric,
      step: row.step,
      n,
      mean,
      sd,
      min: n ? Math.min(...values) : NaN,
      max: n ? Math.max(...values) : NaN,
      seeds: Object.fromEntries(seeds)
    });
  }
  const order = new Map<string, number>();
  for (const p of points) {
    const k = `${p.algorithm}\u0000${p.task}\u0000${p.metric}`;
    if (!order.has(k)) order.set(k, order.size);
  }
  return points.sort((a, b) => order.get(`${a.algorithm}\u0000${a.task}\u0000${a.metric}`)! - order.get(`${b.algorithm}\u0000${b.task}\u0000${b.metric}`)! || a.step - b.step);
}

/** One run's final score at its task's common budget. */
export interface FinalScore {
  algorithm: string;
  suite: string;
  task: string;
  seed: string;
  metric: string;
  budget: number;
  step: number;
  value: number;
  normalized: number;
}

/**
 * Final score of every (algorithm, task, seed) run of `algorithms`, compared at a common budget: for each task,
 * `budget` = the smallest last evaluated step over all those runs (runs stop at different steps: 2M, 3.9M, 4M,
 * 11.2M, 14M…), and each run's final score is its last non-missing evaluation at or before the budget (lib's
 * `finalRunRows` with `maxStep`; of two rows for one step, the first). Every run reaches the budget; where its
 * evaluation grid has a gap just before it, the score is from further back (10 of the 1,248 TD-MPC2 runs, e.g. a
 * TD-MPC MyoSuite seed evaluated at 1.45M then 2M). A task missing any algorithm is left out, so all algorithms
 * share the same task set, as the rliable aggregates require. Sorted by task, algorithm (in `algorithms` order), seed.
 *
 * @example
 * finalScores(await readRuns("tdmpc2_results_long.csv")).length // 1248 (104 tasks × 4 algorithms × 3 seeds)
 */
export function finalScores(table: TidyTable<RunRow>, algorithms: readonly string[] = TDMPC2_STATE_ALGORITHMS): FinalScore[] {
  const algorithm = table.labels("algorithm");
  const value = table.numbers("value");
  const wanted = algorithm.labels.map((name) => algorithms.includes(name));
  const runs = table.filter((i) => wanted[algorithm.codes[i]] && !Number.isNaN(value[i]));
  const rows = runs.rows();
  const options = {eachMetric: true, repeatedRows: "first"} as const;
  // Each task's budget: the earliest end among its runs; only tasks that every algorithm ran.
  const budget: Record<string, number> = {};
  const present = new Map<string, Set<string>>();
  for (const i of finalRunRows(runs, options).rows) {
    const {task, step} = rows[i];
    budget[task] = Math.min(budget[task] ?? Infinity, step);
    (present.get(task) ?? present.set(task, new Set()).get(task)!).add(rows[i].algorithm);
  }
  const out: FinalScore[] = [];
  for (const i of finalRunRows(runs, {...options, maxStep: budget}).rows) {
    const row = rows[i];
    if (present.get(row.task)!.size < algorithms.length) continue;
    out.push({
      algorithm: row.algorithm,
      suite: tdmpc2Suite(row.task),
      task: row.task,
      seed: row.seed,
      metric: row.metric,
      budget: budget[row.task],
      step: row.step,
      value: row.value,
      normalized: tdmpc2NormalizedScore(row.metric, row.value)
    });
  }
  const rank = (a: string) => algorithms.indexOf(a);
  return out.sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : 0) || rank(a.algorithm) - rank(b.algorithm) || (a.seed < b.seed ? -1 : a.seed > b.seed ? 1 : 0));
}
