import {checkGpuEventTable} from "./events.js";
import {optionsArg, rowsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import type {GpuEventTable} from "./events.js";
import {gpuKernelMask, rankLocation} from "./prepare.js";
import {stepNumber} from "./iterations.js";

/** A power reading of one GPU: Unix time (µs) and watts (nvidia-smi `power.draw`, dmon `pwr`). */
export interface PowerSample {
  time_us: number;
  watts: number;
}

/** Options of {@link energyPerStep}. */
export interface EnergyOptions {
  /** The rank whose steps to use (default: the only rank; required when the trace has several). */
  rank?: number;
  /**
   * µs to add to trace times to get Unix time, for traces without Kineto's `baseTimeNanoseconds` (whose
   * offset is used otherwise).
   */
  clockOffsetUs?: number;
}

/** One profiler step. */
export interface EnergyStepRow {
  rank: number;
  step: number;
  /** Unix time of the step's start (µs) and its length. */
  start_us: number;
  dur_us: number;
  /** Readings inside the step. */
  samples: number;
  /** ∫ power dt over the step (J), power linear between readings; `null` when the readings do not cover the step. */
  energy_j: number | null;
  /** energy / duration (W); `null` with energy. */
  mean_power_w: number | null;
}

/**
 * Energy of each profiler step from a GPU's power log: the `ProfilerStep#N` windows of a rank placed on Unix time
 * (trace µs + `baseTimeNanoseconds`/1000, or + `clockOffsetUs`), and the power readings integrated over each window
 * by the trapezoidal rule, power taken as linear between consecutive readings and cut at the window's ends. A step
 * not covered by readings on both sides gets `null` energy (a log that starts late or stops early), not a
 * guess. Steps are the trace's as written (no HTA rounding, alignment or last-step filter: the last step is a
 * step too).
 *
 * nvidia-smi samples power every 100 ms or more and averages it over its own window (`power.draw.average`), so
 * steps much shorter than the logging interval get an interpolated, not a measured, energy; `samples` says how
 * many readings fell inside each step.
 *
 * Reference: no HTA analysis; the energy-per-iteration definition of ML energy benchmarks (e.g. Zeus, ML.ENERGY),
 * checked on hand-derived cases.
 *
 * @throws BenchstatsError `shape` for several ranks without `rank`, `empty` without ProfilerSteps or readings,
 *   `option` when nothing places the trace on Unix time, `type` for a non-finite or negative reading.
 * @example
 * energyPerStep(events, [{time_us: 1.7e15, watts: 250}, …]); // [{rank: 0, step: 4, energy_j: 31.2, mean_power_w: 298, …}]
 */
export function energyPerStep(events: GpuEventTable, samples: readonly PowerSample[], options: EnergyOptions = {}): EnergyStepRow[] {
  checkGpuEventTable(events, "energyPerStep");
  rowsArg(samples, "samples", "energyPerStep");
  options = optionsArg(options, "energyPerStep");
  const ranks = events.ranks.map((r) => r.rank);
  if (options.rank === undefined && ranks.length > 1) {
    throw new BenchstatsError("shape", `energyPerStep: the trace has ranks ${ranks.join(", ")}; say which rank's GPU the power log is from ({rank})`);
  }
  const rank = options.rank ?? ranks[0];
  const info = events.ranks.find((r) => r.rank === rank);
  if (!info) throw new BenchstatsError("option", `energyPerStep: the trace has no rank ${rank}`);
  const offset = options.clockOffsetUs ?? (info.baseTimeNs !== undefined ? info.baseTimeNs / 1000 : undefined);
  if (offset === undefined) {
    throw new BenchstatsError("option", "energyPerStep: the trace has no baseTimeNanoseconds, so its times cannot be placed on the power log's clock; pass clockOffsetUs", rankLocation(events, rank));
  }
  if (samples.length === 0) throw new BenchstatsError("empty", "energyPerStep: no power readings");
  samples.forEach((s, row) => {
    if (!Number.isFinite(s.time_us) || !Number.isFinite(s.watts) || s.watts < 0) {
      throw new BenchstatsError("type", `energyPerStep: a reading needs a finite time_us and watts ≥ 0, got ${JSON.stringify(s)}`, {row});
    }
  });
  const sorted = [...samples].sort((a, b) => a.time_us - b.time_us);
  const time = Float64Array.from(sorted, (s) => s.time_us);
  const watts = Float64Array.from(sorted, (s) => s.watts);

  const isKernel = gpuKernelMask(events);
  const rows: EnergyStepRow[] = [];
  for (let i = 0; i < events.length; ++i) {
    if (events.rank[i] !== rank || isKernel[i]) continue;
    const step = stepNumber(events.names[events.name[i]]);
    if (step < 0) continue;
    const start = events.start_us[i] + offset;
    const dur = events.dur_us[i];
    const end = start + dur;
    const covered = time[0] <= start && time[time.length - 1] >= end && dur > 0;
    const energy = covered ? integrate(time, watts, start, end) : null;
    let inside = 0;
    for (let k = 0; k < time.length; ++k) if (time[k] >= start && time[k] <= end) inside++;
    rows.push({rank, step, start_us: start, dur_us: dur, samples: inside, energy_j: energy, mean_power_w: energy === null ? null : energy / (dur * 1e-6)});
  }
  if (rows.length === 0) throw new BenchstatsError("empty", `energyPerStep: rank ${rank} has no ProfilerStep#N annotations`, rankLocation(events, rank));
  return rows.sort((a, b) => a.start_us - b.start_us);
}

/** ∫ of the piecewise-linear power over [a, b] (J; times in µs), with a ≥ time[0] and b ≤ time[n−1]. */
function integrate(time: Float64Array, watts: Float64Array, a: number, b: number): number {
  const at = (x: number, k: number) => (time[k + 1] === time[k] ? watts[k + 1] : watts[k] + ((watts[k + 1] - watts[k]) * (x - time[k])) / (time[k + 1] - time[k]));
  let joules = 0;
  for (let k = 0; k + 1 < time.length; ++k) {
    const lo = Math.max(a, time[k]);
    const hi = Math.min(b, time[k + 1]);
    if (hi <= lo) continue;
    joules += ((at(lo, k) + at(hi, k)) / 2) * (hi - lo) * 1e-6;
  }
  return joules;
}
