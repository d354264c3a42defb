import type {PreparedGpuTrace} from "./prepare.js";

/**
 * The event graph of HTA's critical path analysis (Holistic Trace Analysis `CPGraph`), built on the clipped
 * events of one rank. Internal module of {@link criticalPath}; the rules below are HTA's, read from its source
 * (facebookresearch/HolisticTraceAnalysis f4d0062c, `hta/analyzers/critical_path_analysis.py`).
 *
 * Nodes: a start and an end point for every clipped CPU operator / CUDA runtime / CUDA driver event, every
 * data-loading event and every GPU event (stream ≠ −1) with a correlation, ordered by (time, event index).
 * Edges, in the order HTA adds them (the order decides ties of the longest path):
 *
 * 1. Runtime lock: `cudaHostAlloc`, `cudaLaunchKernel` and `cudaMemcpyAsync` take the CUDA runtime lock, so
 *    over all threads each end waits for the starts open before it and for the previous end.
 * 2. Call stacks: per CPU thread (a backward thread is merged into the forward one), a depth-first walk of
 *    the nesting joins each operator's start and end to its neighbours (`operator` edges inside a parent,
 *    `dependency` edges between top-level operators).
 * 3. Kernels, by start time (sync events by end time): each kernel's own span; a launch-delay edge from its
 *    runtime call when the stream's queue was empty (queue length 1 at the launch, 0 at the start); else a
 *    kernel-kernel delay edge from the previous kernel of its stream when the gap is < 1.5 ms; sync edges for
 *    `Stream Sync`/`Context Sync` (last kernel → the host's sync call), `Event Sync` (the kernel the event
 *    recorded → the host call) and `Stream Wait Event` (that kernel → the next kernel launched on the stream).
 *
 * Weights: a span or delay edge weighs its duration (µs); dependency and sync edges weigh 0, and so do blocking
 * sync calls (`cudaStreamSynchronize`, `cudaMemcpy`, …), whose time is waiting, not work.
 */

export type CriticalPathEdgeType =
  | "critical_path_operator"
  | "critical_path_dependency"
  | "critical_path_kernel_launch_delay"
  | "critical_path_kernel_kernel_delay"
  | "critical_path_sync_dependency";

export interface CpEdge {
  from: number;
  to: number;
  type: CriticalPathEdgeType;
  /** The edge's duration as HTA's breakdown reports it (µs; may be negative where a child outlives its parent). */
  weight: number;
}

/** Inputs of the graph: the prepared table, the clipped events and the per-event links. */
export interface CpInputs {
  t: PreparedGpuTrace;
  /** Clipped events of the rank, ascending table index. */
  clipped: Int32Array;
  /** Per table index: the linked event (HTA's `index_correlation` when it names an event), −1 otherwise. */
  link: Int32Array;
  /** Per table index: HTA's `index_correlation ≥ 0` (a link, or a correlation id ≥ 0). */
  correlated: Uint8Array;
  /** Names matching the data-loading patterns, per name id. */
  dataLoad: boolean[];
  /** CPU thread per clipped event, after merging the backward thread into the forward one. */
  thread: (i: number) => number;
}

const BLOCKING = new Set(["cudaDeviceSynchronize", "cudaStreamSynchronize", "cudaEventQuery", "cudaEventSynchronize", "cudaMemcpy", "cudaMemcpyAsync"]);
const LOCKING = new Set(["cudaHostAlloc", "cudaLaunchKernel", "cudaMemcpyAsync"]);
const NODE_KINDS = new Set(["cpu_op", "cuda_runtime", "cuda_driver"]);

/** A directed graph with networkx's insertion-ordered adjacency (re-adding an edge updates it in place). */
export class CpGraph {
  /** Node points: event, time, start (1) or end (0). */
  readonly ev: Int32Array;
  readonly ts: Float64Array;
  readonly isStart: Uint8Array;
  readonly startNode: Map<number, number>;
  readonly endNode: Map<number, number>;
  /** Nodes in the order networkx saw them (first appearance in an edge). */
  readonly order: number[] = [];
  readonly succ: Map<number, CpEdge>[] = [];
  readonly pred: Map<number, CpEdge>[] = [];
  /** Edge (from·n + to) → the event its time is attributed to. */
  readonly attribution = new Map<number, number>();
  edgeCount = 0;

