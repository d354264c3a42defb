// The main entry of benchstats: the names a user's script or page calls, and the types of their
// arguments and results. Explicit named exports, one section per area in the order of API_AREAS
// (lib/areas.ts), which the API reference page follows. Building blocks and the bootstrap engine's own
// parts (plans, blocks, kernels, workers) are exported by lib/engine.ts (`benchstats/engine`).
// test/core/public-surface.test.ts keeps this file at most 100 values and holds the stable names.

// core: random numbers, errors, limits (the normal distribution is in benchstats/engine)
export {createRandom} from "./core/random.js";
export type {Random} from "./core/random.js";
export {BenchstatsError} from "./core/errors.js";
export type {ErrorCode, ErrorLocation} from "./core/errors.js";
export {LIMITS} from "./core/limits.js";
export type {LimitName} from "./core/limits.js";
export type {ColumnarTable, LabelColumn, LabelCodes, TableColumn} from "./core/columns.js";
export type {ResponseMatrix} from "./core/response-matrix.js";

// describe: descriptive statistics
export {quantile} from "./describe/quantile.js";

// bootstrap: intervals from replicates
export {bootstrapInterval} from "./bootstrap/interval.js";
export type {IntervalMethod, BootstrapIntervalOptions} from "./bootstrap/interval.js";

// rl: the rliable family
export {
  aggregateMean, aggregateMedian, aggregateIqm, aggregateOptimalityGap, scoreDistribution,
  averageScoreDistribution, nonLinearTauScaling, probabilityOfImprovement, optimalityGapAt,
  scoreDistributionAt, averageScoreDistributionAt, intervalEstimates, performanceProfiles,
  probabilityOfImprovementIntervals, sampleEfficiencyCurves, rankDistribution, ciAwareRanks, finalRunRows,
  runsToScoreMatrices, runsToScoreCurves, scoresToScoreMatrices, intervalEstimatesParallel,
  minMaxNormalizeRuns, minMaxScore
} from "./rl/index.js";
export type {
  ScoreMatrix, ScoreCurves, TauScaling, MatrixStatistic, PairStatistic, IntervalEstimate, IntervalOptions,
  IntervalResult, ScoreDictValue, ProfileOptions, PairOptions, CurveOptions, RankDistribution, RankOptions,
  CiAwareRank, RunsTable, ScoresTable, RunsRow, ScoresRow, ScoreMatrices, ScoreCurveSet, FinalRows,
  FinalRowsOptions, RunsToMatricesOptions, ParallelOptions, ReferenceScores
} from "./rl/index.js";

// correlation
export {kendallTau, spearman, pearson, correlationInterval} from "./correlation/index.js";
export type {
  KendallOptions, KendallResult, KendallVariant, SpearmanResult, PearsonResult, CorrelationInterval,
  CorrelationIntervalOptions, CorrelationStatistic, NanPolicy
} from "./correlation/index.js";

// ranking: rank aggregation
export {
  kemeny, kemenyFromCosts, borda, copeland, consensusOrder, twoLevel, rankIntervals, parseWideTable
} from "./ranking/index.js";
export type {
  KemenyOptions, KemenyResult, ScoredOrder, AggregationMethod, TwoLevelOptions, TwoLevelResult,
  RankInterval, RankIntervalOptions, ScoreTable, WideTable, WideTableOptions
} from "./ranking/index.js";

// agreement: benchmark agreement testing
export {benchmarkAgreement, addAggregateReference} from "./agreement/index.js";
export type {
  AgreementCorrelation, AgreementRow, BenchmarkAgreementOptions, BenchmarkAgreementResult, ModelSelection,
  ZScoreRow, AggregateReferenceOptions, BenchmarkRowsOptions, ScoreRow, CatalogFile, CatalogResult
} from "./agreement/index.js";

// pairwise: Plackett–Luce, Bradley–Terry, Elo
export {
  plackettLuce, plackettLuceIntervals, groupSamples, samplesToBattles, samplesToPairs, samplesToTop1,
  bradleyTerry, bradleyTerryFit, onlineElo
} from "./pairwise/index.js";
export type {
  PlackettLuceOptions, PlackettLuceResult, ChoiceData, Pair, Ranking, Top1, GroupedTop1,
  ComparisonDiagnostics, GroupedSamples, SampleChoices, SampleRow, SamplesTable, BradleyTerryFit,
  BradleyTerryOptions, BradleyTerryRating, BattleRow, BattlesTable, Covariate, TieHandling, RankingMethod,
  RobustnessOptions, RobustnessRun, ItemMetadata, SubsetOptions
} from "./pairwise/index.js";

