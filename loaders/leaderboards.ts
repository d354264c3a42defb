// The leaderboards of a data folder as systems × tasks score tables: what the "Write your own analysis page"
// report ranks (Kemeny, Borda) and checks for agreement. Wide CSVs (a system column, then one column per
// task) go through lib's parseWideTable; every other score format through readScores (lm-eval, AlpacaEval,
// Arena-Hard, tidy model/task/score tables), pivoted to one score per (model, task): the first one read.
import {readFile} from "node:fs/promises";
import {join} from "node:path";
import {BenchstatsError, parseWideTable} from "../lib/index.js";
import type {DataFile} from "./discover.js";
import {readScores} from "./index.js";

/** One leaderboard: `values[system][task]`, null where a system has no score on a task. */
export interface Leaderboard {
  path: string;
  format: string;
  systems: string[];
  tasks: string[];
  values: (number | null)[][];
}

/** Columns that leaderboards add as their own summary of the tasks, left out of the tasks. */
const SUMMARY_COLUMNS = ["score", "average", "avg", "mean", "overall", "total", "rank"];

/**
 * Reads every scores file of `files` (discoverData's list for `root`) into a {@link Leaderboard}; a file
 * that cannot be read is a problem `{path, message}`, never a failure of the whole folder. Leaderboards
 * with fewer than `minSystems` systems or `minTasks` tasks cannot be ranked across tasks and are listed
 * in `skipped` with why. At most `limit` leaderboards are read (in the files' order).
 */
export async function readLeaderboards(
  root: string,
  files: readonly DataFile[],
  {limit = 60, minSystems = 3, minTasks = 2} = {}
): Promise<{leaderboards: Leaderboard[]; skipped: {path: string; message: string}[]; problems: {path: string; message: string}[]}> {
  const leaderboards: Leaderboard[] = [];
  const skipped: {path: string; message: string}[] = [];
  const problems: {path: string; message: string}[] = [];
  for (const file of files.filter((f) => f.kind === "scores").slice(0, limit)) {
    try {
      const board = await readLeaderboard(join(root, file.path), file);
      if (board.systems.length < minSystems || board.tasks.length < minTasks) {
        skipped.push({path: file.path, message: `${board.systems.length} system(s) × ${board.tasks.length} task(s): a ranking across tasks needs at least ${minSystems} systems and ${minTasks} tasks`});
      } else leaderboards.push(board);
    } catch (error) {
      if (!(error instanceof BenchstatsError)) throw error;
      problems.push({path: file.path, message: error.message});
    }
  }
  return {leaderboards, skipped, problems};
}

async function readLeaderboard(path: string, file: DataFile): Promise<Leaderboard> {
  if (file.format === "wide") {
    const text = await readFile(path, "utf8");
    const header = parseWideTable(text.split("\n", 1)[0] + "\n", {file: file.path}).columns;
    const drop = header.filter((h) => SUMMARY_COLUMNS.includes(h.toLowerCase()));
    const table = parseWideTable(text, {file: file.path, drop});
    return {path: file.path, format: file.format, systems: table.rows, tasks: table.columns, values: table.values.map((row) => row.map((v) => (Number.isFinite(v) ? v : null)))};
  }
  const table = await readScores(path, {format: file.format as never});
  const rows = table.rows() as {model: string; task: string; benchmark?: string; score: number}[];
  const systems = [...new Set(rows.map((r) => r.model))];
  const taskName = (r: (typeof rows)[number]) => (r.benchmark && r.benchmark !== r.task ? `${r.benchmark}/${r.task}` : r.task);
  const tasks = [...new Set(rows.map(taskName))].filter((t) => !SUMMARY_COLUMNS.includes(t.toLowerCase()));
  const values: (number | null)[][] = systems.map(() => tasks.map(() => null));
  for (const r of rows) {
    const i = systems.indexOf(r.model);
    const j = tasks.indexOf(taskName(r));
    if (j >= 0 && values[i][j] === null && Number.isFinite(r.score)) values[i][j] = r.score;
  }
  return {path: file.path, format: file.format, systems, tasks, values};
}
