/**
 * The bootstrap Web Worker: the browser's transport of the engine's one worker protocol
 * (lib/rl/engine/worker-protocol.ts, the same messages and handler as Node's worker threads), so the
 * numbers are bit-identical to a main-thread `intervalEstimates` (or `performanceProfiles`, …) call with
 * the same seed, however many workers share the blocks. Bundled for browsers by
 * src/data/bootstrap-worker.js.ts; driven by `runPlan` / `bootstrapJob` in rl-worker.js.
 */
import type {BootstrapPlan} from "../../lib/engine.js";
import {handleRequest, replyTransfer, type WorkerRequest} from "../../lib/rl/engine/worker-protocol.js";

interface WorkerScope {
  onmessage: ((event: {data: WorkerRequest}) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

// Wire up message handling only inside a worker (not when tests import this module).
const scope = globalThis as unknown as Partial<WorkerScope> & {WorkerGlobalScope?: unknown};
if (typeof scope.WorkerGlobalScope !== "undefined" && typeof scope.postMessage === "function") {
  const plans = new Map<number, BootstrapPlan>();
  const post = scope.postMessage.bind(scope);
  scope.onmessage = ({data}) => {
    const reply = handleRequest(plans, data);
    if (reply) post(reply, replyTransfer(reply));
  };
}
