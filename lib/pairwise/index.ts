// Pairwise and sparse aggregation: Plackett–Luce, Bradley–Terry, Elo, and the ONEBench tooling.
export {plackettLuce} from "./plackett-luce.js";
export type {PlackettLuceOptions, PlackettLuceResult} from "./plackett-luce.js";
export type {ChoiceData, Pair, Ranking, Top1} from "./choice-events.js";
export type {ComparisonDiagnostics} from "./comparison-graph.js";
export {plackettLuceIntervals} from "./plackett-luce-intervals.js";
export {groupSamples, samplesToBattles, samplesToPairs, samplesToTop1, wideToSamples} from "./samples.js";
export type {GroupedSamples, SampleChoices, SampleRow, SamplesTable} from "./samples.js";
export {bradleyTerry, bradleyTerryFit} from "./bradley-terry.js";
export type {BradleyTerryFit, BradleyTerryOptions, BradleyTerryRating} from "./bradley-terry.js";
export type {BattleRow, BattlesTable, Covariate} from "./battles.js";
export {onlineElo} from "./online-elo.js";
export {missingDataRobustness} from "./robustness.js";
export type {RankingMethod, RobustnessOptions, RobustnessRun} from "./robustness.js";
export {selectSamples} from "./sample-subset.js";
export type {ItemMetadata, SubsetOptions} from "./sample-subset.js";
export {positionBias, verdictAgreement} from "./judge-agreement.js";
