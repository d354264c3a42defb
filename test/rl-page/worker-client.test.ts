import {afterAll, beforeAll, describe, expect, it} from "vitest";
// @ts-ignore jsdom ships no types and @types/jsdom is not installed
import {JSDOM} from "jsdom";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const {runInWorker, bootstrapJob, BootstrapProgress}: any = await import("../../src/components/rl-worker.js" as string);
const document = new JSDOM("").window.document;

/** A stand-in for the browser's Worker: records what it is sent and lets the test play the worker's replies. */
class FakeWorker {
  static last: FakeWorker;
  sent: unknown[] = [];
  terminated = false;
  onmessage: ((event: {data: unknown}) => void) | null = null;
  onerror: ((event: {message: string; preventDefault(): void}) => void) | null = null;
  constructor(readonly url: string, readonly options: unknown) {
    FakeWorker.last = this;
  }
  postMessage(message: unknown) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: unknown) {
    if (!this.terminated) this.onmessage?.({data});
  }
}
const scope = globalThis as {Worker?: unknown};
const nodeWorker = scope.Worker;
beforeAll(() => void (scope.Worker = FakeWorker));
afterAll(() => void (scope.Worker = nodeWorker));

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("runInWorker(url, task, args)", () => {
  it("starts a module worker, posts the task and resolves with its result after the progress updates", async () => {
    const job = runInWorker("worker.js", "intervalEstimates", {reps: 10});
    const worker = FakeWorker.last;
    expect(worker.options).toEqual({type: "module"});
    expect(worker.sent).toEqual([{task: "intervalEstimates", args: {reps: 10}}]);
    const seen: unknown[] = [];
    const reading = (async () => {
      for await (const p of job.progress) seen.push(p);
    })();
    worker.reply({type: "progress", done: 5, total: 10});
    await tick();
    worker.reply({type: "progress", done: 10, total: 10});
    worker.reply({type: "result", result: {a: 1}});
    await expect(job.promise).resolves.toEqual({a: 1});
    await reading;
    expect(seen).toEqual([{done: 5, total: 10}, {done: 10, total: 10}]);
    expect(worker.terminated).toBe(true);
  });

  it("rejects with the worker's error message and code", async () => {
    const job = runInWorker("worker.js", "intervalEstimates", {});
    FakeWorker.last.reply({type: "error", message: "bca: degenerate", code: "degenerate", name: "BenchstatsError"});
    await expect(job.promise).rejects.toMatchObject({message: "bca: degenerate", code: "degenerate", name: "BenchstatsError"});
  });

  it("rejects when the worker script fails to load", async () => {
    const job = runInWorker("missing.js", "intervalEstimates", {});
    FakeWorker.last.onerror?.({message: "404", preventDefault() {}});
    await expect(job.promise).rejects.toMatchObject({code: "worker"});
  });

  it("terminates the worker on cancel", async () => {
    const job = runInWorker("worker.js", "intervalEstimates", {});
    job.cancel();
    expect(FakeWorker.last.terminated).toBe(true);
    await expect(job.promise).rejects.toMatchObject({code: "cancelled"});
  });
});

describe("bootstrapJob(url, task, args)", () => {
  it("yields running states and then the result", async () => {
    const job = bootstrapJob("worker.js", "performanceProfiles", {});
    expect((await job.next()).value).toEqual({status: "running", done: 0, total: NaN});
    const worker = FakeWorker.last;
    worker.reply({type: "progress", done: 1, total: 2});
    expect((await job.next()).value).toEqual({status: "running", done: 1, total: 2});
    worker.reply({type: "result", result: [1, 2]});
    expect((await job.next()).value).toEqual({status: "done", result: [1, 2]});
    expect((await job.next()).done).toBe(true);
  });

  it("yields an error state instead of throwing", async () => {
    const job = bootstrapJob("worker.js", "performanceProfiles", {});
    await job.next();
    FakeWorker.last.reply({type: "error", message: "bad"});
    const last = (await job.next()).value;
    expect(last.status).toBe("error");
    expect(last.error.message).toBe("bad");
  });

  it("terminates the worker when the page stops the generator early", async () => {
    const job = bootstrapJob("worker.js", "performanceProfiles", {});
    await job.next();
    await job.return(undefined);
    expect(FakeWorker.last.terminated).toBe(true);
  });
});

describe("BootstrapProgress(state)", () => {
  it("shows a progress bar with the replicate count while running and nothing when done", () => {
    const el = BootstrapProgress({status: "running", done: 500, total: 2000}, {document, label: "IQM"});
    expect(el.querySelector("progress").value).toBe(0.25);
    expect(el.textContent).toBe("IQM: 500 / 2,000");
    expect(BootstrapProgress({status: "done", result: {}}, {document})).toBeNull();
    expect(BootstrapProgress({status: "error", error: new Error("degenerate")}, {document}).textContent).toContain("degenerate");
  });
});
