/**
 * Worker threads for the multi-file Kineto readers (Node only; internal): readKineto's parallel read and
 * analyseKinetoRanks' per-rank analyses. Each job is one file; a worker takes the next file when it finishes
 * one, and the answers are handed over in file order as soon as a file and every file before it are done, so
 * that finished answers do not pile up.
 *
 * The worker entry is always JavaScript (lib/core/worker-entry.ts): kineto-worker.js beside a built module, or
 * kineto-worker.ts and its imports bundled by esbuild once per process, instead of a TypeScript loader in
 * every worker, and without the process's loader flags (workerExecArgv: `node --import tsx` would load tsx in
 * each thread).
 *
 * @example
 * await inWorkers(files.map((file) => ({type: "read", file})), 2, (index, answer) => console.log(files[index], answer));
 */
import {Worker} from "node:worker_threads";
import {BenchstatsError, type ErrorCode, type ErrorLocation} from "../../lib/core/errors.js";
import {workerEntryUrl, workerExecArgv} from "../../lib/core/worker-entry.js";

/** An error sent across threads: a BenchstatsError's code, message and location. */
export interface SentError {
  code: ErrorCode;
  message: string;
  location?: ErrorLocation;
}

/** Whatever was thrown, in a form that crosses threads (see {@link receivedError}). */
export function sentError(error: unknown): SentError {
  const e = error as BenchstatsError;
  return {code: e instanceof BenchstatsError ? e.code : "parse", message: e?.message ?? String(error), location: e instanceof BenchstatsError ? e.location : undefined};
}

/** The BenchstatsError a {@link SentError} came from, with the same message. */
export function receivedError({code, message, location}: SentError): BenchstatsError {
  // The message already names the location: strip that prefix before building the error again.
  const prefix = location ? new BenchstatsError(code, "", location).message : "";
  return new BenchstatsError(code, message.startsWith(prefix) ? message.slice(prefix.length) : message, location);
}

/**
 * Runs `jobs` on `workers` threads (one job at a time per thread) and hands each answer to `take` in job
 * order. A job's `{error}` answer rejects with that error, located as the worker located it.
 */
export async function inWorkers<Job, Answer>(jobs: Job[], workers: number, take: (index: number, answer: Answer) => void): Promise<void> {
  const url = await workerEntryUrl(import.meta.url, "./kineto-worker");
  const done = new Map<number, Answer>();
  let nextToTake = 0;
  let next = 0;
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      const drain = () => {
        while (done.has(nextToTake)) {
          const answer = done.get(nextToTake)!;
          done.delete(nextToTake);
          take(nextToTake++, answer);
        }
      };
      const feed = (worker: Worker) => {
        if (next >= jobs.length) {
          if (--active === 0) resolve();
          return;
        }
        const index = next++;
        worker.once("message", (msg: {answer?: Answer; error?: SentError}) => {
          if (msg.error) {
            reject(receivedError(msg.error));
            return;
          }
          done.set(index, msg.answer!);
          try {
            drain();
          } catch (e) {
            reject(e);
            return;
          }
          feed(worker);
        });
        worker.postMessage(jobs[index]);
      };
      for (let w = 0; w < Math.min(workers, jobs.length); ++w) {
        const worker = new Worker(url, {execArgv: workerExecArgv()});
        pool.push(worker);
        worker.on("error", reject);
        active++;
        feed(worker);
      }
      if (active === 0) resolve();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
