import {REPS} from "../bootstrap/reps.js";
import {bootstrapInterval} from "../bootstrap/interval.js";
import {BenchstatsError} from "../core/errors.js";
import {createRandom, type Random} from "../core/random.js";
import {aggregateIqm} from "../rl/aggregates.js";
import {intervalEstimates} from "../rl/interval-estimates.js";
import {matrixColumns, type MatrixColumns, type ScoreMatrix} from "../rl/matrix.js";
import {probabilityOfImprovement} from "../rl/probability-of-improvement.js";
import {optionsArg, seedArg} from "../core/check.js";
import {confidenceArg, repsArg} from "../bootstrap/checks.js";

/** Caps of {@link runsNeeded}: simulations per run count, and simulations × reps (the bootstrap work per run count). */
export const RUNS_NEEDED_LIMITS = {simulations: 100_000, work: 1e8, runs: 10_000, candidates: 50} as const;

export interface RunsNeededOptions {
  /**
   * What is compared: an aggregate of one score matrix (`aggregateIqm`, the default; `aggregateMean`,
   * `aggregateMedian`, `aggregateOptimalityGap`, or any `(scores) => number`), whose difference X − Y is
   * tested against 0; or `probabilityOfImprovement`, tested against 0.5.
   */
  statistic?: ((scores: ScoreMatrix) => number | ArrayLike<number>) | typeof probabilityOfImprovement;
  /** Power wanted: the share of simulated experiments whose interval excludes the null (default 0.8). */
  target?: number;
  /** Run counts to try, ascending (default [3, 5, 10, 20, 50]). */
  runs?: readonly number[];
  /** Simulated experiments per run count (default 200). */
  simulations?: number;
  /** Bootstrap replicates per simulated experiment (default `REPS.runsNeeded` = 500). */
  reps?: number;
  /** Interval level (default 0.95). */
  confidence?: number;
  seed?: number;
}

export interface RunsNeededResult {
  /** The statistic on the data given: X − Y, or P(X > Y). */
  observed: number;
  /** The value of no difference: 0, or 0.5 for probability of improvement. */
  nullValue: number;
  /** Per run count: the estimated power and its Monte-Carlo standard error √(p(1 − p)/simulations). */
  power: {runs: number; power: number; mcse: number}[];
  /** The smallest run count whose power reaches `target`; NaN (with a warning) when none does. */
  needed: number;
  warning?: string;
}

/**
 * How many runs per task an experiment needs so that a stratified-bootstrap interval of X against Y
 * excludes "no difference" with probability `target`, estimated by simulation on the user's own runs:
 * the observed runs of each task stand in for the population (the plug-in principle). For each run count
 * R, `simulations` experiments draw R runs per task with replacement from X's and from Y's observed
 * runs, compute the 95% percentile interval of stat(X) − stat(Y) (independent stratified bootstraps of
 * X and Y, `reps` replicates, the machinery of `intervalEstimates`) — or of P(X > Y) for
 * `probabilityOfImprovement` — and count those that exclude the null on the side of the observed
 * difference. It is the coverage study's design (bench/coverage.bench.ts) with the data as the truth.
 *
 * The answer is only as good as the runs given: with few observed runs, their spread understates the
 * population's and the power is optimistic; run counts beyond those observed repeat observed runs.
 * Run counts start at 2 (one run per task leaves a bootstrap nothing to resample). Caps: simulations ≤ 10⁵,
 * simulations × reps ≤ 10⁸, run counts ≤ 10⁴ (at most 50 of them).
 *
 * Reference: R. Agarwal et al., "Deep RL at the Edge of the Statistical Precipice", NeurIPS 2021
 * (stratified bootstrap, IQM, probability of improvement); power by simulation as in Colas, Sigaud &
 * Oudeyer, "How Many Random Seeds?" (2018), with bootstrap intervals in place of their t test.
 *
 * @example
 * runsNeeded(spr, der, {statistic: aggregateIqm, target: 0.8, runs: [3, 5, 10], seed: 1});
 * // {observed: 0.12, nullValue: 0, power: [{runs: 3, power: 0.41, …}, …], needed: 10}
 */
