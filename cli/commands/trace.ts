// `benchstats trace`: Holistic Trace Analysis summaries of GPU traces, and the analyses beyond them.
import {
  commCompOverlap, criticalPath, cuptiCounters, energyPerStep, idleTimeBreakdown, kernelBreakdown, kernelEfficiency, kernelLaunchStats,
  memoryBandwidthSeries, memoryBandwidthSummary, queueLengthSummary, stragglers, temporalBreakdown, timeBlockedOnFullQueue, traceDiff
} from "../../lib/index.js";
import type {GpuEventTable} from "../../lib/index.js";
import {choiceOption, intOption, numberListOption, numberOption, stringOption, UsageError} from "../args.js";
import type {Command, CommandContext} from "../command.js";
import {analyseGpuRanks, loadGpuEvents} from "../gpu-input.js";
import type {OutputRow} from "../output.js";

const ANALYSES = ["temporal", "idle", "kernel-types", "kernels", "overlap", "launch", "queue"] as const;
/** Subcommands: `benchstats trace <subcommand> <trace...>` (the analyses above are subcommands too). */
const SUBCOMMANDS = ["membw", "membw-series", "blocked", "counters", "efficiency", "flops", "stragglers", "diff", "energy", "critical-path"] as const;
type Subcommand = (typeof ANALYSES)[number] | (typeof SUBCOMMANDS)[number];

