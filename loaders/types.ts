/**
 * Row types of the tidy tables the loaders produce (../shared/DESIGN.md "Tidy tables"). Column names are
 * snake_case so a row array can be written straight to CSV/JSON for Framework pages.
 */

/**
 * One observation of a training or evaluation run: `value` of `metric` at `step` of one seed.
 * `seed` is the run's identity within (experiment, algorithm, task): a seed label, a W&B/MLflow run id, or
 * `null` when the row summarises several seeds (Open RL Benchmark tables; then `std` says how they spread).
 * `step` is `NaN` when the source has no step (a final-score summary). `wall_time` is Unix seconds.
 */
export interface RunRow {
  experiment: string;
  algorithm: string;
  task: string;
  seed: string | null;
  step: number;
  metric: string;
  value: number;
  wall_time?: number;
  /** Spread across seeds, only on summary rows (`seed === null`). */
  std?: number;
}

/**
 * One aggregate score of a model on a benchmark task. `metric` names the score when a source reports several
 * (lm-eval `acc` vs `acc_norm`, AlpacaEval `win_rate` vs `length_controlled_winrate`); `filter` is
 * lm-eval's answer filter. `lower`/`upper` are interval bounds when the source publishes them.
 */
export interface ScoreRow {
  model: string;
  benchmark: string;
  task: string;
  score: number;
  stderr?: number;
  n?: number;
  source?: string;
  metric?: string;
  filter?: string;
  lower?: number;
  upper?: number;
}

/** One item-level result: `value` (0/1 or numeric) of `metric` for `model` on `item`. */
export interface SampleRow {
  model: string;
  benchmark: string;
  item: string;
  metric: string;
  value: number;
}

/** Labels a loader cannot read from the file itself; given values override what the file says. */
export interface RunLabels {
  experiment?: string;
  algorithm?: string;
  task?: string;
  seed?: string;
}
