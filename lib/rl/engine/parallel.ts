import {intArg} from "../../core/check.js";
import {BenchstatsError, type ErrorCode} from "../../core/errors.js";
import {blockCount, blockReps} from "./block.js";
import {checkIntervalOptions, finishIntervalEstimates, planIntervalEstimates, runPlanSync, storeBlock, type IntervalOptions, type IntervalResult, type ScoreDictValue} from "../interval-estimates.js";
import type {BootstrapPlan, StatisticInput} from "./plan.js";
import {nextPlanId, poolWorkers, releaseWorkers, type PoolWorker} from "./worker-pool.js";

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
  const blocks = blockCount(plan);
  const jobs: [number, number][] = [];
  for (let e = 0; e < plan.entries.length; ++e) for (let b = 0; b < blocks; ++b) jobs.push([e, b]);
  let workers = options.workers;
  if (workers === undefined) {
    const os = await import(OS);
    workers = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  }
  intArg(workers, "workers", "runPlanParallel", {min: 1, max: 1024});
  workers = Math.min(workers as number, jobs.length);
  if (workers <= 1 || plan.generic !== undefined) return runPlanSync(plan, options);

  const pool = await poolWorkers(workers);
  const id = nextPlanId();
  const replicates = plan.entries.map((e) => new Float64Array(e.outputs * plan.reps));
  const total = plan.reps * plan.entries.length;
  let done = 0;
  let next = 0;
  const listeners: [PoolWorker, string, (value: any) => void][] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const sendNext = (worker: PoolWorker) => {
        if (next >= jobs.length) return false;
        const [entry, block] = jobs[next++];
        worker.postMessage({type: "block", id, entry, block});
        return true;
      };
      for (const worker of pool) {
        const onMessage = (msg: {type: string; id: number; entry: number; block: number; values: Float64Array; message?: string; code?: string}) => {
          if (msg.id !== id) return;
          if (msg.type === "error") {
            reject(msg.code ? new BenchstatsError(msg.code as ErrorCode, msg.message ?? "worker failed") : new Error(msg.message));
            return;
          }
          storeBlock(plan, replicates[msg.entry], msg.entry, msg.block, msg.values);
          done += blockReps(plan, msg.block);
          options.onProgress?.(done, total);
          if (!sendNext(worker)) {
            if (--running === 0) resolve();
          }
        };
        const onExit = () => reject(new Error("a bootstrap worker thread stopped"));
        listeners.push([worker, "message", onMessage], [worker, "error", reject], [worker, "exit", onExit]);
        worker.on("message", onMessage);
        worker.on("error", reject);
        worker.on("exit", onExit);
        worker.postMessage({type: "plan", id, plan});
        if (sendNext(worker)) ++running;
      }
      if (running === 0) resolve();
    });
  } finally {
    for (const [worker, event, listener] of listeners) worker.off(event, listener);
    for (const worker of pool) worker.postMessage({type: "drop", id});
    releaseWorkers(pool);
  }
  return finishIntervalEstimates(plan, replicates, options);
}
