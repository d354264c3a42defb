import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {devicePeaks, energyPerStep, gpuEventTable, kernelEfficiency} from "../../lib/gpu/index.js";
import {cpu, gpu, table} from "./helpers.js";
import {realTrace} from "./traces.js";

describe("kernelEfficiency", () => {
  it("AlexNet on an A100 40GB: memcpy bandwidth and time-weighted occupancy as computed from the raw JSON", async () => {
    const result = kernelEfficiency(await realTrace("alexnet"));
    expect(result.devices).toEqual([{rank: 0, device: "NVIDIA A100-PG509-200", peaks: {name: "NVIDIA A100 40GB", fp32_tflops: 19.5, fp64_tflops: 9.7, memory_bw_gbps: 1555}, source: "table"}]);
    const memory = result.types.find((r) => r.kernel_type === "MEMORY")!;
    // Python over the trace's 19 gpu_memcpy/gpu_memset events: 244,425,120 bytes in 55,511 µs.
    expect(memory.bytes).toBe(244425120);
    expect(memory["achieved_bw(GB/s)"]).toBeCloseTo(244425120 / 55511 / 1000, 12);
    expect(memory.peak_bw_pctg).toBeCloseTo((100 * 244425120) / 55511 / 1000 / 1555, 12);
    const compute = result.types.find((r) => r.kernel_type === "COMPUTATION")!;
    // Σ occ·dur / Σ dur over the 79 kernels (all report it, 10,692 µs): 38.416…
    expect(compute.count).toBe(79);
    expect(compute.occupancy_pctg).toBeCloseTo(38.416105499438835, 10);
    expect(compute.occupancy_coverage).toBe(1);
    expect(compute.bytes).toBeNull();
  });

  it("FLOPs from the SASS counters: FMA counts twice, by precision", async () => {
    const {kernels} = kernelEfficiency(await realTrace("cupti"));
    expect(kernels.length).toBe(77);
    // The second range (HTA's fixture): ffma 9,119,334,400 and fmul 24,780,800 → 2·9119334400 + 24780800 FP32 FLOPs.
    expect(kernels[1]).toMatchObject({flops_fp32: 2 * 9119334400 + 24780800, flops_fp16: 0, flops_fp64: 0, flops: 2 * 9119334400 + 24780800, top_level_op: "aten::conv2d", dram_bytes: null, operational_intensity: null});
  });

  it("hand-derived: occupancy over the kernels that report it, bandwidth over the events with bytes, operational intensity from DRAM counters", () => {
    const rows = [gpu("sgemm", 0, 10, {corr: 1}), gpu("relu", 10, 30, {corr: 2}), gpu("Memcpy HtoD (Pinned -> Device)", 40, 4, {corr: 3, kind: "gpu_memcpy"}),
      cpu("cudaLaunchKernel", 0, 1, {corr: 4}), {...gpu("__r", 50, 100, {kind: "cuda_profiler_range"}), stream: -1}, cpu("aten::mm", 0, 2, {kind: "cpu_op"})];
    const t = table(rows);
    const nan = NaN;
    const args = {
      "est. achieved occupancy %": new Float64Array([50, nan, nan, nan, nan, nan]),
      bytes: new Float64Array([nan, nan, 8000, nan, nan, nan]),
      "smsp__sass_thread_inst_executed_op_ffma_pred_on.sum": new Float64Array([nan, nan, nan, nan, 1000, nan]),
      "smsp__sass_thread_inst_executed_op_hadd_pred_on.sum": new Float64Array([nan, nan, nan, nan, 10, nan]),
      "dram__bytes_read.sum": new Float64Array([nan, nan, nan, nan, 300, nan]),
      "dram__bytes_write.sum": new Float64Array([nan, nan, nan, nan, 200, nan])
    };
    const peaks = {name: "test", fp32_tflops: 10, fp64_tflops: 1, memory_bw_gbps: 4};
    const result = kernelEfficiency({...t, args}, {peaks});
    const compute = result.types.find((r) => r.kernel_type === "COMPUTATION")!;
    expect(compute).toMatchObject({count: 2, "time(us)": 40, occupancy_pctg: 50, occupancy_coverage: 0.25, bytes: null, peak_bw_pctg: null});
    const memory = result.types.find((r) => r.kernel_type === "MEMORY")!;
    // 8,000 bytes in 4 µs = 2·10⁹ B/s = 2 GB/s = 50 % of a 4 GB/s peak.
    expect(memory).toMatchObject({bytes: 8000, "achieved_bw(GB/s)": 2, peak_bw_pctg: 50, occupancy_pctg: null});
    expect(result.kernels).toEqual([{rank: 0, name: "__r", top_level_op: "aten::mm", bottom_level_op: "aten::mm", flops_fp16: 10, flops_fp32: 2000, flops_fp64: 0, flops: 2010, dram_bytes: 500, operational_intensity: 2010 / 500}]);
    expect(result.devices[0].source).toBe("option");
  });

  it("without deviceProperties, or on a device the table does not know, shares are null, not NaN", async () => {
    const result = kernelEfficiency(await realTrace("job128"));
    expect(result.devices.map((d) => d.peaks)).toEqual([null, null]);
    expect(result.types.every((r) => r.peak_bw_pctg === null)).toBe(true);
    expect(devicePeaks({id: 0, name: "AMD Radeon Graphics"})).toBeNull();
    expect(devicePeaks({id: 0, name: "NVIDIA A100-SXM4-80GB", totalGlobalMem: 85198045184})?.memory_bw_gbps).toBe(2039);
    const alexnet = await realTrace("alexnet");
    expect(() => kernelEfficiency(alexnet, {peaks: {name: "x", fp32_tflops: 0, fp64_tflops: 0, memory_bw_gbps: 0}})).toThrow(BenchstatsError);
  });
});

