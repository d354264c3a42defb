// Shared helpers of the "GPU trace" data loaders (no double extension, so Framework does not treat this file as a
// loader). They read the bundled real traces (data/gpu/, or $BENCHSTATS_DATA/gpu/) and run the HTA analyses from
// lib/gpu, so the page only draws small precomputed tables.
import {dataPath} from "../../loaders/data-dir.js";
import {formatTable} from "../../loaders/tidy/write.js";
import {readGpuEvents, readKineto} from "../../loaders/gpu/index.js";
import type {GpuEventTable} from "../../lib/gpu/index.js";

/** The traces the report covers: id, label, and how to read them. */
export const TRACES: {id: string; label: string; short: string; description: string; read: () => Promise<GpuEventTable>}[] = [
  {
    id: "nccl",
    short: "A100 NCCL 2-GPU",
    label: "A100, 2-GPU NCCL job (rank 0)",
    description: "PyTorch profiler trace of rank 0 of a 2-GPU data-parallel job (HTA test data), 3 profiler steps, fractional µs timestamps.",
    read: () => readGpuEvents(dataPath("gpu", "kineto_a100_nccl_2rank_rank0.json.gz"))
  },
  {
    id: "job128",
    short: "128-GPU job",
    label: "128-GPU NCCL job (ranks 0 and 1, sampled)",
    description: "Two ranks of a 128-rank job, down-sampled by HTA's authors to ~4,800 events each; integer µs timestamps.",
    read: () => readKineto([dataPath("gpu", "kineto_sampled_128rank_rank0.json.gz"), dataPath("gpu", "kineto_sampled_128rank_rank1.json.gz")])
  },
  {
    id: "alexnet",
    short: "A100 AlexNet",
    label: "A100, AlexNet benchmark (1 rank)",
    description: "PARAM AlexNet benchmark; no ProfilerStep markers, so HTA keeps every event.",
    read: () => readGpuEvents(dataPath("gpu", "kineto_a100_alexnet_rank0.json.gz"))
  },
  {
    id: "mi250",
    short: "MI250 ROCm",
    label: "AMD MI250, ROCm 6.2 toy model",
    description: "ROCm trace: hipLaunchKernel calls, which HTA's launch statistics do not count.",
    read: () => readGpuEvents(dataPath("gpu", "kineto_mi250_rocm62_minitoy.json.gz"))
  },
  {
    id: "nsys",
    short: "GTX 1060 nsys",
    label: "GTX 1060, Nsight Systems export (concurrent kernels)",
    description: "Nsight Systems SQLite export with NVTX ranges; nanosecond times, analysed without HTA's µs rounding.",
    read: () => readGpuEvents(dataPath("gpu", "nsys_concurrent_s1.sqlite.gz"))
  }
];

/** JSON with NaN/Infinity turned into null (JSON has no NaN). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v));
}

/** CSV text of rows with the given columns, through the one table writer (loaders/tidy/write.ts). */
export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  return formatTable(rows, "csv", columns);
}
