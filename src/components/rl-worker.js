// Runs benchstats' bootstrap engine in a Web Worker so that pages stay responsive, with progress.
// The worker script is the bundle that src/data/bootstrap-worker.js.ts builds from rl-worker-entry.ts;
// pages get its URL with `await FileAttachment("data/bootstrap-worker.js").url()`.

/**
 * Starts one bootstrap task in a fresh module Web Worker.
 *
 * `task` names one of the worker's tasks (see rl-worker-entry.ts: `"intervalEstimates"`,
 * `"performanceProfiles"`, …) and `args` its structured-clonable arguments (score matrices as arrays,
 * statistics by name, options with `seed`). The worker calls the same lib functions the main thread would,
 * with the same seed, so the numbers are identical to a main-thread call.
 *
 * Returns `{promise, progress, cancel}`: `promise` resolves with the task's result (rejects with the
 * worker's error message and code), `progress` is an async iterator of `{done, total}` updates that ends
 * when the task does, and `cancel()` terminates the worker (the promise then rejects with code "cancelled").
 *
 * @example
 * const job = runInWorker(url, "intervalEstimates", {scores, statistics: ["iqm"], options: {reps: 2000, seed: 0}});
 * for await (const {done, total} of job.progress) console.log(done / total);
 * const estimates = await job.promise;
 */
export function runInWorker(url, task, args) {
  const worker = new Worker(url, {type: "module"});
  const updates = [];
  let wake = null;
  let finished = false;
  let resolve, reject;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // the caller may only iterate progress; don't report an unhandled rejection twice
  const finish = () => {
    finished = true;
    worker.terminate();
    wake?.();
  };
  worker.onmessage = ({data}) => {
    if (data.type === "progress") {
      updates.push({done: data.done, total: data.total});
      wake?.();
    } else if (data.type === "result") {
      resolve(data.result);
      finish();
    } else if (data.type === "error") {
      reject(Object.assign(new Error(data.message), {name: data.name ?? "Error", code: data.code}));
      finish();
    }
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    reject(Object.assign(new Error(`bootstrap worker failed: ${event.message ?? "could not load the worker script"}`), {code: "worker"}));
    finish();
  };
  worker.postMessage({task, args});
  async function* progress() {
    for (;;) {
      while (updates.length) yield updates.shift();
      if (finished) return;
      await new Promise((res) => (wake = res));
      wake = null;
    }
  }
  function cancel() {
    if (finished) return;
    reject(Object.assign(new Error("bootstrap task cancelled"), {code: "cancelled"}));
    finish();
  }
  return {promise, progress: progress(), cancel};
}

/**
 * The same task as a Framework-friendly async generator: yields `{status: "running", done, total}` while
 * the worker works and finally `{status: "done", result}` (or `{status: "error", error}`). When the page
 * re-runs the cell (an input changed) Framework stops the generator, which terminates the worker, so stale
 * work never piles up.
 *
 * @example
 * const intervals = bootstrapJob(url, "intervalEstimates", {scores, statistics: ["median", "iqm"], options});
 * // in another cell: intervals.status === "done" ? IntervalPlot(intervals.result, …) : BootstrapProgress(intervals)
 */
export async function* bootstrapJob(url, task, args) {
  const job = runInWorker(url, task, args);
  try {
    yield {status: "running", done: 0, total: NaN};
    for await (const {done, total} of job.progress) yield {status: "running", done, total};
    yield {status: "done", result: await job.promise};
  } catch (error) {
    yield {status: "error", error};
  } finally {
    job.cancel();
  }
}

/**
 * A small progress display for a {@link bootstrapJob} state: a `<progress>` bar while running, the error
 * message on failure. Returns `null` once the job is done so pages can write
 * `BootstrapProgress(job) ?? Chart(job.result)`.
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
  const bar = document.createElement("progress");
  bar.max = 1;
  if (Number.isFinite(state.total) && state.total > 0) bar.value = state.done / state.total;
  const text = document.createElement("span");
  text.style.marginLeft = "0.5em";
  text.textContent = Number.isFinite(state.total) && state.total > 0 ? `${label}: ${state.done.toLocaleString("en-US")} / ${state.total.toLocaleString("en-US")}` : `${label}…`;
  div.append(bar, text);
  return div;
}
