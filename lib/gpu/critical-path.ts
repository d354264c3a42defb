import {optionsArg, stringArg} from "../core/check.js";
import {BenchstatsError, type ErrorLocation} from "../core/errors.js";
import {checkGpuEventTable, kernelCategory, type GpuEventTable} from "./events.js";
import {asPrepared, gpuKernelMask, indicesByRank, rankLocation, type HtaOptions, type PreparedGpuTrace} from "./prepare.js";
import {shortenName} from "./trace-diff.js";
import {addCallStackEdges, addRuntimeLockEdges, createNodes, type CpGraph, type CpInputs, type CriticalPathEdgeType} from "./critical-path-graph.js";
import {addKernelEdges} from "./critical-path-kernels.js";

export type {CriticalPathEdgeType} from "./critical-path-graph.js";

/** Options of {@link criticalPath}: HTA's `critical_path_analysis` arguments. */
export interface CriticalPathOptions extends HtaOptions {
  /** The rank to analyse (default: the lowest rank of the table). */
  rank?: number;
  /** Events whose name contains this string delimit the window (default `"ProfilerStep"`; `""`: the whole trace). */
  annotation?: string;
  /** Which instance of the annotation, 0-based, or an inclusive range `[first, last]` (default 0). */
  instance?: number | [number, number];
  /**
   * Patterns naming data-loading events (HTA's `data_load_events`; default none). As in HTA, an event whose
   * name contains a pattern literally joins the graph, and an edge whose event's short name matches a pattern
   * as a regular expression is labelled `data_loading`.
   */
  dataLoadEvents?: string[];
}

/** What bounds an edge of the critical path (HTA's `BoundType`; `""` for zero-weight dependency and sync edges). */
export type CriticalPathBound =
  | "cpu_bound"
  | "data_loading"
  | "gpu_compute_bound"
  | "gpu_communication_bound"
  | "gpu_kernel_kernel_overhead"
  | "gpu_kernel_launch_overhead"
  | "";

/** One edge of the critical path, in path order: HTA's `get_critical_path_breakdown` columns. */
export interface CriticalPathEdgeRow {
  /**
   * Index of the event the edge's time is attributed to, in the prepared table (`prepareHtaTrace(events)`, the
   * raw table when no ProfilerStep filter applies); −1 for dependency, launch and sync edges.
   */
  event_idx: number;
  /** Full name of that event; "" when none. */
  name: string;
  /** µs: the edge's span (an operator, a kernel, a gap); 0 for dependency and sync edges. */
  duration: number;
  type: CriticalPathEdgeType;
  /** Shortened name of the attributed event (HTA's `s_name`); "" when none. */
  s_name: string;
  /** Kineto category of the attributed event; "" when none. */
  cat: string;
  tid: number;
  stream: number;
  bound_by: CriticalPathBound;
  /** Start and end of the edge (µs, aligned time). */
  from_ts: number;
  to_ts: number;
}

/** One point of the critical path: the start or end of an event. */
export interface CriticalPathNodeRow {
  /** The event's index in the prepared table (as {@link CriticalPathEdgeRow.event_idx}). */
  event_idx: number;
  ts: number;
  is_start: boolean;
  name: string;
}

/** What {@link criticalPath} found for one iteration of one rank. */
export interface CriticalPathResult {
  rank: number;
  /** The analysed window (µs, aligned time): the annotation instances' first start and last end. */
  window: {start: number; end: number};
  /** Points and edges of the whole event graph. */
  graph: {nodes: number; edges: number};
  /** Length of the critical path (µs): the sum of its edge weights, negative spans counted as 0 (as HTA). */
  length_us: number;
  nodes: CriticalPathNodeRow[];
  edges: CriticalPathEdgeRow[];
  /** Duration per bound type and its share of the path (HTA's `summary()`), largest first. */
  summary: {bound_by: CriticalPathBound; duration: number; percent: number}[];
}