  constructor(ev: Int32Array, ts: Float64Array, isStart: Uint8Array) {
    this.ev = ev;
    this.ts = ts;
    this.isStart = isStart;
    this.startNode = new Map();
    this.endNode = new Map();
    for (let k = 0; k < ev.length; ++k) (isStart[k] ? this.startNode : this.endNode).set(ev[k], k);
  }

  get size(): number {
    return this.ev.length;
  }

  add(from: number, to: number, type: CriticalPathEdgeType, zeroWeight = false): CpEdge {
    const weight = type === "critical_path_dependency" || type === "critical_path_sync_dependency" || zeroWeight ? 0 : this.ts[to] - this.ts[from];
    const edge: CpEdge = {from, to, type, weight};
    for (const v of [from, to]) {
      if (this.succ[v] === undefined) {
        this.succ[v] = new Map();
        this.pred[v] = new Map();
        this.order.push(v);
      }
    }
    if (!this.succ[from].has(to)) this.edgeCount++;
    this.succ[from].set(to, edge);
    this.pred[to].set(from, edge);
    return edge;
  }

  /** HTA's `_attribute_edge`: which event an operator or kernel-kernel edge's time belongs to. */
  attribute(e: CpEdge, parent: number): void {
    if (e.type !== "critical_path_operator" && e.type !== "critical_path_kernel_kernel_delay") return;
    let ev: number;
    if (e.type === "critical_path_kernel_kernel_delay" || this.isStart[e.from]) ev = this.ev[e.from];
    else if (!this.isStart[e.to]) ev = this.ev[e.to];
    else ev = parent;
    this.attribution.set(e.from * this.size + e.to, ev);
  }
}

/** Start and end nodes of the graph's events, sorted by (time, event index), starts first on ties. */
export function createNodes(inp: CpInputs): CpGraph {
  const {t, clipped, correlated, dataLoad} = inp;
  const nodeKind = t.kinds.map((k) => NODE_KINDS.has(k));
  const events: number[] = [];
  for (const i of clipped) {
    if (nodeKind[t.kind[i]] || dataLoad[t.name[i]] || (t.stream[i] !== -1 && correlated[i])) events.push(i);
  }
  const m = events.length;
  const order = Array.from({length: 2 * m}, (_, k) => k);
  const tsOf = (k: number) => (k < m ? t.start_us[events[k]] : t.start_us[events[k - m]] + t.dur_us[events[k - m]]);
  const evOf = (k: number) => events[k < m ? k : k - m];
  order.sort((a, b) => tsOf(a) - tsOf(b) || evOf(a) - evOf(b) || a - b);
  const ev = new Int32Array(2 * m);
  const ts = new Float64Array(2 * m);
  const isStart = new Uint8Array(2 * m);
  order.forEach((k, j) => {
    ev[j] = evOf(k);
    ts[j] = tsOf(k);
    isStart[j] = k < m ? 1 : 0;
  });
  return new CpGraph(ev, ts, isStart);
}

/** Step 1: the CUDA runtime lock shared by launches, memcpys and host allocations across threads. */
export function addRuntimeLockEdges(g: CpGraph, t: PreparedGpuTrace): void {
  const locking = t.names.map((n) => LOCKING.has(n));
  const open: number[] = [];
  let last = -1;
  for (let k = 0; k < g.size; ++k) {
    if (!locking[t.name[g.ev[k]]]) continue;
    if (g.isStart[k]) open.push(k);
    else {
      while (open.length > 0) {
        const p = open.pop()!;
        if (g.ev[p] === g.ev[k]) g.attribute(g.add(p, k, "critical_path_operator"), g.ev[k]);
        else g.add(p, k, "critical_path_dependency");
      }
      if (last >= 0 && !g.isStart[last]) g.add(last, k, "critical_path_dependency");
    }
    last = k;
  }
}

