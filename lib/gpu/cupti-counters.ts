import {checkGpuEventTable} from "./events.js";
import {optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import type {GpuEventTable} from "./events.js";
import {asPrepared, indicesByRank, rankLocation} from "./prepare.js";
import type {HtaOptions} from "./prepare.js";

/** The Kineto category of CUPTI range-profiler events, whose args are per-kernel counters. */
export const CUPTI_RANGE_KIND = "cuda_profiler_range";

/** Options of {@link cuptiCounters}. */
export interface CuptiCounterOptions extends HtaOptions {
  /** Ranks to analyse (default: all; HTA's default is rank 0 only). */
  ranks?: number[];
}

/** One profiled kernel: HTA's columns (counters under `counters`, by their CUPTI names). */
export interface CuptiCounterRow {
  rank: number;
  /** The kernel's name as the range event gives it. */
  name: string;
  /** Start of the profiled range (µs, aligned time) and its length. */
  ts: number;
  dur: number;
  /** The `cpu_op` events enclosing the launch on its CPU thread, outermost first. */
  op_stack: string[];
  /** First and last of `op_stack`; "" when the launch ran outside any operator. */
  top_level_op: string;
  bottom_level_op: string;
  /** Counter values, e.g. `smsp__sass_thread_inst_executed_op_ffma_pred_on.sum`; NaN where a range lacks one. */
  counters: Record<string, number>;
}

/** Whether an args key is a CUPTI / PerfWorks metric (`unit__metric…`). */
export function isCounterName(key: string): boolean {
  return /^[a-z][a-z0-9]*__/.test(key);
}

/**
 * HTA's CUPTI counter analysis: joins the per-kernel performance counters of a trace recorded in CUPTI
 * range-profiler mode to the PyTorch operators that launched each kernel. Per rank, after HTA's loading rules,
 * the `cuda_profiler_range` events sorted by start are paired, in order, with the `cuda_runtime` calls whose name
 * starts with `cudaLaunchKernel`, sorted by start (the profiler serialises kernels, so the i-th range is the i-th
 * launch). Each launch's operator stack is the `cpu_op` events on the same CPU thread whose interval contains
 * the call, sorted by start, outermost first.
 *
 * A trace without range events gives `[]` (HTA: an empty list). Ranges and launches that do not pair up
 * one to one are an error here; HTA logs it and drops the rank.
 *
 * Reference: HTA `TraceAnalysis.get_cupti_counter_data_with_operators`. HTA's frame also holds every column
 * of the trace frame; its counter columns are `counters` here, its `op_stack` has the same names.
 *
 * @throws BenchstatsError `shape` when a rank has a different number of ranges and kernel launches.
 * @example
 * cuptiCounters(events)[0]; // {rank: 0, name: "void at::native::…", op_stack: ["aten::rand", "aten::uniform_"], counters: {…}}
 */
export function cuptiCounters(events: GpuEventTable, options: CuptiCounterOptions = {}): CuptiCounterRow[] {
  checkGpuEventTable(events, "cuptiCounters");
  options = optionsArg(options, "cuptiCounters");
  const rangeKind = events.kinds.indexOf(CUPTI_RANGE_KIND);
  if (rangeKind < 0) return [];
  const t = asPrepared(events, options);
  const counterNames = Object.keys(t.args ?? {}).filter(isCounterName);
  const isRuntime = t.kinds.map((k) => k.startsWith("cuda_runtime"));
  const isLaunch = t.names.map((n) => n.startsWith("cudaLaunchKernel"));
  const isCpuOp = t.kinds.map((k) => k === "cpu_op");
  const wantRanks = options.ranks ? new Set(options.ranks) : null;
  const rows: CuptiCounterRow[] = [];
  for (const [rank, idx] of indicesByRank(t)) {
    if (wantRanks && !wantRanks.has(rank)) continue;
    const ranges: number[] = [];
    const launches: number[] = [];
    const opsByThread = new Map<number, number[]>();
    for (let k = 0; k < idx.length; ++k) {
      const i = idx[k];
      if (t.kind[i] === rangeKind) ranges.push(i);
      else if (isRuntime[t.kind[i]] && isLaunch[t.name[i]]) launches.push(i);
      else if (isCpuOp[t.kind[i]]) {
        const list = opsByThread.get(t.thread[i]);
        if (list) list.push(i);
        else opsByThread.set(t.thread[i], [i]);
      }
    }
    if (ranges.length === 0) continue;
    if (ranges.length !== launches.length) {
      throw new BenchstatsError("shape", `cuptiCounters: rank ${rank} has ${ranges.length} ${CUPTI_RANGE_KIND} events but ${launches.length} cudaLaunchKernel calls; they pair up only one to one`, rankLocation(t, rank));
    }
    const byStart = (a: number, b: number) => t.start_us[a] - t.start_us[b] || a - b;
    ranges.sort(byStart);
    launches.sort(byStart);
    // Outer operators first: by start, and the longer of two that start together.
    for (const list of opsByThread.values()) list.sort((a, b) => t.start_us[a] - t.start_us[b] || t.dur_us[b] - t.dur_us[a] || a - b);
    ranges.forEach((r, k) => {
      const launch = launches[k];
      const s = t.start_us[launch];
      const e = s + t.dur_us[launch];
      const stack: string[] = [];
      for (const op of opsByThread.get(t.thread[launch]) ?? []) {
        if (t.start_us[op] > s) break;
        if (t.start_us[op] + t.dur_us[op] >= e) stack.push(t.names[t.name[op]]);
      }
      const counters: Record<string, number> = {};
      for (const c of counterNames) counters[c] = t.args![c][r];
      rows.push({
        rank, name: t.names[t.name[r]], ts: t.start_us[r], dur: t.dur_us[r], op_stack: stack,
        top_level_op: stack[0] ?? "", bottom_level_op: stack.at(-1) ?? "", counters
      });
    });
  }
  return rows;
}