describe("energyPerStep", () => {
  const steps = gpuEventTable([cpu("ProfilerStep#1", 0, 1_000_000, {kind: "user_annotation"}), cpu("ProfilerStep#2", 1_000_000, 500_000, {kind: "user_annotation"}),
    cpu("ProfilerStep#3", 1_500_000, 1_000_000, {kind: "user_annotation"})], [{rank: 0, htaRounds: false, baseTimeNs: 5e12}]);

  it("hand-derived: the trapezoid of a linear power ramp, cut at the step's ends", () => {
    // Trace µs t is Unix µs t + 5e9. Power rises linearly from 100 W at t = 0 to 300 W at t = 2 s.
    const samples = [{time_us: 5e9, watts: 100}, {time_us: 5e9 + 2e6, watts: 300}];
    const [s1, s2, s3] = energyPerStep(steps, samples);
    // Step 1: 0–1 s, mean of 100 and 200 W → 150 J. Step 2: 1–1.5 s, mean of 200 and 250 W → 112.5 J.
    expect(s1).toMatchObject({step: 1, energy_j: 150, mean_power_w: 150, samples: 1});
    expect(s2.energy_j).toBeCloseTo(112.5, 9);
    // Step 3 runs to 2.5 s, past the last reading: not covered, no guess.
    expect(s3).toMatchObject({step: 3, energy_j: null, mean_power_w: null});
  });

  it("uses clockOffsetUs when the trace has no baseTimeNanoseconds, and says so when neither is there", () => {
    const noBase = gpuEventTable([cpu("ProfilerStep#1", 0, 10, {kind: "user_annotation"})], [{rank: 0, htaRounds: false}]);
    expect(() => energyPerStep(noBase, [{time_us: 0, watts: 1}])).toThrow(/baseTimeNanoseconds/);
    expect(energyPerStep(noBase, [{time_us: 100, watts: 2}, {time_us: 200, watts: 2}], {clockOffsetUs: 100})[0].energy_j).toBeCloseTo(2 * 10e-6, 15);
  });

  it("bad input: several ranks without {rank}, no steps, no readings, a negative reading", async () => {
    const job = await realTrace("job128");
    expect(() => energyPerStep(job, [{time_us: 0, watts: 1}])).toThrow(/say which rank/);
    expect(() => energyPerStep(steps, [])).toThrow(/no power readings/);
    expect(() => energyPerStep(steps, [{time_us: 5e9, watts: -1}])).toThrow(BenchstatsError);
    const noSteps = gpuEventTable([gpu("k", 0, 1)], [{rank: 0, htaRounds: false, baseTimeNs: 0}]);
    expect(() => energyPerStep(noSteps, [{time_us: 0, watts: 1}])).toThrow(/no ProfilerStep/);
  });
});