export const trace: Command = {
  name: "trace",
  summary: "GPU trace analyses: HTA's breakdowns, bandwidth, blocked queues, counters, efficiency, stragglers, diff, energy, critical path",
  help: `Usage: benchstats trace [<subcommand>] <trace...> [options]
       benchstats trace <trace...> --analysis A

<trace> is a PyTorch/Kineto Chrome-trace JSON (plain or .gz; one file per rank), an Nsight Systems
SQLite export, or a tidy gpu events table (CSV/TSV/JSONL with rank, stream, name, start_us, dur_us
[, device, kind, correlation]). Output columns are HTA's where HTA has the analysis.

Subcommands (or --analysis A for the first seven; default temporal):
  temporal      idle / compute / non-compute time per rank
  idle          idle time by category (host wait, kernel wait, other) per rank and stream
  kernel-types  kernel time by category (COMPUTATION, COMMUNICATION, MEMORY, overlaps)
  kernels       top kernels by total time per rank
  overlap       communication time overlapped by computation per rank
  launch        kernel launch delays and runtime durations (one row per launch)
  queue         queue length summary per rank and stream
  membw         memcpy/memset bandwidth summary per rank and kind (HTA get_memory_bw_summary)
  membw-series  the bandwidth step function's change points (HTA get_memory_bw_time_series)
  blocked       time each stream's launch queue was full (HTA get_time_spent_blocked_on_full_queue)
  counters      CUPTI counters per profiled kernel with its operator stack (HTA cupti counter analysis)
  efficiency    occupancy and achieved memory bandwidth per rank and kernel type, against the peak
  flops         FLOPs per profiled kernel by precision (from CUPTI counters)
  stragglers    late-starting ranks on the most varying collective (HTA get_potential_stragglers)
  diff          benchstats trace diff CONTROL TEST: ops and kernels per name (HTA TraceDiff)
  energy        benchstats trace energy TRACE --power LOG: energy of each ProfilerStep
  critical-path the critical path of one iteration, edge by edge (HTA CriticalPathAnalysis breakdown)

Options:
  --mode M             hta (default: HTA's loading rules incl. whole-µs rounding) or exact
  --top N              kernels shown per category by kernels (default 10)
  --queue-limit N      blocked: queue length at which the CPU blocks (default 1024)
  --candidates N       stragglers: ranks to name (default 2)
  --steps LIST         stragglers: ProfilerStep numbers to use (default all)
  --control-step LIST  diff: iteration(s) of the control trace (default its first)
  --test-step LIST     diff: iteration(s) of the test trace (default its first)
  --control-rank N     diff: rank of the control trace (default its lowest)
  --test-rank N        diff: rank of the test trace (default its lowest)
  --device D           diff: cpu, gpu or all (default all)
  --short-names        diff: group by HTA's short names
  --power LOG          energy: nvidia-smi --query-gpu CSV (with timestamp and power.draw) or dmon -o DT log
  --gpu G              energy: the GPU of the log that ran the trace (index or bus id)
  --utc-offset MIN     energy: the log's time zone in minutes east of UTC (default 0)
  --rank N             energy: the trace's rank that ran on that GPU; critical-path: the rank (default lowest)
  --annotation S       critical-path: events whose name contains S delimit the window (default ProfilerStep;
                       "" for the whole trace)
  --instance N[-M]     critical-path: which instance of the annotation, 0-based, or a range (default 0)
  --data-load LIST     critical-path: comma-separated patterns of data-loading events
  --summary            critical-path: print the time per bound type instead of the edges`,
  options: {
    analysis: {type: "string"}, mode: {type: "string"}, top: {type: "string"}, "queue-limit": {type: "string"}, candidates: {type: "string"},
    steps: {type: "string"}, "control-step": {type: "string"}, "test-step": {type: "string"}, "control-rank": {type: "string"}, "test-rank": {type: "string"},
    device: {type: "string"}, "short-names": {type: "boolean"}, power: {type: "string"}, gpu: {type: "string"}, "utc-offset": {type: "string"}, rank: {type: "string"},
    annotation: {type: "string"}, instance: {type: "string"}, "data-load": {type: "string"}, summary: {type: "boolean"}
  },
  async run(context) {
    const {values, note} = context;
    let positionals = context.positionals;
    let analysis: Subcommand;
    if (positionals.length && ([...ANALYSES, ...SUBCOMMANDS] as readonly string[]).includes(positionals[0])) {
      if (values.analysis !== undefined) throw new UsageError("give the analysis either as a subcommand or with --analysis, not both");
      analysis = positionals[0] as Subcommand;
      positionals = positionals.slice(1);
    } else analysis = choiceOption(values, "analysis", ANALYSES, "temporal");
    if (!positionals.length) throw new UsageError("trace needs at least one trace file");
    const mode = choiceOption(values, "mode", ["hta", "exact"] as const, "hta");
    if (analysis === "diff") return diff(positionals, context, mode);
    // Per-rank analyses of several rank files: each rank analysed where it is read, on every core.
    const perRank = ({temporal: "temporalBreakdown", idle: "idleTimeBreakdown", overlap: "commCompOverlap", queue: "queueLengthSummary"} as const)[analysis as "temporal"];
    const ranked = perRank ? await analyseGpuRanks(positionals, perRank, mode) : undefined;
    if (ranked) {
      note(`${ranked.events} events on ${ranked.ranks} rank(s)`);
      return rows(ranked.rows);
    }
    const events = await loadGpuEvents(positionals);
    note(`${events.length} events on ${events.ranks.length} rank(s)`);
    if (analysis === "energy") return energy(events, context);
    if (analysis === "critical-path") return criticalPathRows(events, context, mode);
    return analyse(analysis, events, context, mode);
  }
};

function analyse(analysis: Exclude<Subcommand, "diff" | "energy" | "critical-path">, events: GpuEventTable, {values, note}: CommandContext, mode: "hta" | "exact"): OutputRow[] {
  const top = intOption(values, "top", 10, 1);
  switch (analysis) {
    case "temporal": return rows(temporalBreakdown(events, {mode}));
    case "idle": return rows(idleTimeBreakdown(events, {mode}));
    case "kernel-types": return rows(kernelBreakdown(events, {mode, numKernels: top}).kernelTypes);
    case "kernels": return rows(kernelBreakdown(events, {mode, numKernels: top}).kernels);
    case "overlap": return rows(commCompOverlap(events, {mode}));
    case "launch": return rows(kernelLaunchStats(events, {mode}));
    case "queue": return rows(queueLengthSummary(events, {mode}));
    case "membw": return rows(memoryBandwidthSummary(events, {mode}));
    case "membw-series": return rows(memoryBandwidthSeries(events, {mode}));
    case "blocked": return rows(timeBlockedOnFullQueue(events, {mode, queueLimit: intOption(values, "queue-limit", 1024, 1)}));
    case "counters":
      // One column per counter, the operator stack joined outermost first.
      return cuptiCounters(events, {mode}).map(({counters, op_stack, ...r}) => ({...r, op_stack: op_stack.join(" > "), ...counters}));
    case "efficiency": {
      const result = kernelEfficiency(events, {mode});
      for (const d of result.devices) note(`rank ${d.rank}: ${d.device ?? "no deviceProperties"}${d.peaks ? ` → peaks of ${d.peaks.name}` : " (peaks unknown: shares are empty)"}`);
      return rows(result.types);
    }
    case "flops": return rows(kernelEfficiency(events, {mode}).kernels);
    case "stragglers": {
      const result = stragglers(events, {mode, numCandidates: intOption(values, "candidates", 2, 1), profilerSteps: numberListOption(values, "steps")});
      note(`stragglers: ${result.stragglers.join(", ")} (on ${result.kernel.name}, stream ${result.kernel.stream}; mean iteration ${Math.round(result.mean_iteration_us)} µs)`);
      return rows(result.metric);
    }
  }
}

