// LLM-judge benchmarks: length control, judge sanity checks, online ratings, the length rule.
export {lengthControlledWinRate} from "./length-control.js";
export type {LengthControlInput, LengthControlOptions, LengthControlledRow} from "./length-control.js";
