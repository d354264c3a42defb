import {checkGpuEventTable} from "./events.js";
import {optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import type {GpuEventTable} from "./events.js";
import {eventIterations, stepNumber} from "./iterations.js";
import {asPrepared, gpuKernelMask, rankLocation} from "./prepare.js";
import type {HtaOptions} from "./prepare.js";

/** Options of {@link stragglers}: HTA's `get_potential_stragglers` arguments. */
export interface StragglerOptions extends HtaOptions {
  /** ProfilerStep numbers to use (default: every step the trace has). */
  profilerSteps?: number[];
  /** How many ranks to name (HTA's `num_candidates`, default 2; values below 1 count as 1). */
  numCandidates?: number;
  /** Collectives shorter than this share of the mean iteration are ignored (HTA's `min_normalized_duration`, 0.01). */
  minNormalizedDuration?: number;
}

/** The metric of one rank in one iteration: the last long instance of the chosen collective (HTA's frame). */
export interface StragglerMetricRow {
  rank: number;
  iteration: number;
  stream: number;
  name: string;
  /** Start (µs, aligned time) and duration of that kernel. */
  ts: number;
  dur: number;
  /** (ts − first start in the analysed steps) / mean iteration time: HTA's metric. */
  normalized_start_time: number;
  /** dur / mean iteration time. */
  duration: number;
  /** Whether the rank is among the `numCandidates` latest starters of this iteration. */
  is_straggler: boolean;
  /** How long this rank's collective waited for the last rank's to start (µs): the latest start minus this one. */
  wait_us: number;
}

/** What {@link stragglers} found. */
export interface StragglerResult {
  /** HTA's answer: the ranks flagged most often, most first (ties: lower rank first). */
  stragglers: number[];
  /** Per rank, the iterations in which it was flagged, ascending rank. */
  counts: {rank: number; straggler_count: number}[];
  /** The collective used as the metric: the (stream, name) whose duration varies most across ranks. */
  kernel: {stream: number; name: string};
  /** (last end − first start) of the analysed steps' events / number of steps (µs). */
  mean_iteration_us: number;
  metric: StragglerMetricRow[];
}

/**
 * HTA's straggler detection: which ranks start their collectives last, and how long the others wait for them.
 *
 * After HTA's loading rules, over all ranks, take the events of the chosen ProfilerSteps (HTA's `iteration`);
 * mean_iteration = (last end − first start) / steps. Among NCCL kernels (names starting `ncclKernel`, stream > 0)
 * at least `minNormalizedDuration` × mean_iteration long, keep the last one per (rank, stream, iteration, name) in
 * trace order. Per (stream, name), average over iterations the standard deviation across ranks of the normalised
 * duration, and pick the (stream, name) where it is largest: the collective on which ranks wait for each other
 * (the waiting shows as duration, the waited-for rank starts last). A rank's metric in an iteration is the
 * normalised start of that kernel; in each iteration the `numCandidates` latest starters (ties included) are
 * flagged, and ranks are named by how often they were flagged. `wait_us` (not in HTA) is the latest start among
 * the ranks in that iteration minus the rank's own: the time its collective sat waiting for the straggler.
 *
 * Reference: HTA `TraceAnalysis.get_potential_stragglers` with its default
 * `find_stragglers_with_late_start_comm_kernels`; HTA returns the ranks only, the metric frame is the one its
 * `_compute_normalized_start_time_of_significant_comm_kernels` builds. Where counts tie HTA's sort leaves the order
 * to pandas; here the lower rank comes first.
 *
 * @throws BenchstatsError `shape` with fewer than two ranks or ranks of different jobs (another world size, or
 *   the same ProfilerStep at disjoint times); `empty` without ProfilerSteps or without a long NCCL collective
 *   that two ranks share; `option` for steps the trace does not have.
 * @example
 * stragglers(events, {numCandidates: 1}).stragglers; // [1]
 */
export function stragglers(events: GpuEventTable, options: StragglerOptions = {}): StragglerResult {
  checkGpuEventTable(events, "stragglers");
  options = optionsArg(options, "stragglers");
  const k = Math.max(1, Math.floor(options.numCandidates ?? 2));
  const minShare = options.minNormalizedDuration ?? 0.01;
  if (!(minShare >= 0)) throw new BenchstatsError("option", `stragglers: minNormalizedDuration must be ≥ 0, got ${minShare}`);
  const t = asPrepared(events, options);
  const ranks = t.ranks.map((r) => r.rank);
  if (ranks.length < 2) {
    throw new BenchstatsError("shape", `stragglers: a straggler is a rank late against others; this trace has ${ranks.length} rank(s)`, rankLocation(t, ranks[0] ?? 0));
  }
  const sizes = new Set(t.ranks.map((r) => r.worldSize).filter((w) => w !== undefined));
  if (sizes.size > 1) {
    const list = t.ranks.map((r) => `rank ${r.rank}${r.source ? ` (${r.source})` : ""}: ${r.worldSize ?? "?"}`).join(", ");
    throw new BenchstatsError("shape", `stragglers: the ranks come from jobs of different sizes (world_size ${list})`);
  }
  const iteration = eventIterations(t, t.start_us, t.dur_us);
  const isKernel = gpuKernelMask(t);
  const stepOfName = t.names.map(stepNumber);

  // The ProfilerSteps present (HTA's get_profiler_steps), and each step's span per rank for the same-job check.
  const spans = new Map<number, Map<number, [number, number]>>();
  for (let i = 0; i < t.length; ++i) {
    const step = stepOfName[t.name[i]];
    if (step < 0 || isKernel[i]) continue;
    let byRank = spans.get(step);
    if (!byRank) spans.set(step, (byRank = new Map()));
    byRank.set(t.rank[i], [t.start_us[i], t.start_us[i] + t.dur_us[i]]);
  }
  const available = [...spans.keys()].sort((a, b) => a - b);
  const steps = options.profilerSteps ? options.profilerSteps.filter((s) => spans.has(s)) : available;
  if (steps.length === 0) {
    throw new BenchstatsError(options.profilerSteps ? "option" : "empty", available.length
      ? `stragglers: none of the steps ${JSON.stringify(options.profilerSteps)} is in the trace (steps: ${available.join(", ")})`
      : "stragglers: the trace has no ProfilerStep#N annotations (after HTA's loading rules drop the last step), so there are no iterations to compare", rankLocation(t, ranks[0]));
  }
  for (const s of steps) {
    const byRank = [...spans.get(s)!];
    // Loops, not Math.max(...list): a job may have more ranks than a call takes arguments.
    const lo = byRank.reduce((m, [, [a]]) => Math.max(m, a), -Infinity);
    const hi = byRank.reduce((m, [, [, b]]) => Math.min(m, b), Infinity);
    if (byRank.length > 1 && lo > hi) {
      throw new BenchstatsError("shape", `stragglers: ProfilerStep#${s} of ranks ${byRank.map(([r]) => r).join(", ")} never runs at the same time: ranks of different jobs, or clocks that do not agree`);
    }
  }

  const wanted = new Set(steps);
  let tMin = Infinity;
  let tMax = -Infinity;
  for (let i = 0; i < t.length; ++i) {
    if (!wanted.has(iteration[i])) continue;
    if (t.start_us[i] < tMin) tMin = t.start_us[i];
    if (t.start_us[i] + t.dur_us[i] > tMax) tMax = t.start_us[i] + t.dur_us[i];
  }
  const present = new Set<number>();
  for (let i = 0; i < t.length; ++i) if (wanted.has(iteration[i])) present.add(iteration[i]);
  const meanIteration = (tMax - tMin) / present.size;
  const minDur = meanIteration * minShare;

  // The last long NCCL kernel per (rank, stream, iteration, name), in trace order.
  const isNccl = t.names.map((n) => n.startsWith("ncclKernel"));
  const last = new Map<string, number>();
  for (let i = 0; i < t.length; ++i) {
    if (!(t.stream[i] > 0) || !(iteration[i] > 0) || !wanted.has(iteration[i]) || !isNccl[t.name[i]] || !(t.dur_us[i] >= minDur)) continue;
    last.set(`${t.rank[i]}\u0000${t.stream[i]}\u0000${iteration[i]}\u0000${t.name[i]}`, i);
  }
  // Per (stream, name): the mean over iterations of the across-rank std of the normalised duration.
  const byGroup = new Map<string, {stream: number; name: number; iterations: Map<number, number[]>}>();
  for (const i of last.values()) {
    const key = `${t.stream[i]}\u0000${t.name[i]}`;
    let g = byGroup.get(key);
    if (!g) byGroup.set(key, (g = {stream: t.stream[i], name: t.name[i], iterations: new Map()}));
    const list = g.iterations.get(iteration[i]);
    if (list) list.push(i);
    else g.iterations.set(iteration[i], [i]);
  }
  let best: {stream: number; name: number; score: number} | null = null;
  const groups = [...byGroup.values()].sort((a, b) => a.stream - b.stream || compare(t.names[a.name], t.names[b.name]));
  for (const g of groups) {
    const stds: number[] = [];
    for (const list of g.iterations.values()) {
      if (list.length < 2) continue;
      const d = list.map((i) => t.dur_us[i] / meanIteration);
      const mean = d.reduce((a, b) => a + b, 0) / d.length;
      stds.push(Math.sqrt(d.reduce((a, x) => a + (x - mean) ** 2, 0) / (d.length - 1)));
    }
    if (!stds.length) continue;
    const score = stds.reduce((a, b) => a + b, 0) / stds.length;
    if (best === null || score > best.score) best = {stream: g.stream, name: g.name, score};
  }
  if (best === null) {
    throw new BenchstatsError("empty", `stragglers: no NCCL collective (ncclKernel…, ≥ ${minShare} of the mean iteration of ${meanIteration.toFixed(0)} µs) runs on two ranks in the same step`);
  }

  const chosen = [...last.values()].filter((i) => t.stream[i] === best!.stream && t.name[i] === best!.name).sort((a, b) => t.rank[a] - t.rank[b] || iteration[a] - iteration[b]);
  const metric: StragglerMetricRow[] = chosen.map((i) => ({
    rank: t.rank[i], iteration: iteration[i], stream: t.stream[i], name: t.names[t.name[i]], ts: t.start_us[i], dur: t.dur_us[i],
    normalized_start_time: (t.start_us[i] - tMin) / meanIteration, duration: t.dur_us[i] / meanIteration, is_straggler: false, wait_us: 0
  }));
  const counts = new Map<number, number>();
  for (const row of metric) counts.set(row.rank, 0);
  for (const it of new Set(metric.map((r) => r.iteration))) {
    const rows = metric.filter((r) => r.iteration === it);
    const sorted = rows.map((r) => r.normalized_start_time).sort((a, b) => b - a);
    // HTA indexes the k-th latest start directly; with fewer ranks than candidates every rank is flagged.
    const threshold = sorted[Math.min(k, sorted.length) - 1];
    const latest = rows.reduce((m, r) => Math.max(m, r.ts), -Infinity);
    for (const r of rows) {
      r.is_straggler = r.normalized_start_time >= threshold;
      r.wait_us = latest - r.ts;
      if (r.is_straggler) counts.set(r.rank, counts.get(r.rank)! + 1);
    }
  }
  const countRows = [...counts].sort((a, b) => a[0] - b[0]).map(([rank, straggler_count]) => ({rank, straggler_count}));
  const named = [...countRows].sort((a, b) => b.straggler_count - a.straggler_count || a.rank - b.rank).slice(0, k).map((r) => r.rank);
  return {stragglers: named, counts: countRows, kernel: {stream: best.stream, name: t.names[best.name]}, mean_iteration_us: meanIteration, metric};
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
