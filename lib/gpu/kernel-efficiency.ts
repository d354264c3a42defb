import {optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import type {GpuEventTable, KernelCategory} from "./events.js";
import {checkGpuEventTable, nameCategories} from "./events.js";
import {cuptiCounters} from "./cupti-counters.js";
import {devicePeaks, rankDevice, type DevicePeaks} from "./device-peaks.js";
import {asPrepared, indicesByRank} from "./prepare.js";
import type {HtaOptions} from "./prepare.js";

const OCCUPANCY_ARG = "est. achieved occupancy %";
const BYTES_ARG = "bytes";

/**
 * FLOPs per executed SASS instruction counter (HTA's `CUDA_SASS_INSTRUCTION_COUNTER_FLOPS`): a fused multiply-add
 * is 2 floating-point operations, an add or a multiply 1. Keys are the CUPTI metric names.
 */
export const SASS_FLOP_COUNTERS: Readonly<Record<string, {flops: number; precision: "fp16" | "fp32" | "fp64"}>> = Object.fromEntries(
  (["ffma", "fmul", "fadd", "hfma", "hmul", "hadd", "dfma", "dmul", "dadd"] as const).map((op) => [
    `smsp__sass_thread_inst_executed_op_${op}_pred_on.sum`,
    {flops: op.endsWith("fma") ? 2 : 1, precision: op[0] === "h" ? "fp16" : op[0] === "d" ? "fp64" : "fp32"}
  ])
);

/** DRAM traffic counters (bytes) that give a kernel's operational intensity when a trace has them. */
export const DRAM_BYTE_COUNTERS = ["dram__bytes_read.sum", "dram__bytes_write.sum"] as const;

/** Options of {@link kernelEfficiency}. */
export interface KernelEfficiencyOptions extends HtaOptions {
  /** Peaks to compare against (default: from the trace's deviceProperties through {@link devicePeaks}). */
  peaks?: DevicePeaks;
  /** Ranks to analyse (default: all). */
  ranks?: number[];
}

/** One row per rank and kernel type. */
export interface KernelEfficiencyRow {
  rank: number;
  kernel_type: Exclude<KernelCategory, "OTHER">;
  count: number;
  /** Σ durations (µs). */
  "time(us)": number;
  /** Time-weighted mean of the kernels' `est. achieved occupancy %`; `null` when none reports it. */
  occupancy_pctg: number | null;
  /** Share of `time(us)` spent in kernels that report an occupancy; `null` without time. */
  occupancy_coverage: number | null;
  /** Σ bytes moved by the events that report `bytes` (memcpy, memset); `null` when none does. */
  bytes: number | null;
  /** Σ bytes / Σ durations of those events (GB/s); `null` without bytes or time. */
  "achieved_bw(GB/s)": number | null;
  /** achieved bandwidth / the device's memory bandwidth, in %; `null` without both. */
  peak_bw_pctg: number | null;
}

/** One kernel profiled with CUPTI counters. */
export interface KernelFlopsRow {
  rank: number;
  name: string;
  top_level_op: string;
  bottom_level_op: string;
  /** Floating-point operations by precision, from the SASS instruction counters. */
  flops_fp16: number;
  flops_fp32: number;
  flops_fp64: number;
  flops: number;
  /** DRAM bytes (read + write counters) and flops / bytes; `null` when the trace lacks those counters. */
  dram_bytes: number | null;
  operational_intensity: number | null;
}

/** What {@link kernelEfficiency} returns. */
export interface KernelEfficiency {
  /** Per rank: the device and where its peaks came from. */
  devices: {rank: number; device: string | null; peaks: DevicePeaks | null; source: "option" | "table" | null}[];
  types: KernelEfficiencyRow[];
  kernels: KernelFlopsRow[];
}

/**
 * Hardware efficiency of a trace's GPU work, per rank and kernel type (COMPUTATION, COMMUNICATION, MEMORY,
 * {@link kernelCategory}), after HTA's loading rules: time, the time-weighted achieved occupancy (the
 * `est. achieved occupancy %` Kineto writes per kernel: Σ occ·dur / Σ dur over the kernels that have it), and
 * for memcpys and memsets the achieved bandwidth Σ bytes / Σ dur against the device's memory bandwidth
 * ("share of peak", as in STREAM-style reporting). Kernels profiled with CUPTI counters ({@link cuptiCounters})
 * get their FLOPs from the SASS instruction counters (FMA = 2, add/multiply = 1, HTA's table), split by
 * precision, and with DRAM byte counters their operational intensity (FLOP/byte, the roofline's x axis).
 *
 * Peaks come from `options.peaks`, else from {@link devicePeaks} on the trace's `deviceProperties`; a device the
 * table does not know, or a trace without `deviceProperties`, gives `null` shares (never NaN). Achieved TFLOP/s
 * (the roofline's y axis) is not given: CUPTI range-profiler traces replay each kernel inside a fixed-length
 * range, so no profiled kernel has a run time in the same trace.
 *
 * Reference: no HTA analysis; the definitions are those of the occupancy, bandwidth and roofline literature
 * (Williams et al. 2009, "Roofline"; McCalpin's STREAM for achieved bandwidth), checked on hand-derived cases.
 *
 * @example
 * kernelEfficiency(events).types.find((r) => r.kernel_type === "MEMORY")?.["achieved_bw(GB/s)"];
 */
export function kernelEfficiency(events: GpuEventTable, options: KernelEfficiencyOptions = {}): KernelEfficiency {
  checkGpuEventTable(events, "kernelEfficiency");
  options = optionsArg(options, "kernelEfficiency");
  const p = options.peaks;
  if (p && !(p.memory_bw_gbps > 0 && p.fp32_tflops > 0)) {
    throw new BenchstatsError("option", "kernelEfficiency: peaks need positive memory_bw_gbps and fp32_tflops");
  }
  const t = asPrepared(events, options);
  const category = nameCategories(t.names);
  const occupancy = t.args?.[OCCUPANCY_ARG];
  const bytes = t.args?.[BYTES_ARG];
  const wantRanks = options.ranks ? new Set(options.ranks) : null;
  const types = ["COMPUTATION", "COMMUNICATION", "MEMORY"] as const;
  const devices: KernelEfficiency["devices"] = [];
  const rows: KernelEfficiencyRow[] = [];
  for (const [rank, idx] of indicesByRank(t)) {
    if (wantRanks && !wantRanks.has(rank)) continue;
    const device = rankDevice(t, rank);
    const peaks = p ?? (device ? devicePeaks(device) : null);
    devices.push({rank, device: device?.name ?? null, peaks, source: p ? "option" : peaks ? "table" : null});
    const acc = types.map(() => ({count: 0, time: 0, occTime: 0, occWeighted: 0, bytes: 0, byteTime: 0, hasBytes: false}));
    for (let k = 0; k < idx.length; ++k) {
      const i = idx[k];
      if (t.stream[i] === -1) continue;
      const ti = types.indexOf(category[t.name[i]] as (typeof types)[number]);
      if (ti < 0) continue;
      const a = acc[ti];
      const d = t.dur_us[i];
      a.count++;
      a.time += d;
      if (occupancy && !Number.isNaN(occupancy[i])) {
        a.occTime += d;
        a.occWeighted += occupancy[i] * d;
      }
      if (bytes && !Number.isNaN(bytes[i]) && bytes[i] >= 0) {
        a.hasBytes = true;
        a.bytes += bytes[i];
        a.byteTime += d;
      }
    }
    acc.forEach((a, ti) => {
      if (a.count === 0) return;
      // µs → s is 1e-6 and B → GB 1e-9: bytes / µs / 1000 = GB/s.
      const bw = a.hasBytes && a.byteTime > 0 ? a.bytes / a.byteTime / 1000 : null;
      rows.push({
        rank, kernel_type: types[ti], count: a.count, "time(us)": a.time,
        occupancy_pctg: a.occTime > 0 ? a.occWeighted / a.occTime : null,
        occupancy_coverage: a.time > 0 ? a.occTime / a.time : null,
        bytes: a.hasBytes ? a.bytes : null,
        "achieved_bw(GB/s)": bw,
        peak_bw_pctg: bw !== null && peaks ? (100 * bw) / peaks.memory_bw_gbps : null
      });
    });
  }

  const kernels: KernelFlopsRow[] = cuptiCounters(t, {ranks: options.ranks}).map((r) => {
    const f = {fp16: 0, fp32: 0, fp64: 0};
    for (const [counter, {flops, precision}] of Object.entries(SASS_FLOP_COUNTERS)) {
      const v = r.counters[counter];
      if (v !== undefined && !Number.isNaN(v)) f[precision] += flops * v;
    }
    const total = f.fp16 + f.fp32 + f.fp64;
    const dram = DRAM_BYTE_COUNTERS.every((c) => r.counters[c] !== undefined && !Number.isNaN(r.counters[c]))
      ? DRAM_BYTE_COUNTERS.reduce((s, c) => s + r.counters[c], 0) : null;
    return {
      rank: r.rank, name: r.name, top_level_op: r.top_level_op, bottom_level_op: r.bottom_level_op,
      flops_fp16: f.fp16, flops_fp32: f.fp32, flops_fp64: f.fp64, flops: total,
      dram_bytes: dram, operational_intensity: dram !== null && dram > 0 ? total / dram : null
    };
  });
  return {devices, types: rows, kernels};
}
