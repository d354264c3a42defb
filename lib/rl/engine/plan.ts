import {booleanArg, checkLimit, intArg, isList, seedArg, show} from "../../core/check.js";
import {repsArg} from "../../bootstrap/checks.js";
import type {IndexStream} from "../../bootstrap/index-stream.js";
import {BenchstatsError} from "../../core/errors.js";
import {matrixColumns, type ScoreCurves, type ScoreMatrix} from "../matrix.js";
import {evaluateSpec, specName, statisticSpec, type StatisticSpec} from "./statistic-spec.js";

/**
 * One resampled unit of a bootstrap plan: a runs × tasks matrix (or runs × tasks × checkpoints, as
 * `layers` checkpoint slices sharing the same present runs) with missing runs dropped. Task t's cells
 * are `offsets[t] .. offsets[t + 1]`; `rows[i]` is the original run (row) of cell i; layer l's value of
 * cell i is `values[l · N + i]` with N = offsets[tasks]. Plain typed arrays: structured-clone friendly.
 */
export interface PlanSample {
  runs: number;
  tasks: number;
  layers: number;
  offsets: Int32Array;
  rows: Int32Array;
  values: Float64Array;
}

/** One key of the score dict: its samples (1, or 2 for a pair X, Y), point estimates and warnings. */
export interface PlanEntry {
  key: string;
  /** 32-bit hash of the key: with the block number it selects the random stream. */
  stream: number;
  samples: PlanSample[];
  /** Outputs per replicate = outputs per layer × layers (layer-major). */
  outputs: number;
  point: number[];
  warnings: string[];
}

/** A statistic that is not one of the recognised built-ins: called on materialised resamples. */
export type GenericStatistic = (...matrices: ScoreMatrix[]) => number | ArrayLike<number>;

/**
 * Everything a bootstrap needs, as plain data: send it to a Web Worker or worker thread (structured
 * clone) and call {@link runBootstrapBlock} there; the numbers are identical wherever blocks run.
 * Only `generic` (a user function, present when the statistic is not a recognised built-in) cannot be
 * sent; such plans must run on the thread that made them.
 */
export interface BootstrapPlan {
  reps: number;
  blockSize: number;
  seed: number;
  taskBootstrap: boolean;
  /** Resample each checkpoint's runs independently (rliable's per-cell scheme) instead of whole trajectories. */
  perCell: boolean;
  /** Recognised built-in statistics (fast path), or null when `generic` is used. */
  statistics: StatisticSpec[] | null;
  /** Force the materialising path even for built-ins (gives identical numbers; for testing). */
  forceGeneric: boolean;
  outputsPerLayer: number;
  layers: number;
  /** One label per output, e.g. "IQM" or "score distribution τ=0.5". */
  labels: string[];
  entries: PlanEntry[];
  generic?: GenericStatistic;
}

export interface PlanOptions {
  /** The public function the plan is made for, named in error messages (default "intervalEstimates"). */
  fn?: string;
  reps: number;
  seed?: number;
  taskBootstrap?: boolean;
  perCell?: boolean;
  blockSize?: number;
  forceGeneric?: boolean;
}

/** Input of one entry: its matrices (2-D) or curves (3-D). */
export interface EntryInput {
  key: string;
  samples: (ScoreMatrix | ScoreCurves)[];
  curves: boolean;
}

/** Statistic argument accepted by the interval functions. */
export type StatisticInput = Function | readonly Function[];

export const DEFAULT_BLOCK_SIZE = 500;

