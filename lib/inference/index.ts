// Inference about means from item-level results: per-group means with standard errors (plain and
// clustered) and normal confidence intervals, the error bars of Miller (2024) for evals; paired
// comparisons of two models on shared items (z test, McNemar, permutation, bootstrap), adjustment for
// many comparisons, and power (items and runs needed).
export {summarizeSamples, summariesFromMoments, summaryKeys} from "./summarize-samples.js";
export type {SummarizeSamplesOptions, SampleSummary, GroupMoments} from "./summarize-samples.js";
export {meanErrorBar, FEW_CLUSTERS} from "./mean-error-bar.js";
export type {MeanMoments, MeanErrorBar, MeanErrorBarOptions, ClusterCorrection} from "./mean-error-bar.js";
export {ExactSum} from "./exact-sum.js";
export {pairedDifference} from "./paired-difference.js";
export type {PairedDifference, PairedDifferenceOptions} from "./paired-difference.js";
export {mcnemarTest} from "./mcnemar.js";
export type {McNemarOptions, McNemarResult} from "./mcnemar.js";
export {pairedPermutationTest} from "./permutation.js";
export type {PairedPermutationOptions, PairedPermutationResult} from "./permutation.js";
export {pairedBootstrap} from "./paired-bootstrap.js";
export type {PairedBootstrapOptions, PairedBootstrapResult} from "./paired-bootstrap.js";
export {adjustPValues} from "./adjust.js";
export type {AdjustMethod, AdjustOptions} from "./adjust.js";
export {compareAllPairs} from "./compare-all.js";
export type {AllPairsResult, CompareAllPairsOptions, ModelWins, PairComparison, PairTest, PairTestOptions} from "./compare-all.js";
export {minimumDetectableEffect, itemsNeeded} from "./power.js";
export type {ClusterDesign, PowerOptions} from "./power.js";
export {runsNeeded} from "./runs-needed.js";
export type {RunsNeededOptions, RunsNeededResult} from "./runs-needed.js";
