import {optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {checkGpuEventTable, type GpuEventTable} from "./events.js";
import {asPrepared} from "./prepare.js";
import type {HtaOptions} from "./prepare.js";

/** Options of {@link kernelLaunchStats}. */
export interface KernelLaunchOptions extends HtaOptions {
  /** Runtime calls longer than this (µs) are runtime outliers (HTA default 50). */
  runtimeCutoff?: number;
  /** Launch delays longer than this (µs) are launch-delay outliers (HTA default 100). */
  launchDelayCutoff?: number;
  /** Ranks to analyse (default: all; HTA's default is rank 0 only). */
  ranks?: number[];
}

/** One launch: HTA's columns plus the flags HTA draws in its plots. */
export interface KernelLaunchRow {
  rank: number;
  correlation: number;
  /** Duration of the runtime launch call (µs). */
  cpu_duration: number;
  /** Duration of the GPU event (µs). */
  gpu_duration: number;
  /** max(0, gpu start − runtime end) (µs). */
  launch_delay: number;
  /** `cpu_duration ≤ runtimeCutoff && gpu_duration < cpu_duration`: launching cost more than running. */
  short_kernel: boolean;
  runtime_outlier: boolean;
  launch_delay_outlier: boolean;
}

/** The runtime calls whose launches HTA measures (include_memory_events = true). */
const LAUNCH_CALLS = new Set(["cudaLaunchKernel", "cudaLaunchKernelExC", "runFunction", "cudaMemcpyAsync", "cudaMemsetAsync"]);

/**
 * HTA's CUDA kernel launch statistics: join each host runtime call named cudaLaunchKernel,
 * cudaLaunchKernelExC, runFunction (MTIA), cudaMemcpyAsync or cudaMemsetAsync (`stream = −1`) to the GPU
 * events (`stream ≠ −1`) of the same rank and correlation (inner join), and report
 * `cpu_duration = runtime dur`, `gpu_duration = GPU dur`, `launch_delay = max(0, gpu.ts − (runtime.ts +
 * runtime.dur))`. hipLaunchKernel, cuLaunchKernel and cudaGraphLaunch are not measured, as in HTA (a ROCm
 * trace gives no rows). The flags are HTA's plot rules: short kernels `cpu ≤ runtimeCutoff && gpu < cpu`,
 * runtime outliers `cpu > runtimeCutoff`, launch-delay outliers `delay > launchDelayCutoff`.
 *
 * Reference: HTA `CudaKernelAnalysis.get_cuda_kernel_launch_stats`. Rows follow
 * the runtime calls' start times.
 *
 * @example
 * kernelLaunchStats(events).filter((r) => r.short_kernel).length;
 */
export function kernelLaunchStats(events: GpuEventTable, options: KernelLaunchOptions = {}): KernelLaunchRow[] {
  checkGpuEventTable(events, "kernelLaunchStats");
  options = optionsArg(options, "kernelLaunchStats");
  const runtimeCutoff = options.runtimeCutoff ?? 50;
  const delayCutoff = options.launchDelayCutoff ?? 100;
  if (!(runtimeCutoff >= 0) || !(delayCutoff >= 0)) {
    throw new BenchstatsError("option", "kernelLaunchStats: runtimeCutoff and launchDelayCutoff must be ≥ 0 µs");
  }
  const t = asPrepared(events, options, "kernelLaunchStats");
  const wantRanks = options.ranks ? new Set(options.ranks) : null;
  const isLaunch = t.names.map((n) => LAUNCH_CALLS.has(n));
  const gpu = new Map<number, Map<number, number[]>>();
  for (let i = 0; i < t.length; ++i) {
    if (t.stream[i] === -1) continue;
    let m = gpu.get(t.rank[i]);
    if (!m) gpu.set(t.rank[i], (m = new Map()));
    const list = m.get(t.correlation[i]);
    if (list) list.push(i);
    else m.set(t.correlation[i], [i]);
  }
  const launches: number[] = [];
  for (let i = 0; i < t.length; ++i) {
    if (t.stream[i] !== -1 || !isLaunch[t.name[i]]) continue;
    if (wantRanks && !wantRanks.has(t.rank[i])) continue;
    launches.push(i);
  }
  launches.sort((a, b) => t.rank[a] - t.rank[b] || t.start_us[a] - t.start_us[b] || a - b);
  const rows: KernelLaunchRow[] = [];
  for (const r of launches) {
    const kernels = gpu.get(t.rank[r])?.get(t.correlation[r]);
    if (!kernels) continue;
    for (const k of kernels) {
      const cpu = t.dur_us[r];
      const gpuDur = t.dur_us[k];
      const delay = Math.max(0, t.start_us[k] - (t.start_us[r] + cpu));
      rows.push({
        rank: t.rank[r],
        correlation: t.correlation[r],
        cpu_duration: cpu,
        gpu_duration: gpuDur,
        launch_delay: delay,
        short_kernel: cpu <= runtimeCutoff && gpuDur < cpu,
        runtime_outlier: cpu > runtimeCutoff,
        launch_delay_outlier: delay > delayCutoff
      });
    }
  }
  return rows;
}
