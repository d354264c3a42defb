import {gpuEventTable} from "../../lib/gpu/index.js";
import type {GpuEventRow, GpuEventTable} from "../../lib/gpu/index.js";

/** A GPU event on a stream (device 0) launched by correlation `corr`. */
export function gpu(name: string, start: number, dur: number, opts: {stream?: number; corr?: number; kind?: string; rank?: number} = {}): GpuEventRow {
  return {rank: opts.rank ?? 0, device: 0, stream: opts.stream ?? 7, thread: -1, kind: opts.kind ?? "kernel", name, start_us: start, dur_us: dur, correlation: opts.corr ?? -1};
}

/** A host event (stream −1). */
export function cpu(name: string, start: number, dur: number, opts: {corr?: number; kind?: string; rank?: number} = {}): GpuEventRow {
  return {rank: opts.rank ?? 0, device: -1, stream: -1, thread: 1, kind: opts.kind ?? "cuda_runtime", name, start_us: start, dur_us: dur, correlation: opts.corr ?? -1};
}

/** A table whose ranks never round (integer µs, as in a trace with integer timestamps). */
export function table(rows: GpuEventRow[], htaRounds = false): GpuEventTable {
  const ranks = [...new Set(rows.map((r) => r.rank))].map((rank) => ({rank, htaRounds}));
  return gpuEventTable(rows, ranks);
}

export const fixture = (name: string) => new URL(`../fixtures/gpu/${name}`, import.meta.url).pathname;
