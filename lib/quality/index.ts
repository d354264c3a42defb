// Benchmark quality: how much of a leaderboard's order its intervals can vouch for (separability,
// agreement with a reference, pair-rank Brier score; Li et al. 2024), and how much a score moves with
// the training seed and over training (seed variance, signal-to-noise, monotonicity; Madaan et al. 2024).
export {separability, agreementWithConfidence} from "./separability.js";
export type {SeparabilityResult, AgreementWithConfidenceResult} from "./separability.js";
export {pairRankBrier} from "./pair-rank-brier.js";
export type {PairRankBrierOptions, PairRankBrierResult} from "./pair-rank-brier.js";
export type {IntervalInput, ModelInterval} from "./interval-rows.js";
export {seedVariance, signalToNoise} from "./seed-variance.js";
export type {SeedVarianceOptions, SeedVarianceRow, SignalToNoiseRow} from "./seed-variance.js";
export {monotonicity} from "./monotonicity.js";
export type {MonotonicityOptions, MonotonicityRow} from "./monotonicity.js";
export type {SeedColumns} from "./seed-scores.js";
