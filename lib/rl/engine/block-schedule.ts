// The one scheduler of a plan's blocks over workers, for Node's worker threads (parallel.ts) and the
// browser's Web Workers (src/components/rl-worker.js): blocks are handed out a few at a time to whichever
// worker answers, stored at their fixed place as they come back, and the result is the same whichever
// worker computed which block (each block draws from its own stream). The caller owns the transport:
// it creates the workers, passes each reply to `receive`, and reports a dead worker through `fail`.
import {BenchstatsError, type ErrorCode} from "../../core/errors.js";
import {storeBlock} from "../interval-estimates.js";
import {blockCount, blockReps} from "./block.js";
import type {BootstrapPlan} from "./plan.js";
import type {FinishOptions, WorkerReply, WorkerRequest} from "./worker-protocol.js";

/** A worker as the scheduler sees it: where requests go. */
export interface WorkerPort {
  postMessage(message: WorkerRequest, transfer?: ArrayBuffer[]): void;
}

export interface BlockScheduleOptions {
  /** The plan's id in the protocol (replies with another id are ignored). */
  id: number;
  /** Blocks in flight per worker; 2 keeps a worker busy while its next block is on the way. Default 1. */
  inFlight?: number;
  /** Replicates stored so far, and in all. */
  onProgress?: (done: number, total: number) => void;
  /** Finish in the worker that returns the last block: the schedule then resolves with its `{estimates, note}`. */
  finish?: FinishOptions;
}

/** What a schedule resolves with: the replicates (one output-major array per entry), or a worker's finished result. */
export type ScheduleResult = Float64Array[] | {estimates: unknown; note: string | null};

export interface BlockSchedule {
  promise: Promise<ScheduleResult>;
  /** Replicates in all (entries × reps). */
  total: number;
  /** Hands a reply that `port` posted to the schedule. */
  receive(port: WorkerPort, reply: WorkerReply): void;
  /** Ends the schedule with this error (a worker died, the caller cancelled); later replies are ignored. */
  fail(error: Error): void;
  /** Whether the schedule has resolved or failed. */
  readonly settled: boolean;
}

/**
 * Starts computing `plan`'s blocks on `ports`: sends each the plan and its first blocks.
 *
 * @example
 * const schedule = scheduleBlocks(plan, workers, {id: 1});
 * for (const w of workers) w.on("message", (reply) => schedule.receive(w, reply));
 * const replicates = await schedule.promise; // then finishIntervalEstimates(plan, replicates, options)
 */
export function scheduleBlocks(plan: BootstrapPlan, ports: readonly WorkerPort[], options: BlockScheduleOptions): BlockSchedule {
  const {id, inFlight = 1, onProgress, finish} = options;
  const blocks = blockCount(plan);
  const queue: [number, number][] = [];
  for (let e = 0; e < plan.entries.length; ++e) for (let b = 0; b < blocks; ++b) queue.push([e, b]);
  const expected = queue.length;
  const total = plan.reps * plan.entries.length;
  const replicates = plan.entries.map((entry) => new Float64Array(entry.outputs * plan.reps));
  let received = 0;
  let done = 0;
  let settled = false;
  let resolve!: (value: ScheduleResult) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<ScheduleResult>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // a caller that only watches progress must not see an unhandled rejection
  const settle = (fn: () => void) => {
    if (settled) return;
    settled = true;
    fn();
  };
  const next = (port: WorkerPort) => {
    const item = queue.shift();
    if (item) port.postMessage({type: "block", id, entry: item[0], block: item[1]});
  };
  const schedule: BlockSchedule = {
    promise,
    total,
    get settled() {
      return settled;
    },
    fail: (error) => settle(() => reject(error)),
    receive(port, reply) {
      if (settled || reply?.id !== id) return;
      if (reply.type === "error") return schedule.fail(replyError(reply));
      if (reply.type === "result") return settle(() => resolve({estimates: reply.estimates, note: reply.note}));
      storeBlock(plan, replicates[reply.entry], reply.entry, reply.block, reply.values);
      ++received;
      done += blockReps(plan, reply.block);
      onProgress?.(done, total);
      if (received < expected) next(port);
      else if (!finish) settle(() => resolve(replicates));
      else port.postMessage({type: "finish", id, replicates, options: finish}, replicates.map((r) => r.buffer as ArrayBuffer));
    }
  };
  if (expected === 0) settle(() => resolve(replicates));
  for (const port of ports) port.postMessage({type: "plan", id, plan});
  for (let k = 0; k < inFlight; ++k) for (const port of ports) next(port);
  return schedule;
}

/** The error a worker reported: a BenchstatsError when it carries a code, else a plain Error with its name. */
function replyError(reply: Extract<WorkerReply, {type: "error"}>): Error {
  if (reply.code) return new BenchstatsError(reply.code as ErrorCode, reply.message ?? "a bootstrap worker failed");
  return Object.assign(new Error(reply.message), {name: reply.name ?? "Error"});
}
