/**
 * The process-wide pool of bootstrap worker threads behind runPlanParallel (Node only; internal).
 *
 * A new worker thread pays for itself before it computes anything: it loads the library and its
 * code is cold until the JIT has seen enough blocks (about 0.2 s of CPU per worker on the IQM case of
 * bench/rl.bench.ts, a fifth of the whole single-thread run). Workers are therefore kept between
 * calls, unreferenced while idle so that they never keep the process alive, and each call tags its
 * messages with its own plan id, so that calls may overlap. The worker entry is always JavaScript:
 * worker-thread.js beside the built module, or, from the TypeScript sources (tests, tsx scripts), the
 * entry and its imports bundled once per process by esbuild (a development dependency of the
 * repository) and handed over as a data: URL, instead of a TypeScript loader in every worker; the
 * workers start without the process's loader flags (workerExecArgv), so that `node --import tsx` does
 * not load tsx again in each of them.
 *
 * @example
 * const workers = await poolWorkers(2); // the same two threads on the next call
 */

import {workerEntryUrl, workerExecArgv} from "../../core/worker-entry.js";

// Node-only modules, imported through variables so that bundlers for the browser leave them alone and
// lib/ type-checks without Node's types.
const WORKER_THREADS = "node:worker_threads";

/** The part of a Node Worker that the pool uses. */
export interface PoolWorker {
  postMessage(message: unknown): void;
  on(event: string, listener: (value: any) => void): void;
  off(event: string, listener: (value: any) => void): void;
  ref(): void;
  unref(): void;
}

const pool: PoolWorker[] = [];
const users = new Map<PoolWorker, number>();
let planIds = 0;

function workerUrl(): Promise<URL> {
  return workerEntryUrl(import.meta.url, "./worker-thread");
}

/** `count` pooled workers (started as needed), referenced until {@link releaseWorkers}. */
export async function poolWorkers(count: number): Promise<PoolWorker[]> {
  if (pool.length < count) {
    const {Worker} = await import(WORKER_THREADS);
    const url = await workerUrl();
    while (pool.length < count) {
      const worker: PoolWorker = new Worker(url, {execArgv: workerExecArgv()});
      const forget = () => {
        const i = pool.indexOf(worker);
        if (i >= 0) pool.splice(i, 1);
        users.delete(worker);
      };
      worker.on("error", forget);
      worker.on("exit", forget);
      worker.unref();
      pool.push(worker);
    }
  }
  const taken = pool.slice(0, count);
  for (const w of taken) {
    users.set(w, (users.get(w) ?? 0) + 1);
    w.ref();
  }
  return taken;
}

/** Ends a call's use of its workers: each is unreferenced once no call uses it. */
export function releaseWorkers(workers: PoolWorker[]): void {
  for (const w of workers) {
    const n = (users.get(w) ?? 1) - 1;
    if (n > 0) users.set(w, n);
    else {
      users.delete(w);
      w.unref();
    }
  }
}

/** A fresh id for a plan sent to the pool. */
export function nextPlanId(): number {
  return ++planIds;
}
