import {BenchstatsError} from "../core/errors.js";
import {describe} from "./matrix.js";

/** A row of the tidy `runs` table (DESIGN.md): one value of one metric of one run at one step. */
export interface RunsRow {
  experiment?: string;
  algorithm: string;
  task: string;
  seed: string | number | null;
  step: number;
  metric: string;
  value: number;
}

/** A row of the tidy `scores` table (DESIGN.md): one score of one model on one task. */
export interface ScoresRow {
  model: string;
  benchmark?: string;
  task: string;
  score: number;
}

/** Score matrices built from a tidy table. */
export interface ScoreMatrices {
  /** Algorithm names (dict keys), in first-seen order unless given. */
  algorithms: string[];
  /** Task names, one per column, in first-seen order unless given. */
  tasks: string[];
  /** Per algorithm, the run (row) labels: the seeds, in first-seen order. */
  runs: Record<string, string[]>;
  /** Per algorithm, a runs × tasks matrix (NaN where a seed has no value for a task). */
  matrices: Record<string, number[][]>;
}

export interface RunsToMatricesOptions {
  /** Metric to use; required when the rows hold several metrics. */
  metric?: string;
  /** Which step of each run: `"last"` (default, the largest step), or an exact step number. */
  step?: "last" | number;
  /** Only rows of this experiment. */
  experiment?: string;
  /** Column order (tasks missing from the rows become all-NaN columns and then fail validation downstream). */
  tasks?: string[];
  /** Dict key order / subset. */
  algorithms?: string[];
}

/**
 * Builds runs × tasks score matrices from a tidy `runs` table: for each algorithm, one row per seed and
 * one column per task, holding the metric's value at the chosen step (by default each run's last step).
 * Seeds missing for a task are NaN (ragged run counts). Throws a `BenchstatsError` naming the row on a
 * missing field or on two values for the same (algorithm, task, seed, step).
 *
 * @example
 * runsToScoreMatrices([{algorithm: "A", task: "Pong", seed: 1, step: 100, metric: "return", value: 3}]).matrices.A; // [[3]]
 */
export function runsToScoreMatrices(rows: readonly RunsRow[], options: RunsToMatricesOptions = {}): ScoreMatrices {
  const step = options.step ?? "last";
  const all = selectRuns(rows, options);
  const algorithms = options.algorithms ?? unique(all.map((r) => r.row.algorithm));
  const tasks = options.tasks ?? unique(all.map((r) => r.row.task));
  const selected = all.filter((r) => step === "last" || r.row.step === step);
  // Pick one value per (algorithm, task, seed).
  const chosen = new Map<string, {step: number; value: number; index: number}>();
  for (const {row, index} of selected) {
    const key = JSON.stringify([row.algorithm, row.task, String(row.seed)]);
    const prev = chosen.get(key);
    if (prev && prev.step === row.step) {
      throw new BenchstatsError("duplicate", `runs row ${index}: a second value for algorithm "${row.algorithm}", task "${row.task}", seed ${row.seed}, step ${row.step} (first at row ${prev.index})`);
    }
    if (!prev || row.step > prev.step) chosen.set(key, {step: row.step, value: row.value, index});
  }
  const runs: Record<string, string[]> = {};
  const matrices: Record<string, number[][]> = {};
  for (const a of algorithms) {
    const seeds = unique(selected.filter((r) => r.row.algorithm === a).map((r) => String(r.row.seed)));
    if (seeds.length === 0) throw new BenchstatsError("missing", `runsToScoreMatrices: no rows for algorithm "${a}"`);
    runs[a] = seeds;
    matrices[a] = seeds.map((s) => tasks.map((t) => chosen.get(JSON.stringify([a, t, s]))?.value ?? NaN));
  }
  return {algorithms, tasks, runs, matrices};
}

/** Runs × tasks × checkpoints arrays built from a tidy `runs` table. */
export interface ScoreCurveSet {
  algorithms: string[];
  tasks: string[];
  /** The checkpoints (steps), ascending. */
  steps: number[];
  runs: Record<string, string[]>;
  /** Per algorithm, runs × tasks × steps (NaN where a run has no value at a step). */
  curves: Record<string, number[][][]>;
}

/**
 * Builds runs × tasks × checkpoints arrays from a tidy `runs` table (for sample-efficiency curves): one
 * entry per seed, task and step, the steps being all distinct steps of the selected rows (or `steps`).
 *
 * @example runsToScoreCurves(rows, {metric: "return"}).curves.DER; // runs × 26 × 10
 */
export function runsToScoreCurves(
  rows: readonly RunsRow[],
  options: Omit<RunsToMatricesOptions, "step"> & {steps?: number[]} = {}
): ScoreCurveSet {
  const selected = selectRuns(rows, options);
  const algorithms = options.algorithms ?? unique(selected.map((r) => r.row.algorithm));
  const tasks = options.tasks ?? unique(selected.map((r) => r.row.task));
  const steps = options.steps ?? [...new Set(selected.map((r) => r.row.step))].sort((a, b) => a - b);
  const stepIndex = new Map(steps.map((s, i) => [s, i]));
  const taskIndex = new Map(tasks.map((t, i) => [t, i]));
  const runs: Record<string, string[]> = {};
  const curves: Record<string, number[][][]> = {};
  for (const a of algorithms) {
    const mine = selected.filter((r) => r.row.algorithm === a);
    const seeds = unique(mine.map((r) => String(r.row.seed)));
    if (seeds.length === 0) throw new BenchstatsError("missing", `runsToScoreCurves: no rows for algorithm "${a}"`);
    const seedIndex = new Map(seeds.map((s, i) => [s, i]));
    const cube = seeds.map(() => tasks.map(() => new Array<number>(steps.length).fill(NaN)));
    const seen = new Set<string>();
    for (const {row, index} of mine) {
      const t = taskIndex.get(row.task);
      const c = stepIndex.get(row.step);
      if (t === undefined || c === undefined) continue;
      const key = `${row.seed}|${t}|${c}`;
      if (seen.has(key)) throw new BenchstatsError("duplicate", `runs row ${index}: a second value for algorithm "${a}", task "${row.task}", seed ${row.seed}, step ${row.step}`);
      seen.add(key);
      cube[seedIndex.get(String(row.seed))!][t][c] = row.value;
    }
    runs[a] = seeds;
    curves[a] = cube;
  }
  return {algorithms, tasks, steps, runs, curves};
}

