import {BenchstatsError} from "../core/errors.js";
import {firstSeen, tableColumns, type ColumnarTable, type LabelColumn} from "../core/columns.js";
import {compareLabels} from "../core/order.js";
import {converterOptions} from "./tidy-options.js";

/**
 * A row of the tidy `runs` table (docs/design.md): one value of one metric of one run at one step. The
 * same contract as the loaders' `RunRow`; lib also takes the table in columnar form ({@link ColumnarTable}).
 * `seed` may be absent or empty: then each row is a run of its own (see {@link runsToScoreMatrices}).
 */
export interface RunsRow {
  experiment?: string;
  algorithm: string;
  task: string;
  seed?: string | number | null;
  step?: number;
  metric?: string;
  value: number;
}

/** A row of the tidy `scores` table (docs/design.md): one score of one model on one task. */
export interface ScoresRow {
  model: string;
  benchmark?: string;
  task: string;
  score: number;
}

/** A runs table: row objects or the columnar form. */
export type RunsTable = ColumnarTable | readonly RunsRow[];

/** A scores table: row objects or the columnar form. */
export type ScoresTable = ColumnarTable | readonly ScoresRow[];

/** Score matrices built from a tidy table. */
export interface ScoreMatrices {
  /** Algorithm names (dict keys), in first-seen order unless given. */
  algorithms: string[];
  /**
   * Task names, one per column: sorted (numbers by value, then text by code units) unless given, so
   * that the column order — which the bootstrap draws along — does not follow the order of the rows.
   */
  tasks: string[];
  /**
   * Per algorithm, the run (row) labels: the seeds sorted the same way, then `#k` for the seedless rows of
   * a task in the order of their values (a scores table's repeated rows likewise), whatever the row order.
   */
  runs: Record<string, string[]>;
  /** Per algorithm, a runs × tasks matrix (NaN where a seed has no value for a task). */
  matrices: Record<string, number[][]>;
}

/** Which row of each run {@link finalRunRows} keeps. */
export interface FinalRowsOptions {
  /** Metric to use; required when the rows hold several metrics (unless `eachMetric`). */
  metric?: string;
  /** Which step of each run: `"last"` (default, the largest step), or an exact step number. */
  step?: "last" | number;
  /** Only rows of this experiment. */
  experiment?: string;
  /** Keep one row per metric of each run, instead of requiring the rows to hold one metric. */
  eachMetric?: boolean;
  /**
   * Per task, the largest step that counts (a common step budget when runs stop at different steps):
   * with `step: "last"`, each run's last row at or before it. Tasks not listed have no limit.
   */
  maxStep?: Readonly<Record<string, number>>;
  /**
   * Two rows for one run and step (a run logged twice, as 51 TD-MPC runs of the TD-MPC2 results file are): `"error"`
   * (default) or `"first"` (the first row counts; {@link FinalRows}`.repeated` counts the rows passed over at
   * the chosen steps).
   */
  repeatedRows?: "error" | "first";
}

/** The rows {@link finalRunRows} keeps. */
export interface FinalRows {
  /** Row indices, ascending: one per run (and metric). */
  rows: number[];
  /** Rows passed over because they repeat the step chosen for their run (`repeatedRows: "first"`; a run logged twice). */
  repeated: number;
}

export interface RunsToMatricesOptions extends Omit<FinalRowsOptions, "eachMetric"> {
  /** Column order (tasks missing from the rows become all-NaN columns and then fail validation downstream). */
  tasks?: string[];
  /** Dict key order / subset. */
  algorithms?: string[];
}

const RUNS_SPEC = {
  labels: ["algorithm", "task", "seed", "metric", "experiment"],
  numbers: ["step", "value"],
  optional: ["seed", "metric", "experiment", "step"]
};

/** The runs table's columns, checked; absent optional columns read as empty labels and NaN steps. */
interface RunsColumns {
  length: number;
  algorithm: LabelColumn;
  task: LabelColumn;
  seed?: LabelColumn;
  metric?: LabelColumn;
  experiment?: LabelColumn;
  step?: Float64Array;
  value: Float64Array;
}

function runsColumns(input: RunsTable, fn: string): RunsColumns {
  const {length, columns} = tableColumns(input, RUNS_SPEC, fn);
  const out = {length, ...columns} as unknown as RunsColumns;
  for (const name of ["algorithm", "task"] as const) {
    const column = out[name];
    const empty = column.labels.indexOf("");
    if (empty < 0) continue;
    const row = column.codes.indexOf(empty);
    if (row >= 0) throw new BenchstatsError("missing", `${fn}: runs row ${row}: field "${name}" is empty`, {row, field: name});
  }
  return out;
}