/** HTA's call-stack event order (`compare_events`): by time; starts of equal time longest first, ends shortest first. */
function compareStackEvents(x: StackEvent, y: StackEvent): number {
  if (x.idx === y.idx) return x.start ? -1 : 1;
  const d = x.time - y.time;
  if (d !== 0) return d;
  if (x.start === y.start) {
    if (x.start) return x.dur === y.dur ? x.idx - y.idx : x.dur < y.dur ? 1 : -1;
    return x.dur === y.dur ? y.idx - x.idx : x.dur < y.dur ? -1 : 1;
  }
  if (x.dur > 0 && y.dur > 0) return x.start ? 1 : -1;
  if (x.dur === 0 && y.dur === 0) return x.idx - y.idx;
  return x.start ? -1 : 1;
}

interface StackEvent {
  idx: number;
  time: number;
  dur: number;
  start: boolean;
}

/** Step 2: operator nesting per CPU thread (HTA's `CallStackGraph` and its depth-first walk). */
export function addCallStackEdges(g: CpGraph, inp: CpInputs): void {
  const {t, clipped} = inp;
  const locking = t.names.map((n) => LOCKING.has(n));
  const byThread = new Map<number, number[]>();
  for (const i of clipped) {
    if (t.stream[i] !== -1) continue;
    const th = inp.thread(i);
    const list = byThread.get(th);
    if (list) list.push(i);
    else byThread.set(th, [i]);
  }
  const sharesLock = (a: number, b: number) => locking[t.name[g.ev[a]]] && locking[t.name[g.ev[b]]] && (g.isStart[a] === 1 || g.isStart[b] === 0);
  for (const th of [...byThread.keys()].sort((a, b) => a - b)) {
    const events: StackEvent[] = [];
    for (const i of byThread.get(th)!) {
      const dur = Math.max(t.dur_us[i], 0);
      events.push({idx: i, time: t.start_us[i], dur, start: true}, {idx: i, time: t.start_us[i] + dur, dur, start: false});
    }
    events.sort(compareStackEvents);
    const children = new Map<number, number[]>([[-1, []]]);
    const parent = new Map<number, number>();
    const stack: number[] = [];
    for (const e of events) {
      if (e.start) {
        if (children.has(e.idx)) continue;
        const p = stack.length > 0 ? stack[stack.length - 1] : -1;
        children.get(p)!.push(e.idx);
        children.set(e.idx, []);
        parent.set(e.idx, p);
        stack.push(e.idx);
      } else if (stack.length > 0) stack.pop();
    }
    let last = -1;
    let depth = 0;
    let lastParent = -1;
    const enter = (ev: number) => {
      const s = g.startNode.get(ev);
      if (s === undefined || !g.endNode.has(ev)) return;
      if (last >= 0 && !sharesLock(last, s)) g.attribute(g.add(last, s, depth === 0 ? "critical_path_dependency" : "critical_path_operator"), lastParent);
      last = s;
      lastParent = parent.get(ev)!;
      depth++;
    };
    const exit = (ev: number) => {
      const s = g.startNode.get(ev);
      const e = g.endNode.get(ev);
      if (s === undefined || e === undefined) return;
      if (last >= 0 && !sharesLock(last, e)) {
        const blocking = BLOCKING.has(t.names[t.name[ev]]);
        g.attribute(g.add(last, e, "critical_path_operator", blocking), lastParent);
      }
      last = e;
      lastParent = parent.get(ev)!;
      depth--;
    };
    // Iterative depth-first walk from the root (−1): enter, children in order, exit.
    const work: [number, number][] = [[-1, 0]];
    while (work.length > 0) {
      const top = work[work.length - 1];
      const kids = children.get(top[0])!;
      if (top[1] === 0 && top[0] >= 0) enter(top[0]);
      if (top[1] < kids.length) work.push([kids[top[1]++], 0]);
      else {
        if (top[0] >= 0) exit(top[0]);
        work.pop();
      }
    }
  }
}
