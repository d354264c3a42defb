// Protocol handling of the page-side worker client (rl-worker.js) against a scripted fake worker:
// progress, errors, failed script loads, cancellation. (Equality of the numbers with the lib is in
// worker.test.ts.)
import {afterAll, beforeAll, describe, expect, it} from "vitest";
// @ts-ignore jsdom ships no types and @types/jsdom is not installed
import {JSDOM} from "jsdom";
import {aggregateIqm} from "../../lib/index.js";
import {planIntervalEstimates} from "../../lib/engine.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const {runPlan, bootstrapJob, BootstrapProgress}: any = await import("../../src/components/rl-worker.js" as string);
const document = new JSDOM("").window.document;

/** A stand-in for the browser's Worker that records requests; the test plays the worker's replies. */
class FakeWorker {
  static all: FakeWorker[] = [];
  sent: {type: string; id?: number; entry?: number; block?: number}[] = [];
  terminated = false;
  onmessage: ((event: {data: unknown}) => void) | null = null;
  onerror: ((event: {message: string; preventDefault(): void}) => void) | null = null;
  constructor(readonly url: string, readonly options: unknown) {
    FakeWorker.all.push(this);
  }
  postMessage(message: {type: string}) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  /** Answers every outstanding block request with zeros. */
  answerBlocks(reps: (block: number) => number) {
    const pending = this.sent.filter((m) => m.type === "block");
    this.sent = this.sent.filter((m) => m.type !== "block");
    for (const m of pending) this.onmessage?.({data: {type: "block", id: m.id, entry: m.entry, block: m.block, values: new Float64Array(reps(m.block!))}});
  }
}
const scope = globalThis as {Worker?: unknown};
const nodeWorker = scope.Worker;
beforeAll(() => void (scope.Worker = FakeWorker));
afterAll(() => void (scope.Worker = nodeWorker));

// 2 entries × 3 blocks (500, 500, 100 replicates).
const plan = planIntervalEstimates({A: [[0.1, 0.2], [0.3, 0.4]], B: [[0.5, 0.6], [0.7, 0.8]]}, aggregateIqm, {reps: 1100});
const blockSize = (b: number) => (b < 2 ? 500 : 100);

describe("runPlan(url, plan, {workers})", () => {
  it("sends the plan to each module worker, hands out every block once and reports progress in replicates", async () => {
    FakeWorker.all = [];
    const job = runPlan("w.js", plan, {workers: 2});
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all.every((w) => w.options && (w.options as {type: string}).type === "module" && w.sent[0].type === "plan")).toBe(true);
    const asked: string[] = [];
    const seen: number[] = [];
    const reading = (async () => {
      for await (const {done} of job.progress) seen.push(done);
    })();
    for (let round = 0; round < 6 && !FakeWorker.all[0].terminated; ++round) {
      for (const w of FakeWorker.all) {
        for (const m of w.sent) if (m.type === "block") asked.push(`${m.entry}:${m.block}`);
        w.answerBlocks(blockSize);
      }
      await new Promise((r) => setTimeout(r, 0));
    }
    const replicates = await job.promise;
    await reading;
    expect(asked.sort()).toEqual(["0:0", "0:1", "0:2", "1:0", "1:1", "1:2"]);
    expect(replicates.map((r: Float64Array) => r.length)).toEqual([1100, 1100]);
    expect(seen.at(-1)).toBe(2200);
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
  });

  it("with finish options, sends the replicates to a worker to finish and resolves with its intervals", async () => {
    FakeWorker.all = [];
    const job = runPlan("w.js", plan, {workers: 1, finish: {method: "bca", confidence: 0.9, fallback: "percentile"}});
    const worker = FakeWorker.all[0];
    for (let round = 0; round < 6; ++round) {
      worker.answerBlocks(blockSize);
      await new Promise((r) => setTimeout(r, 0));
    }
    const request = worker.sent.find((m) => m.type === "finish") as unknown as {replicates: Float64Array[]; options: object};
    expect(request.options).toEqual({method: "bca", confidence: 0.9, fallback: "percentile"});
    expect(request.replicates.map((r) => r.length)).toEqual([1100, 1100]);
    worker.onmessage?.({data: {type: "result", id: 1, estimates: {A: {point: [1]}}, note: "n"}});
    await expect(job.promise).resolves.toEqual({estimates: {A: {point: [1]}}, note: "n"});
    expect(worker.terminated).toBe(true);
  });

  it("never starts more workers than there are blocks", () => {
    FakeWorker.all = [];
    runPlan("w.js", planIntervalEstimates({A: [[1, 2], [3, 4]]}, aggregateIqm, {reps: 10}), {workers: 4}).cancel();
    expect(FakeWorker.all).toHaveLength(1);
  });

  it("rejects with the worker's error message and code", async () => {
    const job = runPlan("w.js", plan, {workers: 1});
    FakeWorker.all.at(-1)!.onmessage?.({data: {type: "error", id: 1, message: "bca: degenerate", code: "degenerate", name: "BenchstatsError"}});
    await expect(job.promise).rejects.toMatchObject({message: "bca: degenerate", code: "degenerate", name: "BenchstatsError"});
  });

  it("rejects when the worker script fails to load", async () => {
    const job = runPlan("missing.js", plan, {workers: 1});
    FakeWorker.all.at(-1)!.onerror?.({message: "", preventDefault() {}});
    await expect(job.promise).rejects.toMatchObject({code: "worker", message: expect.stringMatching(/could not load the worker script/)});
  });
});

describe("bootstrapJob(url, plan, finish)", () => {
  it("yields running states, then finish(plan, replicates)", async () => {
    FakeWorker.all = [];
    const job = bootstrapJob("w.js", plan, (p: unknown, r: Float64Array[]) => ({same: p === plan, lengths: r.map((x) => x.length)}), {workers: 1});
    expect((await job.next()).value).toEqual({status: "running", done: 0, total: 2200});
    const worker = FakeWorker.all[0];
    let state;
    do {
      worker.answerBlocks(blockSize);
      state = (await job.next()).value;
    } while (state.status === "running");
    expect(state).toEqual({status: "done", result: {same: true, lengths: [1100, 1100]}});
  });

  it("terminates the workers when the page stops the generator early", async () => {
    FakeWorker.all = [];
    const job = bootstrapJob("w.js", plan);
    await job.next();
    await job.return(undefined);
    expect(FakeWorker.all[0].terminated).toBe(true);
  });
});

describe("BootstrapProgress(state)", () => {
  it("shows a progress bar with the replicate count while running, the error on failure, nothing when done", () => {
    const el = BootstrapProgress({status: "running", done: 500, total: 2000}, {document, label: "IQM"});
    expect(el.querySelector("progress").value).toBe(0.25);
    expect(el.textContent).toBe("IQM: 500 / 2,000");
    expect(el.getAttribute("aria-busy")).toBe("true");
    expect(BootstrapProgress({status: "done", result: {}}, {document})).toBeNull();
    expect(BootstrapProgress({status: "error", error: new Error("degenerate")}, {document}).textContent).toContain("degenerate");
  });
});
