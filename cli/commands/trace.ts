// `benchstats trace`: Holistic Trace Analysis summaries of GPU traces.
import {commCompOverlap, idleTimeBreakdown, kernelBreakdown, kernelLaunchStats, queueLengthSummary, temporalBreakdown} from "../../lib/index.js";
import {choiceOption, intOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import {loadGpuEvents} from "../gpu-input.js";
import type {OutputRow} from "../output.js";

const ANALYSES = ["temporal", "idle", "kernel-types", "kernels", "overlap", "launch", "queue"] as const;

export const trace: Command = {
  name: "trace",
  summary: "GPU trace summary with HTA's definitions: temporal/idle/kernel breakdowns, overlap, launches, queues",
  help: `Usage: benchstats trace <trace...> [--analysis A] [--mode hta|exact] [--top N]

<trace> is a PyTorch/Kineto Chrome-trace JSON (plain or .gz; one file per rank) or a tidy gpu events
table (CSV/TSV/JSONL with rank, stream, name, start_us, dur_us [, device, kind, correlation]).

  --analysis A   ${ANALYSES.join(", ")} (default temporal). Output columns are HTA's:
                 temporal      idle / compute / non-compute time per rank
                 idle          idle time by category (host wait, kernel wait, other) per rank and stream
                 kernel-types  kernel time by category (COMPUTATION, COMMUNICATION, MEMORY, overlaps)
                 kernels       top kernels by total time per rank
                 overlap       communication time overlapped by computation per rank
                 launch        kernel launch delays and runtime durations (one row per launch)
                 queue         queue length summary per rank and stream
  --mode M       hta (default: HTA's loading rules incl. whole-µs rounding) or exact
  --top N        kernels shown per category by --analysis kernels (default 10)`,
  options: {analysis: {type: "string"}, mode: {type: "string"}, top: {type: "string"}},
  async run({values, positionals, note}) {
    if (!positionals.length) throw new UsageError("trace needs at least one trace file");
    const analysis = choiceOption(values, "analysis", ANALYSES, "temporal");
    const mode = choiceOption(values, "mode", ["hta", "exact"] as const, "hta");
    const top = intOption(values, "top", 10, 1);
    const events = await loadGpuEvents(positionals);
    note(`${events.length} events on ${events.ranks.length} rank(s)`);
    const rows: object[] =
      analysis === "temporal"
        ? temporalBreakdown(events, {mode})
        : analysis === "idle"
          ? idleTimeBreakdown(events, {mode})
          : analysis === "kernel-types"
            ? kernelBreakdown(events, {mode, numKernels: top}).kernelTypes
            : analysis === "kernels"
              ? kernelBreakdown(events, {mode, numKernels: top}).kernels
              : analysis === "overlap"
                ? commCompOverlap(events, {mode})
                : analysis === "launch"
                  ? kernelLaunchStats(events, {mode})
                  : queueLengthSummary(events, {mode});
    return rows as OutputRow[];
  }
};
