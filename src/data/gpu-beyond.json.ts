// The GPU analyses beyond HTA's breakdowns, on the bundled real traces: memcpy bandwidth over time, time blocked
// on a full launch queue, CUPTI counters (FLOPs per kernel and operator), efficiency per kernel type, two trace
// comparisons (two steps of one trace, two ranks of one job), the stragglers of the two-rank slice of the
// 128-GPU job, and the critical path of one iteration. Every number the page's prose quotes is computed here or on the page from these tables.
import {
  criticalPath, kernelEfficiency, memoryBandwidthSeries, memoryBandwidthSummary, queueLengthSeries, shortenName, stragglers, timeBlockedOnFullQueue,
  traceDiff, traceDiffGroups
} from "../../lib/gpu/index.js";
import type {GpuEventTable, TraceDiffOptions} from "../../lib/gpu/index.js";
import {dataPath} from "../../loaders/data-dir.js";
import {readGpuEvents} from "../../loaders/gpu/index.js";
import {TRACES, toJson} from "./gpu.js";

const tables = new Map<string, GpuEventTable>();
for (const trace of TRACES) tables.set(trace.id, await trace.read());
const short = (id: string) => TRACES.find((t) => t.id === id)!.short;
const counters = await readGpuEvents(dataPath("gpu", "kineto_a100_cupti_counters.json.gz"));
/** The Kineto traces with memcpys and several streams (the MI250 toy trace and the nsys export have too few). */
const WITH_COPIES = ["nccl", "alexnet", "job128"];

// Bandwidth: the change points of HTA's step function, and HTA's summary.
const bandwidth = WITH_COPIES.map((id) => ({
  id, label: short(id), series: memoryBandwidthSeries(tables.get(id)!), summary: memoryBandwidthSummary(tables.get(id)!)
}));

// Blocked time for a range of queue limits (CUDA's real limit, 1024, is never reached in these traces), and the
// deepest queue of each stream.
const LIMITS = [1, 2, 4, 8, 16, 32, 64, 128, 1024];
const blocked = WITH_COPIES.flatMap((id) => LIMITS.flatMap((queueLimit) =>
  timeBlockedOnFullQueue(tables.get(id)!, {queueLimit}).map((r) => ({trace: short(id), queue_limit: queueLimit, ...r}))));
const queueMax = WITH_COPIES.flatMap((id) => {
  const max = new Map<string, {rank: number; stream: number; max: number}>();
  for (const p of queueLengthSeries(tables.get(id)!)) {
    const key = `${p.rank}/${p.stream}`;
    const m = max.get(key);
    if (!m) max.set(key, {rank: p.rank, stream: p.stream, max: p.queue_length});
    else m.max = Math.max(m.max, p.queue_length);
  }
  return [...max.values()].map((m) => ({trace: short(id), ...m}));
});

// Counters: FLOPs per profiled kernel, by precision, with the operators around its launch (the full kernel name,
// thousands of characters of template arguments, is left out).
const counterResult = kernelEfficiency(counters);
const flops = counterResult.kernels.map(({name, ...k}, i) => ({index: i, kernel: shortenName(name), ...k}));
const counterDevice = counterResult.devices[0];

// Efficiency per kernel type on every trace with GPU work.
const efficiency = TRACES.map((trace) => {
  const result = kernelEfficiency(tables.get(trace.id)!, trace.id === "nsys" ? {mode: "exact"} : {});
  return {id: trace.id, label: trace.label, short: trace.short, devices: result.devices, types: result.types};
});

