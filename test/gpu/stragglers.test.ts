import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {gpuEventTable, stragglers} from "../../lib/gpu/index.js";
import type {GpuEventRow} from "../../lib/gpu/index.js";
import {cpu, gpu} from "./helpers.js";
import {close, htaFixture, realTrace} from "./traces.js";

describe("stragglers against HTA's get_potential_stragglers", async () => {
  const ref = await htaFixture("stragglers.json");
  it("two ranks of the 128-GPU job: HTA's candidates and its metric frame", async () => {
    const events = await realTrace("job128");
    expect(stragglers(events, {numCandidates: 1}).stragglers).toEqual(ref.candidates_1);
    expect(stragglers(events, {numCandidates: 2}).stragglers).toEqual(ref.candidates_2);
    const result = stragglers(events);
    expect(result.metric.map((r) => [r.rank, r.iteration, r.stream, r.name, r.ts, r.dur])).toEqual(ref.metric.map((r: any) => [r.rank, r.iteration, r.stream, r.name, r.ts, r.dur]));
    result.metric.forEach((r, i) => {
      expect(close(r.normalized_start_time, ref.metric[i].normalized_start_time)).toBe(true);
      expect(close(r.duration, ref.metric[i].duration)).toBe(true);
    });
    // Rank 1 starts its send/recv 164,191 µs after rank 0, whose kernel sits waiting that long.
    expect(result.metric.map((r) => r.wait_us)).toEqual([433395 - 269204, 0]);
  });
});

/** Rank r of a hand-made job: per step, a launch at the step's start and an all-reduce starting at `starts[step]`. */
function rankEvents(rank: number, starts: number[], opts: {worldSize?: number; stepOffset?: number} = {}): GpuEventRow[] {
  const rows: GpuEventRow[] = [];
  starts.forEach((start, s) => {
    const t0 = s * 1000 + (opts.stepOffset ?? 0);
    const corr = 100 * (s + 1) + rank;
    rows.push(cpu(`ProfilerStep#${s + 1}`, t0, 1000, {rank, kind: "user_annotation"}), cpu("cudaLaunchKernel", t0 + 1, 2, {rank, corr}));
    // The collective ends when the last rank joins (at 600 within the step) plus 100 µs of transfer.
    rows.push(gpu("ncclKernel_AllReduce_RING_LL_Sum_float", t0 + start, 700 - start, {rank, corr, stream: 20}));
  });
  // A last step, which HTA's loading rules drop.
  rows.push(cpu(`ProfilerStep#${starts.length + 1}`, starts.length * 1000 + (opts.stepOffset ?? 0), 10, {rank, kind: "user_annotation"}));
  return rows;
}

function job(perRank: number[][], worldSizes?: number[], offsets?: number[]) {
  const rows = perRank.flatMap((starts, rank) => rankEvents(rank, starts, {stepOffset: offsets?.[rank]}));
  return gpuEventTable(rows, perRank.map((_, rank) => ({rank, htaRounds: false, worldSize: worldSizes?.[rank]})));
}

describe("stragglers, hand-derived", () => {
  it("flags the rank that starts the collective last in each step and measures how long the others wait", () => {
    // Three ranks, two steps: rank 2 is last in step 1 (start 600), rank 1 in step 2 (start 550).
    const result = stragglers(job([[100, 200], [300, 550], [600, 250]]), {numCandidates: 1});
    expect(result.metric.filter((r) => r.is_straggler).map((r) => [r.iteration, r.rank]).sort((a, b) => a[0] - b[0])).toEqual([[1, 2], [2, 1]]);
    expect(result.counts).toEqual([{rank: 0, straggler_count: 0}, {rank: 1, straggler_count: 1}, {rank: 2, straggler_count: 1}]);
    // Tied counts: the lower rank first.
    expect(result.stragglers).toEqual([1]);
    expect(result.metric.filter((r) => r.iteration === 1).map((r) => r.wait_us)).toEqual([500, 300, 0]);
    // Mean iteration: events of steps 1–2 span 0 … 1700 (step 2 starts at 1000 and ends at 2000) → 2000 / 2.
    expect(result.mean_iteration_us).toBe(1000);
  });

  it("one rank, no collectives, other world sizes or disjoint steps are errors, not NaN tables", async () => {
    expect(() => stragglers(job([[100, 200]]))).toThrow(/this trace has 1 rank/);
    expect(() => stragglers(job([[100, 200], [300, 400]], [2, 4]))).toThrow(/different sizes/);
    expect(() => stragglers(job([[100, 200], [300, 400]], undefined, [0, 1e9]))).toThrow(/never runs at the same time/);
    const noComm = gpuEventTable(rankEvents(0, [100, 200]).concat(rankEvents(1, [300, 400])).map((r) => (r.stream === 20 ? {...r, name: "sgemm"} : r)));
    expect(() => stragglers(noComm)).toThrow(BenchstatsError);
    expect(() => stragglers(noComm)).toThrow(/no NCCL collective/);
    expect(() => stragglers(job([[100, 200], [300, 400]]), {profilerSteps: [9]})).toThrow(/none of the steps \[9\]/);
    const alexnet = await realTrace("alexnet");
    expect(() => stragglers(alexnet)).toThrow(/1 rank/);
  });
});
