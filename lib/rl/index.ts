// rliable family: aggregates, stratified bootstrap intervals, performance profiles, probability of
// improvement, sample-efficiency curves, rank distributions, normalisation and tidy-table helpers.
//
// Score matrices are runs × tasks (`scores[run][task]`), NaN = missing run (ragged run counts work).
// Semantics follow rliable 1.2.0 (Agarwal et al., 2021, and rliable's source); every function's doc comment says how it
// relates to rliable's.
//
// Main entry points (synchronous; all seeded, default seed 0):
//   intervalEstimates(scoreDict, statistic, {reps, confidence, method, seed, taskBootstrap})
//   performanceProfiles(scoreDict, taus, {average, reps, ...})      + nonLinearTauScaling(profiles, taus)
//   probabilityOfImprovementIntervals(scoreDict, {pairs, reps, ...}) (one pair, some pairs, or all pairs)
//   sampleEfficiencyCurves(curveDict, statistic, {resample: "runs" | "cells", ...})
//   rankDistribution(scoreDict, {statistic?, ...}), ciAwareRanks(intervals)
// Node worker threads: intervalEstimatesParallel(..., {workers}) / runPlanParallel(plan, {workers}) →
// Promise, identical numbers for any number of workers.
//
// Running the bootstrap elsewhere (browser Web Worker) with identical numbers, with the plan and block
// functions of `benchstats/engine` (lib/rl/engine/; docs/bootstrap-engine.md):
//   const plan = planIntervalEstimates(scoreDict, statistic, options);   // or planPerformanceProfiles,
//                                                                        // planProbabilityOfImprovement, planSampleEfficiency
//   // plan is plain data (typed arrays): structured-clone it to the worker(s).
//   const replicates = plan.entries.map((e) => new Float64Array(e.outputs * plan.reps));
//   for each entry e < plan.entries.length, block b < blockCount(plan):   // in any worker, any order
//     const values = runBootstrapBlock(plan, e, b);                      // pure: same numbers anywhere
//     storeBlock(plan, replicates[e], e, b, values);                     // back on the page
//   const result = finishIntervalEstimates(plan, replicates, {method, confidence});
// A plan is serialisable when the statistic is a recognised built-in (aggregateMean/Median/Iqm/
// OptimalityGap, optimalityGapAt, scoreDistributionAt, averageScoreDistributionAt,
// probabilityOfImprovement, or arrays of them); `plan.generic` is set (and the plan must stay on its
// thread) for any other function. Block b of key k draws from stream blockStream(hash(k), b) of
// createRandom(seed, ·), so results depend on (scores, statistic, seed, reps, blockSize) only.
//
// Speed: for built-in statistics the replicates are counted, not materialised, in a small WebAssembly
// SIMD kernel (engine/draw-kernel.ts; plain JavaScript where WebAssembly is unavailable, same bits): about
// 2 s of CPU for the IQM of 7 agents × 100 runs × 26 tasks at 50,000 replicates (rliable: 62 s).

export type {ScoreMatrix, ScoreCurves} from "./matrix.js";
export {aggregateMean, aggregateMedian, aggregateIqm, aggregateOptimalityGap} from "./aggregates.js";
export {scoreDistribution, averageScoreDistribution, nonLinearTauScaling} from "./profiles.js";
export type {TauScaling} from "./profiles.js";
export {probabilityOfImprovement, probabilityOfImprovementPerTask} from "./probability-of-improvement.js";
export {optimalityGapAt, scoreDistributionAt, averageScoreDistributionAt} from "./statistic.js";
export type {MatrixStatistic, PairStatistic} from "./statistic.js";
export {statisticSpec} from "./engine/statistic-spec.js";
export type {StatisticSpec} from "./engine/statistic-spec.js";
export {intervalEstimates, planIntervalEstimates, finishIntervalEstimates, storeBlock} from "./interval-estimates.js";
export type {IntervalEstimate, IntervalOptions, IntervalResult, ScoreDictValue} from "./interval-estimates.js";
export {runBootstrapBlock, blockCount, blockReps} from "./engine/block.js";
export type {BootstrapPlan, PlanEntry, PlanSample} from "./engine/plan.js";
export {performanceProfiles, planPerformanceProfiles} from "./performance-profiles.js";
export type {ProfileOptions} from "./performance-profiles.js";
export {probabilityOfImprovementIntervals, planProbabilityOfImprovement} from "./probability-of-improvement-intervals.js";
export type {PairOptions} from "./probability-of-improvement-intervals.js";
export {sampleEfficiencyCurves, planSampleEfficiency} from "./sample-efficiency.js";
export type {CurveOptions} from "./sample-efficiency.js";
export {rankDistribution} from "./ranks.js";
export type {RankDistribution, RankOptions} from "./ranks.js";
export {ciAwareRanks} from "../bootstrap/ci-ranks.js";
export type {CiAwareRank} from "../bootstrap/ci-ranks.js";
export {finalRunRows, runsToScoreMatrices, runsToScoreCurves} from "./tidy.js";
export {scoreMatricesToRuns, scoresToScoreMatrices} from "./score-tables.js";
export type {RunsTable, ScoresTable} from "./tidy.js";
export type {RunsRow, ScoresRow, ScoreMatrices, ScoreCurveSet, FinalRows, FinalRowsOptions, RunsToMatricesOptions} from "./tidy.js";
export {intervalEstimatesParallel, runPlanParallel} from "./engine/parallel.js";
export type {ParallelOptions} from "./engine/parallel.js";
export {minMaxNormalize, minMaxNormalizeRuns, minMaxScore, referenceScores} from "./normalize.js";
export type {ReferenceScores} from "./normalize.js";
export {AUTO_INTERVAL_METHODS} from "./method-choice.js";
