// Score matrices to and from the other tidy tables: a runs table back from matrices, and matrices from a
// scores table (model × task scores, repeated rows becoming runs).
import {arrayArg, isList, numbersArg, objectArg, reject, stringArg} from "../core/check.js";
import {tableColumns, type LabelColumn} from "../core/columns.js";
import {BenchstatsError} from "../core/errors.js";
import {compareLabels} from "../core/order.js";
import {byValue, codeIndex, labelsInOrder, type ScoreMatrices, type ScoresTable} from "./tidy.js";
import {converterOptions} from "./tidy-options.js";

/**
 * Turns score matrices back into a tidy `runs` table: one row per present (non-NaN) cell, with the
 * given metric, step and experiment, and seeds from `runs` (default 0, 1, …).
 *
 * @example scoreMatricesToRuns({A: [[3]]}, ["Pong"]); // [{experiment: "", algorithm: "A", task: "Pong", seed: "0", step: 0, metric: "score", value: 3}]
 */
export function scoreMatricesToRuns(
  matrices: Record<string, ArrayLike<ArrayLike<number>>>,
  tasks: readonly string[],
  options: {metric?: string; step?: number; experiment?: string; runs?: Record<string, string[]>} = {}
): {experiment: string; algorithm: string; task: string; seed: string; step: number; metric: string; value: number}[] {
  const fn = "scoreMatricesToRuns";
  const {metric = "score", step = 0, experiment = "", runs} = converterOptions(options, fn);
  objectArg(matrices, "matrices", fn, "an object {algorithm: runs × tasks matrix}");
  arrayArg(tasks, "tasks", fn).forEach((t) => stringArg(t, "tasks", fn));
  if (runs !== undefined) objectArg(runs, "runs", fn, "an object {algorithm: run labels}", "option");
  const out: {experiment: string; algorithm: string; task: string; seed: string; step: number; metric: string; value: number}[] = [];
  for (const algorithm of Object.keys(matrices)) {
    const m = matrices[algorithm];
    if (!isList(m)) reject("type", fn, `matrices["${algorithm}"]`, "a runs × tasks matrix", m);
    for (let r = 0; r < m.length; ++r) {
      numbersArg(m[r], `matrices["${algorithm}"]`, fn);
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
 * Builds score matrices from a tidy `scores` table (`model, benchmark, task, score`; rows or columnar):
 * for each model a runs × tasks matrix where repeated rows for the same (model, task) become successive
 * runs (NaN-padded), e.g. one run when each model has one score per task.
 *
 * @example scoresToScoreMatrices([{model: "m", benchmark: "b", task: "t1", score: 0.5}]).matrices.m; // [[0.5]]
 */
export function scoresToScoreMatrices(table: ScoresTable, options: {benchmark?: string; tasks?: string[]} = {}): ScoreMatrices {
  const {benchmark, tasks: taskOrder} = converterOptions(options, "scoresToScoreMatrices");
  const {length, columns} = tableColumns(table, {labels: ["model", "task", "benchmark"], numbers: ["score"], optional: ["benchmark"]}, "scoresToScoreMatrices");
  const model = columns.model as LabelColumn;
  const task = columns.task as LabelColumn;
  const bench = columns.benchmark as LabelColumn | undefined;
  const score = columns.score as Float64Array;
  const wanted = benchmark === undefined ? -2 : (bench?.labels ?? [""]).indexOf(benchmark);
  const kept: number[] = [];
  for (let i = 0; i < length; ++i) if (wanted === -2 || (bench ? bench.codes[i] : 0) === wanted) kept.push(i);
  const algorithms = labelsInOrder(model, kept);
  const tasks = taskOrder ?? labelsInOrder(task, kept).sort(compareLabels);
  const taskIndex = codeIndex(task, tasks);
  const modelIndex = codeIndex(model, algorithms);
  const cells: number[][][] = algorithms.map(() => tasks.map(() => []));
  for (const i of kept) {
    const t = taskIndex[task.codes[i]];
    if (t >= 0) cells[modelIndex[model.codes[i]]][t].push(score[i]);
  }
  const runs: Record<string, string[]> = {};
  const matrices: Record<string, number[][]> = {};
  algorithms.forEach((a, m) => {
    const cols = cells[m];
    // A cell's repeated scores become its runs in the order of their values, not of the rows.
    let n = 0;
    for (const col of cols) (col.sort(byValue), (n = Math.max(n, col.length)));
    matrices[a] = Array.from({length: n}, (_, i) => cols.map((col) => col[i] ?? NaN));
    runs[a] = Array.from({length: n}, (_, i) => String(i));
  });
  return {algorithms, tasks, runs, matrices};
}
