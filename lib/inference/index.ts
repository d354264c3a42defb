// Inference about means from item-level results: per-group means with standard errors (plain and
// clustered) and normal confidence intervals, the error bars of Miller (2024) for evals.
export {summarizeSamples, summariesFromMoments, summaryKeys} from "./summarize-samples.js";
export type {SummarizeSamplesOptions, SampleSummary, GroupMoments} from "./summarize-samples.js";
export {meanErrorBar, FEW_CLUSTERS} from "./mean-error-bar.js";
export type {MeanMoments, MeanErrorBar, MeanErrorBarOptions, ClusterCorrection} from "./mean-error-bar.js";
export {ExactSum} from "./exact-sum.js";
