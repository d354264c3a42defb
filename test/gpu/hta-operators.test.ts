import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {cuptiCounters, shortenName, traceDiff, traceDiffGroups} from "../../lib/gpu/index.js";
import type {GpuEventTable} from "../../lib/gpu/index.js";
import {cpu, gpu, table} from "./helpers.js";
import {htaFixture, realTrace} from "./traces.js";

// HTA's outputs (test/fixtures/gpu/hta/SOURCE.md): get_cupti_counter_data_with_operators and TraceDiff.

describe("cuptiCounters against HTA", async () => {
  const ref = await htaFixture("cupti_counters.json");
  it("pairs the 77 ranges with their launches and operator stacks exactly as HTA", async () => {
    const rows = cuptiCounters(await realTrace("cupti"));
    expect(rows.length).toBe(77);
    rows.forEach((r, i) => {
      const h = ref.rows[i];
      expect([r.name, r.ts, r.dur, r.op_stack, r.top_level_op, r.bottom_level_op]).toEqual([h.name, h.ts, h.dur, h.op_stack, h.top_level_op, h.bottom_level_op]);
      expect(Object.keys(r.counters).sort()).toEqual(ref.counters);
      for (const c of ref.counters) expect(r.counters[c]).toBe(h[c]);
    });
  });

  it("a trace without counter ranges gives [] (HTA: an empty list)", async () => {
    expect((await htaFixture("cupti_counters_none.json")).alexnet).toBe(0);
    expect(cuptiCounters(await realTrace("alexnet"))).toEqual([]);
  });

  it("ranges and launches that do not pair up are a located error", async () => {
    const events = await realTrace("cupti");
    // Drop one launch: 77 ranges against 76 cudaLaunchKernel calls.
    const launch = events.names.indexOf("cudaLaunchKernel");
    let dropped = false;
    const keep: number[] = [];
    for (let i = 0; i < events.length; ++i) {
      if (!dropped && events.name[i] === launch) dropped = true;
      else keep.push(i);
    }
    const subset = subsetOf(events, keep);
    expect(() => cuptiCounters(subset)).toThrow(BenchstatsError);
    expect(() => cuptiCounters(subset)).toThrow(/kineto_a100_cupti_counters.*77 cuda_profiler_range events but 76 cudaLaunchKernel/);
  });
});

describe("traceDiff against HTA's TraceDiff", async () => {
  const ref = await htaFixture("trace_diff.json");
  const strip = (rows: any[], key = "name") => rows.map((h) => ({name: h[key], control_counts: h.control_counts, control_total_duration: h.control_total_duration,
    test_counts: h.test_counts, test_total_duration: h.test_total_duration, diff_counts: h.diff_counts, diff_duration: h.diff_duration, counts_change_categories: h.counts_change_categories}));

  it("two steps of the NCCL trace (4 against 5): every row, in HTA's order", async () => {
    const events = await realTrace("nccl");
    expect(traceDiff(events, events, {controlIteration: 4, testIteration: 5})).toEqual(strip(ref.nccl_steps_4_5.all));
    expect(traceDiff(events, events, {controlIteration: 4, testIteration: 5, deviceType: "gpu"})).toEqual(strip(ref.nccl_steps_4_5.gpu));
    expect(traceDiff(events, events, {controlIteration: 4, testIteration: 5, deviceType: "cpu", useShortName: true})).toEqual(strip(ref.nccl_steps_4_5.cpu_short, "short_name"));
  });

  it("ops_diff groups of step 4 against steps 5 and 6", async () => {
    const events = await realTrace("nccl");
    expect(traceDiffGroups(traceDiff(events, events, {controlIteration: 4, testIteration: [5, 6]}))).toEqual(ref.nccl_steps_4_5.ops_diff);
  });

  it("two ranks of the 128-GPU job (rank 0 against rank 1, first step)", async () => {
    const events = await realTrace("job128");
    expect(traceDiff(events, events, {controlRank: 0, testRank: 1})).toEqual(strip(ref.job128_rank0_rank1.all));
  });

  it("hand-derived: counts and durations per name, launched kernels follow their step", () => {
    const rows = [cpu("ProfilerStep#1", 0, 100, {kind: "user_annotation"}), cpu("ProfilerStep#2", 100, 100, {kind: "user_annotation"}),
      cpu("cudaLaunchKernel", 10, 5, {corr: 1}), gpu("gemm", 150, 20, {corr: 1}), // launched in step 1, runs during step 2
      cpu("cudaLaunchKernel", 110, 5, {corr: 2}), gpu("gemm", 160, 30, {corr: 2}), cpu("cudaLaunchKernel", 120, 5, {corr: 3}), gpu("relu", 190, 5, {corr: 3})];
    const t = table(rows);
    const diff = traceDiff(t, t, {controlIteration: 1, testIteration: 2, deviceType: "gpu"});
    expect(diff).toEqual([
      {name: "gemm", control_counts: 1, control_total_duration: 20, test_counts: 1, test_total_duration: 30, diff_counts: 0, diff_duration: 10, counts_change_categories: "="},
      {name: "relu", control_counts: 0, control_total_duration: 0, test_counts: 1, test_total_duration: 5, diff_counts: 1, diff_duration: 5, counts_change_categories: "+"}
    ]);
  });

  it("a trace without ProfilerStep iterations, or an iteration it lacks, is an error", async () => {
    const alexnet = await realTrace("alexnet");
    expect(() => traceDiff(alexnet, alexnet)).toThrow(/kineto_a100_alexnet.*no ProfilerStep#N annotations/);
    const nccl = await realTrace("nccl");
    expect(() => traceDiff(nccl, nccl, {testIteration: 9})).toThrow(/no iteration 9 \(iterations: 4, 5, 6\)/);
    expect(() => traceDiff(nccl, nccl, {testRank: 3})).toThrow(BenchstatsError);
  });

  it("shortenName drops template and argument lists, keeps memory kernels", () => {
    expect(shortenName("void at::native::vectorized_elementwise_kernel<4, at::native::FillFunctor<float> >(int, float)")).toBe("at::native::vectorized_elementwise_kernel");
    expect(shortenName("Memcpy DtoD (Device -> Device)")).toBe("Memcpy DtoD (Device -> Device)");
    expect(shortenName("aten::add_")).toBe("aten::add_");
  });
});

/** The events at `keep`, as a table with the same dictionaries and rank info. */
function subsetOf(t: GpuEventTable, keep: number[]): GpuEventTable {
  const pick = <T extends Int32Array | Float64Array | Uint16Array>(a: T, make: (n: number) => T) => {
    const out = make(keep.length);
    keep.forEach((i, j) => (out[j] = a[i]));
    return out;
  };
  return {
    length: keep.length, rank: pick(t.rank, (n) => new Int32Array(n)), device: pick(t.device, (n) => new Int32Array(n)),
    stream: pick(t.stream, (n) => new Float64Array(n)), thread: pick(t.thread, (n) => new Float64Array(n)), kind: pick(t.kind, (n) => new Uint16Array(n)),
    name: pick(t.name, (n) => new Int32Array(n)), start_us: pick(t.start_us, (n) => new Float64Array(n)), dur_us: pick(t.dur_us, (n) => new Float64Array(n)),
    correlation: pick(t.correlation, (n) => new Float64Array(n)), kinds: t.kinds, names: t.names, ranks: t.ranks,
    args: t.args && Object.fromEntries(Object.entries(t.args).map(([k, v]) => [k, pick(v, (n) => new Float64Array(n))]))
  };
}
