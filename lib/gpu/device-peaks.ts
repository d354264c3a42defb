import {objectArg} from "../core/check.js";
import type {GpuDeviceProperties, GpuEventTable} from "./events.js";

/** Peak rates of a GPU: what achieved throughput is compared against. */
export interface DevicePeaks {
  /** The device as named in the table (or by the caller). */
  name: string;
  /** Dense FP32 on CUDA cores / stream processors (TFLOP/s). */
  fp32_tflops: number;
  /** FP64 (TFLOP/s). */
  fp64_tflops: number;
  /** Device memory bandwidth (GB/s, 10⁹ B/s). */
  memory_bw_gbps: number;
}

interface Entry extends DevicePeaks {
  /** Matched against the trace's `deviceProperties.name`. */
  pattern: RegExp;
  /** Memory size range (GiB) that tells variants of one name apart. */
  memoryGiB?: [number, number];
}

/**
 * Vendor datasheet peaks of common data-centre GPUs (NVIDIA A100, H100 and H200, V100 and T4 product briefs;
 * AMD Instinct MI250/MI250X specifications). FP32 and FP64 are the non-tensor rates; memory bandwidth is
 * the HBM/GDDR figure. Sparsity and tensor-core rates are left out: the SASS counters traces carry count
 * CUDA-core instructions.
 */
export const DEVICE_PEAKS: readonly Entry[] = [
  {pattern: /H200/, name: "NVIDIA H200 SXM", fp32_tflops: 67, fp64_tflops: 34, memory_bw_gbps: 4800},
  {pattern: /H100.*PCIe/, name: "NVIDIA H100 PCIe", fp32_tflops: 51, fp64_tflops: 26, memory_bw_gbps: 2000},
  {pattern: /H100/, name: "NVIDIA H100 SXM5", fp32_tflops: 67, fp64_tflops: 34, memory_bw_gbps: 3350},
  {pattern: /A100.*PCIe/, memoryGiB: [60, 90], name: "NVIDIA A100 PCIe 80GB", fp32_tflops: 19.5, fp64_tflops: 9.7, memory_bw_gbps: 1935},
  {pattern: /A100/, memoryGiB: [60, 90], name: "NVIDIA A100 SXM4 80GB", fp32_tflops: 19.5, fp64_tflops: 9.7, memory_bw_gbps: 2039},
  {pattern: /A100/, memoryGiB: [30, 45], name: "NVIDIA A100 40GB", fp32_tflops: 19.5, fp64_tflops: 9.7, memory_bw_gbps: 1555},
  {pattern: /V100/, name: "NVIDIA V100 SXM2", fp32_tflops: 15.7, fp64_tflops: 7.8, memory_bw_gbps: 900},
  {pattern: /\bT4\b/, name: "NVIDIA T4", fp32_tflops: 8.1, fp64_tflops: 0.25, memory_bw_gbps: 320},
  {pattern: /MI250X/, name: "AMD Instinct MI250X", fp32_tflops: 47.9, fp64_tflops: 47.9, memory_bw_gbps: 3276.8},
  {pattern: /MI250/, name: "AMD Instinct MI250", fp32_tflops: 45.3, fp64_tflops: 45.3, memory_bw_gbps: 3276.8}
];

/**
 * The peaks of a device described by a trace's `deviceProperties`: the first {@link DEVICE_PEAKS} entry whose
 * pattern matches the name (and whose memory range holds `totalGlobalMem`, for names shared by variants), or
 * `null` for a device the table does not know (ROCm reports `AMD Radeon Graphics` for an MI250; pass the peaks
 * yourself then).
 *
 * @example
 * devicePeaks({id: 0, name: "NVIDIA A100-PG509-200", totalGlobalMem: 42297524224}); // {name: "NVIDIA A100 40GB", …, memory_bw_gbps: 1555}
 */
export function devicePeaks(device: GpuDeviceProperties): DevicePeaks | null {
  objectArg(device, "device", "devicePeaks", "an object of device properties (totalGlobalMem, …)");
  const gib = device.totalGlobalMem !== undefined ? device.totalGlobalMem / 2 ** 30 : undefined;
  for (const e of DEVICE_PEAKS) {
    if (!e.pattern.test(device.name)) continue;
    if (e.memoryGiB && (gib === undefined || gib < e.memoryGiB[0] || gib > e.memoryGiB[1])) continue;
    return {name: e.name, fp32_tflops: e.fp32_tflops, fp64_tflops: e.fp64_tflops, memory_bw_gbps: e.memory_bw_gbps};
  }
  return null;
}

/**
 * The device properties a rank's events ran on: the `deviceProperties` entry whose id is the GPU of the rank's
 * first GPU event (the rank's own GPU in a multi-GPU machine), else the first entry; `null` without them.
 */
export function rankDevice(t: GpuEventTable, rank: number): GpuDeviceProperties | null {
  const devices = t.ranks.find((r) => r.rank === rank)?.devices;
  if (!devices?.length) return null;
  for (let i = 0; i < t.length; ++i) {
    if (t.rank[i] !== rank || t.stream[i] < 0 || t.device[i] < 0) continue;
    return devices.find((d) => d.id === t.device[i]) ?? devices[0];
  }
  return devices[0];
}
