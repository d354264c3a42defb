// Correlation: Kendall τ (a/b/c), Spearman ρ, Pearson r with scipy's p-values; bootstrap intervals.
export {kendallTau, kendallExactPValue} from "./kendall.js";
export type {KendallOptions, KendallResult, KendallVariant} from "./kendall.js";
export {spearman} from "./spearman.js";
export type {SpearmanResult} from "./spearman.js";
export {pearson} from "./pearson.js";
export type {PearsonResult} from "./pearson.js";
export {correlationInterval} from "./bootstrap.js";
export type {CorrelationInterval, CorrelationIntervalOptions, CorrelationStatistic} from "./bootstrap.js";
export {rankAverage, denseRanks} from "./rank.js";
export {studentTwoSided, pearsonTwoSided, regularizedBeta, logGamma} from "../core/distributions.js";
export {normalSurvival} from "../core/normal.js";
export type {NanPolicy} from "./paired.js";