/**
 * HTA's critical path analysis of one iteration: the longest chain of dependent work through the CPU operators,
 * the CUDA runtime, the GPU kernels and their synchronisations, and what bounds it.
 *
 * The window is the `instance`-th event whose name contains `annotation` (HTA keeps CPU events that start in it
 * and last > 0 µs, and GPU events whose launch call does). On the event graph of critical-path-graph.ts
 * the path is the heaviest path of the DAG (networkx's `dag_longest_path`, ties resolved as networkx does: the
 * first best predecessor in edge order, the first farthest node in topological order). Every edge is attributed
 * to an event and classified: launch and kernel-kernel delays as overheads, CPU spans as `cpu_bound` (or
 * `data_loading` when the event matches `dataLoadEvents`), kernel spans as `gpu_communication_bound` (NCCL) or
 * `gpu_compute_bound`. Negative spans (a child ending after its parent after µs rounding) count 0 in the path.
 *
 * Differences from HTA: CPU threads are told apart by thread id alone (the table has no process id); where HTA's
 * pandas sorts are unstable (equal times), ties go by table order. Reference: Holistic Trace Analysis
 * `CriticalPathAnalysis.critical_path_analysis`, `CPGraph` (facebookresearch/HolisticTraceAnalysis f4d0062c);
 * checked against HTA's own output on the bundled traces (test/gpu/hta-critical-path.test.ts).
 *
 * @example
 * const cp = criticalPath(events, {annotation: "ProfilerStep", instance: 0});
 * cp.summary; // [{bound_by: "cpu_bound", duration: 300492, percent: 99.7}, …]
 */
export function criticalPath(events: GpuEventTable, options: CriticalPathOptions = {}): CriticalPathResult {
  const fn = "criticalPath";
  checkGpuEventTable(events, fn);
  options = optionsArg(options, fn);
  const {rank: _r, annotation: _a, instance: _i, dataLoadEvents: _d, ...hta} = options;
  const t = asPrepared(events, hta, fn);
  const annotation = options.annotation === undefined ? "ProfilerStep" : stringArg(options.annotation, "annotation", fn, {empty: true});
  const [first, last] = instanceRange(options.instance, fn);
  const patterns = dataLoadPatterns(options.dataLoadEvents, fn);
  const literals = (options.dataLoadEvents ?? []) as string[];
  const byRank = indicesByRank(t);
  if (byRank.size === 0) throw new BenchstatsError("empty", `${fn}: the trace has no events`);
  if (options.rank !== undefined && (typeof options.rank !== "number" || !Number.isInteger(options.rank))) {
    throw new BenchstatsError("option", `${fn}: rank must be an integer, got ${JSON.stringify(options.rank)}`);
  }
  const rank = options.rank ?? [...byRank.keys()][0];
  const rankEvents = byRank.get(rank);
  if (!rankEvents) throw new BenchstatsError("missing", `${fn}: no events of rank ${rank}; ranks are ${[...byRank.keys()].join(", ")}`);
  const where = rankLocation(t, rank);

  const isKernel = gpuKernelMask(t);
  const {link, correlated} = linkEvents(t, rankEvents, isKernel);
  const window = analysisWindow(t, rankEvents, isKernel, annotation, first, last, where);
  const clipped = clipEvents(t, rankEvents, link, window);
  const thread = threadMap(t, clipped);
  const inputs: CpInputs = {t, clipped, link, correlated, dataLoad: t.names.map((n) => literals.some((p) => n.includes(p))), thread};
  const g = createNodes(inputs);
  addRuntimeLockEdges(g, t);
  addCallStackEdges(g, inputs);
  addKernelEdges(g, inputs, rankEvents);
  validate(g, t, where);
  if (g.edgeCount === 0) throw new BenchstatsError("empty", `${fn}: no dependent events in the window ${window.start}–${window.end} µs of rank ${rank}`, where);
  const path = longestPath(g);
  return describePath(g, t, path, {rank, window, patterns});
}

function instanceRange(instance: unknown, fn: string): [number, number] {
  const ok = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
  if (instance === undefined) return [0, 0];
  if (ok(instance)) return [instance, instance];
  if (Array.isArray(instance) && instance.length === 2 && ok(instance[0]) && ok(instance[1]) && instance[0] <= instance[1]) return [instance[0], instance[1]];
  throw new BenchstatsError("option", `${fn}: instance must be an integer ≥ 0 or a range [first, last], got ${JSON.stringify(instance)}`);
}

function dataLoadPatterns(list: unknown, fn: string): RegExp[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new BenchstatsError("type", `${fn}: dataLoadEvents must be a list of regular expressions`);
  return list.map((p, k) => {
    try {
      return new RegExp(stringArg(p, `dataLoadEvents[${k}]`, fn));
    } catch (e) {
      if (e instanceof BenchstatsError) throw e;
      throw new BenchstatsError("option", `${fn}: dataLoadEvents[${k}] is not a regular expression: ${JSON.stringify(p)}`);
    }
  });
}

/**
 * HTA's `index_correlation`: a CPU-side event links to the last GPU event of its correlation id and a GPU event
 * (stream ≥ 0 or an Event/Context Sync) to the last CPU-side one; `correlated` is HTA's `index_correlation ≥ 0`.
 */
