import {optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {quantile} from "../describe/quantile.js";
import type {GpuEventTable, KernelCategory} from "./events.js";
import {checkGpuEventTable, nameCategories} from "./events.js";
import {mergeIntervals, roundHalfEven} from "./intervals.js";
import {asPrepared, indicesByRank} from "./prepare.js";
import type {HtaOptions} from "./prepare.js";

/** Options of {@link kernelBreakdown}; HTA's names and defaults (`TraceAnalysis.get_gpu_kernel_breakdown`). */
export interface KernelBreakdownOptions extends HtaOptions {
  /** Keep at most this many kernels per (rank, type) before folding the rest into "others" (default 10). */
  numKernels?: number;
  /** HTA's `duration_ratio` (default 0.8); see the top-k rule in {@link kernelBreakdown}. */
  durationRatio?: number;
  /** Analyse MEMORY kernels too (default true, as in `TraceAnalysis`). */
  includeMemoryKernels?: boolean;
}

/** A row of the first frame: time in one exclusive combination of kernel types, summed over ranks. */
export interface KernelTypeRow {
  /** e.g. `COMPUTATION`, `COMPUTATION overlapping COMMUNICATION`. */
  kernel_type: string;
  /** µs, each segment truncated to an integer as HTA does (not truncated in exact mode). */
  sum: number;
  /** `round(100·sum / Σ sum, 1)` (unrounded in exact mode). */
  percentage: number;
}

/** A row of the second frame (per rank, type and kernel name), HTA's columns. */
export interface KernelRow {
  name: string;
  "sum (us)": number;
  "max (us)": number;
  "min (us)": number;
  /** Sample standard deviation (ddof 1); 0 for a single value. */
  stddev: number;
  "mean (us)": number;
  kernel_type: KernelCategory;
  rank: number;
  /** Launches behind the row (not in HTA's frame): the kernel's launches, or all launches folded into "others". */
  count: number;
}

/**
 * HTA's GPU kernel breakdown, two tables.
 *
 * `kernelTypes`: per rank, merge the intervals of each analysed type (COMPUTATION = bit 1, COMMUNICATION = 2,
 * MEMORY = 4; OTHER such as cuda_sync is not analysed), sweep the merged lists with +bit/−bit, and credit
 * each segment between change points (length truncated to an integer) to the combination running then,
 * labelled like `COMPUTATION overlapping COMMUNICATION`; sum over ranks, sort by sum (descending) and give
 * `round(100·sum/Σ, 1)`.
 *
 * `kernels`: per rank and type, group durations by name (sum, max, min, mean, sample std with 0 for one launch),
 * sort by sum descending. When there are more than `numKernels` names, HTA renames to "others" every row
 * whose running sum exceeds the linear quantile `durationRatio` *of the running-sum series*, and every row
 * at position ≥ `numKernels`, then re-aggregates over the per-name sums (so a kept kernel then shows
 * max = min = mean = sum and std 0). Rows are sorted by kernel_type, name, rank.
 *
 * Reference: HTA `BreakdownAnalysis.get_gpu_kernel_breakdown`, `_get_gpu_kernel_type_time`,
 * `_aggr_gpu_kernel_time`. On HTA's 2-rank NCCL sample (rank 0) the type sums are
 * COMPUTATION 71696, COMMUNICATION 20621, COMPUTATION overlapping COMMUNICATION 3473, MEMORY 831,
 * COMMUNICATION overlapping MEMORY 184 µs, as in HTA.
 *
 * @example
 * const {kernelTypes, kernels} = kernelBreakdown(events, {numKernels: 5});
 */
export function kernelBreakdown(events: GpuEventTable, options: KernelBreakdownOptions = {}): {
  kernelTypes: KernelTypeRow[];
  kernels: KernelRow[];
} {
  checkGpuEventTable(events, "kernelBreakdown");
  options = optionsArg(options, "kernelBreakdown");
  const numKernels = options.numKernels ?? 10;
  const durationRatio = options.durationRatio ?? 0.8;
  if (!(Number.isInteger(numKernels) && numKernels >= 1)) {
    throw new BenchstatsError("option", `kernelBreakdown: numKernels must be a positive integer, got ${numKernels}`);
  }
  if (!(durationRatio >= 0 && durationRatio <= 1)) {
    throw new BenchstatsError("option", `kernelBreakdown: durationRatio must be in [0, 1], got ${durationRatio}`);
  }
  const t = asPrepared(events, options, "kernelBreakdown");
  const exact = t.prepared.mode === "exact";
  const types: KernelCategory[] = ["COMPUTATION", "COMMUNICATION"];
  if (options.includeMemoryKernels ?? true) types.push("MEMORY");
  const category = nameCategories(t.names);

  const typeSums = new Map<string, number>();
  const kernels: KernelRow[] = [];
  for (const [rank, all] of indicesByRank(t)) {
    const perType = types.map(() => ({starts: [] as number[], ends: [] as number[], byName: new Map<number, number[]>()}));
    for (let k = 0; k < all.length; ++k) {
      const i = all[k];
      if (t.stream[i] === -1) continue;
      const ti = types.indexOf(category[t.name[i]]);
      if (ti < 0) continue;
      const bucket = perType[ti];
      bucket.starts.push(t.start_us[i]);
      bucket.ends.push(t.start_us[i] + t.dur_us[i]);
      let durs = bucket.byName.get(t.name[i]);
      if (!durs) bucket.byName.set(t.name[i], (durs = []));
      durs.push(t.dur_us[i]);
    }
    // Exclusive overlap segments between the merged lists of each type.
    const points: {time: number; delta: number}[] = [];
    perType.forEach((bucket, ti) => {
      const merged = mergeIntervals(Float64Array.from(bucket.starts), Float64Array.from(bucket.ends));
      for (let g = 0; g < merged.start.length; ++g) {
        points.push({time: merged.start[g], delta: 1 << ti}, {time: merged.end[g], delta: -(1 << ti)});
      }
    });
    points.sort((a, b) => a.time - b.time);
    let running = 0;
    for (let p = 0; p < points.length; ++p) {
      running += points[p].delta;
      if (running <= 0 || p + 1 >= points.length) continue;
      const length = points[p + 1].time - points[p].time;
      const label = types.filter((_, ti) => running & (1 << ti)).join(" overlapping ");
      typeSums.set(label, (typeSums.get(label) ?? 0) + (exact ? length : Math.trunc(length)));
    }
    perType.forEach((bucket, ti) => {
      for (const row of aggregateKernels(bucket.byName, t.names, numKernels, durationRatio)) {
        kernels.push({...row, kernel_type: types[ti], rank});
      }
    });
  }

  const grand = [...typeSums.values()].reduce((a, b) => a + b, 0);
  const kernelTypes = [...typeSums]
    .sort((a, b) => b[1] - a[1])
    .map(([kernel_type, sum]) => ({
      kernel_type,
      sum,
      percentage: exact ? (sum / grand) * 100 : roundHalfEven((sum / grand) * 100, 1)
    }));
  kernels.sort((a, b) => cmp(a.kernel_type, b.kernel_type) || cmp(a.name, b.name) || a.rank - b.rank);
  return {kernelTypes, kernels};
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Aggregate = Omit<KernelRow, "kernel_type" | "rank">;

function describe(name: string, values: number[], count: number): Aggregate {
  const n = values.length;
  let sum = 0;
  let max = -Infinity;
  let min = Infinity;
  for (const v of values) {
    sum += v;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return {name, "sum (us)": sum, "max (us)": max, "min (us)": min, stddev: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, "mean (us)": mean, count};
}

function aggregateKernels(byName: Map<number, number[]>, names: readonly string[], numKernels: number, durationRatio: number): Aggregate[] {
  const rows = [...byName].map(([id, durs]) => describe(names[id], durs, durs.length));
  // pandas sort_values(by="sum", ascending=False); ties broken by name for determinism.
  rows.sort((a, b) => b["sum (us)"] - a["sum (us)"] || cmp(a.name, b.name));
  if (rows.length <= numKernels) return rows.sort((a, b) => cmp(a.name, b.name));
  const cumsum = new Float64Array(rows.length);
  let acc = 0;
  rows.forEach((r, k) => (cumsum[k] = acc += r["sum (us)"]));
  const cut = quantile(cumsum, durationRatio);
  const groups = new Map<string, {sums: number[]; count: number}>();
  rows.forEach((r, k) => {
    const name = cumsum[k] > cut || k >= numKernels ? "others" : r.name;
    let g = groups.get(name);
    if (!g) groups.set(name, (g = {sums: [], count: 0}));
    g.sums.push(r["sum (us)"]);
    g.count += r.count;
  });
  return [...groups].map(([name, g]) => describe(name, g.sums, g.count)).sort((a, b) => cmp(a.name, b.name));
}
