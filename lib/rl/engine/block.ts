// A block of bootstrap replicates: the unit of work the schedulers hand out (parallel.ts in Node,
// the page's Web Workers in the browser). Which path computes it: probability of improvement
// (poi-block.ts), the other built-in statistics (aggregate-block.ts, counting draws), or any other
// function on materialised resamples (generic-block.ts); all three draw the same indices.
import {IndexStream} from "../../bootstrap/index-stream.js";
import {intArg, reject} from "../../core/check.js";
import {aggregateBlock} from "./aggregate-block.js";
import {genericBlock} from "./generic-block.js";
import {blockStream, type BootstrapPlan} from "./plan.js";
import {poiBlock} from "./poi-block.js";

/**
 * Number of replicates in block `block` of a plan: blockSize, except for the last block.
 *
 * @example blockReps(plan, blockCount(plan) - 1); // the last block's size
 */
export function blockReps(plan: BootstrapPlan, block: number): number {
  checkPlan(plan, "blockReps", undefined, block);
  return Math.max(0, Math.min(plan.blockSize, plan.reps - block * plan.blockSize));
}

/**
 * Number of blocks per entry: ⌈reps / blockSize⌉.
 *
 * @example blockCount(planIntervalEstimates({A: a}, aggregateIqm, {reps: 2000})); // 4 (blocks of 500)
 */
export function blockCount(plan: BootstrapPlan): number {
  checkPlan(plan, "blockCount");
  return Math.ceil(plan.reps / plan.blockSize);
}

/**
 * Computes the bootstrap replicates of one block of one entry: a pure function of the plan, the entry
 * index and the block number. Returns `outputs × blockReps` values, output-major (output k's replicates
 * are `out[k·blockReps .. (k+1)·blockReps)`).
 *
 * Resampling order (identical on both paths, so they agree bit for bit): the block's draws come from
 * `IndexStream(seed, blockStream(hash(key), block))`; for each replicate, first (with `taskBootstrap`)
 * T task indices, then for each task slot, for each sample (X, then Y), n_t run indices (once per
 * checkpoint with `perCell`, else once for the whole trajectory).
 *
 * Built-in statistics take the fast path: per task the drawn runs are only counted (no matrix is built),
 * per-task sums give the means, and order statistics (IQM, profiles) come from a walk over the pooled
 * distinct values sorted once per entry; for one layer of whole-run draws this runs in a WebAssembly
 * SIMD kernel (draw-kernel.ts) when the host allows, else in its JavaScript twin, with identical
 * results. Probability of improvement counts X and Y draws on each task's merged value grid. Any other
 * statistic is called on a materialised resample (reused buffers); the plain aggregates sum in the
 * same order as the fast path (pairedSum, trimmedMeanOfSorted), so both paths agree bit for bit.
 *
 * @example
 * const plan = planIntervalEstimates({A: scores}, aggregateIqm, {reps: 2000, seed: 1});
 * const values = runBootstrapBlock(plan, 0, 0); // replicates 0..499 of "A"
 */
export function runBootstrapBlock(plan: BootstrapPlan, entryIndex: number, block: number): Float64Array {
  checkPlan(plan, "runBootstrapBlock", entryIndex, block);
  const entry = plan.entries[entryIndex];
  const reps = blockReps(plan, block);
  const out = new Float64Array(entry.outputs * reps);
  if (reps === 0) return out;
  const stream = new IndexStream(plan.seed, blockStream(entry.stream, block));
  const statistics = plan.statistics;
  if (statistics && !plan.forceGeneric) {
    if (statistics[0].kind === "probabilityOfImprovement") poiBlock(plan, entry, stream, reps, out);
    else aggregateBlock(plan, entry, stream, reps, out);
  } else genericBlock(plan, entry, stream, reps, out);
  return out;
}

/**
 * Checks that `plan` looks like a plan made by one of the planners (after a structured clone too), and
 * that `entryIndex` and `block`, when given, name one of its entries and blocks.
 */
export function checkPlan(plan: BootstrapPlan, fn: string, entryIndex?: number, block?: number): void {
  if (
    plan === null ||
    typeof plan !== "object" ||
    !Array.isArray(plan.entries) ||
    !Number.isInteger(plan.reps) ||
    !(plan.reps >= 2) ||
    !Number.isInteger(plan.blockSize) ||
    !(plan.blockSize >= 1)
  ) {
    reject("type", fn, "plan", "a bootstrap plan (planIntervalEstimates and the other planners)", plan);
  }
  if (entryIndex !== undefined) intArg(entryIndex, "entryIndex", fn, {min: 0, max: plan.entries.length - 1, code: "range"});
  if (block !== undefined) intArg(block, "block", fn, {min: 0, max: Math.ceil(plan.reps / plan.blockSize) - 1, code: "range"});
}
