import type {PreparedGpuTrace} from "./prepare.js";
import type {CpGraph, CpInputs} from "./critical-path-graph.js";

/**
 * Step 3 of HTA's critical-path graph (see critical-path-graph.ts): GPU kernels, launch and kernel-kernel delays,
 * and the synchronisation edges. Internal module of {@link criticalPath}. Rules from HTA's
 * `CPGraph._construct_graph_from_kernels` (facebookresearch/HolisticTraceAnalysis f4d0062c).
 */

/** HTA's `KERNEL_KERNEL_DELAY_THRESHOLD_US`: a longer gap between kernels of a stream is not a kernel-kernel delay. */
export const KERNEL_KERNEL_DELAY_THRESHOLD_US = 1500;

/** Runtime calls that enqueue work on a stream (HTA's `get_runtime_launch_events_mask`). */
const LAUNCHES = new Set([
  "cudaLaunchKernel", "cudaLaunchKernelExC", "cuLaunchKernel", "cuLaunchKernelEx", "cudaMemcpyAsync", "cudaMemsetAsync",
  "runFunction - job_prep_and_submit_for_execution", "hipLaunchKernel", "hipExtModuleLaunchKernel", "hipMemcpyAsync",
  "hipMemsetAsync", "hipMemcpyWithStream"
]);
export const WAIT_STREAM_ARG = "wait_on_stream";
export const WAIT_RECORD_ARG = "wait_on_cuda_event_record_corr_id";

/** The rank's launch calls that have a GPU event, in time order (HTA's `launch_id` order). */
function launchCalls(t: PreparedGpuTrace, rankEvents: Int32Array, link: Int32Array): number[] {
  const isLaunch = t.names.map((n) => LAUNCHES.has(n));
  const out: number[] = [];
  for (const i of rankEvents) {
    const k = link[i];
    if (isLaunch[t.name[i]] && k >= 0 && t.stream[k] !== -1 && link[k] >= 0) out.push(i);
  }
  return out.sort((a, b) => t.start_us[a] - t.start_us[b] || a - b);
}

/**
 * HTA's queue length per event: +1 at each launch call, −1 at its GPU event's start, running sum per stream in
 * time order (at equal times the +1 first, then table order; HTA's order there is pandas' unstable sort). The
 * value recorded for an event is the sum just after its own change; NaN where an event has none.
 */
export function queueLengthAt(t: PreparedGpuTrace, rankEvents: Int32Array): Float64Array {
  const isLaunch = t.names.map((n) => LAUNCHES.has(n));
  const launchByCorr = new Map<number, number[]>();
  for (const i of rankEvents) {
    if (!isLaunch[t.name[i]]) continue;
    const list = launchByCorr.get(t.correlation[i]);
    if (list) list.push(i);
    else launchByCorr.set(t.correlation[i], [i]);
  }
  const byStream = new Map<number, {ts: number; delta: number; ev: number}[]>();
  for (const i of rankEvents) {
    if (t.stream[i] === -1) continue;
    const launches = launchByCorr.get(t.correlation[i]);
    if (!launches) continue;
    let s = byStream.get(t.stream[i]);
    if (!s) byStream.set(t.stream[i], (s = []));
    for (const r of launches) s.push({ts: t.start_us[r], delta: 1, ev: r});
    s.push({ts: t.start_us[i], delta: -1, ev: i});
  }
  const q = new Float64Array(t.length).fill(NaN);
  for (const s of byStream.values()) {
    s.sort((a, b) => a.ts - b.ts || b.delta - a.delta || a.ev - b.ev);
    let sum = 0;
    for (const c of s) q[c.ev] = sum += c.delta;
  }
  return q;
}

/**
 * For event-based synchronisation: per cudaEventRecord correlation, the launch call of the last kernel enqueued
 * on the recorded stream before the record (HTA's `index_previous_launch`); per cudaStreamWaitEvent call, the
 * next launch on the same thread and stream after it (HTA's `index_next_launch`).
 */