function linkEvents(t: PreparedGpuTrace, rankEvents: Int32Array, isKernel: Uint8Array) {
  const lastCpu = new Map<number, number>();
  const lastGpu = new Map<number, number>();
  for (const i of rankEvents) {
    if (t.correlation[i] === -1) continue;
    (isKernel[i] ? lastGpu : lastCpu).set(t.correlation[i], i);
  }
  const link = new Int32Array(t.length).fill(-1);
  const correlated = new Uint8Array(t.length);
  for (const i of rankEvents) {
    const c = t.correlation[i];
    if (c === -1) continue;
    link[i] = (isKernel[i] ? lastCpu : lastGpu).get(c) ?? -1;
    correlated[i] = link[i] >= 0 || c >= 0 ? 1 : 0;
  }
  return {link, correlated};
}

/** The window: first start and last end of the chosen annotation instances, in HTA's frame order. */
function analysisWindow(t: PreparedGpuTrace, rankEvents: Int32Array, isKernel: Uint8Array, annotation: string, first: number, last: number, where: ErrorLocation) {
  if (annotation === "") {
    let start = Infinity;
    let end = -Infinity;
    for (const i of rankEvents) {
      start = Math.min(start, t.start_us[i]);
      end = Math.max(end, t.start_us[i] + t.dur_us[i]);
    }
    return {start, end};
  }
  const matches = t.names.map((n) => n.includes(annotation));
  const found: number[] = [];
  // After HTA's ProfilerStep filter its frame lists the GPU kernels first, then the other events.
  if (t.prepared.stepFilterApplied) for (const i of rankEvents) if (isKernel[i] && matches[t.name[i]]) found.push(i);
  for (const i of rankEvents) if ((!t.prepared.stepFilterApplied || !isKernel[i]) && matches[t.name[i]]) found.push(i);
  if (found.length === 0) throw new BenchstatsError("missing", `criticalPath: no event name contains the annotation ${JSON.stringify(annotation)}`, where);
  if (first >= found.length) {
    throw new BenchstatsError("range", `criticalPath: instance ${first} of ${JSON.stringify(annotation)} does not exist; the trace has ${found.length} (0–${found.length - 1})`, where);
  }
  let start = Infinity;
  let end = -Infinity;
  for (const i of found.slice(first, last + 1)) {
    start = Math.min(start, t.start_us[i]);
    end = Math.max(end, t.start_us[i] + t.dur_us[i]);
  }
  return {start, end};
}

/** HTA's clipping: CPU events starting in the window with dur > 0, GPU events launched from such a call, and every Stream Wait Event. */
function clipEvents(t: PreparedGpuTrace, rankEvents: Int32Array, link: Int32Array, w: {start: number; end: number}): Int32Array {
  const inWindow = (i: number) => t.start_us[i] >= w.start && t.start_us[i] <= w.end && t.dur_us[i] > 0;
  const launchedInWindow = new Uint8Array(t.length);
  for (const i of rankEvents) if (t.stream[i] === -1 && link[i] >= 0 && inWindow(i)) launchedInWindow[link[i]] = 1;
  const out: number[] = [];
  for (const i of rankEvents) {
    if (t.stream[i] === -1 ? inWindow(i) : launchedInWindow[i] || t.names[t.name[i]] === "Stream Wait Event") out.push(i);
  }
  return Int32Array.from(out);
}

/** CPU thread per event; when exactly one thread runs "forward" and another "autograd" ops, the backward thread joins the forward one. */
function threadMap(t: PreparedGpuTrace, clipped: Int32Array): (i: number) => number {
  const opKinds = t.kinds.map((k) => k === "cpu_op" || k === "user_annotation");
  const threadsOf = (word: string) => {
    const has = t.names.map((n) => n.includes(word));
    const set = new Set<number>();
    for (const i of clipped) if (has[t.name[i]] && opKinds[t.kind[i]]) set.add(t.thread[i]);
    return set.size === 1 ? [...set][0] : null;
  };
  const fwd = threadsOf("forward");
  const bwd = threadsOf("autograd");
  if (fwd !== null && bwd !== null && fwd !== bwd) return (i) => (t.thread[i] === bwd ? fwd : t.thread[i]);
  return (i) => t.thread[i];
}

/** HTA's `_validate_graph`: negative spans weigh 0; a sync edge within one stream or a cycle is an error. */
function validate(g: CpGraph, t: PreparedGpuTrace, where: ErrorLocation): void {
  for (const v of g.order) {
    for (const e of g.succ[v].values()) {
      if (e.type !== "critical_path_sync_dependency") continue;
      const a = t.stream[g.ev[e.from]];
      if (a !== -1 && a === t.stream[g.ev[e.to]]) {
        throw new BenchstatsError("value", `criticalPath: a synchronisation edge joins two events of stream ${a} (events ${g.ev[e.from]} and ${g.ev[e.to]}); the trace's sync records are inconsistent`, where);
      }
    }
  }
}