/** Builds a plan; validates shapes and options, computes point estimates and run-axis warnings. */
export function buildPlan(inputs: EntryInput[], statistic: StatisticInput, options: PlanOptions): BootstrapPlan {
  const {fn = "intervalEstimates", reps, seed = 0, taskBootstrap = false, perCell = false, blockSize = DEFAULT_BLOCK_SIZE, forceGeneric = false} = options;
  repsArg(reps, fn, {min: 2});
  intArg(blockSize, "blockSize", fn, {min: 1, limit: "reps"});
  seedArg(seed, fn);
  booleanArg(taskBootstrap, "taskBootstrap", fn);
  booleanArg(forceGeneric, "forceGeneric", fn);
  if (inputs.length === 0) throw new BenchstatsError("option", `${fn}: the score dict is empty`);
  const functions = typeof statistic === "function" ? [statistic] : isList(statistic) ? Array.from(statistic as ArrayLike<unknown>) : [];
  if (functions.length === 0 || functions.some((f) => typeof f !== "function")) {
    throw new BenchstatsError("option", `${fn}: statistic must be a function or an array of functions, got ${show(statistic)}`, {field: "statistic"});
  }
  const specList = functions.map((f) => statisticSpec(f));
  const recognised = specList.every((s) => s !== undefined);
  const statistics = recognised ? (specList as StatisticSpec[]) : null;
  const generic: GenericStatistic | undefined = recognised
    ? undefined
    : functions.length === 1
      ? (functions[0] as GenericStatistic)
      : (...m: ScoreMatrix[]) => functions.flatMap((f) => toArray((f as GenericStatistic)(...m), "a resample"));

  const entries: PlanEntry[] = [];
  let layers = -1;
  for (const input of inputs) {
    const samples = input.samples.map((m, s) =>
      input.curves ? prepareCurves(m as ScoreCurves, sampleLabel(input, s)) : prepareMatrix(m as ScoreMatrix, sampleLabel(input, s))
    );
    if (samples.length === 2 && samples[0].tasks !== samples[1].tasks) {
      throw new BenchstatsError(
        "shape",
        `scores["${input.key}"]: the pair has ${samples[0].tasks} tasks in X but ${samples[1].tasks} in Y; both matrices must be runs × tasks over the same tasks`
      );
    }
    if (samples.length === 2 && samples[0].layers !== samples[1].layers) {
      throw new BenchstatsError("shape", `scores["${input.key}"]: X and Y have different checkpoint counts`);
    }
    if (layers >= 0 && samples[0].layers !== layers) {
      throw new BenchstatsError("shape", `scores["${input.key}"] has ${samples[0].layers} checkpoints, expected ${layers} like the other entries`);
    }
    layers = samples[0].layers;
    if (statistics) {
      const pairSpec = statistics.some((s) => s.kind === "probabilityOfImprovement");
      if (pairSpec && (statistics.length !== 1 || samples.length !== 2)) {
        throw new BenchstatsError(
          "option",
          `scores["${input.key}"]: probabilityOfImprovement needs a pair [scoresX, scoresY] as the dict value and must be the only statistic`
        );
      }
      if (!pairSpec && samples.length !== 1) {
        throw new BenchstatsError("option", `scores["${input.key}"] is a pair of matrices, but ${statistics.map(specName).join(", ")} takes one matrix`);
      }
    }
    const point: number[] = [];
    for (let l = 0; l < layers; ++l) {
      const originals = input.curves ? samples.map((s) => sampleMatrix(s, l)) : (input.samples as ScoreMatrix[]);
      for (const v of evaluate(statistics, generic, originals, `scores["${input.key}"]`)) point.push(v);
    }
    const warnings = samples.flatMap((s, i) => runAxisWarnings(s, sampleLabel(input, i), taskBootstrap));
    entries.push({key: input.key, stream: hashKey(input.key), samples, outputs: point.length, point, warnings});
  }
  const outputs = entries[0].outputs;
  for (const e of entries) {
    if (e.outputs !== outputs) throw new BenchstatsError("statistic", `the statistic returned ${e.outputs} values for "${e.key}" but ${outputs} for "${entries[0].key}"`);
  }
  const outputsPerLayer = outputs / layers;
  // Every replicate value of every entry is held until the intervals are read off.
  checkLimit(reps * outputs * entries.length, "replicateValues", "reps", fn, "the replicates held (reps × outputs × keys)");
  return {
    reps,
    blockSize,
    seed,
    taskBootstrap,
    perCell,
    statistics,
    forceGeneric,
    outputsPerLayer,
    layers,
    labels: outputLabels(statistics, outputsPerLayer),
    entries,
    ...(generic ? {generic} : {})
  };
}

function sampleLabel(input: EntryInput, s: number): string {
  return input.samples.length === 1 ? `scores["${input.key}"]` : `scores["${input.key}"][${s}] (${s === 0 ? "X" : "Y"})`;
}

function outputLabels(statistics: StatisticSpec[] | null, k: number): string[] {
  if (!statistics) return Array.from({length: k}, (_, i) => `output ${i}`);
  return statistics.flatMap((s) =>
    s.kind === "scoreDistribution" || s.kind === "averageScoreDistribution" ? s.taus.map((t) => `${specName(s)} τ=${t}`) : [specName(s)]
  );
}

