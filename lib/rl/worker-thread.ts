// Node worker-thread entry of runPlanParallel (Node only; never imported by the browser build).
// Protocol: {type: "plan", plan} keeps the plan; {type: "block", entry, block} answers
// {type: "block", entry, block, values} (values transferred) or {type: "error", message, code}.
import {runBootstrapBlock} from "./block.js";
import type {BootstrapPlan} from "./plan.js";

const WORKER_THREADS = "node:worker_threads";
const {parentPort} = await import(WORKER_THREADS);
let plan: BootstrapPlan | undefined;
parentPort.on("message", (msg: {type: "plan"; plan: BootstrapPlan} | {type: "block"; entry: number; block: number}) => {
  try {
    if (msg.type === "plan") {
      plan = msg.plan;
      return;
    }
    if (!plan) throw new Error("block requested before the plan");
    const values = runBootstrapBlock(plan, msg.entry, msg.block);
    parentPort.postMessage({type: "block", entry: msg.entry, block: msg.block, values}, [values.buffer]);
  } catch (error) {
    const e = error as {message?: string; code?: string};
    parentPort.postMessage({type: "error", message: e?.message ?? String(error), code: e?.code});
  }
});