/** Graph weight of an edge: HTA sets spans of −1 µs or less to 0 before the longest-path search. */
const pathWeight = (w: number) => (w <= -1 ? 0 : w);

/** networkx `dag_longest_path` on the graph: Kahn generations in insertion order, first best predecessor. */
function longestPath(g: CpGraph): number[] {
  const indegree = new Map<number, number>();
  let generation: number[] = [];
  for (const v of g.order) {
    const d = g.pred[v].size;
    if (d > 0) indegree.set(v, d);
    else generation.push(v);
  }
  const topo: number[] = [];
  while (generation.length > 0) {
    const next: number[] = [];
    for (const v of generation) {
      topo.push(v);
      for (const c of g.succ[v].keys()) {
        const d = indegree.get(c)! - 1;
        if (d === 0) {
          next.push(c);
          indegree.delete(c);
        } else indegree.set(c, d);
      }
    }
    generation = next;
  }
  if (indegree.size > 0) throw new BenchstatsError("value", "criticalPath: the event graph has a cycle; the trace's event times are inconsistent");
  const dist = new Map<number, number>();
  const from = new Map<number, number>();
  for (const v of topo) {
    let best = 0;
    let arg = v;
    let any = false;
    for (const [u, e] of g.pred[v]) {
      const d = dist.get(u)! + pathWeight(e.weight);
      if (!any || d > best) {
        best = d;
        arg = u;
        any = true;
      }
    }
    if (best >= 0) {
      dist.set(v, best);
      from.set(v, arg);
    } else {
      dist.set(v, 0);
      from.set(v, v);
    }
  }
  let v = topo[0];
  for (const u of topo) if (dist.get(u)! > dist.get(v)!) v = u;
  const path: number[] = [];
  for (let u = -1; u !== v; ) {
    path.push(v);
    u = v;
    v = from.get(v)!;
  }
  return path.reverse();
}

function describePath(g: CpGraph, t: PreparedGpuTrace, path: number[], ctx: {rank: number; window: {start: number; end: number}; patterns: RegExp[]}): CriticalPathResult {
  const nodes: CriticalPathNodeRow[] = path.map((k) => ({event_idx: g.ev[k], ts: g.ts[k], is_start: g.isStart[k] === 1, name: t.names[t.name[g.ev[k]]]}));
  const edges: CriticalPathEdgeRow[] = [];
  let length = 0;
  for (let j = 1; j < path.length; ++j) {
    const e = g.succ[path[j - 1]].get(path[j])!;
    length += pathWeight(e.weight);
    const ev = g.attribution.get(e.from * g.size + e.to) ?? -1;
    const name = ev >= 0 ? t.names[t.name[ev]] : "";
    const stream = ev >= 0 ? t.stream[ev] : -1;
    edges.push({
      event_idx: ev,
      duration: e.weight,
      type: e.type,
      name,
      s_name: ev >= 0 ? shortenName(name) : "",
      cat: ev >= 0 ? t.kinds[t.kind[ev]] : "",
      tid: ev >= 0 ? t.thread[ev] : -1,
      stream,
      bound_by: boundBy(e.type, ev >= 0 ? shortenName(name) : "", stream, ctx.patterns),
      from_ts: g.ts[e.from],
      to_ts: g.ts[e.to]
    });
  }
  const total = edges.reduce((s, e) => s + e.duration, 0);
  const sums = new Map<CriticalPathBound, number>();
  for (const e of edges) sums.set(e.bound_by, (sums.get(e.bound_by) ?? 0) + e.duration);
  const summary = [...sums].map(([bound_by, duration]) => ({bound_by, duration, percent: total > 0 ? (100 * duration) / total : 0}));
  summary.sort((a, b) => b.duration - a.duration || (a.bound_by < b.bound_by ? -1 : 1));
  return {rank: ctx.rank, window: ctx.window, graph: {nodes: g.size, edges: g.edgeCount}, length_us: length, nodes, edges, summary};
}

/** HTA's `bound_by` of one edge. */
function boundBy(type: CriticalPathEdgeType, sName: string, stream: number, patterns: RegExp[]): CriticalPathBound {
  if (type === "critical_path_kernel_kernel_delay") return "gpu_kernel_kernel_overhead";
  if (type === "critical_path_kernel_launch_delay") return "gpu_kernel_launch_overhead";
  if (type === "critical_path_dependency" || type === "critical_path_sync_dependency") return "";
  if (stream < 0) return patterns.some((p) => p.test(sName)) ? "data_loading" : "cpu_bound";
  return kernelCategory(sName) === "COMMUNICATION" ? "gpu_communication_bound" : "gpu_compute_bound";
}
