import {BenchstatsError} from "../../lib/core/errors.js";
import {describe, expect, it} from "vitest";
import { commCompOverlap, idleIntervalStats, idleTimeBreakdown, kernelBreakdown, kernelLaunchStats, queueLengthSeries,
  queueLengthSummary, temporalBreakdown
} from "../../lib/gpu/index.js";
import {cpu, gpu, table} from "./helpers.js";

// Hand-checked traces: every expected number below is derived in the comments.

describe("temporalBreakdown(events)", () => {
  // COMP [0,10], COMM [5,15], MEM [20,25], cuda_sync [30,32] on two streams.
  // Merged over all GPU events: [0,15], [20,25], [30,32] → kernel_time 32, busy 22, idle 10.
  // compute = merged COMP = 10; non_compute = 32 − 10 − 10 = 12 (COMM beyond compute, MEM, sync).
  const t = table([
    gpu("gemm", 0, 10),
    gpu("ncclKernel_AllReduce", 5, 10, {stream: 20}),
    gpu("Memcpy HtoD (Pageable -> Device)", 20, 5, {kind: "gpu_memcpy"}),
    gpu("Stream Sync", 30, 2, {kind: "cuda_sync"})
  ]);

  it("splits the GPU span into idle, compute and non-compute time", () => {
    expect(temporalBreakdown(t)).toEqual([{
      rank: 0, "idle_time(us)": 10, "compute_time(us)": 10, "non_compute_time(us)": 12, "kernel_time(us)": 32,
      idle_time_pctg: 31.25, compute_time_pctg: 31.25, non_compute_time_pctg: 37.5
    }]);
  });

  it("merges touching intervals (a new group needs start > previous ends)", () => {
    const r = temporalBreakdown(table([gpu("a", 0, 5), gpu("b", 5, 5)]))[0];
    expect(r["idle_time(us)"]).toBe(0);
    expect(r["kernel_time(us)"]).toBe(10);
  });

  it("rounds percentages half to even at 2 decimals like numpy, and not in exact mode", () => {
    // idle 1 of kernel_time 8 → 12.5 exactly; 1/3 of 3 → 33.33.
    const r = temporalBreakdown(table([gpu("a", 0, 3), gpu("b", 4, 4)]))[0];
    expect(r.idle_time_pctg).toBe(12.5);
    const e = temporalBreakdown(table([gpu("a", 0, 1), gpu("b", 2, 1)]), {mode: "exact"})[0];
    expect(e.idle_time_pctg).toBeCloseTo(100 / 3, 12);
  });

  it("throws a BenchstatsError for a rank without GPU events", () => {
    expect(() => temporalBreakdown(table([cpu("cudaLaunchKernel", 0, 1)]))).toThrow(BenchstatsError);
  });
});

describe("kernelBreakdown(events)", () => {
  it("credits exclusive overlap segments to combinations of types, truncating each to an integer", () => {
    // COMP [0,10.6], COMM [5,15]: segments COMP [0,5) = 5, COMP∩COMM [5,10.6) = 5.6 → 5, COMM [10.6,15) = 4.4 → 4.
    const {kernelTypes} = kernelBreakdown(table([gpu("gemm", 0, 10.6), gpu("ncclKernel_x", 5, 10, {stream: 20})]));
    expect(kernelTypes).toEqual([
      {kernel_type: "COMPUTATION", sum: 5, percentage: 35.7},
      {kernel_type: "COMPUTATION overlapping COMMUNICATION", sum: 5, percentage: 35.7},
      {kernel_type: "COMMUNICATION", sum: 4, percentage: 28.6}
    ]);
  });

  it("reports per-launch statistics when a type has at most numKernels names", () => {
    const {kernels} = kernelBreakdown(table([gpu("b", 0, 2), gpu("b", 10, 4), gpu("a", 20, 6)]));
    expect(kernels).toEqual([
      {name: "a", "sum (us)": 6, "max (us)": 6, "min (us)": 6, stddev: 0, "mean (us)": 6, kernel_type: "COMPUTATION", rank: 0, count: 1},
      {name: "b", "sum (us)": 6, "max (us)": 4, "min (us)": 2, stddev: Math.SQRT2, "mean (us)": 3, kernel_type: "COMPUTATION", rank: 0, count: 2}
    ]);
  });

  it("folds kernels into 'others' with HTA's quantile-of-cumsum rule and re-aggregates over per-name sums", () => {
    // Sums 40, 30, 20, 10 → cumsum 40, 70, 90, 100; linear quantile 0.8 of the cumsum = 90 + 0.4·10 = 94.
    // Renamed: cumsum > 94 (d) or position ≥ 2 (c, d) → others = {20, 10}: sum 30, max 20, min 10, mean 15, std √50.
    const rows = [gpu("a", 0, 40), gpu("b", 100, 30), gpu("c", 200, 20), gpu("d", 300, 10)];
    const {kernels} = kernelBreakdown(table(rows), {numKernels: 2, durationRatio: 0.8});
    expect(kernels.map((k) => [k.name, k["sum (us)"], k["max (us)"], k["min (us)"], k["mean (us)"]])).toEqual([
      ["a", 40, 40, 40, 40], ["b", 30, 30, 30, 30], ["others", 30, 20, 10, 15]
    ]);
    expect(kernels[2].stddev).toBeCloseTo(Math.sqrt(50), 12);
  });

  it("rejects a non-positive numKernels", () => {
    expect(() => kernelBreakdown(table([gpu("a", 0, 1)]), {numKernels: 0})).toThrow(/numKernels/);
  });
});

