// The `benchstats/engine` entry: lower-level names for code that builds on benchstats rather than calls
// it: the bootstrap engine's plans, blocks, statistic specs and worker scheduling (run a plan's blocks in
// any worker, in any order, and get the main entry's numbers: docs/bootstrap-engine.md), special
// functions and rank helpers, table builders and converters' helpers, and the constants behind defaults.
// Names here may change between minor versions; the main entry (lib/index.ts) is the stable surface.

// core
export {encodeLabels, isColumnarTable, isLabelColumn} from "./core/columns.js";
export {studentTwoSided, pearsonTwoSided, regularizedBeta, logGamma} from "./core/distributions.js";
export {normalCdf, normalQuantile, normalSurvival} from "./core/normal.js";

// describe
export {select} from "./describe/select.js";
export {quantileSorted} from "./describe/quantile.js";

// bootstrap
export {
  jackknifeAcceleration, expandedTail, INTERVAL_METHODS, DEFAULT_INTERVAL_METHOD
} from "./bootstrap/interval.js";
export {studentizedInterval} from "./bootstrap/studentized.js";
export {tQuantile} from "./bootstrap/student-t.js";
export {IndexStream} from "./bootstrap/index-stream.js";

// rl
export {
  probabilityOfImprovementPerTask, statisticSpec, planIntervalEstimates, finishIntervalEstimates,
  storeBlock, runBootstrapBlock, blockCount, blockReps, planPerformanceProfiles,
  planProbabilityOfImprovement, planSampleEfficiency, scoreMatricesToRuns, runPlanParallel, minMaxNormalize,
  referenceScores, AUTO_INTERVAL_METHODS
} from "./rl/index.js";
export type {StatisticSpec, BootstrapPlan, PlanEntry, PlanSample} from "./rl/index.js";

// correlation
export {kendallExactPValue, rankAverage, denseRanks} from "./correlation/index.js";

// ranking
export {
  meanScore, meanRank, positions, aggregationMethods, pairwiseCosts, kemenyCost, checkScoreTable
} from "./ranking/index.js";

// agreement
export {
  agreementZScores, benchmarkRows, clearRepeatedScenarios, standardizeModelName, standardizeScenarioName,
  catalogRows
} from "./agreement/index.js";

// pairwise
export {
  matrixToGroupedTop1, wideToSamples, missingDataRobustness, selectSamples, positionBias, verdictAgreement
} from "./pairwise/index.js";

// inference
export {summariesFromMoments, summaryKeys, meanErrorBar, FEW_CLUSTERS, ExactSum} from "./inference/index.js";

// irt
export {
  irtProbability, irtQuadrature, itemInformation, patternLogLikelihood, irtItemFlags
} from "./irt/index.js";

// gpu
export {
  gpuEventRows, kernelCategory, GpuEventTableBuilder, prepareHtaTrace, idleIntervalStats, queueLengthSeries,
  CUDA_MAX_LAUNCH_QUEUE_PER_STREAM, DEVICE_PEAKS, SASS_FLOP_COUNTERS, DRAM_BYTE_COUNTERS
} from "./gpu/index.js";