// judges: LLM-judge benchmarks
export {
  lengthControlledWinRate, preferenceDispersion, verbosityGap, lengthRule, createOnlineRating, replayTopK
} from "./judges/index.js";
export type {
  LengthControlInput, LengthControlOptions, LengthControlledRow, DispersionRow, VerbosityFamily,
  LengthRuleOptions, OnlineRating, OnlineRatingOptions, OnlineRatingRow, ReplayCurve, ReplayMethod,
  ReplayOptions
} from "./judges/index.js";

// inference: item-level results
export {
  summarizeSamples, pairedDifference, mcnemarTest, pairedPermutationTest, pairedBootstrap, adjustPValues,
  compareAllPairs, minimumDetectableEffect, itemsNeeded, runsNeeded
} from "./inference/index.js";
export type {
  SummarizeSamplesOptions, SampleSummary, GroupMoments, MeanMoments, MeanErrorBar, MeanErrorBarOptions,
  ClusterCorrection, PairedDifference, PairedDifferenceOptions, McNemarOptions, McNemarResult,
  PairedPermutationOptions, PairedPermutationResult, PairedBootstrapOptions, PairedBootstrapResult,
  AdjustMethod, AdjustOptions, AllPairsResult, CompareAllPairsOptions, ModelWins, PairComparison, PairTest,
  PairTestOptions, ClusterDesign, PowerOptions, RunsNeededOptions, RunsNeededResult
} from "./inference/index.js";

// quality: benchmark quality
export {
  separability, agreementWithConfidence, pairRankBrier, seedVariance, signalToNoise, monotonicity
} from "./quality/index.js";
export type {
  SeparabilityResult, AgreementWithConfidenceResult, PairRankBrierOptions, PairRankBrierResult,
  IntervalInput, ModelInterval, SeedVarianceOptions, SeedVarianceRow, SignalToNoiseRow, MonotonicityOptions,
  MonotonicityRow, SeedColumns
} from "./quality/index.js";

// irt: item response theory
export {
  fitIrt, irtAbilities, testInformation, irtItemFit, selectIrtItems, estimateAccuracy
} from "./irt/index.js";
export type {
  FitIrtOptions, IrtFit, IrtItem, IrtItemStandardErrors, IrtModel, IrtQuadrature, IrtQuadratureOptions,
  IrtPriors, IrtSlopePrior, IrtResponses, IrtAbility, IrtAbilityOptions, IrtScoringModel, IrtItemFit,
  IrtItemFitOptions, IrtItemFlag, IrtItemFlagOptions, IrtItemSelection, SelectIrtItemsOptions,
  AccuracyEstimate, EstimateAccuracyOptions
} from "./irt/index.js";

// gpu: trace analyses
export {
  gpuEventTable, temporalBreakdown, idleTimeBreakdown, kernelBreakdown, commCompOverlap, kernelLaunchStats,
  queueLengthSummary, memoryBandwidthSeries, memoryBandwidthSummary, timeBlockedOnFullQueue, cuptiCounters,
  traceDiff, traceDiffGroups, shortenName, criticalPath, stragglers, devicePeaks, kernelEfficiency, energyPerStep
} from "./gpu/index.js";
export type {
  GpuEventTable, GpuEventRow, GpuRankInfo, GpuDeviceProperties, KernelCategory, HtaOptions,
  PreparedGpuTrace, TemporalBreakdownRow, IdleTimeOptions, IdleTimeRow, IdleCategory, IdleIntervalStatsRow,
  KernelBreakdownOptions, KernelTypeRow, KernelRow, CommCompOverlapRow, KernelLaunchOptions,
  KernelLaunchRow, QueueLengthPoint, QueueLengthSummaryRow, MemoryBandwidthOptions, MemoryBandwidthPoint,
  MemoryBandwidthSummaryRow, BlockedQueueOptions, BlockedQueueRow, CuptiCounterOptions, CuptiCounterRow,
  TraceDiffOptions, TraceDiffRow, TraceDiffGroups, StragglerOptions, StragglerMetricRow, StragglerResult,
  DevicePeaks, KernelEfficiency, KernelEfficiencyOptions, KernelEfficiencyRow, KernelFlopsRow,
  EnergyOptions, EnergyStepRow, PowerSample, CriticalPathOptions, CriticalPathResult, CriticalPathEdgeRow,
  CriticalPathNodeRow, CriticalPathBound, CriticalPathEdgeType
} from "./gpu/index.js";
