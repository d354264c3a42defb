/**
 * The row type of each tidy table (loaders/tidy/schema.ts), as `TidyTable.rows()` gives them: one interface
 * per table, so that every reader of a table, and every caller, means the same thing by a row.
 *
 * The convention follows the columnar form: a label is a string and a missing label is `""` (never `null`),
 * a number is a number and a missing number is `NaN`. A column marked `?` is one the table may lack; when the
 * table has it, every row has it (`""` or `NaN` where that row has no value). So a summary row of Open RL
 * Benchmark has `seed: ""`, and a run logged without a wall clock has `wall_time: NaN` when other rows of
 * the same table have one.
 */

/**
 * One observation of a training or evaluation run: `value` of `metric` at `step` of one seed.
 * `seed` is the run's identity within (experiment, algorithm, task): a seed label, a W&B/MLflow run id, or
 * `""` when the row summarises several seeds (Open RL Benchmark tables; `std` then says how they spread) or
 * the source names no seed (a TensorBoard file read without `{seed}`). `algorithm` and `task` are `""` when
 * the source cannot know them (TensorBoard, W&B, MLflow logs read without labels). `step` is `NaN` when the
 * source has no step (a final-score summary); `wall_time` is Unix seconds.
 */
export interface RunRow {
  experiment: string;
  algorithm: string;
  task: string;
  seed: string;
  step: number;
  metric: string;
  value: number;
  wall_time?: number;
  /** Spread across seeds, on summary rows (`seed === ""`); NaN on per-seed rows of the same table. */
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

/**
 * One pairwise battle: `winner` is `a`, `b` or `tie`. `judge` names who gave the verdict when the source
 * says so. Other columns of the source (`tstamp`, `question_id`, `game`, …) come as they are: numbers when
 * the source holds numbers, else text.
 */
export interface BattleRow {
  model_a: string;
  model_b: string;
  winner: "a" | "b" | "tie";
  judge?: string;
  /** How many identical battles the row stands for (aggregated counts); 1 when absent. */
  weight?: number;
  [column: string]: string | number | undefined;
}

/**
 * One sample of one GPU metric from an nvidia-smi or dmon log (the `gpu-metrics` table: sampled time
 * series, the companion of the gpu events table).
 */
export interface GpuMetricRow {
  /** As written by the tool (nvidia-smi: local time `YYYY/MM/DD HH:MM:SS.mmm`; dmon with `-o DT`: date + time), or "" when absent. */
  timestamp: string;
  /** Sample number in the file (0-based), so rows without timestamps still order. */
  sample: number;
  /** GPU index when logged, else the PCI bus id, else the row's position within its sample. */
  gpu: string;
  /** Field name as the tool names it (`utilization.gpu`, `sm`, `pwr`). */
  metric: string;
  /** Unit from the header (`%`, `MiB`, `W`), "" when none. */
  unit: string;
  /** Numeric value; NaN when the tool printed a placeholder (N/A, `-`) or the field is text (see `text`). */
  value: number;
  /** The cell as written (trimmed), for text fields such as name or pstate. */
  text: string;
}
