// Rank aggregation: Kemeny, Borda, Copeland, means, two-level aggregation, rank intervals.
export {kemeny, kemenyFromCosts} from "./kemeny.js";
export type {KemenyOptions, KemenyResult} from "./kemeny.js";
export {borda} from "./borda.js";
export {copeland} from "./copeland.js";
export {meanScore, meanRank} from "./mean.js";
export type {ScoredOrder} from "./order.js";
export {consensusOrder, positions, aggregationMethods} from "./aggregate.js";
export type {AggregationMethod} from "./aggregate.js";
export {twoLevel} from "./two-level.js";
export type {TwoLevelOptions, TwoLevelResult} from "./two-level.js";
export {rankIntervals} from "./rank-intervals.js";
export type {RankInterval, RankIntervalOptions} from "./rank-intervals.js";
export {pairwiseCosts, kemenyCost, checkScoreTable} from "./table.js";
export type {ScoreTable} from "./table.js";
export {parseWideTable} from "./wide-table.js";
export type {WideTable, WideTableOptions} from "./wide-table.js";
