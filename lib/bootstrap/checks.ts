import {numberArg} from "../core/check.js";

/**
 * The two arguments every bootstrap shares, checked the same way everywhere: the two-sided coverage
 * and the number of replicates (default counts: `REPS` in ./reps.ts).
 */

/**
 * A two-sided coverage strictly between 0 and 1 (an interval of coverage 0 or 1 is not an interval).
 *
 * @example const confidence = confidenceArg(o.confidence ?? 0.95, fn);
 */
export function confidenceArg(value: unknown, fn: string, name = "confidence"): number {
  return numberArg(value, name, fn, {above: 0, below: 1});
}

/**
 * Bootstrap or permutation replicates: an integer in [min, LIMITS.reps] (`limit` above the cap).
 *
 * @example const reps = repsArg(o.reps ?? REPS.correlation, fn);
 */
export function repsArg(value: unknown, fn: string, {min = 1, name = "reps"}: {min?: number; name?: string} = {}): number {
  return numberArg(value, name, fn, {min, integer: true, limit: "reps"});
}
