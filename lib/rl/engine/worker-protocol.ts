// The one worker protocol of the bootstrap engine, for Node's worker threads (worker-thread.ts) and the
// browser's Web Workers (src/components/rl-worker-entry.ts) alike: the same messages, the same handler;
// only the transport (parentPort or the worker scope) differs. Messages are structured-cloned, and every
// one carries the id of its plan, so that one worker can serve several calls (Node pools its threads).
//
// - in `{type: "plan", id, plan}`: keep the plan (plain data, built-in statistics only) under its id;
// - in `{type: "block", id, entry, block}`: compute that block with runBootstrapBlock; out
//   `{type: "block", id, entry, block, values}` (`values`: the block's output-major Float64Array, transferred);
// - in `{type: "finish", id, replicates, options}`: the intervals of the plan from all its replicates
//   (finishIntervalEstimates, with an optional fallback method); out `{type: "result", id, estimates, note}`;
// - in `{type: "drop", id}`: forget the plan;
// - out `{type: "error", id, message, name, code}` when something fails.
import {finishIntervalEstimates, type IntervalOptions, type IntervalResult} from "../interval-estimates.js";
import {runBootstrapBlock} from "./block.js";
import type {BootstrapPlan} from "./plan.js";

/** How a worker turns the replicates into intervals (finishIntervalEstimates' options). */
export interface FinishOptions {
  method?: IntervalOptions["method"];
  confidence?: number;
  /**
   * When `method` is undefined for this data (a `"degenerate"` BenchstatsError: bc/bca where the bootstrap
   * distribution lies entirely on one side of the estimate, or a zero jackknife variance), finish with this
   * method instead and say so in `note`.
   */
  fallback?: IntervalOptions["method"];
}

export type WorkerRequest =
  | {type: "plan"; id: number; plan: BootstrapPlan}
  | {type: "block"; id: number; entry: number; block: number}
  | {type: "finish"; id: number; replicates: Float64Array[]; options: FinishOptions}
  | {type: "drop"; id: number};
export type WorkerReply =
  | {type: "block"; id: number; entry: number; block: number; values: Float64Array}
  | {type: "result"; id: number; estimates: IntervalResult; note: string | null}
  | {type: "error"; id: number; message: string; name?: string; code?: string};

/**
 * Handles one request against a worker's plans (by id). Pure apart from `plans`; both worker entries call
 * it, and tests drive it without a worker. Returns the reply to post, or undefined when there is none.
 *
 * @example
 * const plans = new Map();
 * handleRequest(plans, {type: "plan", id: 1, plan});                 // undefined: plan kept
 * handleRequest(plans, {type: "block", id: 1, entry: 0, block: 0});  // {type: "block", id: 1, entry: 0, block: 0, values}
 */
export function handleRequest(plans: Map<number, BootstrapPlan>, request: WorkerRequest): WorkerReply | undefined {
  const id = request?.id;
  try {
    if (request.type === "plan") {
      if (request.plan?.generic !== undefined || !Array.isArray(request.plan?.entries)) {
        throw new Error("the worker needs a serialisable plan (built-in statistics only; custom functions must run on the page)");
      }
      plans.set(id, request.plan);
      return undefined;
    }
    if (request.type === "drop") {
      plans.delete(id);
      return undefined;
    }
    const plan = plans.get(id);
    if (request.type === "block") {
      if (!plan) throw new Error("block requested before a plan was sent");
      return {type: "block", id, entry: request.entry, block: request.block, values: runBootstrapBlock(plan, request.entry, request.block)};
    }
    if (request.type === "finish") {
      if (!plan) throw new Error("finish requested before a plan was sent");
      return {type: "result", id, ...finishWithFallback(plan, request.replicates, request.options)};
    }
    throw new Error(`unknown message type ${JSON.stringify((request as {type?: unknown}).type)}`);
  } catch (error) {
    const e = error as {message?: string; name?: string; code?: string};
    return {type: "error", id, message: e?.message ?? String(error), name: e?.name, code: e?.code};
  }
}

/** The buffers a reply hands over instead of copying (a block's values). */
export function replyTransfer(reply: WorkerReply): ArrayBuffer[] {
  return reply.type === "block" ? [reply.values.buffer as ArrayBuffer] : [];
}

/**
 * finishIntervalEstimates, retried with `options.fallback` when the method is undefined for the data.
 *
 * @example finishWithFallback(plan, replicates, {method: "bca", fallback: "percentile"}) // {estimates, note: null | "bca intervals are undefined here (…)…"}
 */
export function finishWithFallback(plan: BootstrapPlan, replicates: Float64Array[], options: FinishOptions): {estimates: IntervalResult; note: string | null} {
  try {
    return {estimates: finishIntervalEstimates(plan, replicates, options), note: null};
  } catch (error) {
    const {fallback, method = "percentile"} = options;
    if ((error as {code?: string}).code !== "degenerate" || !fallback || fallback === method) throw error;
    const estimates = finishIntervalEstimates(plan, replicates, {...options, method: fallback});
    const reason = (error as Error).message.replace(/;[^;]*$/, "");
    return {estimates, note: `${method} intervals are undefined here (${reason}), so these are ${fallback} intervals from the same replicates.`};
  }
}
