import {BenchstatsError, type ErrorLocation} from "../core/errors.js";
import {booleanArg, optionsArg} from "../core/check.js";
import {checkGpuEventTable, type GpuEventTable} from "./events.js";

/** How trace analyses treat the loaded events. */
export interface HtaOptions {
  /**
   * `"hta"` (default) applies every HTA loading rule, including rounding timestamps to whole µs, so results
   * match Holistic Trace Analysis. `"exact"` keeps the timestamps as written (sub-µs precision) and skips
   * the rounding of reported percentages and ratios; every other rule still applies.
   */
  mode?: "hta" | "exact";
  /** HTA's `include_last_profiler_step` (default false: drop what the last ProfilerStep launched). */
  includeLastProfilerStep?: boolean;
}

/** A table after {@link prepareHtaTrace}; analyses recognise it and do not prepare it again. */
export interface PreparedGpuTrace extends GpuEventTable {
  readonly prepared: {
    mode: "hta" | "exact";
    includeLastProfilerStep: boolean;
    /** The µs subtracted from every timestamp (the earliest start over all ranks, after rounding). */
    offsetUs: number;
    /** Whether the ProfilerStep correlation filter ran (needs ≥ 2 distinct ProfilerStep#N names). */
    stepFilterApplied: boolean;
  };
}

const PROFILER_STEP = /^ProfilerStep#\d+/;
const SYNC_KERNEL_NAMES = new Set(["Event Sync", "Context Sync"]);

/**
 * Applies Holistic Trace Analysis's loading rules (checked against HTA's own outputs) to raw gpu events:
 *
 * 1. Rounding (mode `"hta"` only): for a rank whose file had any float `ts` literal or an event without
 *    `ts`, every event gets `end = ⌊ts + dur⌋`, `ts = ⌈ts⌉`, `dur = end − ts` (µs). Events may become
 *    zero-length or negative, as in HTA.
 * 2. Alignment: every timestamp is shifted by the earliest start over all ranks.
 * 3. "GPU kernel" = `stream ≥ 0 && correlation ≥ 0`, or a name of `Event Sync` / `Context Sync`; every other
 *    event is CPU-side.
 * 4. The last-ProfilerStep correlation filter, applied only when the table holds ≥ 2 distinct
 *    `ProfilerStep#N` names: per rank, keep CPU-side events that start before the last ProfilerStep
 *    (all of them with `includeLastProfilerStep`), and keep each GPU kernel once per kept CPU-side event
 *    with the same correlation (HTA's inner join), dropping kernels with no launching CPU event.
 *
 * Reference: HTA `TraceCollection._filter_irrelevant_gpu_kernels`, `_align_all_ranks` and the rounding in
 * `trace_parser._parse_trace_dataframe_json` (facebookresearch/HolisticTraceAnalysis f4d0062c). Event order
 * is kept (join duplicates sit next to their original) so that ties sort as in the file.
 *
 * @example
 * const t = prepareHtaTrace(events);            // HTA numbers
 * const e = prepareHtaTrace(events, {mode: "exact"}); // no µs rounding
 */
export function prepareHtaTrace(table: GpuEventTable, options: HtaOptions = {}): PreparedGpuTrace {
  return prepareWith(table, options);
}

/**
 * {@link prepareHtaTrace} of one rank's table when the table of every rank is not at hand (the per-rank
 * analyses of loaders/gpu/rank-analyses.ts): `stepFilter` says whether the ProfilerStep filter applies, which
 * rule 4 decides from the step names of all ranks together ({@link profilerStepNames}). Not cached.
 */
export function prepareRankTrace(table: GpuEventTable, options: HtaOptions, stepFilter: boolean): PreparedGpuTrace {
  return prepareWith(table, options, stepFilter);
}

/** The distinct `ProfilerStep#N` names of CPU-side events (rule 4 applies the filter when all ranks hold ≥ 2). */
export function profilerStepNames(table: GpuEventTable): string[] {
  const isKernel = gpuKernelMask(table);
  const isStepName = table.names.map((name) => PROFILER_STEP.test(name));
  const seen = new Set<number>();
  for (let i = 0; i < table.length; ++i) if (!isKernel[i] && isStepName[table.name[i]]) seen.add(table.name[i]);
  return [...seen].map((k) => table.names[k]);
}

