// rliable family: aggregates, stratified bootstrap intervals, performance profiles, probability of
// improvement, sample-efficiency curves, rank distributions, normalisation and tidy-table helpers.
//
// Score matrices are runs × tasks (`scores[run][task]`), NaN = missing run (ragged run counts work).
//
// Running the bootstrap elsewhere (browser Web Worker, worker thread) with identical numbers:
//   const plan = planIntervalEstimates(scoreDict, statistic, options);   // plain data (structured-clone it)
//   for each entry e, block b < blockCount(plan):
//     const values = runBootstrapBlock(plan, e, b);                       // pure: same numbers anywhere
//     storeBlock(plan, replicates[e], e, b, values);                      // replicates[e] = new Float64Array(plan.entries[e].outputs * plan.reps)
//   const result = finishIntervalEstimates(plan, replicates, {method, confidence});
// A plan is serialisable when the statistic is a recognised built-in (the aggregates, optimalityGapAt,
// scoreDistributionAt, averageScoreDistributionAt, probabilityOfImprovement, or arrays of them);
// performanceProfiles / probabilityOfImprovementIntervals / sampleEfficiencyCurves have plan* twins.

export type {ScoreMatrix, ScoreCurves} from "./matrix.js";
export {aggregateMean, aggregateMedian, aggregateIqm, aggregateOptimalityGap} from "./aggregates.js";
export {scoreDistribution, averageScoreDistribution, nonLinearTauScaling} from "./profiles.js";
export type {TauScaling} from "./profiles.js";
export {probabilityOfImprovement, probabilityOfImprovementPerTask} from "./probability-of-improvement.js";
export {optimalityGapAt, scoreDistributionAt, averageScoreDistributionAt, statisticSpec} from "./statistic.js";
export type {StatisticSpec, MatrixStatistic, PairStatistic} from "./statistic.js";
export {intervalEstimates, planIntervalEstimates, finishIntervalEstimates, storeBlock} from "./interval-estimates.js";
export type {IntervalEstimate, IntervalOptions, IntervalResult, ScoreDictValue} from "./interval-estimates.js";
export {runBootstrapBlock, blockCount, blockReps} from "./block.js";
export type {BootstrapPlan, PlanEntry, PlanSample} from "./plan.js";
export {performanceProfiles, planPerformanceProfiles} from "./performance-profiles.js";
export type {ProfileOptions} from "./performance-profiles.js";
export {probabilityOfImprovementIntervals, planProbabilityOfImprovement} from "./probability-of-improvement-intervals.js";
export type {PairOptions} from "./probability-of-improvement-intervals.js";
export {sampleEfficiencyCurves, planSampleEfficiency} from "./sample-efficiency.js";
export type {CurveOptions} from "./sample-efficiency.js";
export {rankDistribution, ciAwareRanks} from "./ranks.js";
export type {RankDistribution, RankOptions, CiAwareRank} from "./ranks.js";
export {runsToScoreMatrices, runsToScoreCurves, scoreMatricesToRuns, scoresToScoreMatrices} from "./tidy.js";
export type {RunsRow, ScoresRow, ScoreMatrices, ScoreCurveSet} from "./tidy.js";
export {intervalEstimatesParallel, runPlanParallel} from "./parallel.js";
export type {ParallelOptions} from "./parallel.js";
export {minMaxNormalize, referenceScores} from "./normalize.js";
export type {ReferenceScores} from "./normalize.js";

// Generic bootstrap machinery (lib/bootstrap), reusable by other areas.
export {bootstrapInterval, jackknifeAcceleration, INTERVAL_METHODS} from "../bootstrap/interval.js";
export type {IntervalMethod, BootstrapIntervalOptions} from "../bootstrap/interval.js";
export {normalCdf, normalQuantile} from "../bootstrap/normal.js";
export {IndexStream} from "../bootstrap/index-stream.js";
