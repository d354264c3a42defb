/**
 * The "Write your own analysis page" report's handling of whatever a data folder holds: algorithms that
 * ran only some tasks, run counts to describe, words to pluralise, file sizes. Pure functions on plain
 * data, so that the page survives any folder and the tests can run them on the ones it is built on.
 *
 * @example
 * completeMatrices({A: [[1, 2]], B: [[3, NaN]]}, ["t1", "t2"]);
 * // {matrices: {A: [[1]], B: [[3]]}, tasks: ["t1"], dropped: [], droppedTasks: ["t2"]}
 * runCounts({A: [[1], [2]], B: [[3], [4], [5]]}); // "2–3 runs each"
 * plural(1, "pairwise disagreement"); // "1 pairwise disagreement"
 */

/**
 * The largest part of `scoreDict` ({algorithm: runs × tasks}) on which every algorithm has a run on every
 * task, as rliable's aggregates need: algorithms that ran fewer than half of the tasks are dropped
 * (`dropped`: {algorithm, covered, of}), then the tasks some remaining algorithm never ran
 * (`droppedTasks`). A task counts as run when at least one of its runs is a number.
 */
export function completeMatrices(scoreDict, tasks) {
  const algorithms = Object.keys(scoreDict);
  const ran = (a, j) => scoreDict[a].some((run) => Number.isFinite(run[j]));
  const coverage = new Map(algorithms.map((a) => [a, tasks.filter((_, j) => ran(a, j)).length]));
  const dropped = algorithms.filter((a) => coverage.get(a) * 2 < tasks.length).map((a) => ({algorithm: a, covered: coverage.get(a), of: tasks.length}));
  const kept = algorithms.filter((a) => !dropped.some((d) => d.algorithm === a));
  const keepTask = tasks.map((_, j) => kept.every((a) => ran(a, j)));
  const matrices = Object.fromEntries(kept.map((a) => [a, scoreDict[a].map((run) => run.filter((_, j) => keepTask[j]))]));
  return {matrices, tasks: tasks.filter((_, j) => keepTask[j]), dropped, droppedTasks: tasks.filter((_, j) => !keepTask[j])};
}

/** "5 runs each", "3–5 runs each" (fewest–most runs of an algorithm), or "no runs" for none. */
export function runCounts(scoreDict) {
  const counts = Object.values(scoreDict).map((m) => m.length);
  if (!counts.length) return "no runs";
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  return `${lo === hi ? lo : `${lo}–${hi}`} ${plural(hi, "run", "runs").replace(/^\d+ /, "")} each`;
}

/** `n word` with the word in the plural unless n is 1 (`many` defaults to word + "s"). */
export function plural(n, word, many = `${word}s`) {
  return `${n.toLocaleString("en-US")} ${n === 1 ? word : many}`;
}

/** A file size for a table cell: "412 kB", "0 B" for an empty file, "folder" for a store folder. */
export function fileSize(bytes, {folder = false} = {}) {
  if (folder) return "folder";
  if (!(bytes > 0)) return "0 B";
  const units = ["B", "kB", "MB", "GB", "TB"];
  const k = Math.min(units.length - 1, Math.floor(Math.log10(bytes) / 3));
  const value = bytes / 1000 ** k;
  return `${value >= 100 || k === 0 ? value.toFixed(0) : value.toPrecision(3)} ${units[k]}`;
}
