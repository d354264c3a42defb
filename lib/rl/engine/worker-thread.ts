// Node worker-thread entry of runPlanParallel (Node only; never imported by the browser build); the
// threads are pooled across calls (worker-pool.ts), so every message carries its call's plan id.
// Protocol: {type: "plan", id, plan} keeps the plan; {type: "block", id, entry, block} answers
// {type: "block", id, entry, block, values} (values transferred) or {type: "error", id, message, code};
// {type: "drop", id} forgets the plan.
import {runBootstrapBlock} from "./block.js";
import type {BootstrapPlan} from "./plan.js";

const WORKER_THREADS = "node:worker_threads";
const {parentPort} = await import(WORKER_THREADS);
const plans = new Map<number, BootstrapPlan>();
type Message = {type: "plan"; id: number; plan: BootstrapPlan} | {type: "block"; id: number; entry: number; block: number} | {type: "drop"; id: number};
parentPort.on("message", (msg: Message) => {
  try {
    if (msg.type === "plan") {
      plans.set(msg.id, msg.plan);
      return;
    }
    if (msg.type === "drop") {
      plans.delete(msg.id);
      return;
    }
    const plan = plans.get(msg.id);
    if (!plan) throw new Error("block requested before the plan");
    const values = runBootstrapBlock(plan, msg.entry, msg.block);
    parentPort.postMessage({type: "block", id: msg.id, entry: msg.entry, block: msg.block, values}, [values.buffer]);
  } catch (error) {
    const e = error as {message?: string; code?: string};
    parentPort.postMessage({type: "error", id: msg.id, message: e?.message ?? String(error), code: e?.code});
  }
});
