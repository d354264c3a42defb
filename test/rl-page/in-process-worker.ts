// A Web-Worker-shaped stand-in that runs the page's bootstrap worker entry (src/components/rl-worker-entry.js)
// in-process, cloning every message as postMessage would: what the worker tests and the page-snippet test put
// in place of the browser's Worker.
import {handleRequest, type WorkerRequest} from "../../src/components/rl-worker-entry.js";

export class InProcessWorker {
  static created = 0;
  private state = {};
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
      const reply = handleRequest(this.state, request);
      if (reply) this.onmessage?.({data: structuredClone(reply)});
    }, 0);
  }
  terminate() {
    this.terminated = true;
  }
}
