import {optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {checkGpuEventTable, type GpuEventTable} from "./events.js";
import {roundHalfEven} from "./intervals.js";
import type {DescribeColumns} from "./describe.js";
import {quantileSorted} from "../describe/quantile.js";
import {byStart, launchingEvent} from "./links.js";
import {asPrepared} from "./prepare.js";
import type {HtaOptions} from "./prepare.js";

/** Options of {@link idleTimeBreakdown}. */
export interface IdleTimeOptions extends HtaOptions {
  /** Gaps shorter than this (µs) after a kernel count as kernel wait (HTA default 30; µs despite HTA's docs). */
  consecutiveKernelDelay?: number;
  /** Ranks to analyse (default: all; HTA's default is rank 0 only). */
  ranks?: number[];
  /** Streams to analyse (default: all). */
  streams?: number[];
}

/** The idle categories, in HTA's order. */
export type IdleCategory = "host_wait" | "kernel_wait" | "other";

/** One row of {@link idleTimeBreakdown}: HTA's columns. */
export interface IdleTimeRow {
  rank: number;
  stream: number;
  idle_category: IdleCategory;
  /** Σ gaps (µs) in this category; rounded to 2 decimals as HTA rounds its frame. */
  idle_time: number;
  /** idle_time / Σ idle_time over the stream's categories; `null` when that total is 0 (HTA: NaN). */
  idle_time_ratio: number | null;
  /** Gaps counted (not in HTA's frame; the first event of a stream has no gap and is not counted). */
  count: number;
}

const IDLE_KINDS = new Set(["kernel", "gpu_memcpy", "gpu_memset", "Kernel", "Memcpy", "Memset", "mtia_ccp_events"]);
const CATEGORIES: IdleCategory[] = ["host_wait", "kernel_wait", "other"];

/**
 * HTA's idle-time breakdown per (rank, stream). Take the kernels, memcpys and memsets of the stream
 * (`stream ≠ −1`; cuda_sync is excluded) after HTA's loading rules, sorted by start; for each, `prev_end` is
 * the end of the immediately previous event and `gap = start − prev_end`. The gap is *host wait* when the
 * launching runtime call started after `prev_end` (the CPU was late), else *kernel wait* when
 * `gap < consecutiveKernelDelay`, else *other*. The first event of a stream has no gap and falls in *other*
 * with nothing added, so an `other` row always exists. Negative gaps (overlap on a stream after rounding) are
 * summed as they are, like HTA.
 *
 * Reference: HTA `BreakdownAnalysis._analyze_idle_time_for_stream`. Rows
 * appear only for categories that occur, in the order host_wait, kernel_wait, other; streams ascend.
 *
 * @example
 * idleTimeBreakdown(events, {ranks: [0]}); // [{rank: 0, stream: 7, idle_category: "host_wait", idle_time: 812, idle_time_ratio: 0.61, count: 40}, …]
 */
export function idleTimeBreakdown(events: GpuEventTable, options: IdleTimeOptions = {}): IdleTimeRow[] {
  checkGpuEventTable(events, "idleTimeBreakdown");
  options = optionsArg(options, "idleTimeBreakdown");
  const delay = options.consecutiveKernelDelay ?? 30;
  if (!(delay >= 0)) throw new BenchstatsError("option", `idleTimeBreakdown: consecutiveKernelDelay must be ≥ 0 µs, got ${delay}`);
  const exact = asPrepared(events, options, "idleTimeBreakdown").prepared.mode === "exact";
  const rows: IdleTimeRow[] = [];
  for (const {rank, stream, gaps, present} of classifyGaps(events, options, delay)) {
    const sums = gaps.map((g) => g.reduce((a, b) => a + b, 0));
    const counts = gaps.map((g) => g.length);
    const total = sums[0] + sums[1] + sums[2];
    for (let c = 0; c < 3; ++c) {
      if (!present[c]) continue;
      const ratio = total === 0 ? null : sums[c] / total;
      rows.push({
        rank,
        stream,
        idle_category: CATEGORIES[c],
        idle_time: exact ? sums[c] : roundHalfEven(sums[c], 2),
        idle_time_ratio: ratio === null || exact ? ratio : roundHalfEven(ratio, 2),
        count: counts[c]
      });
    }
  }
  return rows;
}

/** One row of {@link idleIntervalStats}: pandas `describe()` of the gaps of one category on one stream. */
export interface IdleIntervalStatsRow extends DescribeColumns {
  rank: number;
  stream: number;
  idle_category: IdleCategory;
}

/**
 * HTA's `show_idle_interval_stats=True` frame: per (rank, stream, idle category), pandas `describe()` of the
 * gaps (µs) classified as in {@link idleTimeBreakdown}: count, mean, sample std, min, 25/50/75% (linear
 * interpolation), max, rounded to 2 decimals (unrounded in exact mode). Categories without gaps have no row.
 *
 * Reference: HTA `BreakdownAnalysis._analyze_idle_time_for_stream`.
 *
 * @example
 * idleIntervalStats(events).filter((r) => r.idle_category === "host_wait");
 */
export function idleIntervalStats(events: GpuEventTable, options: IdleTimeOptions = {}): IdleIntervalStatsRow[] {
  checkGpuEventTable(events, "idleIntervalStats");
  options = optionsArg(options, "idleIntervalStats");
  const delay = options.consecutiveKernelDelay ?? 30;
  if (!(delay >= 0)) throw new BenchstatsError("option", `idleIntervalStats: consecutiveKernelDelay must be ≥ 0 µs, got ${delay}`);
  const exact = asPrepared(events, options, "idleIntervalStats").prepared.mode === "exact";
  const round = (x: number) => (exact ? x : roundHalfEven(x, 2));
  const rows: IdleIntervalStatsRow[] = [];
  for (const {rank, stream, gaps} of classifyGaps(events, options, delay)) {
    gaps.forEach((g, c) => {
      if (g.length === 0) return;
      const v = Float64Array.from(g).sort();
      const n = v.length;
      const mean = v.reduce((a, b) => a + b, 0) / n;
      const ss = v.reduce((a, x) => a + (x - mean) * (x - mean), 0);
      rows.push({
        rank, stream, idle_category: CATEGORIES[c], count: n, mean: round(mean), std: n > 1 ? round(Math.sqrt(ss / (n - 1))) : null,
        min: round(v[0]), "25%": round(quantileSorted(v, 0.25)), "50%": round(quantileSorted(v, 0.5)), "75%": round(quantileSorted(v, 0.75)), max: round(v[n - 1])
      });
    });
  }
  return rows;
}

/** The gaps of every (rank, stream), sorted by rank then stream, split into host wait / kernel wait / other. */
function classifyGaps(events: GpuEventTable, options: IdleTimeOptions, delay: number) {
  const t = asPrepared(events, options, "idleIntervalStats");
  const idleKind = t.kinds.map((k) => IDLE_KINDS.has(k));
  const launcher = launchingEvent(t);
  const wantRanks = options.ranks ? new Set(options.ranks) : null;
  const wantStreams = options.streams ? new Set(options.streams) : null;
  const groups = new Map<string, {rank: number; stream: number; idx: number[]}>();
  for (let i = 0; i < t.length; ++i) {
    const stream = t.stream[i];
    if (stream === -1 || !idleKind[t.kind[i]]) continue;
    if (wantRanks && !wantRanks.has(t.rank[i])) continue;
    if (wantStreams && !wantStreams.has(stream)) continue;
    const key = `${t.rank[i]}/${stream}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = {rank: t.rank[i], stream, idx: []}));
    g.idx.push(i);
  }
  const ordered = [...groups.values()].sort((a, b) => a.rank - b.rank || a.stream - b.stream);
  return ordered.map(({rank, stream, idx}) => {
    byStart(t, idx);
    const gaps: number[][] = [[], [], []];
    // The first event of a stream has no gap; HTA still files it under "other" (with NaN), so "other" always exists.
    const present = [false, false, true];
    for (let k = 1; k < idx.length; ++k) {
      const i = idx[k];
      const p = idx[k - 1];
      const prevEnd = t.start_us[p] + t.dur_us[p];
      const gap = t.start_us[i] - prevEnd;
      const launch = launcher[i];
      const c = launch >= 0 && t.start_us[launch] > prevEnd ? 0 : gap < delay ? 1 : 2;
      gaps[c].push(gap);
      present[c] = true;
    }
    return {rank, stream, gaps, present};
  });
}