function selectRuns(rows: readonly RunsRow[], {metric, experiment}: {metric?: string; experiment?: string}): {row: RunsRow; index: number}[] {
  if (!Array.isArray(rows)) throw new BenchstatsError("shape", `runs must be an array of rows, got ${describe(rows)}`);
  const out: {row: RunsRow; index: number}[] = [];
  const metrics = new Set<string>();
  rows.forEach((row, index) => {
    for (const field of ["algorithm", "task", "metric"] as const) {
      if (typeof row?.[field] !== "string") throw new BenchstatsError("value", `runs row ${index}: field "${field}" is ${describe(row?.[field])}, expected a string`);
    }
    if (typeof row.step !== "number" || !Number.isFinite(row.step)) throw new BenchstatsError("value", `runs row ${index}: field "step" is ${describe(row.step)}, expected a number`);
    if (typeof row.value !== "number") throw new BenchstatsError("value", `runs row ${index}: field "value" is ${describe(row.value)}, expected a number`);
    if (experiment !== undefined && row.experiment !== experiment) return;
    if (metric !== undefined && row.metric !== metric) return;
    metrics.add(row.metric);
    out.push({row, index});
  });
  if (metric === undefined && metrics.size > 1) {
    throw new BenchstatsError("option", `the runs hold several metrics (${[...metrics].slice(0, 5).join(", ")}); pass {metric} to choose one`);
  }
  return out;
}

/**
 * Turns score matrices back into a tidy `runs` table: one row per present (non-NaN) cell, with the
 * given metric, step and experiment, and seeds from `runs` (default 0, 1, …).
 *
 * @example scoreMatricesToRuns({A: [[3]]}, ["Pong"]); // [{experiment: "", algorithm: "A", task: "Pong", seed: "0", step: 0, metric: "score", value: 3}]
 */
export function scoreMatricesToRuns(
  matrices: Record<string, ArrayLike<ArrayLike<number>>>,
  tasks: readonly string[],
  {metric = "score", step = 0, experiment = "", runs}: {metric?: string; step?: number; experiment?: string; runs?: Record<string, string[]>} = {}
): (Required<Omit<RunsRow, "seed">> & {seed: string})[] {
  const out: (Required<Omit<RunsRow, "seed">> & {seed: string})[] = [];
  for (const algorithm of Object.keys(matrices)) {
    const m = matrices[algorithm];
    for (let r = 0; r < m.length; ++r) {
      if (m[r].length !== tasks.length) throw new BenchstatsError("shape", `scores["${algorithm}"]: row ${r} has ${m[r].length} values, expected one per task (${tasks.length})`);
      for (let t = 0; t < tasks.length; ++t) {
        const value = m[r][t];
        if (Number.isNaN(value)) continue;
        out.push({experiment, algorithm, task: tasks[t], seed: runs?.[algorithm]?.[r] ?? String(r), step, metric, value});
      }
    }
  }
  return out;
}

/**
 * Builds score matrices from a tidy `scores` table (`model, benchmark, task, score`): for each model a
 * runs × tasks matrix where repeated rows for the same (model, task) become successive runs (NaN-padded),
 * e.g. one run when each model has one score per task.
 *
 * @example scoresToScoreMatrices([{model: "m", benchmark: "b", task: "t1", score: 0.5}]).matrices.m; // [[0.5]]
 */
export function scoresToScoreMatrices(rows: readonly ScoresRow[], {benchmark, tasks: taskOrder}: {benchmark?: string; tasks?: string[]} = {}): ScoreMatrices {
  if (!Array.isArray(rows)) throw new BenchstatsError("shape", `scores must be an array of rows, got ${describe(rows)}`);
  const kept = rows.filter((row, i) => {
    if (typeof row?.model !== "string" || typeof row?.task !== "string") throw new BenchstatsError("value", `scores row ${i}: "model" and "task" must be strings`);
    if (typeof row.score !== "number") throw new BenchstatsError("value", `scores row ${i}: field "score" is ${describe(row.score)}, expected a number`);
    return benchmark === undefined || row.benchmark === benchmark;
  });
  const algorithms = unique(kept.map((r) => r.model));
  const tasks = taskOrder ?? unique(kept.map((r) => r.task));
  const taskIndex = new Map(tasks.map((t, i) => [t, i]));
  const runs: Record<string, string[]> = {};
  const matrices: Record<string, number[][]> = {};
  for (const a of algorithms) {
    const cols: number[][] = tasks.map(() => []);
    for (const r of kept) if (r.model === a && taskIndex.has(r.task)) cols[taskIndex.get(r.task)!].push(r.score);
    const n = Math.max(...cols.map((c) => c.length));
    matrices[a] = Array.from({length: n}, (_, i) => cols.map((c) => c[i] ?? NaN));
    runs[a] = Array.from({length: n}, (_, i) => String(i));
  }
  return {algorithms, tasks, runs, matrices};
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
