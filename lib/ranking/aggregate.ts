import {enumArg, isList, reject} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {borda} from "./borda.js";
import {copeland} from "./copeland.js";
import {kemenyOrder, type KemenyOptions} from "./kemeny.js";
import {meanRank, meanScore} from "./mean.js";
import {checkOrder, type ScoreTable} from "./table.js";

/** The aggregation rules that turn a systems × tasks table into one order. */
export type AggregationMethod = "kemeny" | "borda" | "copeland" | "mean" | "meanRank";

/** Every aggregation rule name, in the order reports show them. */
export const aggregationMethods: readonly AggregationMethod[] = ["mean", "meanRank", "borda", "copeland", "kemeny"];

/**
 * The consensus order (system indices, best first) of a score table under one rule: Kemeny
 * (exact when blocks have ≤ `kemeny.exactLimit` systems), Borda, Copeland, mean score or mean rank.
 *
 * @example consensusOrder(scores, "borda"); // [3, 0, 2, 1]
 */
export function consensusOrder(scores: ScoreTable, method: AggregationMethod, kemenyOptions: KemenyOptions = {}): number[] {
  enumArg(method, "method", "consensusOrder", aggregationMethods);
  switch (method) {
    case "kemeny":
      return kemenyOrder(scores, kemenyOptions);
    case "borda":
      return borda(scores).order;
    case "copeland":
      return copeland(scores).order;
    case "mean":
      return meanScore(scores).order;
    case "meanRank":
      return meanRank(scores).order;
    default:
      throw new BenchstatsError("option", `unknown aggregation method ${JSON.stringify(method)}; expected one of ${aggregationMethods.join(", ")}`);
  }
}

/**
 * Position (1 = best) of each system in an order (the inverse permutation, 1-based).
 *
 * @example positions([2, 0, 1]); // [2, 3, 1]
 */
export function positions(order: ArrayLike<number>): number[] {
  if (!isList(order)) reject("type", "positions", "order", "an array of system indices", order);
  checkOrder("positions", order, order.length);
  const out = new Array<number>(order.length);
  for (let i = 0; i < order.length; ++i) out[order[i]] = i + 1;
  return out;
}