// Trace comparisons: two steps of the NCCL trace, and the same step on two ranks of the 128-GPU job.
/** One comparison; `control`/`test` name the sides ("step 4", "rank 0"), `where` the preposition that goes with them. */
function diff(id: string, label: string, where: string, control: string, test: string, options: TraceDiffOptions) {
  const events = tables.get(id)!;
  const rows = traceDiff(events, events, options);
  const groups = traceDiffGroups(rows);
  return {
    id: `${id}:${control}:${test}`, label, where, control, test,
    groups: Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, v.length])),
    added: groups.added, deleted: groups.deleted, increased: groups.increased, decreased: groups.decreased,
    names: rows.length,
    // The chart shows the largest changes; names are cut to 300 characters (kernel names run to thousands).
    rows: rows.filter((r) => (r.diff_counts !== 0 || r.diff_duration !== 0) && !/^ProfilerStep#\d+$/.test(r.name))
      .sort((a, b) => Math.abs(b.diff_duration) - Math.abs(a.diff_duration) || a.name.localeCompare(b.name)).slice(0, 60)
      .map((r) => ({...r, name: r.name.length > 300 ? `${r.name.slice(0, 300)}…` : r.name, short: shortenName(r.name)})),
    steps: rows.filter((r) => /^ProfilerStep#\d+$/.test(r.name)),
    countChanges: rows.filter((r) => r.diff_counts !== 0 && !/^ProfilerStep#\d+$/.test(r.name))
      .slice(0, 10).map((r) => ({name: r.name.length > 300 ? `${r.name.slice(0, 300)}…` : r.name, control_counts: r.control_counts, test_counts: r.test_counts}))
  };
}
const diffs = [
  diff("nccl", "A100 NCCL 2-GPU: step 4 against step 5 (rank 0)", "in", "step 4", "step 5", {controlIteration: 4, testIteration: 5}),
  diff("job128", "128-GPU job: rank 0 against rank 1 (first step)", "on", "rank 0", "rank 1", {controlRank: 0, testRank: 1})
];

const straggler = stragglers(tables.get("job128")!);
const straggler1 = stragglers(tables.get("job128")!, {numCandidates: 1});

// Critical path of one iteration: the first ProfilerStep of the 128-GPU job's rank 0 and of the NCCL job, and the
// whole AlexNet benchmark (it has no ProfilerStep; its window holds the CUDA sync events). The chart gets the path
// as segments (consecutive edges of one bound type merged) and the events holding most of the path's time.
function critical(id: string, label: string, options: Parameters<typeof criticalPath>[1]) {
  const cp = criticalPath(tables.get(id)!, options);
  const segments: {from: number; to: number; bound_by: string; edges: number}[] = [];
  for (const e of cp.edges) {
    if (e.duration <= 0) continue;
    const last = segments[segments.length - 1];
    if (last && last.bound_by === e.bound_by && last.to === e.from_ts) {
      last.to = e.to_ts;
      last.edges++;
    } else segments.push({from: e.from_ts, to: e.to_ts, bound_by: e.bound_by, edges: 1});
  }
  const byEvent = new Map<string, {s_name: string; bound_by: string; duration: number; edges: number}>();
  for (const e of cp.edges) {
    if (e.duration <= 0) continue;
    // HTA's short name drops everything in <…>, so "<forward op>" has none: show the full name then.
    const name = e.s_name || e.name;
    const key = `${e.bound_by}\u0000${name}`;
    const g = byEvent.get(key);
    if (g) {
      g.duration += e.duration;
      g.edges++;
    } else byEvent.set(key, {s_name: name.length > 120 ? `${name.slice(0, 120)}…` : name, bound_by: e.bound_by, duration: e.duration, edges: 1});
  }
  const kernels = new Set(cp.edges.filter((e) => e.bound_by === "gpu_compute_bound" || e.bound_by === "gpu_communication_bound").map((e) => e.event_idx)).size;
  return {
    id, label, rank: cp.rank, window: cp.window, graph: cp.graph, length_us: cp.length_us, edges: cp.edges.length, kernels,
    types: Object.fromEntries([...new Set(cp.edges.map((e) => e.type))].map((t) => [t, cp.edges.filter((e) => e.type === t).length])),
    summary: cp.summary.filter((r) => r.bound_by !== ""), segments,
    top: [...byEvent.values()].sort((a, b) => b.duration - a.duration || a.s_name.localeCompare(b.s_name)).slice(0, 12)
  };
}
const criticalPaths = [
  critical("job128", "128-GPU job, rank 0, first step", {rank: 0}),
  critical("alexnet", "A100 AlexNet benchmark, whole trace", {annotation: ""}),
  critical("nccl", "A100 NCCL 2-GPU, rank 0, first step", {})
];

process.stdout.write(toJson({
  bandwidth, blocked, queueMax, flops, counterDevice, efficiency, diffs, criticalPaths,
  stragglers: {...straggler, candidates1: straggler1.stragglers, metric1: straggler1.metric}
}));
