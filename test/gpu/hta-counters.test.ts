import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {memoryBandwidthSeries, memoryBandwidthSummary, timeBlockedOnFullQueue} from "../../lib/gpu/index.js";
import {cpu, gpu, table} from "./helpers.js";
import {close, htaFixture, realTrace} from "./traces.js";

// HTA's outputs on the bundled traces (test/fixtures/gpu/hta/SOURCE.md): get_memory_bw_time_series,
// get_memory_bw_summary and get_time_spent_blocked_on_full_queue, all ranks of each trace.
const TRACES = ["nccl", "alexnet", "job128", "mi250"];
const STATS = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"] as const;

describe("memory bandwidth against HTA", async () => {
  const ref = await htaFixture("memory_bw.json");
  it.each(TRACES)("%s: the time series equals HTA's point for point (order, µs, GPU, GB/s)", async (id) => {
    const ours = memoryBandwidthSeries(await realTrace(id));
    const theirs = Object.entries(ref[id].series as Record<string, any[]>).flatMap(([rank, points]) => points.map((p) => ({rank: Number(rank), ...p})));
    expect(ours.length).toBe(theirs.length);
    ours.forEach((p, i) => {
      expect([p.rank, p.ts, p.pid, p.name]).toEqual([theirs[i].rank, theirs[i].ts, theirs[i].pid, theirs[i].name]);
      expect(close(p.memory_bw_gbps, theirs[i].memory_bw_gbps, 1e-12)).toBe(true);
    });
  });

  it.each(TRACES)("%s: the summary equals HTA's describe() to 1e-12", async (id) => {
    const ours = memoryBandwidthSummary(await realTrace(id));
    const theirs = ref[id].summary as any[];
    expect(ours.map((r) => [r.rank, r.name])).toEqual(theirs.map((r) => [r.rank, r.name]));
    ours.forEach((r, i) => STATS.forEach((s) => expect(close(r[s], theirs[i][s]), `${id} ${r.name} ${s}`).toBe(true)));
  });

  it("a ROCm trace without the bandwidth arg: zero-valued series, empty summary (as HTA)", async () => {
    const events = await realTrace("mi250");
    expect(memoryBandwidthSeries(events).every((p) => p.memory_bw_gbps === 0)).toBe(true);
    expect(memoryBandwidthSummary(events)).toEqual([]);
  });

  it("hand-derived: overlapping copies add, a zero-length copy lasts 1 µs, touching copies do not overlap", () => {
    const rows = [gpu("Memcpy HtoD (Pageable -> Device)", 0, 10, {corr: 1}), gpu("Memcpy HtoD (Pinned -> Device)", 5, 10, {corr: 2}),
      gpu("Memcpy HtoD (Pinned -> Device)", 15, 5, {corr: 3}), gpu("Memset (Device)", 30, 0, {corr: 4, kind: "gpu_memset"}), gpu("sgemm", 0, 50, {corr: 5})];
    const t = table(rows);
    const bw = new Float64Array([2, 3, 4, 8, NaN]);
    const withArgs = {...t, args: {"memory bandwidth (GB/s)": bw}};
    const htod = memoryBandwidthSeries(withArgs).filter((p) => p.name === "Memcpy HtoD").map((p) => [p.ts, p.memory_bw_gbps]);
    // +2 at 0, +3 at 5, −2 at 10, then at 15 the end of copy 2 (−3) comes before the start of copy 3 (+4).
    expect(htod).toEqual([[0, 2], [5, 5], [10, 3], [15, 0], [15, 4], [20, 0]]);
    expect(memoryBandwidthSeries(withArgs).filter((p) => p.name === "Memset").map((p) => [p.ts, p.memory_bw_gbps])).toEqual([[30, 8], [31, 0]]);
    const [summary] = memoryBandwidthSummary(withArgs).filter((r) => r.name === "Memcpy HtoD");
    expect(summary).toMatchObject({count: 4, mean: 3.5, min: 2, max: 5});
  });
});

describe("time blocked on a full launch queue against HTA", async () => {
  const ref = await htaFixture("blocked_queue.json");
  const cases = TRACES.flatMap((id) => [1024, 16, 8, 4, 2].map((limit) => [id, limit] as const));
  it.each(cases)("%s, queue limit %i: HTA's row per rank is our last row of that rank", async (id, limit) => {
    const rows = timeBlockedOnFullQueue(await realTrace(id), {queueLimit: limit});
    const lastPerRank = [...new Set(rows.map((r) => r.rank))].map((rank) => rows.filter((r) => r.rank === rank).at(-1)!);
    expect(lastPerRank.map((r) => ({...r}))).toEqual(ref[id][String(limit)].map((r: any) => ({rank: r.rank, stream: r.stream,
      duration_at_max_queue_length: r.duration_at_max_queue_length, relative_duration_at_max_queue_length: r.relative_duration_at_max_queue_length})));
  });

  it("keeps every stream that reaches the limit (HTA keeps only the last one per rank)", async () => {
    const rows = timeBlockedOnFullQueue(await realTrace("job128"), {queueLimit: 2});
    expect(rows.filter((r) => r.rank === 0).length).toBeGreaterThan(1);
  });

  it("hand-derived: time from each point at the limit to the next change point", () => {
    // Three launches at 0, 1, 2 (queue 1, 2, 3); kernels start at 10, 12, 20 (queue 2, 1, 0).
    const rows = [cpu("cudaLaunchKernel", 0, 1, {corr: 1}), cpu("cudaLaunchKernel", 1, 1, {corr: 2}), cpu("cudaLaunchKernel", 2, 1, {corr: 3}),
      gpu("k", 10, 1, {corr: 1}), gpu("k", 12, 1, {corr: 2}), gpu("k", 20, 1, {corr: 3})];
    const [r] = timeBlockedOnFullQueue(table(rows), {queueLimit: 2});
    // ≥ 2 from ts 1 (2) to 2, 2 (3) to 10, 10 (2) to 12: 1 + 8 + 2 = 11 µs of a 20 µs span.
    expect(r).toEqual({rank: 0, stream: 7, duration_at_max_queue_length: 11, relative_duration_at_max_queue_length: 11 / 20});
    expect(timeBlockedOnFullQueue(table(rows))).toEqual([]);
  });

  it("rejects a queue limit that is not a positive integer", async () => {
    expect(() => timeBlockedOnFullQueue(table([gpu("k", 0, 1)]), {queueLimit: 0})).toThrow(BenchstatsError);
    expect(() => timeBlockedOnFullQueue(table([gpu("k", 0, 1)]), {queueLimit: 2.5})).toThrow(/queueLimit/);
  });
});
