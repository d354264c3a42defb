// A Web-Worker-shaped stand-in that runs the engine's worker protocol (lib/rl/engine/worker-protocol.ts)
// in-process, cloning every message as postMessage would: what the worker tests and the page-snippet test put
// in place of the browser's Worker.
import type {BootstrapPlan} from "../../lib/engine.js";
import {handleRequest, type WorkerRequest} from "../../lib/rl/engine/worker-protocol.js";

export class InProcessWorker {
  static created = 0;
  private plans = new Map<number, BootstrapPlan>();
  onmessage: ((event: {data: unknown}) => void) | null = null;
  onerror: ((event: {message: string}) => void) | null = null;
  terminated = false;
  constructor() {
    InProcessWorker.created++;
  }
  postMessage(message: WorkerRequest) {
    const request = structuredClone(message);
    setTimeout(() => {
      if (this.terminated) return;
      const reply = handleRequest(this.plans, request);
      if (reply) this.onmessage?.({data: structuredClone(reply)});
    }, 0);
  }
  terminate() {
    this.terminated = true;
  }
}