function prepareWith(table: GpuEventTable, options: HtaOptions, forceStepFilter?: boolean): PreparedGpuTrace {
  checkGpuEventTable(table, "prepareHtaTrace");
  options = optionsArg(options, "prepareHtaTrace");
  const mode = options.mode ?? "hta";
  if (mode !== "hta" && mode !== "exact") {
    throw new BenchstatsError("option", `prepareHtaTrace: mode must be "hta" or "exact", got ${JSON.stringify(mode)}`);
  }
  const includeLast = options.includeLastProfilerStep ?? false;
  const existing = (table as Partial<PreparedGpuTrace>).prepared;
  if (existing) {
    if (existing.mode === mode && existing.includeLastProfilerStep === includeLast) return table as PreparedGpuTrace;
    throw new BenchstatsError("option", "prepareHtaTrace: this table was already prepared with other options; prepare the raw events instead");
  }
  const key = `${mode}/${includeLast}`;
  let byKey = forceStepFilter === undefined ? cache.get(table) : undefined;
  const hit = byKey?.get(key);
  if (hit) return hit;

  const n = table.length;
  const {start, dur} = htaTimes(table, mode);
  let minStart = Infinity;
  for (let i = 0; i < n; ++i) if (start[i] < minStart) minStart = start[i];
  const offsetUs = n > 0 ? minStart : 0;
  for (let i = 0; i < n; ++i) start[i] -= offsetUs;

  const isKernel = gpuKernelMask(table);
  const stepNames = new Set<number>();
  const isStepName = table.names.map((name) => PROFILER_STEP.test(name));
  for (let i = 0; i < n; ++i) if (!isKernel[i] && isStepName[table.name[i]]) stepNames.add(table.name[i]);
  const stepFilterApplied = forceStepFilter ?? stepNames.size >= 2;

  let keep: Int32Array;
  if (!stepFilterApplied) {
    keep = new Int32Array(n);
    for (let i = 0; i < n; ++i) keep[i] = i;
  } else {
    const lastStep = new Map<number, number>();
    for (let i = 0; i < n; ++i) {
      if (isKernel[i] || !isStepName[table.name[i]]) continue;
      const r = table.rank[i];
      const prev = lastStep.get(r);
      if (prev === undefined || start[i] > prev) lastStep.set(r, start[i]);
    }
    // Kept CPU-side correlations per rank, sorted, so each kernel counts its partners by binary search (HTA's
    // inner join: a kernel is repeated once per partner). Typed sorts beat a hash map at millions of events.
    const keptCpu = new Uint8Array(n);
    const byRank = indicesByRank(table);
    const partners = new Map<number, Float64Array>();
    for (const [r, idx] of byRank) {
      const last = lastStep.get(r);
      const corr = new Float64Array(idx.length);
      let m = 0;
      for (let k = 0; k < idx.length; ++k) {
        const i = idx[k];
        if (isKernel[i]) continue;
        // A rank without any ProfilerStep compares against NaN in HTA and keeps no CPU-side event.
        if (!(includeLast || (last !== undefined && start[i] < last))) continue;
        keptCpu[i] = 1;
        corr[m++] = table.correlation[i];
      }
      partners.set(r, corr.subarray(0, m).sort());
    }
    const countPartners = (sorted: Float64Array | undefined, c: number): number => {
      if (!sorted) return 0;
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < c) lo = mid + 1;
        else hi = mid;
      }
      let k = lo;
      while (k < sorted.length && sorted[k] === c) k++;
      return k - lo;
    };
    let out = new Int32Array(n);
    let m = 0;
    for (let i = 0; i < n; ++i) {
      const copies = keptCpu[i] ? 1 : isKernel[i] ? countPartners(partners.get(table.rank[i]), table.correlation[i]) : 0;
      for (let k = 0; k < copies; ++k) {
        if (m === out.length) {
          const bigger = new Int32Array(out.length * 2);
          bigger.set(out);
          out = bigger;
        }
        out[m++] = i;
      }
    }
    keep = out.subarray(0, m);
  }

  // Columns are gathered on first use: an analysis pays only for those it reads (the temporal breakdown
  // reads five of nine, and no args), and without the step filter every column is the table's own.
  const m = keep.length;
  const gather = <T extends Int32Array | Float64Array | Uint16Array>(src: T, make: (n: number) => T): T => {
    if (!stepFilterApplied) return src;
    const dst = make(m);
    for (let j = 0; j < m; ++j) dst[j] = src[keep[j]];
    return dst;
  };
  const lazy = <T extends object>(target: T, key: string, compute: () => unknown): T => {
    let value: unknown;
    Object.defineProperty(target, key, {enumerable: true, configurable: true, get: () => (value ??= compute())});
    return target;
  };
  const prepared = {
    length: m,
    start_us: gather(start, (k) => new Float64Array(k)),
    dur_us: gather(dur, (k) => new Float64Array(k)),
    kinds: table.kinds,
    names: table.names,
    ranks: table.ranks,
    prepared: {mode, includeLastProfilerStep: includeLast, offsetUs, stepFilterApplied}
  } as PreparedGpuTrace;
  lazy(prepared, "rank", () => gather(table.rank, (k) => new Int32Array(k)));
  lazy(prepared, "device", () => gather(table.device, (k) => new Int32Array(k)));
  lazy(prepared, "stream", () => gather(table.stream, (k) => new Float64Array(k)));
  lazy(prepared, "thread", () => gather(table.thread, (k) => new Float64Array(k)));
  lazy(prepared, "kind", () => gather(table.kind, (k) => new Uint16Array(k)));
  lazy(prepared, "name", () => gather(table.name, (k) => new Int32Array(k)));
  lazy(prepared, "correlation", () => gather(table.correlation, (k) => new Float64Array(k)));
  const args = table.args;
  if (args) {
    const lazyArgs = {};
    for (const key of Object.keys(args)) lazy(lazyArgs, key, () => gather(args[key], (k) => new Float64Array(k)));
    Object.defineProperty(prepared, "args", {enumerable: true, value: lazyArgs});
  }
  if (forceStepFilter !== undefined) return prepared;
  if (!byKey) cache.set(table, (byKey = new Map()));
  byKey.set(key, prepared);
  return prepared;
}

