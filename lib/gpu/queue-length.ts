import {optionsArg} from "../core/check.js";
import {checkGpuEventTable, type GpuEventTable} from "./events.js";
import {describeSample, type DescribeColumns} from "./describe.js";
import {asPrepared} from "./prepare.js";
import type {HtaOptions} from "./prepare.js";

/** The runtime calls that enqueue work on a stream, as HTA counts them. */
const ENQUEUE_CALLS = new Set([
  "cudaLaunchKernel", "cudaLaunchKernelExC", "cuLaunchKernel", "cuLaunchKernelEx", "cudaMemcpyAsync", "cudaMemsetAsync",
  "hipLaunchKernel", "hipExtModuleLaunchKernel", "hipMemcpyAsync", "hipMemsetAsync", "hipMemcpyWithStream", "runFunction"
]);

/** A step of the queue-length function on one stream. */
export interface QueueLengthPoint {
  rank: number;
  stream: number;
  /** µs (aligned time). */
  ts: number;
  queue_length: number;
}

/** One row of {@link queueLengthSummary}: pandas `describe()` of the change points. */
export interface QueueLengthSummaryRow extends DescribeColumns {
  rank: number;
  stream: number;
}

/**
 * HTA's queue length ("augmented counters") per (rank, stream): every host enqueue call (cudaLaunchKernel(ExC),
 * cuLaunchKernel(Ex), cudaMemcpyAsync, cudaMemsetAsync, the hip equivalents, MTIA runFunction) that has a GPU
 * event with the same correlation counts +1 at the call's start, on that GPU event's stream, and the GPU event
 * counts −1 at its *start*; the running sum in time order is the number of queued operations. Ties at one
 * time stamp take the +1 first, so the count never dips below zero.
 *
 * Difference from HTA at equal timestamps: HTA sorts the +1/−1 points with pandas' unstable quicksort, so an
 * enqueue and a kernel start sharing a µs come in either order there, and the intermediate point of such a tie
 * (which lasts 0 µs) can differ from this rule's. The queue length between distinct timestamps, and so
 * {@link timeBlockedOnFullQueue}, is the same in any order; {@link queueLengthSummary}, which counts change
 * points, can differ from HTA's by those tie points.
 *
 * Reference: HTA `CounterAnalysis._get_queue_length_time_series_for_rank`.
 *
 * @example
 * queueLengthSeries(events).filter((p) => p.stream === 7);
 */
export function queueLengthSeries(events: GpuEventTable, options: HtaOptions = {}): QueueLengthPoint[] {
  checkGpuEventTable(events, "queueLengthSeries");
  options = optionsArg(options, "queueLengthSeries");
  const t = asPrepared(events, options, "queueLengthSeries");
  const isEnqueue = t.names.map((n) => ENQUEUE_CALLS.has(n));
  const host = new Map<number, Map<number, number[]>>();
  for (let i = 0; i < t.length; ++i) {
    if (t.stream[i] !== -1 || !isEnqueue[t.name[i]]) continue;
    let m = host.get(t.rank[i]);
    if (!m) host.set(t.rank[i], (m = new Map()));
    const list = m.get(t.correlation[i]);
    if (list) list.push(i);
    else m.set(t.correlation[i], [i]);
  }
  const byStream = new Map<string, {rank: number; stream: number; changes: {ts: number; delta: number; order: number}[]}>();
  for (let i = 0; i < t.length; ++i) {
    if (t.stream[i] === -1) continue;
    const launches = host.get(t.rank[i])?.get(t.correlation[i]);
    if (!launches) continue;
    const key = `${t.rank[i]}/${t.stream[i]}`;
    let s = byStream.get(key);
    if (!s) byStream.set(key, (s = {rank: t.rank[i], stream: t.stream[i], changes: []}));
    for (const r of launches) {
      s.changes.push({ts: t.start_us[r], delta: 1, order: r});
      s.changes.push({ts: t.start_us[i], delta: -1, order: i});
    }
  }
  const points: QueueLengthPoint[] = [];
  for (const s of [...byStream.values()].sort((a, b) => a.rank - b.rank || a.stream - b.stream)) {
    s.changes.sort((a, b) => a.ts - b.ts || b.delta - a.delta || a.order - b.order);
    let q = 0;
    for (const c of s.changes) {
      q += c.delta;
      points.push({rank: s.rank, stream: s.stream, ts: c.ts, queue_length: q});
    }
  }
  return points;
}

/**
 * Summary of {@link queueLengthSeries} per (rank, stream), as HTA's `get_queue_length_summary`: pandas
 * `describe()` over the change points (count, mean, std, min, 25/50/75% with linear interpolation, max).
 * Like HTA it is not time-weighted: every change point counts once.
 *
 * @example
 * queueLengthSummary(events); // [{rank: 0, stream: 7, count: 2200, mean: 1.8, …, max: 12}]
 */
export function queueLengthSummary(events: GpuEventTable, options: HtaOptions = {}): QueueLengthSummaryRow[] {
  checkGpuEventTable(events, "queueLengthSummary");
  options = optionsArg(options, "queueLengthSummary");
  const series = queueLengthSeries(events, options);
  const groups = new Map<string, QueueLengthPoint[]>();
  for (const p of series) {
    const key = `${p.rank}/${p.stream}`;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const rows: QueueLengthSummaryRow[] = [];
  for (const g of groups.values()) {
    rows.push({rank: g[0].rank, stream: g[0].stream, ...describeSample(Float64Array.from(g, (p) => p.queue_length))});
  }
  return rows;
}
