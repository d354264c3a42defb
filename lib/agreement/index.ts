// Benchmark Agreement Testing (BenchBench): name normalisation, aggregate reference, agreement, z-scores.
export {benchmarkAgreement} from "./agreement.js";
export type {AgreementCorrelation, AgreementRow, BenchmarkAgreementOptions, BenchmarkAgreementResult, ModelSelection} from "./agreement.js";
export {agreementZScores} from "./z-score.js";
export type {ZScoreRow} from "./z-score.js";
export {addAggregateReference} from "./reference.js";
export type {AggregateReferenceOptions} from "./reference.js";
export {benchmarkRows, clearRepeatedScenarios} from "./scores.js";
export type {BenchmarkRowsOptions, ScoreRow} from "./scores.js";
export {standardizeModelName, standardizeScenarioName} from "./names.js";
export {catalogRows} from "./catalog.js";
export type {CatalogFile, CatalogResult} from "./catalog.js";