/** Evaluates the statistic (built-in specs or the generic function) on one set of matrices. */
export function evaluate(statistics: StatisticSpec[] | null, generic: GenericStatistic | undefined, matrices: ScoreMatrix[], where: string): number[] {
  if (statistics) {
    const out: number[] = [];
    for (const s of statistics) evaluateSpec(s, matrices, out);
    return out;
  }
  return toArray(generic!(...matrices), where);
}

/**
 * A statistic's value as an array, checked: a number or an array of numbers, each a number (NaN or
 * ±Infinity from a user statistic would pass silently into every interval, so they throw here).
 */
function toArray(v: number | ArrayLike<number>, where: string): number[] {
  const values = typeof v === "number" ? [v] : isList(v) ? Array.from(v) : null;
  if (values === null) {
    throw new BenchstatsError("statistic", `the statistic returned ${show(v)} for ${where}; expected a number or an array of numbers`);
  }
  for (let k = 0; k < values.length; ++k) {
    const x = values[k];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw new BenchstatsError("statistic", `the statistic returned ${show(x)} as output ${k} for ${where}; every output must be a finite number`);
    }
  }
  return values;
}

function prepareMatrix(scores: ScoreMatrix, label: string): PlanSample {
  const {runs, tasks, offsets, rows, values} = matrixColumns(scores, label);
  return {runs, tasks, layers: 1, offsets, rows, values};
}

function prepareCurves(curves: ScoreCurves, label: string): PlanSample {
  if (curves == null || typeof curves.length !== "number" || curves.length === 0) {
    throw new BenchstatsError("shape", `${label} must be a runs × tasks × checkpoints array, got ${show(curves)}`);
  }
  const runs = curves.length;
  const row0 = curves[0];
  const tasks = row0?.length ?? 0;
  const layers = row0?.[0]?.length ?? 0;
  if (!(tasks > 0 && layers > 0)) throw new BenchstatsError("shape", `${label} must be runs × tasks × checkpoints with at least one task and checkpoint`);
  const present: boolean[][] = [];
  const counts = new Int32Array(tasks);
  for (let r = 0; r < runs; ++r) {
    const row = curves[r];
    if (row == null || row.length !== tasks) throw new BenchstatsError("shape", `${label}: run ${r} has ${row?.length} tasks, expected ${tasks}`);
    present.push([]);
    for (let t = 0; t < tasks; ++t) {
      const cell = row[t];
      if (cell == null || cell.length !== layers) throw new BenchstatsError("shape", `${label}: run ${r}, task ${t} has ${cell?.length} checkpoints, expected ${layers}`);
      let nan = 0;
      for (let c = 0; c < layers; ++c) {
        const v = cell[c];
        if (typeof v !== "number" || v === Infinity || v === -Infinity) {
          throw new BenchstatsError("value", `${label}: run ${r}, task ${t}, checkpoint ${c} is ${show(v)}, expected a finite number (NaN for missing)`);
        }
        if (v !== v) ++nan;
      }
      if (nan !== 0 && nan !== layers) {
        throw new BenchstatsError("missing", `${label}: run ${r}, task ${t} is missing at ${nan} of ${layers} checkpoints; a run must be present at every checkpoint or at none`);
      }
      present[r].push(nan === 0);
      if (nan === 0) ++counts[t];
    }
  }
  const offsets = new Int32Array(tasks + 1);
  for (let t = 0; t < tasks; ++t) {
    if (counts[t] === 0) throw new BenchstatsError("missing", `${label}: task ${t} has no runs`);
    offsets[t + 1] = offsets[t] + counts[t];
  }
  const n = offsets[tasks];
  const rows = new Int32Array(n);
  const values = new Float64Array(n * layers);
  const fill = offsets.slice(0, tasks);
  for (let r = 0; r < runs; ++r) {
    for (let t = 0; t < tasks; ++t) {
      if (!present[r][t]) continue;
      const i = fill[t]++;
      rows[i] = r;
      for (let c = 0; c < layers; ++c) values[c * n + i] = curves[r][t][c];
    }
  }
  return {runs, tasks, layers, offsets, rows, values};
}

/** Rebuilds layer `layer` of a sample as a runs × tasks matrix (NaN where missing), leaving out run `skipRow`. */
export function sampleMatrix(sample: PlanSample, layer: number, skipRow = -1): number[][] {
  const {runs, tasks, offsets, rows, values} = sample;
  const n = offsets[tasks];
  const out: number[][] = [];
  const rowIndex = new Int32Array(runs).fill(-1);
  for (let r = 0; r < runs; ++r) {
    if (r === skipRow) continue;
    rowIndex[r] = out.length;
    out.push(new Array<number>(tasks).fill(NaN));
  }
  for (let t = 0; t < tasks; ++t) {
    for (let i = offsets[t]; i < offsets[t + 1]; ++i) {
      const r = rowIndex[rows[i]];
      if (r >= 0) out[r][t] = values[layer * n + i];
    }
  }
  return out;
}

