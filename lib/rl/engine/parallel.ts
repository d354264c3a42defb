import {intArg} from "../../core/check.js";
import {checkIntervalOptions, finishIntervalEstimates, planIntervalEstimates, runPlanSync, type IntervalOptions, type IntervalResult, type ScoreDictValue} from "../interval-estimates.js";
import {blockCount} from "./block.js";
import {scheduleBlocks} from "./block-schedule.js";
import type {BootstrapPlan, StatisticInput} from "./plan.js";
import {nextPlanId, poolWorkers, releaseWorkers, type PoolWorker} from "./worker-pool.js";
import type {WorkerReply} from "./worker-protocol.js";
import {prepareExpandedTails} from "../strata.js";
import {DEFAULT_INTERVAL_METHOD} from "../../bootstrap/interval.js";

export interface ParallelOptions extends IntervalOptions {
  /** Worker threads; default: the machine's available parallelism, at most one per block. 1 runs on this thread. */
  workers?: number;
}

// Node-only module, imported through a variable so that bundlers for the browser leave it alone and
// lib/ type-checks without Node's types.
const OS = "node:os";

/**
 * {@link intervalEstimates} with the bootstrap blocks spread over Node worker threads. Blocks are the
 * unit of randomness (block b of key k always uses the same stream), so the result is identical to the
 * synchronous call for any number of workers. The threads run compiled JavaScript and are kept for the
 * next call (idle threads never keep the process alive; worker-pool.ts), so a second call pays no
 * start-up. Statistics that are not recognised built-ins cannot be
 * sent to workers and run on the calling thread. Node only (in browsers, run {@link runBootstrapBlock} in
 * Web Workers; see the note in lib/rl/index.ts).
 *
 * @example
 * const ci = await intervalEstimatesParallel(dict, aggregateIqm, {reps: 50000, seed: 1, workers: 4});
 */
export async function intervalEstimatesParallel(
  scoreDict: Record<string, ScoreDictValue>,
  statistic: StatisticInput,
  options: ParallelOptions = {}
): Promise<IntervalResult> {
  return runPlanParallel(planIntervalEstimates(scoreDict, statistic, options), options);
}

/**
 * Runs any bootstrap plan (from planIntervalEstimates, planPerformanceProfiles,
 * planProbabilityOfImprovement, planSampleEfficiency) on Node worker threads and finishes the intervals;
 * same numbers as running it synchronously.
 *
 * @example const profiles = await runPlanParallel(planPerformanceProfiles(dict, taus, {seed: 1}), {workers: 2});
 */
export async function runPlanParallel(plan: BootstrapPlan, options: ParallelOptions = {}): Promise<IntervalResult> {
  options = checkIntervalOptions(options, "runPlanParallel");
  const jobs = blockCount(plan) * plan.entries.length;
  let workers = options.workers;
  if (workers === undefined) {
    const os = await import(OS);
    workers = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  }
  intArg(workers, "workers", "runPlanParallel", {min: 1, max: 1024});
  workers = Math.min(workers as number, jobs);
  if (workers <= 1 || plan.generic !== undefined) return runPlanSync(plan, options);

  const pool = await poolWorkers(workers);
  const id = nextPlanId();
  // Two blocks in flight per worker: each has its next block queued while it returns one.
  const schedule = scheduleBlocks(plan, pool, {id, onProgress: options.onProgress, inFlight: 2});
  const listeners: [PoolWorker, string, (value: any) => void][] = [];
  let replicates: Float64Array[];
  try {
    for (const worker of pool) {
      const onMessage = (reply: WorkerReply) => schedule.receive(worker, reply);
      const onError = (error: Error) => schedule.fail(error);
      const onExit = () => schedule.fail(new Error("a bootstrap worker thread stopped"));
      listeners.push([worker, "message", onMessage], [worker, "error", onError], [worker, "exit", onExit]);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
    }
    // While the workers draw, this thread runs the expanded interval's jackknife (cached with the plan),
    // so that finishing is left with reading the endpoints off the replicates.
    const method = options.method ?? DEFAULT_INTERVAL_METHOD;
    if (method === "auto" || method === "expanded") prepareExpandedTails(plan);
    replicates = (await schedule.promise) as Float64Array[];
  } finally {
    for (const [worker, event, listener] of listeners) worker.off(event, listener);
    for (const worker of pool) worker.postMessage({type: "drop", id});
    releaseWorkers(pool);
  }
  return finishIntervalEstimates(plan, replicates, options);
}
