import {arrayArg, checkLimit, enumArg, numbersArg, optionsArg, seedArg} from "../core/check.js";
import {confidenceArg, repsArg} from "../bootstrap/checks.js";
import {BenchstatsError} from "../core/errors.js";
import {createRandom} from "../core/random.js";
import {percentileInterval} from "../bootstrap/percentile.js";
import {REPS} from "../bootstrap/reps.js";
import {consensusOrder, positions, type AggregationMethod} from "./aggregate.js";
import {aggregationMethods} from "./aggregate.js";
import {canonicalPositions, checkScoreTable, type ScoreTable} from "./table.js";

export interface RankIntervalOptions {
  method?: AggregationMethod;
  /** Bootstrap replicates (default `REPS.rankIntervals` = 1000). */
  reps?: number;
  /** Two-sided level of the rank interval (default 0.95). */
  confidence?: number;
  seed?: number;
  /**
   * Per-run scores `runs[system][task]` = array of run scores. When given, each replicate also
   * resamples the runs of every (system, task) cell and uses their mean as the cell's score.
   */
  runs?: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>;
}

export interface RankInterval {
  system: number;
  /** Position (1 = best) on the full data. */
  rank: number;
  /** Percentile interval of the bootstrap positions. */
  lower: number;
  upper: number;
  /** Share of replicates in which the system is ranked first. */
  pFirst: number;
}

/**
 * Rank uncertainty by the bootstrap: resample tasks (columns) with replacement — and, with
 * `runs`, the runs inside each cell — re-aggregate with `method`, and report each system's
 * percentile interval of positions (type-7 quantiles, then rounded outward to whole ranks) and the
 * share of replicates where it wins. Seeded and reproducible; the runs of the cells are drawn visiting the
 * systems in a canonical order of their score rows, so shuffling the rows (with their runs) does not
 * change any system's interval. Caps: `reps` ≤ `LIMITS.reps`, and reps × (cells + runs) ≤ `LIMITS.draws`.
 *
 * Reference: the task bootstrap of rliable (Agarwal et al. 2021) applied to ranks, as in
 * Colombo et al.'s robustness analysis of aggregated rankings.
 *
 * @example rankIntervals(scores, {method: "borda", reps: 1000, seed: 0}); // [{system, rank, lower, upper, pFirst}, …]
 */
export function rankIntervals(scores: ScoreTable, options: RankIntervalOptions = {}): RankInterval[] {
  const fn = "rankIntervals";
  const {method = "borda", reps = REPS.rankIntervals, confidence = 0.95, seed = 0, runs} = optionsArg(options, fn);
  const {nSystems: n, nTasks} = checkScoreTable(fn, scores);
  enumArg(method, "method", fn, aggregationMethods);
  repsArg(reps, fn);
  confidenceArg(confidence, fn);
  seedArg(seed, fn);
  let runCells = 0;
  if (runs !== undefined) {
    arrayArg(runs, "runs", fn);
    if (runs.length !== n) throw new BenchstatsError("shape", `rankIntervals: runs needs ${n} systems, got ${runs.length}`, {field: "runs"});
    runs.forEach((row, s) => {
      if (!Array.isArray(row) || row.length !== nTasks) throw new BenchstatsError("shape", `rankIntervals: runs needs ${nTasks} tasks per system`, {field: "runs", row: s});
      row.forEach((cell) => (runCells += numbersArg(cell, "runs", fn, {missing: false}).length));
    });
  }
  checkLimit(reps * (n * nTasks + runCells), "draws", "reps", fn, "the draws (reps × (systems × tasks + runs))");
  // Runs are drawn system by system in a canonical order of the rows, not in the order they come.
  const visit = Array.from({length: n}, (_, s) => s);
  const canonical = canonicalPositions(scores);
  visit.sort((a, b) => canonical[a] - canonical[b]);
  const full = positions(consensusOrder(scores, method));
  const rng = createRandom(seed);
  // Runs draw from their own stream, so the task resamples do not depend on whether runs are given.
  const runRng = createRandom(seed, 1);
  const draws = Array.from({length: n}, () => new Float64Array(reps));
  const first = new Float64Array(n);
  const table: number[][] = Array.from({length: n}, () => new Array<number>(nTasks));
  for (let r = 0; r < reps; ++r) {
    for (let c = 0; c < nTasks; ++c) {
      const t = rng.int(nTasks);
      for (const s of visit) {
        const cell = runs?.[s][t];
        if (cell && cell.length > 0) {
          let sum = 0;
          for (let k = 0; k < cell.length; ++k) sum += cell[runRng.int(cell.length)];
          table[s][c] = sum / cell.length;
        } else table[s][c] = scores[s][t];
      }
    }
    const pos = positions(consensusOrder(table, method));
    for (let s = 0; s < n; ++s) {
      draws[s][r] = pos[s];
      if (pos[s] === 1) first[s]++;
    }
  }
  return full.map((position, s) => {
    const [lower, upper] = percentileInterval(draws[s].sort(), confidence, {sorted: true});
    return {
      system: s,
      rank: position,
      lower: Math.floor(lower),
      upper: Math.ceil(upper),
      pFirst: first[s] / reps
    };
  });
}
