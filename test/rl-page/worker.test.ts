// The page's bootstrap Web Worker must give exactly the lib's main-thread numbers for the same seed,
// however many workers share the blocks. Checked twice: with the worker entry driven in-process (fast,
// several worker counts and statistics), and with the real bundle that src/data/bootstrap-worker.js.ts
// builds, run in a Node worker thread behind a Web-Worker-shaped adapter.
import {execFileSync} from "node:child_process";
import {join} from "node:path";
import {Worker as NodeWorker} from "node:worker_threads";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  aggregateIqm,
  aggregateMean,
  aggregateMedian,
  aggregateOptimalityGap,
  intervalEstimates,
  probabilityOfImprovement,
  scoreDistributionAt,
  type IntervalOptions
} from "../../lib/index.js";
import {finishIntervalEstimates, planIntervalEstimates, planPerformanceProfiles} from "../../lib/engine.js";
import {bundledDataDir} from "../../loaders/data-dir.js";
import {atari100kRuns} from "../../loaders/runs/atari100k.js";
import {finishWithFallback, handleRequest, type WorkerRequest} from "../../lib/rl/engine/worker-protocol.js";
import {InProcessWorker} from "./in-process-worker.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const {runPlan, bootstrapJob}: any = await import("../../src/components/rl-worker.js" as string);

// Real data: the first 10 runs of three agents, runs × 26 games.
const runs = (await atari100kRuns(join(bundledDataDir, "rl", "atari100k"))).rows();
function matrix(algorithm: string, first = 10): number[][] {
  const rows = runs.filter((r) => r.algorithm === algorithm && Number(r.seed) <= first);
  const tasks = [...new Set(rows.map((r) => r.task))];
  const seeds = [...new Set(rows.map((r) => r.seed))];
  return seeds.map((s) => tasks.map((t) => rows.find((r) => r.seed === s && r.task === t)!.value));
}
const scoreDict = {DER: matrix("DER"), SPR: matrix("SPR"), SimPLe: matrix("SimPLe")};
const aggregates = [aggregateMedian, aggregateIqm, aggregateMean, aggregateOptimalityGap];

const scope = globalThis as {Worker?: unknown};
const nodeWorker = scope.Worker;
beforeAll(() => void (scope.Worker = InProcessWorker));
afterAll(() => void (scope.Worker = nodeWorker));

async function inWorkers(dict: Parameters<typeof planIntervalEstimates>[0], statistic: Parameters<typeof planIntervalEstimates>[1], options: IntervalOptions, workers: number) {
  const plan = planIntervalEstimates(dict, statistic, options);
  const job = runPlan("bootstrap-worker.js", plan, {workers});
  const seen: number[] = [];
  for await (const {done} of job.progress) seen.push(done);
  return {result: finishIntervalEstimates(plan, await job.promise, options), seen, total: job.total};
}

