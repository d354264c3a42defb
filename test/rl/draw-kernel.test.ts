import {afterEach, describe, expect, it, vi} from "vitest";
import {
  aggregateIqm,
  aggregateMean,
  aggregateMedian,
  aggregateOptimalityGap,
  averageScoreDistributionAt,
  intervalEstimates,
  probabilityOfImprovement,
  scoreDistributionAt,
  type IntervalOptions
} from "../../lib/index.js";
import {IndexStream} from "../../lib/engine.js";
import {useWasmDrawKernel, wasmDrawKernel} from "../../lib/rl/engine/draw-kernel.js";
import {drawKernelBytes} from "../../lib/rl/engine/draw-kernel-wasm.js";
import {laneLayout} from "../../lib/rl/engine/lane-layout.js";
import {pairedSum} from "../../lib/rl/matrix.js";
// @ts-expect-error plain ESM build script (no type declarations)
import {generate} from "../../scripts/build-wasm.mjs";
import {readFileSync} from "node:fs";
import {atariMatrices} from "./atari-data.js";

// Generous per-test limit: CI's 2 cores may be shared; the suite itself takes a few seconds.
vi.setConfig({testTimeout: 30000});

const first10 = atariMatrices(10);
const ALL4 = [aggregateMedian, aggregateIqm, aggregateMean, aggregateOptimalityGap];

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; ++i) if (!Object.is(a[i], b[i])) return false;
  return true;
}

afterEach(() => useWasmDrawKernel(true));