/** Row indices of the runs of `metric` / `experiment` (all when not given), checking for several metrics. */
function selectRuns(c: RunsColumns, {metric, experiment, eachMetric}: {metric?: string; experiment?: string; eachMetric?: boolean}): Int32Array {
  const metricLabels = c.metric?.labels ?? [""];
  const metricCodes = c.metric?.codes;
  const wantMetric = metric === undefined ? -2 : metricLabels.indexOf(metric);
  const wantExperiment = experiment === undefined ? -2 : (c.experiment?.labels ?? [""]).indexOf(experiment);
  const selected = new Int32Array(c.length);
  let n = 0;
  const seenMetrics = new Set<number>();
  for (let i = 0; i < c.length; ++i) {
    if (wantExperiment !== -2 && (c.experiment ? c.experiment.codes[i] : 0) !== wantExperiment) continue;
    const m = metricCodes ? metricCodes[i] : 0;
    if (wantMetric !== -2 && m !== wantMetric) continue;
    seenMetrics.add(m);
    selected[n++] = i;
  }
  if (metric === undefined && !eachMetric && seenMetrics.size > 1) {
    const names = [...seenMetrics].map((m) => metricLabels[m]);
    throw new BenchstatsError("option", `the runs hold several metrics (${names.slice(0, 5).join(", ")}); pass {metric} to choose one`);
  }
  return selected.subarray(0, n);
}

/**
 * The rows that hold each run's final value in a tidy `runs` table (rows or columnar), ascending: for each
 * (algorithm, task, seed) — and metric, with `eachMetric` — the row at the run's largest step (at or before
 * the task's `maxStep`), or at exactly `step`. A row without a seed is a run of its own; with steps, the
 * seedless rows of an (algorithm, task) are one run and only its last row is kept. Rows whose steps are
 * all missing are kept as they are (a final-score table). Two rows for the same run and step are an
 * error naming both, unless `repeatedRows` is `"first"`. This is the one definition of "final score" that {@link runsToScoreMatrices}, the
 * loaders' final-score tables and the site's reports share.
 *
 * @example
 * finalRunRows([
 *   {algorithm: "A", task: "Pong", seed: 1, step: 100, value: 3},
 *   {algorithm: "A", task: "Pong", seed: 1, step: 200, value: 5}
 * ]).rows; // [1]
 * finalRunRows(rows, {maxStep: {Pong: 150}}).rows; // [0]
 */
export function finalRunRows(table: RunsTable, options: FinalRowsOptions = {}): FinalRows {
  return finalRows(runsColumns(table, "finalRunRows"), converterOptions(options, "finalRunRows"));
}

function finalRows(c: RunsColumns, options: FinalRowsOptions, selected = selectRuns(c, options)): FinalRows {
  const step = options.step ?? "last";
  const steps = c.step;
  const stepOf = (i: number) => (steps ? steps[i] : NaN);
  // Steps count only when some selected row has one (a final-score table may leave them all empty).
  const hasSteps = steps !== undefined && selected.some((i) => !Number.isNaN(steps[i]));
  const seedCodes = c.seed?.codes;
  const seedLabels = c.seed?.labels ?? [""];
  const noSeed = seedLabels.indexOf("");
  const nSeeds = seedLabels.length;
  const nTasks = c.task.labels.length;
  const nMetrics = options.eachMetric && c.metric ? c.metric.labels.length : 1;
  const metricOf = (i: number) => (nMetrics > 1 ? c.metric!.codes[i] : 0);
  const limit = c.task.labels.map((task) => (options.maxStep && Object.prototype.hasOwnProperty.call(options.maxStep, task) ? options.maxStep[task] : Infinity));

  // One row per (algorithm, task, seed[, metric]): the last step, or the exact one; seedless rows keep their own runs.
  const chosen = new Map<number, number>();
  const kept: number[] = [];
  let repeated = 0;
  for (const i of selected) {
    const s = stepOf(i);
    if (step !== "last" && s !== step) continue;
    if (s > limit[c.task.codes[i]]) continue;
    const seed = seedCodes ? seedCodes[i] : noSeed;
    const seedless = seed === noSeed;
    if (seedless && (step !== "last" || !hasSteps)) {
      kept.push(i);
      continue;
    }
    const key = ((c.algorithm.codes[i] * nTasks + c.task.codes[i]) * nSeeds + seed) * nMetrics + metricOf(i);
    const previous = chosen.get(key);
    if (previous === undefined) chosen.set(key, i);
    else if (stepOf(previous) === s || (Number.isNaN(s) && Number.isNaN(stepOf(previous)))) {
      if (options.repeatedRows === "first") {
        ++repeated;
        continue;
      }
      throw new BenchstatsError(
        "duplicate",
        `runs row ${i}: a second value for algorithm "${c.algorithm.labels[c.algorithm.codes[i]]}", task "${c.task.labels[c.task.codes[i]]}", seed ${seedless ? "(none)" : seedLabels[seed]}, step ${s} (first at row ${previous})`,
        {row: i}
      );
    } else if (s > stepOf(previous) || Number.isNaN(stepOf(previous))) chosen.set(key, i);
  }
  for (const i of chosen.values()) kept.push(i);
  return {rows: kept.sort((a, b) => a - b), repeated};
}