async function diff(paths: string[], {values}: CommandContext, mode: "hta" | "exact"): Promise<OutputRow[]> {
  if (paths.length !== 2) throw new UsageError("trace diff needs two traces: CONTROL TEST (a folder of rank files counts as one; the same trace twice compares two of its steps)");
  const [control, test] = [await loadGpuEvents([paths[0]]), paths[1] === paths[0] ? null : await loadGpuEvents([paths[1]])];
  const rank = (name: string) => (values[name] === undefined ? undefined : intOption(values, name, 0, 0));
  return rows(traceDiff(control, test ?? control, {
    mode, controlIteration: numberListOption(values, "control-step"), testIteration: numberListOption(values, "test-step"),
    controlRank: rank("control-rank"), testRank: rank("test-rank"),
    deviceType: choiceOption(values, "device", ["cpu", "gpu", "all"] as const, "all"), useShortName: values["short-names"] === true
  }));
}

async function energy(events: GpuEventTable, {values}: CommandContext): Promise<OutputRow[]> {
  const log = stringOption(values, "power");
  if (!log) throw new UsageError("trace energy needs --power LOG (an nvidia-smi --query-gpu CSV with timestamp and power.draw, or dmon -o DT output)");
  const {readGpuMetrics, powerSamples} = await import("../../loaders/gpu/index.js");
  const samples = powerSamples(await readGpuMetrics(log), {gpu: stringOption(values, "gpu"), utcOffsetMinutes: numberOption(values, "utc-offset", 0, -24 * 60, 24 * 60)});
  return rows(energyPerStep(events, samples, {rank: values.rank === undefined ? undefined : intOption(values, "rank", 0, 0)}));
}

function criticalPathRows(events: GpuEventTable, {values, note}: CommandContext, mode: "hta" | "exact"): OutputRow[] {
  const text = stringOption(values, "instance");
  const range = text === undefined ? null : /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(text);
  if (text !== undefined && (!range || (range[2] !== undefined && Number(range[2]) < Number(range[1])))) {
    throw new UsageError(`--instance: expected an integer ≥ 0 or a range N-M with N ≤ M, got ${JSON.stringify(text)}`);
  }
  const instance: number | [number, number] | undefined = range ? (range[2] === undefined ? Number(range[1]) : [Number(range[1]), Number(range[2])]) : undefined;
  const dataLoad = stringOption(values, "data-load");
  const result = criticalPath(events, {
    mode, instance, annotation: stringOption(values, "annotation"),
    rank: values.rank === undefined ? undefined : intOption(values, "rank", 0, 0),
    dataLoadEvents: dataLoad === undefined ? undefined : dataLoad.split(",").map((p) => p.trim()).filter((p) => p !== "")
  });
  note(`rank ${result.rank}, window ${result.window.start}–${result.window.end} µs: critical path ${result.length_us} µs over ${result.edges.length} edges (graph: ${result.graph.nodes} nodes, ${result.graph.edges} edges)`);
  if (values.summary === true) return rows(result.summary);
  return rows(result.edges);
}

function rows(list: object[]): OutputRow[] {
  return list as OutputRow[];
}
