// LLM-judge benchmarks: length control, judge sanity checks, online ratings, the length rule.
export {lengthControlledWinRate} from "./length-control.js";
export type {LengthControlInput, LengthControlOptions, LengthControlledRow} from "./length-control.js";
export {preferenceDispersion, verbosityGap} from "./judge-checks.js";
export type {DispersionRow, VerbosityFamily} from "./judge-checks.js";
export {lengthRule} from "./length-rule.js";
export type {LengthRuleOptions} from "./length-rule.js";
export {createOnlineRating} from "./online-rating.js";
export type {OnlineRating, OnlineRatingOptions, OnlineRatingRow} from "./online-rating.js";
export {replayTopK} from "./replay.js";
export type {ReplayCurve, ReplayMethod, ReplayOptions} from "./replay.js";
