// Runs benchstats' bootstrap engine in Web Workers so that pages stay responsive, with progress.
// The worker script is the bundle that src/data/bootstrap-worker.js.ts builds from rl-worker-entry.ts;
// pages get its URL with `await FileAttachment("data/bootstrap-worker.js").url()`.
import {blockCount} from "../lib/engine.js";
import {scheduleBlocks} from "../lib/rl/engine/block-schedule.js";

/**
 * Workers to use by default: one per spare core, at most 4 (the blocks are small; more adds only overhead).
 * @example defaultWorkers() // 4 where navigator.hardwareConcurrency is 8, 1 where it is 2
 */
export function defaultWorkers() {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, Math.min(4, cores - 1));
}

/**
 * Computes all bootstrap replicates of a lib `BootstrapPlan` (from `planIntervalEstimates`,
 * `planPerformanceProfiles`, …) in `workers` module Web Workers. Blocks are handed out one at a time to
 * whichever worker is free; each block draws from its own seeded stream, so the replicates — and the
 * intervals `finish…(plan, replicates, options)` makes of them — are identical to the lib's main-thread
 * call with the same seed, for any number of workers.
 *
 * Returns `{promise, progress, cancel, total}`: `promise` resolves with one output-major Float64Array of
 * replicates per plan entry — or, with `finish` options (`{method, confidence, fallback}`), with the
 * intervals `{estimates, note}` that the first worker computes from them (`finishIntervalEstimates`, so
 * the page's main thread does not sort replicates or run BCa jackknifes; `fallback` names a method to use
 * where `method` is undefined for the data, and `note` then says so). It rejects with the worker's error
 * message and code. `progress` is an async iterator of `{done, total}` replicate counts that ends with the
 * job; `cancel()` terminates the workers (the promise then rejects with code "cancelled").
 *
 * @example
 * const plan = planIntervalEstimates(scoreDict, aggregateIqm, {reps: 2000, seed: 0});
 * const job = runPlan(url, plan);
 * for await (const {done, total} of job.progress) console.log(`${done}/${total}`);
 * const result = finishIntervalEstimates(plan, await job.promise); // = intervalEstimates(scoreDict, aggregateIqm, {reps: 2000, seed: 0})
 */
export function runPlan(url, plan, {workers = defaultWorkers(), finish} = {}) {
  const expected = blockCount(plan) * plan.entries.length;
  const updates = [];
  let wake = null;
  const pool = [];
  const size = Math.max(1, Math.min(workers, expected));
  for (let i = 0; i < size; ++i) pool.push(new Worker(url, {type: "module"}));
  // Two blocks in flight per worker, so a worker never idles while its next block is on the way.
  const schedule = scheduleBlocks(plan, pool, {
    id: 1,
    inFlight: 2,
    finish,
    onProgress: (done, total) => {
      updates.push({done, total});
      wake?.();
    }
  });
  for (const worker of pool) {
    worker.onmessage = ({data}) => schedule.receive(worker, data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      schedule.fail(Object.assign(new Error(`bootstrap worker failed: ${event.message || "could not load the worker script"}`), {code: "worker"}));
    };
  }
  // Whatever ends the schedule (result, error, cancel) stops the workers and the progress stream.
  const stop = () => {
    for (const worker of pool) worker.terminate();
    wake?.();
  };
  schedule.promise.then(stop, stop);
  async function* progress() {
    for (;;) {
      while (updates.length) yield updates.shift();
      if (schedule.settled) return;
      await new Promise((res) => (wake = res));
      wake = null;
    }
  }
  function cancel() {
    schedule.fail(Object.assign(new Error("bootstrap cancelled"), {code: "cancelled"}));
  }
  return {promise: schedule.promise, progress: progress(), cancel, total: schedule.total};
}

/**
 * A bootstrap as a Framework-friendly async generator: yields `{status: "running", done, total}` while the
 * workers compute, then `{status: "done", result}` — or `{status: "error", error}` if making the plan, a
 * worker or the finishing step fails. `plan` may be a function returning the plan, so that its validation
 * errors land in the error state too. `finish` says how to make the result: an options object
 * `{method, confidence, fallback}` finishes in a worker (result `{estimates, note}`, see {@link runPlan});
 * a function `(plan, replicates) => result` runs on the page; omitted, the result is the replicates. When
 * the page re-runs the cell (an input changed), Framework stops the generator, which terminates the
 * workers, so stale work never piles up.
 *
 * @example
 * const intervals = bootstrapJob(url, () => planIntervalEstimates(scoreDict, [aggregateMedian, aggregateIqm], options), options);
 * // another cell: BootstrapProgress(intervals) ?? IntervalPlot(intervals.result.estimates, {metrics: ["Median", "IQM"]})
 */
export async function* bootstrapJob(url, plan, finish, options) {
  let job;
  try {
    const thePlan = typeof plan === "function" ? plan() : plan;
    const inWorker = finish != null && typeof finish === "object";
    job = runPlan(url, thePlan, {...options, finish: inWorker ? finishOptions(finish) : undefined});
    yield {status: "running", done: 0, total: job.total};
    for await (const update of job.progress) yield {status: "running", ...update};
    const value = await job.promise;
    yield {status: "done", result: typeof finish === "function" ? finish(thePlan, value) : value};
  } catch (error) {
    yield {status: "error", error};
  } finally {
    job?.cancel();
  }
}

// Only what finishIntervalEstimates needs travels to the worker (options objects may hold functions).
function finishOptions({method, confidence, fallback}) {
  return {method, confidence, fallback};
}

/**
 * A small progress display for a {@link bootstrapJob} state: a `<progress>` bar with the replicate count
 * (and `aria-busy="true"`) while running, the error message on failure, and `null` once done, so pages can write
 * `BootstrapProgress(job) ?? Chart(job.result)`.
 *
 * @example BootstrapProgress({status: "running", done: 500, total: 2000}) // ▮▮▯▯▯▯▯▯ Bootstrapping: 500 / 2,000
 */
export function BootstrapProgress(state, {label = "Bootstrapping", document = globalThis.document} = {}) {
  if (state.status === "done") return null;
  const div = document.createElement("div");
  div.className = "rl-bootstrap-progress";
  if (state.status === "error") {
    div.style.color = "var(--theme-red, #c00)";
    div.textContent = `Could not compute: ${state.error?.message ?? state.error}`;
    return div;
  }
  // aria-busy marks work in progress for assistive tech and for page checks that wait for results.
  div.setAttribute("aria-busy", "true");
  const known = Number.isFinite(state.total) && state.total > 0;
  const bar = document.createElement("progress");
  bar.max = 1;
  if (known) bar.value = state.done / state.total;
  const text = document.createElement("span");
  text.style.marginLeft = "0.5em";
  text.textContent = known ? `${label}: ${state.done.toLocaleString("en-US")} / ${state.total.toLocaleString("en-US")}` : `${label}…`;
  div.append(bar, text);
  return div;
}
