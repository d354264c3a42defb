// Shared helpers of the "Training runs" data loaders (no double extension, so Framework does not treat this file
// as a loader). They turn the tidy `runs` rows of the TD-MPC2 results into the two small tables the page loads:
// per-step curve summaries across seeds, and per-seed final scores at a common step budget.
import type {RunRow} from "../../loaders/tidy/rows.js";

/**
 * The four state-based algorithms evaluated on all 104 tasks (tdmpc2-pixels covers only 12 DMControl tasks).
 *
 * @example
 * finalScores(rows, MAIN_ALGORITHMS)
 */
export const MAIN_ALGORITHMS = ["tdmpc2", "tdmpc", "sac", "dreamerv3"];

/**
 * Benchmark suite of a TD-MPC2 task name (prefix conventions of the tdmpc2 repository's task list).
 *
 * @example
 * suiteOf("mw-assembly") // "Meta-World"
 */
export function suiteOf(task: string): string {
  if (task.startsWith("mw-")) return "Meta-World";
  if (task.startsWith("myo-")) return "MyoSuite";
  if (/^(lift|pick|stack|turn)-/.test(task)) return "ManiSkill2";
  return "DMControl";
}

/**
 * Score on a 0–1 scale shared by all suites, so that tasks can be averaged across suites: DMControl episode
 * return / 1000 (its maximum); the other suites' success rate is already a fraction in [0, 1] in the results files
 * (max 1.0 over all 20,506 success rows, although data/runs/SOURCE.md's upstream note says "%").
 *
 * @example
 * normalizedScore("reward", 850) // 0.85;  normalizedScore("success", 0.4) // 0.4
 */
export function normalizedScore(metric: string, value: number): number {
  return metric === "reward" ? value / 1000 : metric === "success" ? value : NaN;
}

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
 * standard deviation (n − 1; NaN for one seed), min and max. Missing (NaN) values are left out of the summary.
 * Points keep the input's first-seen order of (algorithm, task) and are sorted by step within each.
 *
 * @example
 * curveSummaries((await readRuns("tdmpc2_results_long.csv")).rows())[0] // {algorithm: "dreamerv3", task: "acrobot-swingup", step: 0, n: 3, mean: 1.47, …}
 */
export function curveSummaries(rows: RunRow[]): CurvePoint[] {
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
      suite: suiteOf(row.task),
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
 * 11.2M, 14M…), and each run's final score is its last non-missing evaluation at or before the budget. Every run
 * reaches the budget; where its evaluation grid has a gap just before it, the score is from further back (10 of
 * the 1,248 TD-MPC2 runs, e.g. a TD-MPC MyoSuite seed evaluated at 1.45M then 2M). A task missing any algorithm is
 * left out, so all algorithms share the same task set, as the rliable aggregates require.
 *
 * @example
 * finalScores((await readRuns("tdmpc2_results_long.csv")).rows()).length // 1248 (104 tasks × 4 algorithms × 3 seeds)
 */
export function finalScores(rows: RunRow[], algorithms: string[] = MAIN_ALGORITHMS): FinalScore[] {
  const runs = new Map<string, RunRow[]>();
  for (const row of rows) {
    if (!algorithms.includes(row.algorithm) || Number.isNaN(row.value)) continue;
    const key = `${row.task}\u0000${row.algorithm}\u0000${row.seed}`;
    if (!runs.has(key)) runs.set(key, []);
    runs.get(key)!.push(row);
  }
  const byTask = new Map<string, RunRow[][]>();
  for (const series of runs.values()) {
    const task = series[0].task;
    if (!byTask.has(task)) byTask.set(task, []);
    byTask.get(task)!.push(series);
  }
  const out: FinalScore[] = [];
  for (const [task, seriesList] of byTask) {
    const present = new Set(seriesList.map((s) => s[0].algorithm));
    if (!algorithms.every((a) => present.has(a))) continue;
    const budget = Math.min(...seriesList.map((s) => Math.max(...s.map((r) => r.step))));
    for (const series of seriesList) {
      let best: RunRow | undefined;
      for (const r of series) if (r.step <= budget && (!best || r.step > best.step)) best = r;
      if (!best) continue;
      out.push({
        algorithm: best.algorithm,
        suite: suiteOf(task),
        task,
        seed: best.seed,
        metric: best.metric,
        budget,
        step: best.step,
        value: best.value,
        normalized: normalizedScore(best.metric, best.value)
      });
    }
  }
  const rank = (a: string) => algorithms.indexOf(a);
  return out.sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : 0) || rank(a.algorithm) - rank(b.algorithm) || (a.seed < b.seed ? -1 : a.seed > b.seed ? 1 : 0));
}

/**
 * Formats rows as CSV (RFC 4180 quoting where needed; NaN as an empty cell), columns in the given order.
 *
 * @example
 * toCsv([{a: 1, b: NaN}], ["a", "b"]) // "a,b\n1,\n"
 */
export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  const cell = (v: unknown) => {
    if (typeof v === "number") return Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : "";
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\n") + "\n";
}
