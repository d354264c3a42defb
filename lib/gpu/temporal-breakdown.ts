import {optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import type {GpuEventTable} from "./events.js";
import {checkGpuEventTable, nameCategories} from "./events.js";
import {mergeIntervals, roundHalfEven} from "./intervals.js";
import {asPrepared, indicesByRank} from "./prepare.js";
import type {HtaOptions} from "./prepare.js";

/** One row of {@link temporalBreakdown}, with HTA's column names (µs). */
export interface TemporalBreakdownRow {
  rank: number;
  "idle_time(us)": number;
  "compute_time(us)": number;
  "non_compute_time(us)": number;
  "kernel_time(us)": number;
  idle_time_pctg: number;
  compute_time_pctg: number;
  non_compute_time_pctg: number;
}

/**
 * HTA's temporal breakdown, one row per rank: how the GPU's busy span splits into compute, non-compute
 * (communication, memory, syncs not hidden under compute) and idle time.
 *
 * On the GPU events (`stream ≠ −1`, cuda_sync included) after HTA's loading rules ({@link prepareHtaTrace}):
 * merge overlapping intervals (touching ones merge); kernel_time = end of the last merged group − start of
 * the first; idle = kernel_time − Σ merged lengths; compute = Σ merged lengths of the COMPUTATION events
 * alone ({@link kernelCategory}); non_compute = kernel_time − compute − idle. Percentages are
 * `round(100·x/kernel_time, 2)` with numpy's half-to-even rounding (unrounded in `mode: "exact"`).
 *
 * Reference: HTA `BreakdownAnalysis.get_temporal_breakdown`. On HTA's
 * 2-rank NCCL sample (rank 0) it gives compute 75169 µs, as HTA does; the exact mode gives 76936 µs there.
 *
 * @throws BenchstatsError `empty` when a rank has no GPU events (HTA raises too).
 * @example
 * temporalBreakdown(events)[0]; // {rank: 0, "idle_time(us)": …, compute_time_pctg: 61.2, …}
 */
export function temporalBreakdown(events: GpuEventTable, options: HtaOptions = {}): TemporalBreakdownRow[] {
  checkGpuEventTable(events, "temporalBreakdown");
  options = optionsArg(options, "temporalBreakdown");
  const t = asPrepared(events, options, "temporalBreakdown");
  const exact = t.prepared.mode === "exact";
  const category = nameCategories(t.names);
  const byRank = indicesByRank(t);
  const rows: TemporalBreakdownRow[] = [];
  for (const [rank, all] of byRank) {
    let gpuCount = 0;
    let compCount = 0;
    for (let k = 0; k < all.length; ++k) {
      const i = all[k];
      if (t.stream[i] === -1) continue;
      gpuCount++;
      if (category[t.name[i]] === "COMPUTATION") compCount++;
    }
    const starts = new Float64Array(gpuCount);
    const ends = new Float64Array(gpuCount);
    const compStarts = new Float64Array(compCount);
    const compEnds = new Float64Array(compCount);
    for (let k = 0, g = 0, c = 0; k < all.length; ++k) {
      const i = all[k];
      if (t.stream[i] === -1) continue;
      const s = t.start_us[i];
      const e = s + t.dur_us[i];
      starts[g] = s;
      ends[g++] = e;
      if (category[t.name[i]] === "COMPUTATION") {
        compStarts[c] = s;
        compEnds[c++] = e;
      }
    }
    if (starts.length === 0) {
      throw new BenchstatsError("empty", `temporalBreakdown: rank ${rank} has no GPU events (stream ≠ −1) after HTA's loading rules`);
    }
    const merged = mergeIntervals(starts, ends);
    const kernelTime = merged.end[merged.end.length - 1] - merged.start[0];
    const idle = kernelTime - merged.total;
    const compute = mergeIntervals(compStarts, compEnds).total;
    const nonCompute = kernelTime - compute - idle;
    // HTA computes 100 * (x / kernel_time); keep that order so half-way cases round alike.
    const pct = (x: number) => (exact ? 100 * (x / kernelTime) : roundHalfEven(100 * (x / kernelTime), 2));
    rows.push({
      rank,
      "idle_time(us)": idle,
      "compute_time(us)": compute,
      "non_compute_time(us)": nonCompute,
      "kernel_time(us)": kernelTime,
      idle_time_pctg: pct(idle),
      compute_time_pctg: pct(compute),
      non_compute_time_pctg: pct(nonCompute)
    });
  }
  return rows;
}