describe("idleTimeBreakdown(events)", () => {
  // Stream 7: k1 [0,10] (launched at −5), k2 [15,20] launched at 12 > prev end 10 → host wait 5;
  // k3 [22,30] launched at 1 ≤ 20 and gap 2 < 30 → kernel wait 2; k4 [100,110] launched at 2, gap 70 → other 70.
  // A cuda_sync between them is not part of the event set. Ratios: 5/77, 2/77, 70/77.
  const t = table([
    cpu("cudaLaunchKernel", -5, 1, {corr: 1}), gpu("k1", 0, 10, {corr: 1}),
    cpu("cudaLaunchKernel", 12, 1, {corr: 2}), gpu("k2", 15, 5, {corr: 2}),
    cpu("cudaLaunchKernel", 1, 1, {corr: 3}), gpu("k3", 22, 8, {corr: 3}),
    cpu("cudaLaunchKernel", 2, 1, {corr: 4}), gpu("k4", 100, 10, {corr: 4}),
    gpu("Stream Sync", 40, 50, {kind: "cuda_sync", corr: 5})
  ]);

  it("classifies each gap as host wait, kernel wait or other", () => {
    expect(idleTimeBreakdown(t)).toEqual([
      {rank: 0, stream: 7, idle_category: "host_wait", idle_time: 5, idle_time_ratio: 0.06, count: 1},
      {rank: 0, stream: 7, idle_category: "kernel_wait", idle_time: 2, idle_time_ratio: 0.03, count: 1},
      {rank: 0, stream: 7, idle_category: "other", idle_time: 70, idle_time_ratio: 0.91, count: 1}
    ]);
  });

  it("uses the threshold in µs (HTA's 30 is µs, not ns)", () => {
    const rows = idleTimeBreakdown(t, {consecutiveKernelDelay: 100});
    expect(rows.find((r) => r.idle_category === "kernel_wait")?.idle_time).toBe(72);
  });

  it("describes the gaps per category like HTA's show_idle_interval_stats frame", () => {
    // With a 100 µs threshold the kernel-wait gaps are 2 and 70: mean 36, std √(2·34²) = 48.08, quartiles 19, 36, 53.
    expect(idleIntervalStats(t, {consecutiveKernelDelay: 100})).toEqual([
      {rank: 0, stream: 7, idle_category: "host_wait", count: 1, mean: 5, std: null, min: 5, "25%": 5, "50%": 5, "75%": 5, max: 5},
      {rank: 0, stream: 7, idle_category: "kernel_wait", count: 2, mean: 36, std: 48.08, min: 2, "25%": 19, "50%": 36, "75%": 53, max: 70}
    ]);
  });

  it("gives a one-kernel stream a single 'other' row with a null ratio", () => {
    expect(idleTimeBreakdown(table([gpu("k", 0, 1)]))).toEqual([
      {rank: 0, stream: 7, idle_category: "other", idle_time: 0, idle_time_ratio: null, count: 0}
    ]);
  });
});

describe("commCompOverlap(events)", () => {
  it("reports the share of merged communication time under computation", () => {
    // COMM [0,10] and [20,30] (20 µs); COMP [5,25] overlaps 5 + 5 = 10 → 50 %.
    const t = table([gpu("ncclKernel_a", 0, 10, {stream: 20}), gpu("ncclKernel_b", 20, 10, {stream: 20}), gpu("gemm", 5, 20)]);
    expect(commCompOverlap(t)).toEqual([{rank: 0, comp_comm_overlap_pctg: 50, "comm_time(us)": 20, "overlap_time(us)": 10}]);
  });

  it("is null (HTA: NaN) without communication kernels", () => {
    expect(commCompOverlap(table([gpu("gemm", 0, 1)]))[0].comp_comm_overlap_pctg).toBeNull();
  });
});

