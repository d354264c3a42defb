import type {GpuEventTable} from "./events.js";
import {nameCategories} from "./events.js";
import {describeSample, type DescribeColumns} from "./describe.js";
import {asPrepared} from "./prepare.js";
import type {HtaOptions} from "./prepare.js";

/** The Kineto arg holding a memcpy's or memset's achieved bandwidth (HTA's `memory_bw_gbps`). */
export const BANDWIDTH_ARG = "memory bandwidth (GB/s)";

/** Options of {@link memoryBandwidthSeries} and {@link memoryBandwidthSummary}. */
export interface MemoryBandwidthOptions extends HtaOptions {
  /** Ranks to analyse (default: all; HTA's default is rank 0 only). */
  ranks?: number[];
}

/** A change point of the bandwidth step function: HTA's columns plus the rank. */
export interface MemoryBandwidthPoint {
  rank: number;
  /** µs (aligned time). */
  ts: number;
  /** The GPU (Kineto `pid` of the GPU event). */
  pid: number;
  /** `Memcpy HtoD`, `Memcpy DtoH`, `Memcpy DtoD`, …, `Memset`, or `Memcpy Unknown`. */
  name: string;
  /** Sum of the bandwidths (GB/s) of the operations of this kind running from `ts` on. */
  memory_bw_gbps: number;
}

/** One row of {@link memoryBandwidthSummary}: pandas `describe()` of the positive change points. */
export interface MemoryBandwidthSummaryRow extends DescribeColumns {
  rank: number;
  name: string;
}

/**
 * HTA's memory kind of a MEMORY event name: `Memset` for names starting `Memset`, the first 11 characters
 * (`Memcpy HtoD`) for names starting `Memcpy`, else `Memcpy Unknown` (hipMemcpy… names land there, as in HTA).
 */
export function memoryKind(name: string): string {
  if (name.startsWith("Memset")) return "Memset";
  if (!name.startsWith("Memcpy")) return "Memcpy Unknown";
  return name.slice(0, 11);
}

/**
 * HTA's memory-bandwidth time series per rank and memory kind: every MEMORY event on the GPU (by name,
 * {@link kernelCategory}; `stream ≠ −1`) after HTA's loading rules adds its bandwidth (the Kineto arg
 * `memory bandwidth (GB/s)`, 0 when missing) at its start and removes it at its end; a zero-length event
 * lasts 1 µs. The running sum per kind is the bandwidth in use, a step function given by its change points.
 *
 * Order at equal timestamps: HTA sorts the +/− points with pandas' unstable quicksort, so two points at one
 * µs come in either order there. Here the order is fixed: ends before starts (a copy that ends when the next
 * begins never counts as concurrent), each in table order. The value between distinct timestamps is the
 * same either way; only the zero-length intermediate points at a shared µs can differ from HTA's.
 *
 * Reference: HTA `TraceAnalysis.get_memory_bw_time_series` (`TraceCounters._get_memory_bw_time_series_for_rank`);
 * rows per rank sorted by kind, then time.
 *
 * @example
 * memoryBandwidthSeries(events).filter((p) => p.name === "Memcpy HtoD");
 */
export function memoryBandwidthSeries(events: GpuEventTable, options: MemoryBandwidthOptions = {}): MemoryBandwidthPoint[] {
  const t = asPrepared(events, options);
  const isMemory = nameCategories(t.names).map((c) => c === "MEMORY");
  const kindOfName = t.names.map(memoryKind);
  const bw = t.args?.[BANDWIDTH_ARG];
  const wantRanks = options.ranks ? new Set(options.ranks) : null;
  const groups = new Map<string, {rank: number; name: string; changes: {ts: number; delta: number; end: number; order: number; pid: number}[]}>();
  for (let i = 0; i < t.length; ++i) {
    if (t.stream[i] === -1 || !isMemory[t.name[i]]) continue;
    const rank = t.rank[i];
    if (wantRanks && !wantRanks.has(rank)) continue;
    const name = kindOfName[t.name[i]];
    const key = `${rank}\u0000${name}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = {rank, name, changes: []}));
    const value = bw && !Number.isNaN(bw[i]) ? bw[i] : 0;
    // HTA's fix for zero-length events (its issue #20): they last 1 µs.
    const dur = t.dur_us[i] === 0 ? 1 : t.dur_us[i];
    g.changes.push({ts: t.start_us[i], delta: value, end: 0, order: i, pid: t.device[i]});
    g.changes.push({ts: t.start_us[i] + dur, delta: -value, end: 1, order: i, pid: t.device[i]});
  }
  const ordered = [...groups.values()].sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const points: MemoryBandwidthPoint[] = [];
  for (const g of ordered) {
    g.changes.sort((a, b) => a.ts - b.ts || b.end - a.end || a.order - b.order);
    let running = 0;
    for (const c of g.changes) {
      running += c.delta;
      points.push({rank: g.rank, ts: c.ts, pid: c.pid, name: g.name, memory_bw_gbps: running});
    }
  }
  return points;
}

/**
 * HTA's memory-bandwidth summary: per rank and memory kind, pandas `describe()` (count, mean, sample std, min,
 * 25/50/75%, max) of the change points of {@link memoryBandwidthSeries} whose value is positive. Like HTA it is
 * not time-weighted: each change point counts once, however long it lasts. A trace without memcpys or memsets,
 * or without the bandwidth arg (ROCm traces), gives no rows.
 *
 * Reference: HTA `TraceAnalysis.get_memory_bw_summary`. HTA's frame has a (rank, name) index and
 * `memory_bw_gbps` column level above the statistics; here those are plain columns.
 *
 * @example
 * memoryBandwidthSummary(events); // [{rank: 0, name: "Memcpy DtoD", count: 640, mean: 39.2, …, max: 605.2}, …]
 */
export function memoryBandwidthSummary(events: GpuEventTable, options: MemoryBandwidthOptions = {}): MemoryBandwidthSummaryRow[] {
  const groups = new Map<string, {rank: number; name: string; values: number[]}>();
  for (const p of memoryBandwidthSeries(events, options)) {
    if (!(p.memory_bw_gbps > 0)) continue;
    const key = `${p.rank}\u0000${p.name}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = {rank: p.rank, name: p.name, values: []}));
    g.values.push(p.memory_bw_gbps);
  }
  return [...groups.values()].map((g) => ({rank: g.rank, name: g.name, ...describeSample(g.values)}));
}
