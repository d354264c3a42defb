import {enumArg, optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {borda} from "./borda.js";
import {aggregationMethods, consensusOrder, type AggregationMethod} from "./aggregate.js";
import {meanScore} from "./mean.js";
import {checkScoreTable, type ScoreTable} from "./table.js";

export interface TwoLevelOptions {
  /** How instances become one score per system and task: Borda points (default) or the mean score. */
  inner?: "borda" | "mean";
  /** How tasks are aggregated into the final order (default "borda"). */
  outer?: AggregationMethod;
}

export interface TwoLevelResult {
  /** systems × tasks table of inner scores (higher is better). */
  taskScores: number[][];
  /** Final order, system indices best first. */
  order: number[];
}

/**
 * Two-level aggregation (instances → tasks → systems), Colombo et al. (NeurIPS 2022)
 * `two_levels_aggregation`: within each task, aggregate the per-instance scores of every system
 * (Borda over instances by default, so a task's metric scale does not matter), then aggregate the
 * resulting systems × tasks table with `outer`. Unlike the reference code, ties and missing
 * instance scores (NaN) are handled as in {@link borda}.
 *
 * @param perTask one systems × instances table per task (same systems, same order in each)
 * @example twoLevel([taskA, taskB], {inner: "borda", outer: "kemeny"}).order;
 */
export function twoLevel(perTask: ReadonlyArray<ScoreTable>, options: TwoLevelOptions = {}): TwoLevelResult {
  const {inner = "borda", outer = "borda"} = optionsArg(options, "twoLevel");
  enumArg(inner, "inner", "twoLevel", ["borda", "mean"]);
  enumArg(outer, "outer", "twoLevel", aggregationMethods);
  if (!Array.isArray(perTask) || perTask.length === 0) throw new BenchstatsError("shape", "twoLevel: expected one instance table per task");
  const nSystems = checkScoreTable("twoLevel (task 0)", perTask[0]).nSystems;
  const taskScores: number[][] = Array.from({length: nSystems}, () => []);
  perTask.forEach((table, t) => {
    const {nSystems: n} = checkScoreTable(`twoLevel (task ${t})`, table);
    if (n !== nSystems) throw new BenchstatsError("shape", `twoLevel: task ${t} has ${n} systems, task 0 has ${nSystems}`, {field: "perTask", row: t});
    const scores = inner === "borda" ? borda(table).scores : meanScore(table).scores;
    for (let s = 0; s < nSystems; ++s) taskScores[s].push(scores[s]);
  });
  return {taskScores, order: consensusOrder(taskScores, outer)};
}