/**
 * Heuristic checks for a swapped run/task axis (rliable issue #20: a matrix passed as tasks × runs,
 * or episodes × checkpoints, gives intervals with no or too little variance):
 * - a single run per task: the stratified bootstrap then cannot vary anything (zero-width intervals)
 *   unless `taskBootstrap` is on;
 * - scores varying much more between the runs of a task (down the columns) than between the tasks of a
 *   run (along the rows): the mean within-column variance is over 1.5 times the mean within-row variance.
 *   Real runs × tasks data has the opposite pattern (on the Atari 100k human-normalised scores the ratio
 *   is 0.09–0.56 for the seven agents, and 1.8–11 for their transposes).
 */
export function runAxisWarnings(sample: PlanSample, label: string, taskBootstrap: boolean): string[] {
  const {runs, tasks, offsets, rows, values} = sample;
  const warnings: string[] = [];
  let maxRuns = 0;
  for (let t = 0; t < tasks; ++t) maxRuns = Math.max(maxRuns, offsets[t + 1] - offsets[t]);
  if (maxRuns === 1 && !taskBootstrap) {
    warnings.push(
      `${label} has one run per task, so resampling runs within tasks cannot vary the statistic (zero-width intervals). Matrices are runs × tasks: did you swap the axes? For one run per task, use taskBootstrap: true.`
    );
    return warnings;
  }
  if (runs < 3 || tasks < 3) return warnings;
  // Only the first layer (checkpoint) is examined.
  let colVar = 0;
  let colN = 0;
  for (let t = 0; t < tasks; ++t) {
    const v = variance(values, offsets[t], offsets[t + 1]);
    if (v >= 0) (colVar += v), ++colN;
  }
  const rowSum = new Float64Array(runs);
  const rowSq = new Float64Array(runs);
  const rowN = new Int32Array(runs);
  const n = offsets[tasks];
  for (let i = 0; i < n; ++i) {
    const r = rows[i];
    rowSum[r] += values[i];
    rowN[r] += 1;
  }
  for (let i = 0; i < n; ++i) {
    const r = rows[i];
    const d = values[i] - rowSum[r] / rowN[r];
    rowSq[r] += d * d;
  }
  let rowVar = 0;
  let rowCount = 0;
  for (let r = 0; r < runs; ++r) {
    if (rowN[r] >= 2) (rowVar += rowSq[r] / (rowN[r] - 1)), ++rowCount;
  }
  colVar /= Math.max(colN, 1);
  rowVar /= Math.max(rowCount, 1);
  if (colVar > 1.5 * rowVar && colVar > 0) {
    warnings.push(
      `${label}: scores vary ${rowVar > 0 ? `${(colVar / rowVar).toFixed(1)} times` : "far"} more between the runs of a task than between the tasks of a run. Matrices are runs × tasks (axis 0 = runs/seeds, axis 1 = tasks): is this matrix transposed (tasks × runs)?`
    );
  }
  return warnings;
}

function variance(values: Float64Array, from: number, to: number): number {
  const n = to - from;
  if (n < 2) return -1;
  let m = 0;
  for (let i = from; i < to; ++i) m += values[i];
  m /= n;
  let s = 0;
  for (let i = from; i < to; ++i) s += (values[i] - m) ** 2;
  return s / (n - 1);
}

/** FNV-1a hash of the key (UTF-16 code units), 32 bits. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; ++i) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The random stream of (entry, block): a 32-bit mix of the key hash and the block number. */
export function blockStream(entryStream: number, block: number): number {
  let h = entryStream ^ Math.imul(block + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The most runs any task of the sample has. */
export function maxTaskRuns(s: PlanSample): number {
  let m = 0;
  for (let t = 0; t < s.tasks; ++t) m = Math.max(m, s.offsets[t + 1] - s.offsets[t]);
  return m;
}

/** With task resampling: draws the replicate's task indices into sel (first of a replicate's draws). */
export function drawTasks(plan: BootstrapPlan, stream: IndexStream, sel: Int32Array, tasks: number): void {
  if (plan.taskBootstrap) stream.fill(sel, tasks, tasks);
}
