/**
 * Options shared by the run readers. The row types of the tidy tables live in loaders/tidy/rows.ts, one per
 * table; they are re-exported here for modules that import them from this file.
 */
export type {RunRow, ScoreRow, SampleRow, BattleRow, GpuMetricRow} from "./tidy/rows.js";

/** Labels a loader cannot read from the file itself; given values override what the file says. */
export interface RunLabels {
  experiment?: string;
  algorithm?: string;
  task?: string;
  seed?: string;
}
