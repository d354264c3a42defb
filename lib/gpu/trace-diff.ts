import {optionsArg, rowsArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import type {GpuEventTable} from "./events.js";
import {checkGpuEventTable, kernelCategory} from "./events.js";
import {eventIterations, stepNumbers} from "./iterations.js";
import {htaTimes, rankLocation} from "./prepare.js";

/** Options of {@link traceDiff}: HTA's `compare_traces` arguments. */
export interface TraceDiffOptions {
  /** Rank(s) of the control trace (default: its lowest rank). */
  controlRank?: number | number[];
  /** Rank(s) of the test trace (default: its lowest rank). */
  testRank?: number | number[];
  /** `ProfilerStep` number(s) of the control trace (default: its first). */
  controlIteration?: number | number[];
  /** `ProfilerStep` number(s) of the test trace (default: its first). */
  testIteration?: number | number[];
  /** `"cpu"` operators (stream −1), `"gpu"` kernels (stream ≠ −1) or `"all"` (default). */
  deviceType?: "cpu" | "gpu" | "all";
  /** Group by {@link shortenName} instead of the full name (HTA's `use_short_name`, default false). */
  useShortName?: boolean;
  /** `"hta"` (default) rounds timestamps as HTA's parser does; `"exact"` keeps them as written. */
  mode?: "hta" | "exact";
}

/** One operator or kernel name: HTA's columns, with the labels `control` and `test`. */
export interface TraceDiffRow {
  /** The name, or the short name with `useShortName`. */
  name: string;
  control_counts: number;
  control_total_duration: number;
  test_counts: number;
  test_total_duration: number;
  /** test − control. */
  diff_counts: number;
  /** test − control (µs). */
  diff_duration: number;
  /** `+` more in test, `-` fewer, `=` as many. */
  counts_change_categories: "+" | "-" | "=";
}

/**
 * HTA's trace comparison (`TraceDiff.compare_traces`): the operators and kernels of one or more iterations of a
 * control trace against those of a test trace — two runs of a model, two ranks of a job, or two steps of one
 * trace (pass the same table twice). Per side: the events of the chosen ranks whose HTA `iteration` is among the
 * chosen ones (CPU events by the `ProfilerStep#N` holding their start, GPU kernels through their launching call's
 * correlation), restricted to CPU or GPU events by `deviceType`, counted and their durations summed per name.
 * Names on one side only count 0 on the other. Durations are µs after HTA's parser rounding (mode `"hta"`); the
 * traces are not aligned or filtered by the last-step rule, as `TraceDiff` parses without `load_traces`.
 *
 * Row order: the control side's names sorted, then the names only the test side has, sorted (pandas' outer
 * concatenation of the two sorted summaries).
 *
 * Reference: HTA `TraceDiff.compare_traces(LabeledTrace("control", …), LabeledTrace("test", …), …)`; HTA's column
 * names carry the traces' labels (`control_counts`, `test_total_duration`), fixed to `control`/`test` here.
 *
 * @throws BenchstatsError `empty` when a trace has no `ProfilerStep#N` iterations; `option` for a rank or
 *   iteration the trace does not have.
 * @example
 * traceDiff(events, events, {controlIteration: 4, testIteration: 5}).filter((r) => r.diff_counts !== 0);
 */
export function traceDiff(control: GpuEventTable, test: GpuEventTable, options: TraceDiffOptions = {}): TraceDiffRow[] {
  checkGpuEventTable(control, "traceDiff");
  checkGpuEventTable(test, "traceDiff");
  options = optionsArg(options, "traceDiff");
  const deviceType = options.deviceType ?? "all";
  if (!["cpu", "gpu", "all"].includes(deviceType)) {
    throw new BenchstatsError("option", `traceDiff: deviceType must be "cpu", "gpu" or "all", got ${JSON.stringify(deviceType)}`);
  }
  const mode = options.mode ?? "hta";
  const side = (t: GpuEventTable, label: string, rank?: number | number[], iteration?: number | number[]) =>
    summarise(t, label, rank, iteration, deviceType, options.useShortName ?? false, mode);
  const a = side(control, "control", options.controlRank, options.controlIteration);
  const b = side(test, "test", options.testRank, options.testIteration);
  const names = [...[...a.keys()].sort(compare), ...[...b.keys()].filter((n) => !a.has(n)).sort(compare)];
  return names.map((name) => {
    const c = a.get(name) ?? {count: 0, total: 0};
    const d = b.get(name) ?? {count: 0, total: 0};
    const diff = d.count - c.count;
    return {
      name, control_counts: c.count, control_total_duration: c.total, test_counts: d.count, test_total_duration: d.total,
      diff_counts: diff, diff_duration: d.total - c.total, counts_change_categories: diff > 0 ? "+" : diff < 0 ? "-" : "="
    };
  });
}

/** The five groups of HTA's `TraceDiff.ops_diff`, from {@link traceDiff}'s rows. */
export interface TraceDiffGroups {
  /** Only in test. */
  added: string[];
  /** Only in control. */
  deleted: string[];
  /** In both, more often in test. */
  increased: string[];
  /** In both, less often in test. */
  decreased: string[];
  /** In both, as often. */
  unchanged: string[];
}

/**
 * HTA's `TraceDiff.ops_diff`: the names of {@link traceDiff}'s rows split into added, deleted, increased,
 * decreased and unchanged by their counts, in the rows' order.
 *
 * @example
 * traceDiffGroups(traceDiff(a, b)).added; // ["ProfilerStep#5", …]
 */
export function traceDiffGroups(rows: readonly TraceDiffRow[]): TraceDiffGroups {
  rowsArg(rows, "rows", "traceDiffGroups");
  const pick = (f: (r: TraceDiffRow) => boolean) => rows.filter(f).map((r) => r.name);
  return {
    added: pick((r) => r.control_counts === 0 && r.test_counts > 0),
    deleted: pick((r) => r.control_counts > 0 && r.test_counts === 0),
    increased: pick((r) => r.control_counts > 0 && r.diff_counts > 0),
    decreased: pick((r) => r.test_counts > 0 && r.diff_counts < 0),
    unchanged: pick((r) => r.test_counts > 0 && r.diff_counts === 0)
  };
}

/**
 * HTA's short name of an operator or kernel (`hta.utils.utils.shorten_name`): memory kernels and names without
 * `<` or `(` stay as they are; otherwise `->` is removed, template arguments `<…>` and argument lists `(…)` are
 * dropped (innermost first), and the last space-separated word remains.
 *
 * @example
 * shortenName("void at::native::vectorized_elementwise_kernel<4, at::native::FillFunctor<float> >(int, float)"); // "at::native::vectorized_elementwise_kernel"
 */
export function shortenName(name: string): string {
  stringArg(name, "name", "shortenName", {empty: true});
  if (kernelCategory(name) === "MEMORY" || (!name.includes("<") && !name.includes("("))) return name;
  const stack: string[] = [];
  for (const c of name.replaceAll("->", "")) {
    const open = c === ">" ? "<" : c === ")" ? "(" : null;
    if (open === null) {
      stack.push(c);
      continue;
    }
    while (stack.length && stack[stack.length - 1] !== open) stack.pop();
    if (stack.length) stack.pop();
  }
  return stack.join("").split(" ").at(-1)!;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function asList(v: number | number[] | undefined): number[] | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}

function summarise(t: GpuEventTable, label: string, rank: number | number[] | undefined, iteration: number | number[] | undefined,
  deviceType: "cpu" | "gpu" | "all", short: boolean, mode: "hta" | "exact"): Map<string, {count: number; total: number}> {
  const allRanks = [...new Set(Array.from(t.rank))].sort((x, y) => x - y);
  if (allRanks.length === 0) throw new BenchstatsError("empty", `traceDiff: the ${label} trace has no events`);
  const ranks = asList(rank) ?? [allRanks[0]];
  for (const r of ranks) {
    if (!allRanks.includes(r)) throw new BenchstatsError("option", `traceDiff: the ${label} trace has no rank ${r} (ranks: ${allRanks.join(", ")})`);
  }
  const available = stepNumbers(t);
  if (available.length === 0) {
    throw new BenchstatsError("empty", `traceDiff: the ${label} trace has no ProfilerStep#N annotations, so it has no iterations to compare`, rankLocation(t, ranks[0]));
  }
  const iterations = asList(iteration) ?? [available[0]];
  for (const it of iterations) {
    if (!available.includes(it)) throw new BenchstatsError("option", `traceDiff: the ${label} trace has no iteration ${it} (iterations: ${available.join(", ")})`);
  }
  const {start, dur} = htaTimes(t, mode);
  const iter = eventIterations(t, start, dur);
  const wantRank = new Set(ranks);
  const wantIteration = new Set(iterations);
  const keyOfName = short ? t.names.map(shortenName) : t.names;
  const out = new Map<string, {count: number; total: number}>();
  for (let i = 0; i < t.length; ++i) {
    if (!wantRank.has(t.rank[i]) || !wantIteration.has(iter[i])) continue;
    if (deviceType === "cpu" ? t.stream[i] !== -1 : deviceType === "gpu" ? t.stream[i] === -1 : false) continue;
    const key = keyOfName[t.name[i]];
    const g = out.get(key);
    if (g) {
      g.count++;
      g.total += dur[i];
    } else out.set(key, {count: 1, total: dur[i]});
  }
  return out;
}
