// Node worker-thread entry of runPlanParallel (Node only; never imported by the browser build): the
// transport of the one worker protocol (worker-protocol.ts) over parentPort. The threads are pooled
// across calls (worker-pool.ts); every message carries its call's plan id.
import type {BootstrapPlan} from "./plan.js";
import {handleRequest, replyTransfer, type WorkerRequest} from "./worker-protocol.js";

const WORKER_THREADS = "node:worker_threads";
const {parentPort} = await import(WORKER_THREADS);
const plans = new Map<number, BootstrapPlan>();
parentPort.on("message", (request: WorkerRequest) => {
  const reply = handleRequest(plans, request);
  if (reply) parentPort.postMessage(reply, replyTransfer(reply));
});
