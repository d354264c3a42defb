import {arrayArg, isList, numbersArg, objectArg, optionsArg, reject, rowsArg, show, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {tableColumns, type LabelColumn} from "../core/columns.js";
import type {ScoreMatrix} from "./matrix.js";
import type {RunsTable} from "./tidy.js";

/** Per-task reference scores for min-max normalisation, e.g. Atari random (min) and human (max). */
export type ReferenceScores = Record<string, {min: number; max: number}>;

/**
 * Reads a reference table (rows such as `{game, random, human}`) into {@link ReferenceScores}.
 *
 * @param options.task column naming the task (default `"task"`, falling back to `"game"`)
 * @param options.min column of the score mapped to 0 (default `"random"`)
 * @param options.max column of the score mapped to 1 (default `"human"`)
 * @example referenceScores([{game: "Pong", random: -20.7, human: 14.6}]); // {Pong: {min: -20.7, max: 14.6}}
 */
export function referenceScores(
  rows: readonly Record<string, unknown>[],
  options: {task?: string; min?: string; max?: string} = {}
): ReferenceScores {
  const fn = "referenceScores";
  const {task, min = "random", max = "human"} = optionsArg(options, fn);
  if (task !== undefined) stringArg(task, "task", fn, {code: "option"});
  stringArg(min, "min", fn, {code: "option"});
  stringArg(max, "max", fn, {code: "option"});
  rowsArg(rows, "rows", fn);
  const out: ReferenceScores = {};
  rows.forEach((row, i) => {
    const column = task ?? ("task" in row ? "task" : "game");
    const name = row[column];
    if (typeof name !== "string" || name === "") throw new BenchstatsError("value", `reference row ${i}: column "${column}" is ${show(name)}, expected a task name`);
    // Numbers, or numeric text as a CSV reader gives it; a boolean or an empty cell is not a score.
    const lo = referenceNumber(row[min]);
    const hi = referenceNumber(row[max]);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      throw new BenchstatsError("value", `reference row ${i} (${name}): "${min}" = ${show(row[min])}, "${max}" = ${show(row[max])}; expected finite numbers`);
    }
    if (lo === hi) throw new BenchstatsError("value", `reference row ${i} (${name}): "${min}" and "${max}" are both ${lo}; cannot normalise by a zero range`);
    if (name in out) throw new BenchstatsError("value", `reference row ${i}: task "${name}" appears twice`);
    out[name] = {min: lo, max: hi};
  });
  return out;
}

/**
 * One min-max normalised score: (score − min) / (max − min). The single definition every normaliser of
 * this project uses (matrices, runs tables, the Atari 100k reader).
 *
 * @example minMaxScore(14.6, {min: -20.7, max: 14.6}); // 1
 */
export function minMaxScore(score: number, reference: {min: number; max: number}): number {
  if (typeof score !== "number" || score === Infinity || score === -Infinity) reject("value", "minMaxScore", "score", "a finite number (NaN = missing)", score);
  const r = objectArg<{min: number; max: number}>(reference, "reference", "minMaxScore", "{min, max}");
  if (!(Number.isFinite(r.min) && Number.isFinite(r.max)) || r.min === r.max) {
    throw new BenchstatsError("value", `minMaxScore: reference must have finite min ≠ max, got ${show(r.min)}, ${show(r.max)}`, {field: "reference"});
  }
  return (score - reference.min) / (reference.max - reference.min);
}

/**
 * Min-max normalises the `value` column of a runs table (rows or columnar) by each row's task:
 * (value − min_task) / (max_task − min_task). A task without a reference throws a `BenchstatsError`
 * naming the first row that has it, never a silently unnormalised score. NaN stays NaN.
 *
 * @example minMaxNormalizeRuns([{algorithm: "A", task: "Pong", value: 14.6}], {Pong: {min: -20.7, max: 14.6}}); // Float64Array [1]
 */
export function minMaxNormalizeRuns(table: RunsTable, reference: ReferenceScores): Float64Array {
  objectArg(reference, "reference", "minMaxNormalizeRuns", "an object {task: {min, max}} (referenceScores)");
  const {length, columns} = tableColumns(table, {labels: ["task"], numbers: ["value"]}, "minMaxNormalizeRuns");
  const task = columns.task as LabelColumn;
  const value = columns.value as Float64Array;
  const ranges = task.labels.map((name) => checkedRange(reference, name));
  const out = new Float64Array(length);
  for (let i = 0; i < length; ++i) {
    const range = ranges[task.codes[i]];
    if (typeof range === "string") throw new BenchstatsError("missing", `minMaxNormalizeRuns: ${range}`, {row: i, field: "task"});
    if (value[i] === Infinity || value[i] === -Infinity) throw new BenchstatsError("value", `minMaxNormalizeRuns: value must be finite or NaN (missing), got ${value[i]}`, {row: i, field: "value"});
    out[i] = (value[i] - range.min) / (range.max - range.min);
  }
  return out;
}

function referenceNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "") return Number(v);
  return NaN;
}

/** The reference of `task`, or why it cannot normalise (no reference; min = max; not finite). */
function checkedRange(reference: ReferenceScores, task: string): {min: number; max: number} | string {
  const r = Object.prototype.hasOwnProperty.call(reference, task) && reference[task] !== null && typeof reference[task] === "object" ? reference[task] : undefined;
  if (!r) return `no reference scores for task "${task}"`;
  if (!(Number.isFinite(r.min) && Number.isFinite(r.max)) || r.min === r.max) return `reference for task "${task}" must have finite min ≠ max, got ${r.min}, ${r.max}`;
  return r;
}

/**
 * Min-max normalisation of a runs × tasks matrix against per-task references:
 * normalised = (score − min_t) / (max_t − min_t). With Atari's random (min) and human (max) scores this
 * is the human-normalised score of the rliable paper (its colab's `score_normalization`). NaN (missing
 * runs) stays NaN.
 *
 * @param tasks the task name of each column
 * @example minMaxNormalize([[10, 5]], ["A", "B"], {A: {min: 0, max: 20}, B: {min: 5, max: 15}}); // [[0.5, 0]]
 */
export function minMaxNormalize(scores: ScoreMatrix, tasks: readonly string[], reference: ReferenceScores): number[][] {
  const fn = "minMaxNormalize";
  if (!isList(scores)) reject("type", fn, "scores", "a runs × tasks matrix", scores);
  arrayArg(tasks, "tasks", fn).forEach((t, j) => typeof t !== "string" && reject("type", fn, "tasks", "task names", t, {column: j}));
  objectArg(reference, "reference", fn, "an object {task: {min, max}} (referenceScores)");
  const ranges = tasks.map((t, j) => {
    const r = checkedRange(reference, t);
    if (typeof r === "string") throw new BenchstatsError(r.startsWith("no ") ? "missing" : "value", `minMaxNormalize: ${r} (column ${j})`);
    return r;
  });
  const out: number[][] = [];
  for (let i = 0; i < scores.length; ++i) {
    const row = scores[i];
    if (!isList(row) || row.length !== tasks.length) {
      throw new BenchstatsError("shape", `minMaxNormalize: row ${i} has ${isList(row) ? row.length : show(row)} values, expected one per task (${tasks.length})`);
    }
    numbersArg(row, "scores", fn);
    const r: number[] = [];
    for (let j = 0; j < tasks.length; ++j) r.push((row[j] - ranges[j].min) / (ranges[j].max - ranges[j].min));
    out.push(r);
  }
  return out;
}