const cache = new WeakMap<GpuEventTable, Map<string, PreparedGpuTrace>>();

/**
 * Start and duration of every event after HTA's timestamp rounding (rule 1 of {@link prepareHtaTrace}; the
 * times as written in mode `"exact"` or for ranks that do not round), before alignment and filtering.
 */
export function htaTimes(table: GpuEventTable, mode: "hta" | "exact"): {start: Float64Array; dur: Float64Array} {
  const n = table.length;
  const rounds = new Set(table.ranks.filter((r) => r.htaRounds).map((r) => r.rank));
  const start = new Float64Array(n);
  const dur = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    let ts = table.start_us[i];
    let d = table.dur_us[i];
    if (mode === "hta" && rounds.has(table.rank[i])) {
      const end = Math.floor(ts + d);
      ts = Math.ceil(ts);
      d = end - ts;
    }
    start[i] = ts;
    dur[i] = d;
  }
  return {start, dur};
}

/** HTA's GPUKernelFilter per event: `stream ≥ 0 && correlation ≥ 0`, or an Event/Context Sync. */
export function gpuKernelMask(table: GpuEventTable): Uint8Array {
  const syncName = table.names.map((name) => SYNC_KERNEL_NAMES.has(name));
  const mask = new Uint8Array(table.length);
  for (let i = 0; i < table.length; ++i) {
    mask[i] = (table.stream[i] >= 0 && table.correlation[i] >= 0) || syncName[table.name[i]] ? 1 : 0;
  }
  return mask;
}

/** Event indices per rank, ascending rank, each list in table order. */
export function indicesByRank(table: GpuEventTable, select?: (i: number) => boolean): Map<number, Int32Array> {
  if (!select && table.length > 0) {
    // One rank (the common case for a single trace file): every index, no per-event map lookups.
    const r0 = table.rank[0];
    let single = true;
    for (let i = 1; i < table.length; ++i) if (table.rank[i] !== r0) { single = false; break; }
    if (single) {
      const all = new Int32Array(table.length);
      for (let i = 0; i < all.length; ++i) all[i] = i;
      return new Map([[r0, all]]);
    }
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < table.length; ++i) {
    if (select && !select(i)) continue;
    const r = table.rank[i];
    counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const ranks = [...counts.keys()].sort((a, b) => a - b);
  const out = new Map<number, Int32Array>();
  const fill = new Map<number, number>();
  for (const r of ranks) {
    out.set(r, new Int32Array(counts.get(r)!));
    fill.set(r, 0);
  }
  for (let i = 0; i < table.length; ++i) {
    if (select && !select(i)) continue;
    const r = table.rank[i];
    const k = fill.get(r)!;
    out.get(r)![k] = i;
    fill.set(r, k + 1);
  }
  return out;
}

/** Resolves the analyses' input: prepared tables pass through, raw ones are prepared (and cached). */
export function asPrepared(table: GpuEventTable, options: HtaOptions = {}, fn = "prepareHtaTrace"): PreparedGpuTrace {
  checkGpuEventTable(table, fn);
  options = optionsArg(options, fn);
  if (options.includeLastProfilerStep !== undefined) booleanArg(options.includeLastProfilerStep, "includeLastProfilerStep", fn);
  const prepared = (table as Partial<PreparedGpuTrace>).prepared;
  if (prepared && options.mode === undefined && options.includeLastProfilerStep === undefined) return table as PreparedGpuTrace;
  return prepareHtaTrace(table, options);
}

/** Where a rank's events came from, for error messages: its file when the loader recorded one. */
export function rankLocation(table: GpuEventTable, rank: number): ErrorLocation {
  const source = table.ranks.find((r) => r.rank === rank)?.source;
  return source === undefined ? {} : {file: source};
}