describe("kernelLaunchStats(events)", () => {
  const t = table([
    cpu("cudaLaunchKernel", 0, 5, {corr: 1}), gpu("k1", 12, 3, {corr: 1}), // delay 12 − 5 = 7; short: 3 < 5
    cpu("cudaLaunchKernel", 20, 60, {corr: 2}), gpu("k2", 30, 100, {corr: 2}), // delay max(0, 30 − 80) = 0; runtime outlier
    cpu("cudaMemcpyAsync", 200, 4, {corr: 3}), gpu("Memcpy DtoH", 400, 10, {corr: 3, kind: "gpu_memcpy"}), // delay 196
    cpu("hipLaunchKernel", 500, 2, {corr: 4}), gpu("k4", 510, 1, {corr: 4}) // not a measured launch call
  ]);

  it("joins launch calls to GPU events by correlation and derives HTA's columns and flags", () => {
    expect(kernelLaunchStats(t)).toEqual([
      {rank: 0, correlation: 1, cpu_duration: 5, gpu_duration: 3, launch_delay: 7, short_kernel: true, runtime_outlier: false, launch_delay_outlier: false},
      {rank: 0, correlation: 2, cpu_duration: 60, gpu_duration: 100, launch_delay: 0, short_kernel: false, runtime_outlier: true, launch_delay_outlier: false},
      {rank: 0, correlation: 3, cpu_duration: 4, gpu_duration: 10, launch_delay: 196, short_kernel: false, runtime_outlier: false, launch_delay_outlier: true}
    ]);
  });
});

describe("queueLengthSummary(events)", () => {
  // Launches at 0, 1, 2 (+1 each), kernels start at 5, 6, 7 (−1 each): values 1, 2, 3, 2, 1, 0.
  const t = table([
    cpu("cudaLaunchKernel", 0, 0.5, {corr: 1}), cpu("cudaLaunchKernel", 1, 0.5, {corr: 2}), cpu("cudaLaunchKernel", 2, 0.5, {corr: 3}),
    gpu("k1", 5, 1, {corr: 1}), gpu("k2", 6, 1, {corr: 2}), gpu("k3", 7, 1, {corr: 3})
  ]);

  it("steps +1 at each launch and −1 at each GPU start", () => {
    expect(queueLengthSeries(t).map((p) => [p.ts, p.queue_length])).toEqual([[0, 1], [1, 2], [2, 3], [5, 2], [6, 1], [7, 0]]);
  });

  it("describes the change points like pandas describe()", () => {
    // sorted 0 1 1 2 2 3: mean 1.5, sample std √(5.5/5), quartiles (type 7) 1, 1.5, 2.
    const [row] = queueLengthSummary(t);
    expect(row).toMatchObject({rank: 0, stream: 7, count: 6, mean: 1.5, min: 0, "25%": 1, "50%": 1.5, "75%": 2, max: 3});
    expect(row.std).toBeCloseTo(Math.sqrt(1.1), 12);
  });
});

describe("interval merging (HTA's merge_kernel_intervals)", async () => {
  const {mergeIntervals} = await import("../../lib/gpu/intervals.js");
  const {createRandom} = await import("../../lib/core/random.js");

  /** HTA's rule written out independently: sort by start, new group when start > max end so far. */
  function reference(starts: number[], ends: number[]) {
    const order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
    const groups: [number, number][] = [];
    let maxEnd = -Infinity;
    for (const i of order) {
      if (groups.length && starts[i] <= maxEnd) groups[groups.length - 1][1] = Math.max(groups[groups.length - 1][1], ends[i]);
      else groups.push([starts[i], ends[i]]);
      maxEnd = Math.max(maxEnd, ends[i]);
    }
    return groups;
  }

  it("gives HTA's groups on random integer intervals with ties, touching and zero-length ones", () => {
    const rng = createRandom(7);
    for (let trial = 0; trial < 200; ++trial) {
      const n = 1 + rng.int(30);
      const starts = Array.from({length: n}, () => rng.int(100));
      const ends = starts.map((s) => s + rng.int(8));
      const merged = mergeIntervals(Float64Array.from(starts), Float64Array.from(ends));
      const groups = reference(starts, ends);
      expect([...merged.start]).toEqual(groups.map((g) => g[0]));
      expect([...merged.end]).toEqual(groups.map((g) => g[1]));
      expect(merged.total).toBe(groups.reduce((s, g) => s + g[1] - g[0], 0));
    }
  });

  it("keeps HTA's grouping when rounding made an interval negative", () => {
    // Sorted by start: [0,5], [5.5,7], [6,5] (negative). 5.5 > 5 opens a group; 6 ≤ max end 7 joins it, end stays 7.
    const merged = mergeIntervals(Float64Array.from([0, 6, 5.5]), Float64Array.from([5, 5, 7]));
    expect([...merged.start]).toEqual([0, 5.5]);
    expect([...merged.end]).toEqual([5, 7]);
  });
});
