// Systems × tasks score tables for the ranking commands, from a tidy scores table or a wide CSV.
import {readFile} from "node:fs/promises";
import {BenchstatsError, parseWideTable} from "../lib/index.js";
import {loadTable} from "./inputs.js";

export interface SystemsByTasks {
  systems: string[];
  tasks: string[];
  /** `values[system][task]`, higher is better, NaN = not measured. */
  values: number[][];
}

export type TableLayout = "auto" | "tidy" | "wide";

/**
 * Reads a score table. `tidy`: rows `model, task, score` (+ `benchmark`, which prefixes task names when
 * the table spans several benchmarks); a second score for the same (model, task) is an error naming
 * both lines. `wide`: a CSV with the system in the first column and one numeric column per task
 * (`drop` removes columns such as a leaderboard's own average). `auto` (default): tidy when the file has
 * the tidy columns, else wide for .csv files.
 */
export async function loadScoreTable(path: string, options: {layout?: TableLayout; drop?: string[]; inputFormat?: string} = {}): Promise<SystemsByTasks> {
  const {layout = "auto", drop = [], inputFormat} = options;
  if (layout === "wide") return wide(path, drop);
  let table;
  try {
    table = await loadTable(path, "scores", inputFormat);
  } catch (error) {
    if (layout === "auto" && error instanceof BenchstatsError && (error.code === "columns" || error.code === "format") && /\.csv$/i.test(path)) {
      return wide(path, drop);
    }
    throw error;
  }
  const rows = table.rows();
  const multiBenchmark = new Set(rows.map((r) => r.benchmark ?? "")).size > 1;
  const systems: string[] = [];
  const tasks: string[] = [];
  const systemIndex = new Map<string, number>();
  const taskIndex = new Map<string, number>();
  const cells = new Map<string, number>(); // "s,t" -> row index
  for (let i = 0; i < rows.length; ++i) {
    const row = rows[i];
    const system = String(row.model);
    const task = multiBenchmark ? `${row.benchmark}/${row.task}` : String(row.task);
    if (drop.includes(task)) continue;
    if (!systemIndex.has(system)) systemIndex.set(system, systems.push(system) - 1);
    if (!taskIndex.has(task)) taskIndex.set(task, tasks.push(task) - 1);
    const key = `${systemIndex.get(system)},${taskIndex.get(task)}`;
    const previous = cells.get(key);
    if (previous !== undefined) {
      const first = await table.locate(previous);
      throw new BenchstatsError("duplicate", `two scores for model "${system}" on task "${task}" (also on ${first.line !== undefined ? `line ${first.line}` : `row ${previous}`})`, await table.locate(i));
    }
    cells.set(key, i);
  }
  const values = systems.map(() => new Array<number>(tasks.length).fill(NaN));
  for (const [key, i] of cells) {
    const [s, t] = key.split(",").map(Number);
    values[s][t] = rows[i].score as number;
  }
  return {systems, tasks, values};
}

async function wide(path: string, drop: string[]): Promise<SystemsByTasks> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new BenchstatsError("io", "cannot read input file (does it exist?)", {file: path});
  }
  const table = parseWideTable(text, {file: path, drop});
  return {systems: table.rows, tasks: table.columns, values: table.values};
}
