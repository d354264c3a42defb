// Bootstrap toolkit shared by every area: intervals from replicates (percentile, basic, BC, BCa,
// normal, expanded), BCa acceleration, CI-aware ranks, the confidence and reps checks, the default
// replicate counts (REPS) and the index stream that draws resamples.
export {bootstrapInterval, jackknifeAcceleration, expandedTail, INTERVAL_METHODS, DEFAULT_INTERVAL_METHOD} from "./interval.js";
export type {IntervalMethod, BootstrapIntervalOptions} from "./interval.js";
export {percentileInterval, replicateStandardError} from "./percentile.js";
export {ciAwareRanks, ciRanks, clearlyBetter} from "./ci-ranks.js";
export type {CiAwareRank} from "./ci-ranks.js";
export {confidenceArg, repsArg} from "./checks.js";
export {REPS} from "./reps.js";
export {tQuantile} from "./student-t.js";
export {IndexStream} from "./index-stream.js";