describe("the WebAssembly draw kernel", () => {
  it("is assembled from the committed template (npm run build:wasm is up to date)", async () => {
    const committed = readFileSync(new URL("../../lib/rl/engine/draw-kernel-wasm.ts", import.meta.url), "utf8");
    expect(committed).toBe(await generate());
  });

  it("compiles and instantiates in Node (else every bootstrap would silently take the slower JavaScript loop)", () => {
    const values = Float64Array.from([0.5, 0.1, 0.9]);
    const groupBase = Int32Array.from([0, 3]);
    const layout = laneLayout(Float64Array.from([0.1, 0.5, 0.9]), groupBase);
    const kernel = wasmDrawKernel({
      values, offsets: Int32Array.from([0, 3, 3]), groupOf: Int32Array.from([1, 0, 2]), layout, groupBase, groups: [],
      maxTasks: 1, maxRuns: 3, maxReps: 10, needs: {sums: false, counts: true}
    });
    expect(kernel).toBeDefined();
    const stream = new IndexStream(1, 1);
    kernel!.draw(stream, 0, Int32Array.from([0]), 1);
    expect(Array.from(kernel!.counts).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("stays small enough for synchronous compilation on a browser's main thread (< 4 KB)", () => {
    expect(drawKernelBytes.length).toBeLessThan(4096);
  });

  // Each case runs three ways: WebAssembly kernel, its JavaScript twin, and the generic path that
  // materialises every resample and calls the plain aggregate functions.
  const ragged = first10.DrQ.map((row, r) => row.map((v, t) => ((r * 7 + t) % 5 === 0 ? NaN : v)));
  const tied = first10.DER.map((row) => row.map((v) => Math.round(v * 4) / 4));
  const zeros = first10.SPR.map((row, r) => row.map((v, t) => ((r + t) % 3 === 0 ? (t % 2 ? -0 : 0) : v)));
  const tiny = [[0.3], [0.1], [0.2]];
  // task t has t + 1 runs (NaN below): a task's last step ends at every position of a step
  const staircase = first10.DER.slice(0, 9).map((row, r) => row.slice(0, 17).map((v, t) => (r <= t % 9 ? v : NaN)));
  const cases: [string, Parameters<typeof intervalEstimates>[0], Parameters<typeof intervalEstimates>[1], IntervalOptions][] = [
    ["IQM alone (the whole replicate loop in WebAssembly)", {DER: first10.DER, SPR: first10.SPR}, aggregateIqm, {reps: 700, seed: 3}],
    ["IQM with task resampling", {DER: first10.DER}, aggregateIqm, {reps: 300, seed: 4, taskBootstrap: true}],
    ["all four aggregates", {DER: first10.DER, SimPLe: first10.SimPLe}, ALL4, {reps: 300, seed: 5}],
    ["median and IQM", {CURL: first10.CURL}, [aggregateMedian, aggregateIqm], {reps: 300, seed: 6}],
    ["mean alone", {OTR: first10.OTR}, aggregateMean, {reps: 300, seed: 7}],
    ["ragged run counts (NaN = missing)", {DrQ: ragged}, ALL4, {reps: 300, seed: 8}],
    ["tied values", {DER: tied}, ALL4, {reps: 300, seed: 9}],
    ["signed zeros", {SPR: zeros}, ALL4, {reps: 300, seed: 10}],
    ["three runs of one task", {one: tiny}, ALL4, {reps: 300, seed: 11}],
    ["score distributions", {DER: first10.DER}, [scoreDistributionAt([0, 0.1, 0.5, 1]), averageScoreDistributionAt([0, 0.25, 1])], {reps: 300, seed: 12}],
    // the trimmed walk must leave the counts as they were for the score distribution after it
    ["IQM then a score distribution", {DER: first10.DER}, [aggregateIqm, scoreDistributionAt([0, 0.2, 0.4, 1])], {reps: 300, seed: 13}],
    ["IQM of every run of seven agents", atariMatrices(), aggregateIqm, {reps: 200, seed: 14}],
    ["IQM of tasks of 1 to 9 runs (counting stops at every position of a step)", {DER: staircase}, aggregateIqm, {reps: 300, seed: 18}],
    ["IQM of small integers (few groups, many ties)", {DER: first10.DER.map((row) => row.map((v) => Math.round(v * 3)))}, aggregateIqm, {reps: 300, seed: 15}],
    ["probability of improvement of a pair", {pair: [first10.SPR, first10.DER]}, probabilityOfImprovement, {reps: 300, seed: 16}],
    ["probability of improvement with task resampling and ties", {pair: [tied, first10.DER]}, probabilityOfImprovement, {reps: 300, seed: 17, taskBootstrap: true}]
  ];
  for (const [name, dict, statistic, options] of cases) {
    it(`gives the JavaScript loop's and the generic path's replicates bit for bit: ${name}`, () => {
      const opts = {...options, keepReplicates: true};
      const wasm = intervalEstimates(dict, statistic, opts);
      useWasmDrawKernel(false);
      const js = intervalEstimates(dict, statistic, opts);
      useWasmDrawKernel(true);
      const generic = intervalEstimates(dict, statistic, {...opts, forceGeneric: true});
      for (const key of Object.keys(dict)) {
        expect(sameBits(wasm[key].replicates!, js[key].replicates!)).toBe(true);
        expect(sameBits(wasm[key].replicates!, generic[key].replicates!)).toBe(true);
        expect(wasm[key].lower).toEqual(generic[key].lower);
      }
    });
  }
});

describe("IndexStream", () => {
  /** Four xoshiro128** generators written plainly from Blackman & Vigna's definition. */
  function referenceIndices(stream: IndexStream, count: number, n: number): number[] {
    const st = Array.from(stream.state, (v) => v >>> 0);
    const lanes = [0, 1, 2, 3].map((k) => [st[k], st[4 + k], st[8 + k], st[12 + k]]);
    const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
    const next = (s: number[]) => {
      const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
      const t = (s[1] << 9) >>> 0;
      s[2] = (s[2] ^ s[0]) >>> 0;
      s[3] = (s[3] ^ s[1]) >>> 0;
      s[1] = (s[1] ^ s[2]) >>> 0;
      s[0] = (s[0] ^ s[3]) >>> 0;
      s[2] = (s[2] ^ t) >>> 0;
      s[3] = rotl(s[3], 11);
      return result;
    };
    const out: number[] = [];
    while (out.length < count) {
      const words = lanes.map(next);
      const candidates = n <= 65536 ? words.flatMap((w) => [w >>> 16, w & 0xffff]) : words;
      const bits = n <= 65536 ? 16 : 32;
      for (const h of candidates) {
        // Lemire: h·n = index·2^bits + low; accept when low ≥ 2^bits mod n.
        const product = BigInt(h) * BigInt(n);
        const low = Number(product & ((1n << BigInt(bits)) - 1n));
        if (low >= 2 ** bits % n && out.length < count) out.push(Number(product >> BigInt(bits)));
      }
    }
    return out;
  }

  it("draws what four plain xoshiro128** lanes give, high half before low half, leftovers discarded", () => {
    for (const [n, count] of [[100, 100], [7, 13], [65536, 9], [1, 5], [70001, 11], [2097152, 6]]) {
      const s = new IndexStream(5, n);
      for (let call = 0; call < 3; ++call) {
        const expected = referenceIndices(s, count, n);
        const out = new Int32Array(count);
        s.fill(out, count, n);
        expect(Array.from(out)).toEqual(expected);
      }
    }
  });
});

describe("pairedSum", () => {
  it("adds even and odd positions in two running sums", () => {
    const v = Float64Array.from([1e16, 1, -1e16, 1, 3]);
    // (1e16 + -1e16 + 3) + (1 + 1) = 3 + 2; a single running sum would lose the ones: 5 vs 3
    expect(pairedSum(v, 0, 5)).toBe(5);
    expect(pairedSum(v, 1, 4)).toBe(1 + 1 + -1e16);
    expect(pairedSum(v, 2, 2)).toBe(0);
  });
});