describe("runPlan(url, plan) with the worker entry", () => {
  const options: IntervalOptions = {reps: 1200, seed: 7, confidence: 0.9}; // 3 blocks of 500, 500, 200

  it.each([1, 2, 3])("equals intervalEstimates for the four aggregates with %i worker(s)", async (workers) => {
    const {result, seen, total} = await inWorkers(scoreDict, aggregates, options, workers);
    expect(result).toEqual(intervalEstimates(scoreDict, aggregates, options));
    expect(total).toBe(3600);
    expect(seen.at(-1)).toBe(3600);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("equals intervalEstimates for a score distribution (profile) with BCa intervals", async () => {
    const statistic = scoreDistributionAt([0.1, 0.25, 0.5, 1]);
    const bca: IntervalOptions = {...options, method: "bca"};
    const {result} = await inWorkers({DER: scoreDict.DER, SPR: scoreDict.SPR}, statistic, bca, 2);
    expect(result).toEqual(intervalEstimates({DER: scoreDict.DER, SPR: scoreDict.SPR}, statistic, bca));
  });

  it("equals intervalEstimates for probability of improvement on pairs", async () => {
    const pairs = {"SPR,DER": [scoreDict.SPR, scoreDict.DER] as const, "DER,SimPLe": [scoreDict.DER, scoreDict.SimPLe] as const};
    const {result} = await inWorkers(pairs, probabilityOfImprovement, options, 2);
    expect(result).toEqual(intervalEstimates(pairs, probabilityOfImprovement, options));
  });

  it("finishes in the worker with exactly intervalEstimates' intervals", async () => {
    const bc: IntervalOptions = {...options, method: "bc"};
    const plan = planIntervalEstimates(scoreDict, aggregates, bc);
    const {estimates, note} = await runPlan("w.js", plan, {workers: 2, finish: {method: "bc", confidence: 0.9}}).promise;
    expect(estimates).toEqual(intervalEstimates(scoreDict, aggregates, bc));
    expect(note).toBeNull();
  });

  it("falls back to percentile intervals, with a note, where BCa is undefined (average profile of CURL's 10 runs)", async () => {
    const taus = Array.from({length: 21}, (_, i) => i / 20);
    const profileOptions = {...options, average: true};
    const plan = planPerformanceProfiles({CURL: matrix("CURL")}, taus, profileOptions);
    const {estimates, note} = await runPlan("w.js", plan, {workers: 2, finish: {method: "bca", confidence: 0.9, fallback: "percentile"}}).promise;
    expect(estimates).toEqual(finishIntervalEstimates(plan, await runPlan("w.js", plan, {workers: 1}).promise, {method: "percentile", confidence: 0.9}));
    expect(note).toMatch(/^bca intervals are undefined here \(BCa acceleration for scores\["CURL"\].*\), so these are percentile intervals from the same replicates\.$/);
  });

  it("rethrows an undefined method when no fallback is asked for", async () => {
    const plan = planPerformanceProfiles({CURL: matrix("CURL")}, Array.from({length: 21}, (_, i) => i / 20), {...options, average: true});
    const replicates = await runPlan("w.js", plan, {workers: 1}).promise;
    expect(() => finishWithFallback(plan, replicates, {method: "bca"})).toThrow(expect.objectContaining({code: "degenerate"}));
  });

  it("rejects with the worker's error message when the worker refuses the plan", async () => {
    const plan = {...planIntervalEstimates({DER: scoreDict.DER}, aggregateIqm, options), generic: "not serialisable"};
    await expect(runPlan("w.js", plan, {workers: 1}).promise).rejects.toThrow(/serialisable plan/);
  });

  it("terminates its workers and rejects on cancel", async () => {
    const before = InProcessWorker.created;
    const job = runPlan("w.js", planIntervalEstimates(scoreDict, aggregateIqm, options), {workers: 2});
    expect(InProcessWorker.created - before).toBe(2);
    job.cancel();
    await expect(job.promise).rejects.toMatchObject({code: "cancelled"});
  });

  it("answers a block request without a plan with an error", () => {
    expect(handleRequest(new Map(), {type: "block", id: 1, entry: 0, block: 0})).toMatchObject({type: "error", id: 1, message: expect.stringMatching(/before a plan/)});
  });

  it("refuses plans with a custom statistic function (they cannot be posted)", () => {
    const plan = planIntervalEstimates({DER: scoreDict.DER}, (m: ArrayLike<ArrayLike<number>>) => [m.length], {reps: 10});
    expect(handleRequest(new Map(), {type: "plan", id: 1, plan})).toMatchObject({type: "error", message: /serialisable plan/});
  });
});

describe("bootstrapJob(url, plan, finish)", () => {
  it("ends with the finished result, equal to the main-thread call", async () => {
    const options: IntervalOptions = {reps: 600, seed: 1};
    const states = [];
    for await (const state of bootstrapJob("w.js", () => planIntervalEstimates(scoreDict, aggregateIqm, options), (plan: never, reps: Float64Array[]) => finishIntervalEstimates(plan, reps, options))) states.push(state);
    expect(states[0]).toEqual({status: "running", done: 0, total: 1800});
    expect(states.at(-1)).toEqual({status: "done", result: intervalEstimates(scoreDict, aggregateIqm, options)});
  });

  it("turns a plan validation error into an error state", async () => {
    const states = [];
    for await (const state of bootstrapJob("w.js", () => planIntervalEstimates({A: [[1, 2], [3]]}, aggregateIqm, {reps: 10}))) states.push(state);
    expect(states).toHaveLength(1);
    expect(states[0].status).toBe("error");
    expect(states[0].error.code).toBe("shape");
  });
});

/** A Web-Worker-shaped wrapper around a Node worker thread running the browser bundle. */
function nodeWebWorker(bundle: string) {
  const shim = `
    const {parentPort} = require("node:worker_threads");
    globalThis.WorkerGlobalScope = class {};
    globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
    parentPort.on("message", (data) => globalThis.onmessage?.({data}));
    import(${JSON.stringify("data:text/javascript;base64," + Buffer.from(bundle).toString("base64"))});
  `;
  return class {
    onmessage: ((event: {data: unknown}) => void) | null = null;
    onerror: ((event: {message: string}) => void) | null = null;
    private worker = new NodeWorker(shim, {eval: true});
    constructor() {
      this.worker.on("message", (data) => this.onmessage?.({data}));
      this.worker.on("error", (error) => this.onerror?.({message: error.message}));
    }
    postMessage(message: unknown) {
      this.worker.postMessage(message);
    }
    terminate() {
      void this.worker.terminate();
    }
  };
}

describe("the bundled bootstrap worker (src/data/bootstrap-worker.js.ts)", () => {
  it("builds a self-contained browser module that gives the lib's numbers", async () => {
    const loader = join(import.meta.dirname, "..", "..", "src", "data", "bootstrap-worker.js.ts");
    const bundle = execFileSync(process.execPath, ["--import", "tsx", loader], {encoding: "utf8"});
    expect(bundle).not.toMatch(/\bimport\s*[{*"']|from\s*["']/); // no imports left: one file the browser can load
    expect(bundle).not.toMatch(/\bprocess\.|\brequire\(/); // no Node globals: they throw in a browser worker
    scope.Worker = nodeWebWorker(bundle);
    try {
      const options: IntervalOptions = {reps: 1000, seed: 3, method: "basic"};
      const plan = planIntervalEstimates(scoreDict, aggregates, options);
      const job = runPlan("ignored", plan, {workers: 2});
      expect(finishIntervalEstimates(plan, await job.promise, options)).toEqual(intervalEstimates(scoreDict, aggregates, options));
    } finally {
      scope.Worker = InProcessWorker;
    }
  }, 30_000);
});
