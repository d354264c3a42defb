import {intArg} from "../core/check.js";
import {BenchstatsError, type ErrorCode} from "../core/errors.js";
import {blockCount, blockReps} from "./block.js";
import {checkIntervalOptions, finishIntervalEstimates, planIntervalEstimates, runPlanSync, storeBlock, type IntervalOptions, type IntervalResult, type ScoreDictValue} from "./interval-estimates.js";
import type {BootstrapPlan, StatisticInput} from "./plan.js";

export interface ParallelOptions extends IntervalOptions {
  /** Worker threads; default: the machine's available parallelism, at most one per block. 1 runs on this thread. */
  workers?: number;
}

// Node-only modules, imported through variables so that bundlers for the browser leave them alone and
// lib/ type-checks without Node's types.
const WORKER_THREADS = "node:worker_threads";
const OS = "node:os";

/**
 * {@link intervalEstimates} with the bootstrap blocks spread over Node worker threads. Blocks are the
 * unit of randomness (block b of key k always uses the same stream), so the result is identical to the
 * synchronous call for any number of workers. Statistics that are not recognised built-ins cannot be
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

  const {Worker} = await import(WORKER_THREADS);
  const here = import.meta.url;
  const typescript = here.endsWith(".ts");
  const url = new URL(typescript ? "./worker-thread.ts" : "./worker-thread.js", here);
  // Running from TypeScript sources (tests, tsx scripts): register tsx inside the worker first.
  const spawn = () =>
    typescript
      ? new Worker(`import("tsx/esm/api").then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`, {eval: true})
      : new Worker(url);
  const replicates = plan.entries.map((e) => new Float64Array(e.outputs * plan.reps));
  const total = plan.reps * plan.entries.length;
  let done = 0;
  let next = 0;
  const pool: {terminate(): Promise<number>}[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const sendNext = (worker: {postMessage(m: unknown): void}) => {
        if (next >= jobs.length) return false;
        const [entry, block] = jobs[next++];
        worker.postMessage({type: "block", entry, block});
        return true;
      };
      for (let w = 0; w < (workers as number); ++w) {
        const worker = spawn();
        pool.push(worker);
        worker.on("error", reject);
        worker.on("message", (msg: {type: string; entry: number; block: number; values: Float64Array; message?: string; code?: string}) => {
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
        });
        worker.postMessage({type: "plan", plan});
        if (sendNext(worker)) ++running;
      }
      if (running === 0) resolve();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return finishIntervalEstimates(plan, replicates, options);
}
