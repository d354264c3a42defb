import {BenchstatsError} from "../../lib/core/errors.js";
import {describe, expect, it} from "vitest";
import { gpuEventRows, prepareHtaTrace, kernelCategory, gpuEventTable} from "../../lib/gpu/index.js";
import {cpu, gpu, table} from "./helpers.js";

describe("kernelCategory(name)", () => {
  it("applies HTA's regexes in the order COMM, MEM, COMP, OTHER, anchored like re.match", () => {
    expect(kernelCategory("ncclKernel_AllReduce_RING_LL_Sum_float(ncclDevComm*, unsigned long, ncclWork*)")).toBe("COMMUNICATION");
    expect(kernelCategory("void ncclKernel_x")).toBe("COMMUNICATION"); // .*ncclKernel.*
    expect(kernelCategory("hipMemcpyAsync")).toBe("COMMUNICATION"); // ^hip wins before MEMORY
    expect(kernelCategory("Memcpy HtoD (Pageable -> Device)")).toBe("MEMORY");
    expect(kernelCategory("Memset (Device)")).toBe("MEMORY");
    expect(kernelCategory("dma_copy")).toBe("MEMORY");
    expect(kernelCategory("void at::native::vectorized_elementwise_kernel<4>")).toBe("COMPUTATION");
    expect(kernelCategory("Context Sync")).toBe("OTHER"); // .*Sync
    expect(kernelCategory("Stream Wait Event")).toBe("OTHER");
    expect(kernelCategory("foo Memcpy bar")).toBe("OTHER"); // not ^Memcpy, but .*Memcpy excludes COMP
    expect(kernelCategory("xcudaLaunchKernel")).toBe("COMPUTATION"); // cuda.*LaunchKernel is anchored
  });
});

describe("gpuEventTable(rows)", () => {
  it("rejects a NaN or non-number time with the row and field", () => {
    expect(() => gpuEventTable([{...gpu("k", 0, 1), start_us: NaN}])).toThrow(/start_us, row 0: .*got NaN/);
    expect(() => gpuEventTable([{...gpu("k", 0, 1), dur_us: "3" as unknown as number}])).toThrow(BenchstatsError);
  });

  it("round-trips through gpuEventRows with the HTA category added", () => {
    const rows = gpuEventRows(table([gpu("gemm", 1, 2, {corr: 5}), cpu("cudaLaunchKernel", 0, 1, {corr: 5})]));
    expect(rows[0]).toMatchObject({name: "gemm", category: "COMPUTATION", stream: 7, correlation: 5, start_us: 1, dur_us: 2});
    expect(rows[1].category).toBe("CPU");
  });
});

describe("prepareHtaTrace(events)", () => {
  it("rounds a fractional-ts rank like HTA: end = floor(ts + dur), ts = ceil(ts), dur = end − ts", () => {
    const t = table([gpu("a", 10.4, 2.3), gpu("b", 20.5, 0.2), gpu("c", 30, 1.9)], true);
    const p = prepareHtaTrace(t, {});
    // a: end floor(12.7) = 12, ts 11 → dur 1; b: end floor(20.7) = 20, ts 21 → dur −1; c: ts 30, end 31 → dur 1.
    // Alignment then subtracts the earliest start (11).
    expect([...p.start_us]).toEqual([0, 10, 19]);
    expect([...p.dur_us]).toEqual([1, -1, 1]);
    const exact = prepareHtaTrace(t, {mode: "exact"});
    expect([...exact.start_us].map((x) => +x.toFixed(6))).toEqual([0, 10.1, 19.6]);
    expect([...exact.dur_us]).toEqual([2.3, 0.2, 1.9]);
  });

  it("leaves ranks with integer timestamps unrounded", () => {
    const p = prepareHtaTrace(table([gpu("a", 100, 2.5)], false));
    expect(p.dur_us[0]).toBe(2.5);
  });

  it("drops what the last ProfilerStep launched and GPU events without a CPU partner, keeping late-running earlier launches", () => {
    const t = table([
      cpu("ProfilerStep#1", 0, 50, {kind: "user_annotation"}),
      cpu("ProfilerStep#2", 50, 50, {kind: "user_annotation"}),
      cpu("cudaLaunchKernel", 10, 2, {corr: 1}),
      gpu("k1", 20, 40, {corr: 1}), // launched in step 1, runs past the start of step 2: kept
      cpu("cudaLaunchKernel", 60, 2, {corr: 2}),
      gpu("k2", 65, 5, {corr: 2}), // launched in the last step: dropped
      gpu("orphan", 30, 5, {corr: 99}) // no launching CPU event: dropped
    ]);
    const p = prepareHtaTrace(t);
    expect(p.prepared.stepFilterApplied).toBe(true);
    const names = gpuEventRows(p).map((r) => r.name);
    expect(names).toEqual(["ProfilerStep#1", "cudaLaunchKernel", "k1"]);
    const all = gpuEventRows(prepareHtaTrace(t, {includeLastProfilerStep: true})).map((r) => r.name);
    expect(all).toEqual(["ProfilerStep#1", "ProfilerStep#2", "cudaLaunchKernel", "k1", "cudaLaunchKernel", "k2"]); // orphan still dropped
  });

  it("does not filter with fewer than two distinct ProfilerStep names", () => {
    const t = table([cpu("ProfilerStep#1", 0, 50, {kind: "user_annotation"}), gpu("orphan", 30, 5, {corr: 99})]);
    const p = prepareHtaTrace(t);
    expect(p.prepared.stepFilterApplied).toBe(false);
    expect(p.length).toBe(2);
  });

  it("repeats a kernel once per kept CPU partner (HTA's inner join)", () => {
    const t = table([
      cpu("ProfilerStep#1", 0, 50, {kind: "user_annotation"}),
      cpu("ProfilerStep#2", 50, 50, {kind: "user_annotation"}),
      cpu("cudaLaunchKernel", 10, 2, {corr: 1}),
      cpu("cuLaunchKernel", 10, 1, {corr: 1, kind: "cuda_driver"}),
      gpu("k1", 20, 4, {corr: 1})
    ]);
    expect(gpuEventRows(prepareHtaTrace(t)).filter((r) => r.name === "k1")).toHaveLength(2);
  });

  it("aligns all ranks to the earliest start over ranks", () => {
    const p = prepareHtaTrace(table([gpu("a", 1000, 1, {rank: 0}), gpu("b", 900, 1, {rank: 1})]));
    expect(p.prepared.offsetUs).toBe(900);
    expect([...p.start_us]).toEqual([100, 0]);
  });
});