export function runsNeeded(scoresX: ScoreMatrix, scoresY: ScoreMatrix, options: RunsNeededOptions = {}): RunsNeededResult {
  const fn = "runsNeeded";
  const {statistic = aggregateIqm, target = 0.8, runs = [3, 5, 10, 20, 50], simulations = 200, reps = REPS.runsNeeded, confidence = 0.95, seed = 0} = optionsArg(options, fn);
  if (typeof statistic !== "function") throw new BenchstatsError("option", `${fn}: statistic must be a function of a score matrix`, {field: "statistic"});
  if (typeof target !== "number" || !(target > 0 && target < 1)) throw new BenchstatsError("option", `${fn}: target (the power wanted) must be in (0, 1), got ${String(target)}`, {field: "target"});
  confidenceArg(confidence, fn);
  seedArg(seed, fn);
  repsArg(reps, fn, {min: 2});
  if (!Number.isInteger(simulations) || simulations < 1 || simulations > RUNS_NEEDED_LIMITS.simulations) {
    throw new BenchstatsError("option", `${fn}: simulations must be an integer in [1, ${RUNS_NEEDED_LIMITS.simulations}], got ${String(simulations)}`, {field: "simulations"});
  }
  if (simulations * reps > RUNS_NEEDED_LIMITS.work) {
    throw new BenchstatsError("option", `${fn}: simulations × reps = ${simulations * reps} exceeds ${RUNS_NEEDED_LIMITS.work} bootstrap replicates per run count`, {field: "reps"});
  }
  if (!Array.isArray(runs) || runs.length === 0 || runs.length > RUNS_NEEDED_LIMITS.candidates || runs.some((r, i) => !Number.isInteger(r) || r < 2 || r > RUNS_NEEDED_LIMITS.runs || (i > 0 && r <= runs[i - 1]))) {
    throw new BenchstatsError("option", `${fn}: runs must be 1 to ${RUNS_NEEDED_LIMITS.candidates} ascending integers in [2, ${RUNS_NEEDED_LIMITS.runs}] (one run gives a bootstrap nothing to vary), got ${JSON.stringify(runs)}`, {field: "runs"});
  }
  const x = matrixColumns(scoresX, "scoresX");
  const y = matrixColumns(scoresY, "scoresY");
  if (x.tasks !== y.tasks) throw new BenchstatsError("shape", `${fn}: scoresX has ${x.tasks} tasks and scoresY ${y.tasks}; both must score the same tasks`, {field: "scoresY"});
  const pair = statistic === probabilityOfImprovement;
  const nullValue = pair ? 0.5 : 0;
  const decide = (sx: ScoreMatrix, sy: ScoreMatrix, bootSeed: number): {point: number; lower: number; upper: number} => {
    if (pair) {
      const r = intervalEstimates({xy: [sx, sy]}, probabilityOfImprovement, {reps, confidence, seed: bootSeed}).xy;
      return {point: r.point[0], lower: r.lower[0], upper: r.upper[0]};
    }
    const r = intervalEstimates({x: sx, y: sy}, statistic as (s: ScoreMatrix) => number, {reps, confidence, seed: bootSeed, keepReplicates: true});
    // Replicate b of X and of Y come from independent streams: their difference is a draw of the pair.
    const d = new Float64Array(reps);
    for (let b = 0; b < reps; ++b) d[b] = r.x.replicates![b] - r.y.replicates![b];
    const point = r.x.point[0] - r.y.point[0];
    const [lower, upper] = bootstrapInterval(d, point, {confidence});
    return {point, lower, upper};
  };
  const observed = decide(scoresX, scoresY, seed).point;
  const direction = Math.sign(observed - nullValue);
  if (direction === 0 || Number.isNaN(direction)) {
    return {observed, nullValue, power: [], needed: NaN, warning: `the observed ${pair ? "P(X > Y)" : "difference"} is ${observed}: no direction to detect`};
  }
  const power = runs.map((R) => {
    const rng = createRandom(seed, R);
    let hits = 0;
    for (let s = 0; s < simulations; ++s) {
      const sx = drawRuns(x, R, rng);
      const sy = drawRuns(y, R, rng);
      const ci = decide(sx, sy, rng.uint32());
      if (direction > 0 ? ci.lower > nullValue : ci.upper < nullValue) ++hits;
    }
    const p = hits / simulations;
    return {runs: R, power: p, mcse: Math.sqrt((p * (1 - p)) / simulations)};
  });
  const reached = power.find((row) => row.power >= target);
  const result: RunsNeededResult = {observed, nullValue, power, needed: reached ? reached.runs : NaN};
  if (!reached) result.warning = `no run count tried reaches power ${target} (best ${power.reduce((best, row) => Math.max(best, row.power), -Infinity)} at ${runs[runs.length - 1]} runs); try more runs`;
  return result;
}

/** R runs per task drawn with replacement from a task's observed runs: an R × tasks matrix. */
function drawRuns(m: MatrixColumns, R: number, rng: Random): Float64Array[] {
  const out = Array.from({length: R}, () => new Float64Array(m.tasks));
  for (let t = 0; t < m.tasks; ++t) {
    const from = m.offsets[t];
    const count = m.offsets[t + 1] - from;
    for (let r = 0; r < R; ++r) out[r][t] = m.values[from + rng.int(count)];
  }
  return out;
}
