// HTA analyses of every bundled trace: temporal breakdown (HTA and exact mode), kernel-type overlap, top kernels,
// idle-time categories, comm-compute overlap, launch statistics and queue length; plus nvidia-smi captures.
import {dataPath} from "../../loaders/data-dir.js";
import {readGpuMetrics} from "../../loaders/gpu/index.js";
import {
  commCompOverlap, idleTimeBreakdown, kernelBreakdown, kernelLaunchStats, prepareHtaTrace, queueLengthSummary, temporalBreakdown
} from "../../lib/gpu/index.js";
import type {GpuEventTable} from "../../lib/gpu/index.js";
import {quantile} from "../../lib/describe/quantile.js";
import {TRACES, toJson} from "./gpu.js";

function analyse(events: GpuEventTable, mode: "hta" | "exact") {
  const t = prepareHtaTrace(events, {mode});
  const launches = kernelLaunchStats(t);
  const launchSummary = [...new Set(launches.map((r) => r.rank))].map((rank) => {
    const rows = launches.filter((r) => r.rank === rank);
    const delays = rows.map((r) => r.launch_delay);
    const cpu = rows.map((r) => r.cpu_duration);
    return {
      rank,
      launches: rows.length,
      short_kernels: rows.filter((r) => r.short_kernel).length,
      runtime_outliers: rows.filter((r) => r.runtime_outlier).length,
      launch_delay_outliers: rows.filter((r) => r.launch_delay_outlier).length,
      median_cpu_duration: quantile(cpu, 0.5),
      median_launch_delay: quantile(delays, 0.5),
      p95_launch_delay: quantile(delays, 0.95)
    };
  });
  const {kernelTypes, kernels} = kernelBreakdown(t, {numKernels: 8});
  return {
    events: events.length,
    kept: t.length,
    stepFilterApplied: t.prepared.stepFilterApplied,
    temporal: temporalBreakdown(t),
    kernelTypes,
    kernels,
    idle: idleTimeBreakdown(t),
    overlap: commCompOverlap(t),
    launchSummary,
    launches: launches.map(({rank, correlation, cpu_duration, gpu_duration, launch_delay}) => ({rank, correlation, cpu_duration, gpu_duration, launch_delay})),
    queue: queueLengthSummary(t)
  };
}

const traces = [];
for (const trace of TRACES) {
  const events = await trace.read();
  const exactOnly = !events.ranks.some((r) => r.htaRounds) && trace.id === "nsys";
  const hta = analyse(events, exactOnly ? "exact" : "hta");
  const exactTemporal = temporalBreakdown(events, {mode: "exact"});
  traces.push({
    id: trace.id,
    label: trace.label,
    short: trace.short,
    description: trace.description,
    ranks: events.ranks.map((r) => r.rank),
    htaRounds: events.ranks.some((r) => r.htaRounds),
    mode: exactOnly ? "exact" : "hta",
    ...hta,
    temporalExact: exactTemporal
  });
}

const smi = [];
for (const file of ["query-gpu-8xH100.csv", "query-gpu-4xT4.csv", "query-gpu-1xT4-NA.csv"]) {
  const rows = (await readGpuMetrics(dataPath("gpu", file))).rows();
  const wanted = new Set(["name", "utilization.gpu", "memory.used", "memory.total", "power.draw.instant", "power.draw", "temperature.gpu", "clocks.current.sm"]);
  smi.push({file, rows: rows.filter((r) => wanted.has(r.metric))});
}

process.stdout.write(toJson({traces, smi}));
