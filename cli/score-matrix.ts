// From a tidy runs table to rliable score matrices (runs × tasks per algorithm), choosing metric and step.
import {BenchstatsError} from "../lib/index.js";
import type {TidyTable} from "../loaders/tidy/index.js";

export interface ScoreMatrices {
  /** Task names, in column order of every matrix (sorted). */
  tasks: string[];
  /** Algorithm names in first-seen order. */
  algorithms: string[];
  /** `matrices[algorithm][run][task]`; NaN where a run has no value for a task (ragged run counts). */
  matrices: Record<string, number[][]>;
}

export interface MatrixOptions {
  /** Which metric to use when the table has a `metric` column with several values. */
  metric?: string;
  /** `"last"` (default: each run's final logged step), or a step number to take exactly. */
  step?: "last" | number;
  /** Keep only these algorithms (in this order). */
  algorithms?: string[];
}

/**
 * Builds one runs × tasks matrix per algorithm. A run is one `seed` value of an algorithm (the same seed
 * across tasks shares a matrix row, so run-level resampling and the BCa jackknife see whole runs); rows
 * without a seed (no column, or empty) are runs numbered within their (algorithm, task) group. Several rows for the same
 * (algorithm, task, seed) after metric/step selection are an error naming both lines.
 */
export async function scoreMatrices(table: TidyTable, options: MatrixOptions = {}): Promise<ScoreMatrices> {
  const rows = table.rows();
  const columns = table.columnNames;
  const file = table.source;
  let selected = rows.map((_, i) => i);

  if (columns.includes("metric")) {
    const metrics = [...new Set(rows.map((r) => String(r.metric)))];
    if (options.metric !== undefined) {
      if (!metrics.includes(options.metric)) {
        throw new BenchstatsError("option", `--metric ${options.metric} not found; the table has ${metrics.join(", ")}`, {file});
      }
      selected = selected.filter((i) => rows[i].metric === options.metric);
    } else if (metrics.length > 1) {
      throw new BenchstatsError("option", `the table has several metrics (${metrics.join(", ")}); choose one with --metric`, {file});
    }
  }

  const hasSeed = columns.includes("seed");
  if (columns.includes("step") && selected.some((i) => !Number.isNaN(rows[i].step as number))) {
    const key = (i: number) => `${rows[i].algorithm}\u0000${rows[i].task}\u0000${hasSeed ? rows[i].seed : ""}`;
    if (options.step === undefined || options.step === "last") {
      const last = new Map<string, number>();
      for (const i of selected) {
        const k = key(i);
        const step = rows[i].step as number;
        const best = last.get(k);
        if (best === undefined || step > (rows[best].step as number)) last.set(k, i);
      }
      const keep = new Set(last.values());
      selected = selected.filter((i) => keep.has(i));
    } else {
      selected = selected.filter((i) => rows[i].step === options.step);
      if (!selected.length) throw new BenchstatsError("option", `no rows at --step ${options.step}`, {file});
    }
  }

  const algorithms: string[] = [];
  const taskSet = new Set<string>();
  for (const i of selected) {
    const a = String(rows[i].algorithm);
    if (!algorithms.includes(a)) algorithms.push(a);
    taskSet.add(String(rows[i].task));
  }
  if (options.algorithms) {
    for (const a of options.algorithms) {
      if (!algorithms.includes(a)) throw new BenchstatsError("option", `algorithm "${a}" not in the table (has ${algorithms.join(", ")})`, {file});
    }
  }
  const keepAlgorithms = options.algorithms ?? algorithms;
  const tasks = [...taskSet].sort();
  const taskIndex = new Map(tasks.map((t, j) => [t, j]));
  if (!tasks.length) throw new BenchstatsError("empty", "no score rows left after selecting metric and step", {file});

  const matrices: Record<string, number[][]> = {};
  for (const algorithm of keepAlgorithms) {
    const runIndex = new Map<string, number>();
    const counter = new Map<string, number>();
    const filled = new Map<string, number>(); // "run,task" -> row, to report duplicates
    const cells: [number, number, number][] = [];
    for (const i of selected) {
      if (rows[i].algorithm !== algorithm) continue;
      const task = String(rows[i].task);
      // A labelled seed is one run across tasks; rows without one are runs numbered within their task.
      const seed = hasSeed ? rows[i].seed : undefined;
      let runKey: string;
      if (seed !== undefined && seed !== "") runKey = `s:${seed}`;
      else {
        const k = counter.get(task) ?? 0;
        counter.set(task, k + 1);
        runKey = `#${k}`;
      }
      if (!runIndex.has(runKey)) runIndex.set(runKey, runIndex.size);
      const run = runIndex.get(runKey)!;
      const j = taskIndex.get(task)!;
      const cellKey = `${run},${j}`;
      if (filled.has(cellKey)) {
        const first = await table.locate(filled.get(cellKey)!);
        throw new BenchstatsError(
          "duplicate",
          `two values for algorithm "${algorithm}", task "${task}"${seed !== undefined && seed !== "" ? `, seed ${seed}` : ""} (also on ${first.line !== undefined ? `line ${first.line}` : `row ${first.row}`})`,
          await table.locate(i)
        );
      }
      filled.set(cellKey, i);
      cells.push([run, j, rows[i].value as number]);
    }
    const nRuns = cells.reduce((m, [r]) => Math.max(m, r + 1), 0);
    const matrix = Array.from({length: nRuns}, () => new Array<number>(tasks.length).fill(NaN));
    for (const [r, j, v] of cells) matrix[r][j] = v;
    matrices[algorithm] = matrix;
  }
  return {tasks, algorithms: keepAlgorithms, matrices};
}