/**
 * Builds runs × tasks score matrices from a tidy `runs` table (rows or columnar): for each algorithm,
 * one row per run and one column per task, holding the metric's value at the chosen step (by default
 * each run's last step; {@link finalRunRows} chooses the rows). A run is one `seed` of an algorithm, shared across tasks (so run-level
 * resampling and the BCa jackknife see whole runs); a row without a seed is a run of its own, numbered
 * within its task (`#0`, `#1`, …, in the order of their values) — with steps, only the last such row of a
 * task is kept. Tasks and runs come in canonical order (see {@link ScoreMatrices}), so a bootstrap on the
 * matrices gives the same numbers for any order of the table's rows. Seeds missing
 * for a task are NaN (ragged run counts). Throws a `BenchstatsError` naming the row on a missing field or
 * on two values for the same (algorithm, task, seed, step).
 *
 * @example
 * runsToScoreMatrices([{algorithm: "A", task: "Pong", seed: 1, step: 100, metric: "return", value: 3}]).matrices.A; // [[3]]
 */
export function runsToScoreMatrices(table: RunsTable, options: RunsToMatricesOptions = {}): ScoreMatrices {
  options = converterOptions(options, "runsToScoreMatrices");
  const c = runsColumns(table, "runsToScoreMatrices");
  const selected = selectRuns(c, options);
  const algorithms = options.algorithms ?? labelsInOrder(c.algorithm, selected);
  const tasks = options.tasks ?? labelsInOrder(c.task, selected).sort(compareLabels);
  const taskIndex = codeIndex(c.task, tasks);
  const seedCodes = c.seed?.codes;
  const seedLabels = c.seed?.labels ?? [""];
  const noSeed = seedLabels.indexOf("");
  const kept = finalRows(c, options, selected).rows;

  const runs: Record<string, string[]> = {};
  const matrices: Record<string, number[][]> = {};
  const algorithmIndex = codeIndex(c.algorithm, algorithms);
  const byAlgorithm: number[][] = algorithms.map(() => []);
  for (const i of kept) {
    const a = algorithmIndex[c.algorithm.codes[i]];
    if (a >= 0) byAlgorithm[a].push(i);
  }
  algorithms.forEach((name, a) => {
    const rows = byAlgorithm[a];
    if (rows.length === 0) throw new BenchstatsError("missing", `runsToScoreMatrices: no rows for algorithm "${name}"`);
    // Runs in a canonical order, so that the bootstrap (which draws along each task's runs in matrix
    // order) gives the same numbers however the rows are shuffled: seeds sorted (numbers by value), then
    // the seedless rows of each task, numbered #0, #1, … in the order of their values.
    const seeded: number[] = [];
    const seedless: number[] = [];
    for (const i of rows) {
      if (taskIndex[c.task.codes[i]] < 0) continue;
      ((seedCodes ? seedCodes[i] : noSeed) === noSeed ? seedless : seeded).push(i);
    }
    const labels = [...new Set(seeded.map((i) => seedLabels[seedCodes![i]]))].sort(compareLabels);
    const runIndex = new Map(labels.map((label, r) => [label, r]));
    const cells: number[] = [];
    for (const i of seeded) cells.push(runIndex.get(seedLabels[seedCodes![i]])!, taskIndex[c.task.codes[i]], i);
    const counter = new Map<number, number>();
    seedless.sort((i, j) => byValue(c.value[i], c.value[j]) || i - j);
    for (const i of seedless) {
      const t = taskIndex[c.task.codes[i]];
      const k = counter.get(t) ?? 0;
      counter.set(t, k + 1);
      const label = `#${k}`;
      let run = runIndex.get(label);
      if (run === undefined) runIndex.set(label, (run = labels.push(label) - 1));
      cells.push(run, t, i);
    }
    const matrix = labels.map(() => new Array<number>(tasks.length).fill(NaN));
    for (let k = 0; k < cells.length; k += 3) matrix[cells[k]][cells[k + 1]] = c.value[cells[k + 2]];
    runs[name] = labels;
    matrices[name] = matrix;
  });
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
 * Builds runs × tasks × checkpoints arrays from a tidy `runs` table (rows or columnar; for
 * sample-efficiency curves): one entry per seed, task and step, the steps being all distinct steps of the
 * selected rows (or `steps`).
 *
 * @example runsToScoreCurves(rows, {metric: "return"}).curves.DER; // runs × 26 × 10
 */
export function runsToScoreCurves(table: RunsTable, options: Omit<RunsToMatricesOptions, "step"> & {steps?: number[]} = {}): ScoreCurveSet {
  options = converterOptions(options, "runsToScoreCurves");
  const c = runsColumns(table, "runsToScoreCurves");
  if (!c.step) throw new BenchstatsError("columns", "runsToScoreCurves: the runs need a step column");
  const stepColumn = c.step;
  const selected = selectRuns(c, options);
  for (const i of selected) {
    if (!Number.isFinite(stepColumn[i])) throw new BenchstatsError("value", `runs row ${i}: field "step" is ${stepColumn[i]}, expected a number`, {row: i, field: "step"});
  }
  const algorithms = options.algorithms ?? labelsInOrder(c.algorithm, selected);
  const tasks = options.tasks ?? labelsInOrder(c.task, selected).sort(compareLabels);
  const steps = options.steps ?? [...new Set(Array.from(selected, (i) => stepColumn[i]))].sort((a, b) => a - b);
  const stepIndex = new Map(steps.map((s, i) => [s, i]));
  const taskIndex = codeIndex(c.task, tasks);
  const algorithmIndex = codeIndex(c.algorithm, algorithms);
  const seedLabels = c.seed?.labels ?? [""];
  const seedOf = (i: number) => seedLabels[c.seed ? c.seed.codes[i] : 0];
  const runs: Record<string, string[]> = {};
  const curves: Record<string, number[][][]> = {};
  const byAlgorithm: number[][] = algorithms.map(() => []);
  for (const i of selected) {
    const a = algorithmIndex[c.algorithm.codes[i]];
    if (a >= 0) byAlgorithm[a].push(i);
  }
  algorithms.forEach((name, a) => {
    const mine = byAlgorithm[a];
    const seeds = [...new Set(mine.map(seedOf))].sort(compareLabels);
    if (seeds.length === 0) throw new BenchstatsError("missing", `runsToScoreCurves: no rows for algorithm "${name}"`);
    const seedIndex = new Map(seeds.map((s, i) => [s, i]));
    const cube = seeds.map(() => tasks.map(() => new Array<number>(steps.length).fill(NaN)));
    const seen = new Set<string>();
    for (const i of mine) {
      const t = taskIndex[c.task.codes[i]];
      const k = stepIndex.get(stepColumn[i]);
      if (t < 0 || k === undefined) continue;
      const key = `${seedOf(i)}|${t}|${k}`;
      if (seen.has(key)) throw new BenchstatsError("duplicate", `runs row ${i}: a second value for algorithm "${name}", task "${tasks[t]}", seed ${seedOf(i)}, step ${stepColumn[i]}`, {row: i});
      seen.add(key);
      cube[seedIndex.get(seedOf(i))!][t][k] = c.value[i];
    }
    runs[name] = seeds;
    curves[name] = cube;
  });
  return {algorithms, tasks, steps, runs, curves};
}

/** Ascending numbers, NaN last. */
export function byValue(a: number, b: number): number {
  return a === b ? 0 : a !== a ? 1 : b !== b ? -1 : a - b;
}

/** The labels of `column` at the given rows, in first-seen order. */
export function labelsInOrder(column: LabelColumn, rows: ArrayLike<number>): string[] {
  const codes = new Uint32Array(rows.length);
  for (let k = 0; k < rows.length; ++k) codes[k] = column.codes[rows[k]];
  return firstSeen({codes, labels: column.labels}).order.map((code) => column.labels[code]);
}

/** For each code of `column`, its position in `names` (−1 when absent). */
export function codeIndex(column: LabelColumn, names: readonly string[]): Int32Array {
  const position = new Map(names.map((name, i) => [name, i]));
  return Int32Array.from(column.labels, (label) => position.get(label) ?? -1);
}
