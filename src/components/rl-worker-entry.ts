/**
 * The bootstrap Web Worker: computes blocks of bootstrap replicates of a lib `BootstrapPlan` with the
 * lib's own `runBootstrapBlock`, so the numbers are bit-identical to a main-thread `intervalEstimates`
 * (or `performanceProfiles`, …) call with the same seed, however many workers share the blocks.
 * Bundled for browsers by src/data/bootstrap-worker.js.ts; driven by `runPlan` / `bootstrapJob` in
 * rl-worker.js.
 *
 * Protocol (messages are structured-cloned):
 * - in `{type: "plan", plan}`: keep the plan (a plain-data `BootstrapPlan`) for the following blocks;
 * - in `{type: "block", entry, block}`: compute that block; out `{type: "block", entry, block, values}`
 *   (`values` is the block's output-major Float64Array, transferred);
 * - in `{type: "finish", replicates, options}`: the intervals of the plan from all its replicates
 *   (`finishIntervalEstimates`, with an optional fallback method); out `{type: "result", estimates, note}`;
 * - out `{type: "error", message, name, code}` when something fails.
 */
import type {IntervalOptions, IntervalResult} from "../../lib/index.js";
import {finishIntervalEstimates, runBootstrapBlock, type BootstrapPlan} from "../../lib/engine.js";

/** How to turn the replicates into intervals in the worker (`finishIntervalEstimates` options). */
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
  | {type: "plan"; plan: BootstrapPlan}
  | {type: "block"; entry: number; block: number}
  | {type: "finish"; replicates: Float64Array[]; options: FinishOptions};
export type WorkerReply =
  | {type: "block"; entry: number; block: number; values: Float64Array}
  | {type: "result"; estimates: IntervalResult; note: string | null}
  | {type: "error"; message: string; name?: string; code?: string};

/**
 * Handles one request against the worker's state (the current plan). Pure apart from `state`; exported so
 * tests can drive it without a worker. Returns the reply to post, or undefined when there is none.
 * @example
 * const state = {};
 * handleRequest(state, {type: "plan", plan});                    // undefined: plan kept
 * handleRequest(state, {type: "block", entry: 0, block: 0});     // {type: "block", entry: 0, block: 0, values}
 */
export function handleRequest(state: {plan?: BootstrapPlan}, request: WorkerRequest): WorkerReply | undefined {
  try {
    if (request.type === "plan") {
      if (request.plan?.generic !== undefined || !Array.isArray(request.plan?.entries)) {
        throw new Error("the worker needs a serialisable plan (built-in statistics only; custom functions must run on the page)");
      }
      state.plan = request.plan;
      return undefined;
    }
    if (request.type === "block") {
      if (!state.plan) throw new Error("block requested before a plan was sent");
      return {type: "block", entry: request.entry, block: request.block, values: runBootstrapBlock(state.plan, request.entry, request.block)};
    }
    if (request.type === "finish") {
      if (!state.plan) throw new Error("finish requested before a plan was sent");
      return {type: "result", ...finishWithFallback(state.plan, request.replicates, request.options)};
    }
    throw new Error(`unknown message type ${JSON.stringify((request as {type?: unknown}).type)}`);
  } catch (error) {
    const e = error as {message?: string; name?: string; code?: string};
    return {type: "error", message: e?.message ?? String(error), name: e?.name, code: e?.code};
  }
}

/**
 * `finishIntervalEstimates`, retried with `options.fallback` when the method is undefined for the data.
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

interface WorkerScope {
  onmessage: ((event: {data: WorkerRequest}) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

// Wire up message handling only inside a worker (not when tests import this module).
const scope = globalThis as unknown as Partial<WorkerScope> & {WorkerGlobalScope?: unknown};
if (typeof scope.WorkerGlobalScope !== "undefined" && typeof scope.postMessage === "function") {
  const state: {plan?: BootstrapPlan} = {};
  const post = scope.postMessage.bind(scope);
  scope.onmessage = ({data}) => {
    const reply = handleRequest(state, data);
    if (reply?.type === "block") post(reply, [reply.values.buffer as ArrayBuffer]);
    else if (reply) post(reply);
  };
}