function eventSyncLookups(t: PreparedGpuTrace, rankEvents: Int32Array, link: Int32Array, thread: (i: number) => number) {
  const waitStream = t.args?.[WAIT_STREAM_ARG];
  const waitRecord = t.args?.[WAIT_RECORD_ARG];
  const previousLaunch = new Map<number, number>();
  const nextLaunch = new Map<number, number>();
  if (!waitStream || !waitRecord) return {previousLaunch, nextLaunch, hasArgs: false};
  const launches = launchCalls(t, rankEvents, link);
  // Recorded stream and GPU of each event record, from the waits that name it.
  const recorded = new Map<number, {stream: number; device: number}>();
  for (const i of rankEvents) if (waitStream[i] > -1) recorded.set(waitRecord[i], {stream: waitStream[i], device: t.device[i]});
  const perStream = new Map<string, number[]>();
  for (const r of launches) {
    const k = link[r];
    const key = `${t.device[k]}/${t.stream[k]}`;
    const list = perStream.get(key);
    if (list) list.push(r);
    else perStream.set(key, [r]);
  }
  // Launch lists are in time order: binary searches keep this linear-logarithmic on long traces.
  const firstAfter = (list: number[], ts: number, orEqual: boolean): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = t.start_us[list[mid]];
      if (v < ts || (!orEqual && v === ts)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const lastAtOrBefore = (list: number[] | undefined, ts: number): number => {
    if (!list) return -1;
    const k = firstAfter(list, ts, false);
    return k > 0 ? list[k - 1] : -1;
  };
  for (const i of rankEvents) {
    if (t.names[t.name[i]] !== "cudaEventRecord") continue;
    const where = recorded.get(t.correlation[i]);
    if (where) previousLaunch.set(t.correlation[i], lastAtOrBefore(perStream.get(`${where.device}/${where.stream}`), t.start_us[i]));
  }
  const perThread = new Map<string, number[]>();
  for (const r of launches) {
    const key = `${thread(r)}/${t.stream[link[r]]}`;
    const list = perThread.get(key);
    if (list) list.push(r);
    else perThread.set(key, [r]);
  }
  for (const i of rankEvents) {
    if (t.names[t.name[i]] !== "cudaStreamWaitEvent" || link[i] < 0 || t.stream[link[i]] === -1) continue;
    const list = perThread.get(`${thread(i)}/${t.stream[link[i]]}`) ?? [];
    const k = firstAfter(list, t.start_us[i], true);
    nextLaunch.set(i, k < list.length ? list[k] : -1);
  }
  return {previousLaunch, nextLaunch, hasArgs: true};
}

/** Adds the kernel spans, launch and kernel-kernel delays and sync edges of the clipped GPU events. */
export function addKernelEdges(g: CpGraph, inp: CpInputs, rankEvents: Int32Array): void {
  const {t, clipped, link, correlated} = inp;
  const q = queueLengthAt(t, rankEvents);
  const {previousLaunch, nextLaunch, hasArgs} = eventSyncLookups(t, rankEvents, link, inp.thread);
  const waitRecord = t.args?.[WAIT_RECORD_ARG];
  const syncKind = t.kinds.indexOf("cuda_sync");
  const rows: number[] = [];
  for (const i of clipped) {
    const name = t.names[t.name[i]];
    if ((t.stream[i] !== -1 || name === "Event Sync" || name === "Context Sync") && correlated[i]) rows.push(i);
  }
  const sortBy = (i: number) => (t.kind[i] === syncKind ? t.start_us[i] + t.dur_us[i] : t.start_us[i]);
  rows.sort((a, b) => sortBy(a) - sortBy(b) || a - b);

  const lastNode = new Map<number, number>();
  const kernelSync = new Map<number, number | null>();
  const syncToHost = (gpuNode: number, runtime: number) => {
    const end = g.endNode.get(runtime);
    if (end !== undefined) g.add(gpuNode, end, "critical_path_sync_dependency");
  };
  for (const i of rows) {
    const name = t.names[t.name[i]];
    if (t.kind[i] === syncKind) {
      if (name === "Stream Wait Event" || name === "Event Sync") {
        if (!hasArgs || !waitRecord) continue;
        const prev = previousLaunch.get(waitRecord[i]) ?? -1;
        if (prev < 0) continue;
        const src = link[prev];
        if (name === "Stream Wait Event") {
          const next = nextLaunch.get(link[i]);
          if (next === undefined || next < 0) continue;
          kernelSync.set(link[next], src);
        } else {
          const end = g.endNode.get(src);
          if (end !== undefined) syncToHost(end, link[i]);
        }
      } else if (name === "Context Sync") {
        for (const node of lastNode.values()) syncToHost(node, link[i]);
      } else if (name === "Stream Sync") {
        const node = lastNode.get(t.stream[i]);
        if (node !== undefined) syncToHost(node, link[i]);
      }
      continue;
    }
    const start = g.startNode.get(i);
    const end = g.endNode.get(i);
    if (start === undefined || end === undefined) continue;
    g.attribute(g.add(start, end, "critical_path_operator"), -1);
    const stream = t.stream[i];
    let syncIndex = kernelSync.get(i) ?? null;
    let syncEnd: number | undefined;
    if (syncIndex !== null) {
      syncEnd = g.endNode.get(syncIndex);
      if (syncEnd === undefined) syncIndex = null;
      else g.add(syncEnd, start, "critical_path_sync_dependency");
      kernelSync.set(i, null);
    }
    const runtime = link[i];
    const runtimeTs = runtime >= 0 ? t.start_us[runtime] : NaN;
    const last = lastNode.get(stream);
    if (
      runtime >= 0 && q[runtime] === 1 && q[i] === 0 &&
      (last === undefined || g.ts[last] < runtimeTs) &&
      (syncIndex === null || (syncEnd !== undefined && g.ts[syncEnd] < runtimeTs))
    ) {
      const runtimeStart = g.startNode.get(runtime);
      if (runtimeStart !== undefined) g.add(runtimeStart, start, "critical_path_kernel_launch_delay");
    } else if (
      last !== undefined && g.ts[start] - g.ts[last] < KERNEL_KERNEL_DELAY_THRESHOLD_US &&
      (syncIndex === null || (syncEnd !== undefined && g.ts[syncEnd] < g.ts[last]))
    ) {
      g.attribute(g.add(last, start, "critical_path_kernel_kernel_delay"), -1);
    }
    lastNode.set(stream, end);
  }
}
