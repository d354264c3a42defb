import {numbersArg, objectArg, reject, rowsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {tableColumns, type ColumnarTable, type LabelColumn} from "../core/columns.js";

/**
 * Per-rank facts a loader records that HTA's loading rules depend on.
 *
 * `htaRounds` is true when HTA's pandas frame for this file would have a float64 `ts` column: any event in
 * `traceEvents` wrote its `ts` as a JSON float literal (`12.5`, `12.0`, `1e3`) or lacked `ts`. HTA then rounds
 * every event to whole µs.
 */
export interface GpuRankInfo {
  rank: number;
  /** Where the events came from (file name); informative only. */
  source?: string;
  htaRounds: boolean;
  /** The trace's `deviceProperties` (Kineto), when it has them: what hardware-efficiency analyses compare against. */
  devices?: readonly GpuDeviceProperties[];
  /** `distributedInfo.world_size` when the trace names it: ranks of one job agree on it. */
  worldSize?: number;
  /** Kineto's `baseTimeNanoseconds`: trace time t µs is Unix time `t·1000 + baseTimeNs` ns (places power logs on the trace). */
  baseTimeNs?: number;
}

/** One entry of a Kineto trace's `deviceProperties` (the fields analyses use; others are dropped). */
export interface GpuDeviceProperties {
  id: number;
  name: string;
  totalGlobalMem?: number;
  computeMajor?: number;
  computeMinor?: number;
  numSms?: number;
  maxThreadsPerMultiprocessor?: number;
  warpSize?: number;
}

/**
 * The tidy **gpu events** table (docs/design.md) in columnar form: one entry per trace event with a duration.
 *
 * Columns: `rank`, `device` (GPU index, −1 on the host), `stream` (HTA's rule: `args.stream` as a number, −1
 * when missing or non-numeric), `thread` (Chrome-trace `tid` when numeric, else −1), `kind` (the Kineto `cat`,
 * e.g. `kernel`, `gpu_memcpy`, `cuda_runtime`, `cpu_op`), `name`, `start_us`, `dur_us` (µs, as written) and
 * `correlation` (`args.correlation`, −1 when missing). `kind` and `name` are indices into `kinds` / `names`
 * so that million-event traces stay in typed arrays; {@link gpuEventRows} turns a table into plain rows,
 * adding the HTA `category` of each event.
 */
export interface GpuEventTable {
  readonly length: number;
  readonly rank: Int32Array;
  readonly device: Int32Array;
  readonly stream: Float64Array;
  readonly thread: Float64Array;
  readonly kind: Uint16Array;
  readonly name: Int32Array;
  readonly start_us: Float64Array;
  readonly dur_us: Float64Array;
  readonly correlation: Float64Array;
  readonly kinds: readonly string[];
  readonly names: readonly string[];
  readonly ranks: readonly GpuRankInfo[];
  /**
   * Numeric event `args` the analyses need, by their Kineto names (`bytes`, `memory bandwidth (GB/s)`,
   * `est. achieved occupancy %`, CUPTI counters such as `smsp__sass_thread_inst_executed_op_ffma_pred_on.sum`),
   * one value per event, `NaN` where an event lacks it. Absent when no event had any of them.
   */
  readonly args?: Readonly<Record<string, Float64Array>>;
}

/** One row of the tidy gpu events table, as loaders print it and pages read it. */
export interface GpuEventRow {
  rank: number;
  device: number;
  stream: number;
  thread?: number;
  kind: string;
  category?: string;
  name: string;
  start_us: number;
  dur_us: number;
  correlation: number;
}

/**
 * Builds a {@link GpuEventTable} event by event with amortised-doubling typed columns. Used by loaders
 * (streaming) and by {@link gpuEventTable} (from rows).
 *
 * @example
 * const b = new GpuEventTableBuilder();
 * b.add({rank: 0, device: 0, stream: 7, kind: "kernel", name: "gemm", start_us: 0, dur_us: 5, correlation: 1});
 * b.finish({0: {rank: 0, htaRounds: false}}).length; // 1
 */
export class GpuEventTableBuilder {
  length = 0;
  private capacity: number;
  rank: Int32Array;
  device: Int32Array;
  stream: Float64Array;
  thread: Float64Array;
  kind: Uint16Array;
  name: Int32Array;
  start: Float64Array;
  dur: Float64Array;
  correlation: Float64Array;
  readonly kinds: string[] = [];
  readonly names: string[] = [];
  /** Numeric args by name, allocated when a first event carries one (NaN elsewhere). */
  readonly args = new Map<string, Float64Array>();
  /**
   * Rows of each args column NaN-filled so far, in blocks of 4096 ahead of the last row written: the filling
   * follows the rows instead of covering the whole capacity, so a column's untouched tail costs no resident
   * memory.
   */
  private readonly argsFilled = new Map<string, {rows: number}>();
  private readonly kindIndex = new Map<string, number>();
  private readonly nameIndex = new Map<string, number>();

  constructor(capacity = 1024) {
    this.capacity = Math.max(16, capacity);
    const c = this.capacity;
    this.rank = new Int32Array(c);
    this.device = new Int32Array(c);
    this.stream = new Float64Array(c);
    this.thread = new Float64Array(c);
    this.kind = new Uint16Array(c);
    this.name = new Int32Array(c);
    this.start = new Float64Array(c);
    this.dur = new Float64Array(c);
    this.correlation = new Float64Array(c);
  }

  /** Index of a kind string, interned. */
  kindId(kind: string): number {
    let id = this.kindIndex.get(kind);
    if (id === undefined) {
      id = this.kinds.length;
      if (id > 0xffff) throw new BenchstatsError("shape", "gpu events: more than 65536 distinct event kinds");
      this.kinds.push(kind);
      this.kindIndex.set(kind, id);
    }
    return id;
  }

  /** Index of a name string, interned. */
  nameId(name: string): number {
    let id = this.nameIndex.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.nameIndex.set(name, id);
    }
    return id;
  }

  /** Appends one event given interned ids (the loaders' fast path). */
  push(rank: number, device: number, stream: number, thread: number, kindId: number, nameId: number,
    start: number, dur: number, correlation: number): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.rank[i] = rank;
    this.device[i] = device;
    this.stream[i] = stream;
    this.thread[i] = thread;
    this.kind[i] = kindId;
    this.name[i] = nameId;
    this.start[i] = start;
    this.dur[i] = dur;
    this.correlation[i] = correlation;
  }

  /** Appends one tidy row. */
  add(row: GpuEventRow): void {
    this.push(row.rank, row.device, row.stream, row.thread ?? -1, this.kindId(row.kind), this.nameId(row.name),
      row.start_us, row.dur_us, row.correlation);
  }

  /**
   * Appends every event of another table, re-interning its kinds and names in its dictionaries' order:
   * appending the per-file tables of several files in file order gives the same table as reading the files one
   * after the other into this builder (how parallel readers stay identical to one thread).
   */
  append(part: GpuEventTable): void {
    const n = part.length;
    while (this.capacity < this.length + n) this.grow();
    const at = this.length;
    // Every kind and name in the part's dictionary order (first use in its file, dropped events included),
    // exactly as one builder reading that file would have interned them.
    const kindMap = part.kinds.map((k) => this.kindId(k));
    const nameMap = part.names.map((name) => this.nameId(name));
    for (let i = 0; i < n; ++i) {
      this.kind[at + i] = kindMap[part.kind[i]];
      this.name[at + i] = nameMap[part.name[i]];
    }
    this.rank.set(part.rank, at);
    this.device.set(part.device, at);
    this.stream.set(part.stream, at);
    this.thread.set(part.thread, at);
    this.start.set(part.start_us, at);
    this.dur.set(part.dur_us, at);
    this.correlation.set(part.correlation, at);
    this.length += n;
    for (const [key, column] of Object.entries(part.args ?? {})) {
      for (let i = 0; i < n; ++i) if (!Number.isNaN(column[i])) this.setArg(at + i, key, column[i]);
    }
  }

  /** Records numeric arg `key` of event `row` (an index already pushed). */
  setArg(row: number, key: string, value: number): void {
    let column = this.args.get(key);
    let filled = this.argsFilled.get(key);
    if (!column || !filled) {
      this.args.set(key, (column = new Float64Array(this.capacity)));
      this.argsFilled.set(key, (filled = {rows: 0}));
    }
    if (row >= filled.rows) {
      const to = Math.min(column.length, row + 4096);
      column.fill(NaN, filled.rows, to);
      filled.rows = to;
    }
    column[row] = value;
  }

  /** Sets the rank of events [from, length) (a Kineto file names its rank only in metadata, possibly last). */
  setRank(from: number, rank: number): void {
    this.rank.fill(rank, from, this.length);
  }

  private grow(): void {
    const c = this.capacity * 2;
    const grow = <T extends Int32Array | Float64Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.rank = grow(this.rank, (n) => new Int32Array(n));
    this.device = grow(this.device, (n) => new Int32Array(n));
    this.stream = grow(this.stream, (n) => new Float64Array(n));
    this.thread = grow(this.thread, (n) => new Float64Array(n));
    this.kind = grow(this.kind, (n) => new Uint16Array(n));
    this.name = grow(this.name, (n) => new Int32Array(n));
    this.start = grow(this.start, (n) => new Float64Array(n));
    this.dur = grow(this.dur, (n) => new Float64Array(n));
    this.correlation = grow(this.correlation, (n) => new Float64Array(n));
    for (const [key, column] of this.args) {
      const bigger = new Float64Array(c);
      bigger.set(column.subarray(0, this.argsFilled.get(key)?.rows ?? 0));
      this.args.set(key, bigger);
    }
    this.capacity = c;
  }

  /** The finished table (columns trimmed to length, without copying when already full). */
  finish(ranks: readonly GpuRankInfo[]): GpuEventTable {
    const n = this.length;
    for (const [key, column] of this.args) {
      const filled = this.argsFilled.get(key)!;
      if (filled.rows < n) {
        column.fill(NaN, filled.rows, n);
        filled.rows = n;
      }
    }
    const trim = <T extends Int32Array | Float64Array | Uint16Array>(a: T): T => (a.length === n ? a : (a.subarray(0, n) as T));
    return {
      length: n,
      rank: trim(this.rank),
      device: trim(this.device),
      stream: trim(this.stream),
      thread: trim(this.thread),
      kind: trim(this.kind),
      name: trim(this.name),
      start_us: trim(this.start),
      dur_us: trim(this.dur),
      correlation: trim(this.correlation),
      kinds: this.kinds,
      names: this.names,
      ranks: [...ranks].sort((a, b) => a.rank - b.rank),
      ...(this.args.size ? {args: Object.fromEntries([...this.args].map(([key, column]) => [key, trim(column)]))} : {})
    };
  }
}

/**
 * A {@link GpuEventTable} from the tidy gpu events table: row objects (for example a CSV printed by a data
 * loader) or the columnar form (a `TidyTable` read from Parquet). `ranks` gives HTA's rounding flag per
 * rank; without it, a rank rounds when any of its `start_us` values is not an integer, which is how such a
 * table looks when the original trace had fractional timestamps. `device`, `thread` and `correlation` may
 * be absent (−1); `kind` too ("").
 *
 * @example
 * gpuEventTable([{rank: 0, device: 0, stream: 7, kind: "kernel", name: "gemm", start_us: 0, dur_us: 5, correlation: 1}]).length; // 1
 */
export function gpuEventTable(events: readonly GpuEventRow[] | ColumnarTable, ranks?: readonly GpuRankInfo[]): GpuEventTable {
  if (!Array.isArray(events)) return gpuEventTable(gpuRowsOfColumns(events as ColumnarTable), ranks);
  const rows = rowsArg<GpuEventRow>(events, "events", "gpuEventTable");
  if (ranks !== undefined) rowsArg(ranks, "ranks", "gpuEventTable");
  const b = new GpuEventTableBuilder(rows.length);
  const fractional = new Map<number, boolean>();
  rows.forEach((row, i) => {
    for (const field of ["rank", "device", "stream", "start_us", "dur_us", "correlation"] as const) {
      const v = row[field];
      if (typeof v !== "number" || Number.isNaN(v)) {
        throw new BenchstatsError("type", `gpu events: expected a number in "${field}", got ${typeof v === "number" ? String(v) : JSON.stringify(v)}`, {row: i, field});
      }
    }
    // A time or duration that is infinite, or a negative duration, would make every breakdown nonsense.
    if (!Number.isFinite(row.start_us) || !Number.isFinite(row.dur_us) || row.dur_us < 0) {
      throw new BenchstatsError("value", `gpu events: expected a finite start_us and a finite dur_us ≥ 0, got ${row.start_us} and ${row.dur_us}`, {row: i, field: row.dur_us < 0 || !Number.isFinite(row.dur_us) ? "dur_us" : "start_us"});
    }
    if (typeof row.name !== "string" || typeof row.kind !== "string") {
      throw new BenchstatsError("type", "gpu events: expected strings in \"kind\" and \"name\"", {row: i});
    }
    b.add(row);
    if (!Number.isInteger(row.start_us)) fractional.set(row.rank, true);
    else if (!fractional.has(row.rank)) fractional.set(row.rank, false);
  });
  const info = ranks ?? [...fractional].map(([rank, htaRounds]) => ({rank, htaRounds}));
  return b.finish(info);
}

/** Rows of a columnar gpu events table; absent optional columns become −1 (numbers) or "" (kind). */
function gpuRowsOfColumns(table: ColumnarTable): GpuEventRow[] {
  const spec = {labels: ["kind", "name"], numbers: ["rank", "device", "stream", "thread", "start_us", "dur_us", "correlation"], optional: ["kind", "device", "thread", "correlation"]};
  const {length, columns} = tableColumns(table, spec, "gpuEventTable");
  const number = (name: string, i: number) => {
    const column = columns[name] as Float64Array | undefined;
    return column === undefined || Number.isNaN(column[i]) ? -1 : column[i];
  };
  const label = (name: string, i: number) => {
    const column = columns[name] as LabelColumn | undefined;
    return column ? column.labels[column.codes[i]] : "";
  };
  const rows: GpuEventRow[] = new Array(length);
  for (let i = 0; i < length; ++i) {
    rows[i] = {
      rank: (columns.rank as Float64Array)[i],
      device: number("device", i),
      stream: (columns.stream as Float64Array)[i],
      thread: number("thread", i),
      kind: label("kind", i),
      name: label("name", i),
      start_us: (columns.start_us as Float64Array)[i],
      dur_us: (columns.dur_us as Float64Array)[i],
      correlation: number("correlation", i)
    };
  }
  return rows;
}

/**
 * Plain tidy rows of a table, with each event's HTA `category` (see {@link kernelCategory}; `"CPU"` for
 * host-side events whose stream is −1).
 *
 * @example
 * gpuEventRows(table)[0]; // {rank: 0, device: 0, stream: 7, thread: -1, kind: "kernel", category: "COMPUTATION", ...}
 */
export function gpuEventRows(table: GpuEventTable, indices?: ArrayLike<number>): GpuEventRow[] {
  checkGpuEventTable(table, "gpuEventRows");
  if (indices !== undefined) {
    const ok = numbersArg(indices, "indices", "gpuEventRows", {missing: false});
    for (let j = 0; j < ok.length; ++j) if (!Number.isInteger(ok[j]) || ok[j] < 0 || ok[j] >= table.length) reject("range", "gpuEventRows", "indices", `row numbers in [0, ${table.length})`, ok[j], {row: j});
  }
  const categories = nameCategories(table.names);
  const n = indices ? indices.length : table.length;
  const rows: GpuEventRow[] = new Array(n);
  for (let j = 0; j < n; ++j) {
    const i = indices ? indices[j] : j;
    const stream = table.stream[i];
    rows[j] = {
      rank: table.rank[i],
      device: table.device[i],
      stream,
      thread: table.thread[i],
      kind: table.kinds[table.kind[i]],
      category: stream === -1 ? "CPU" : categories[table.name[i]],
      name: table.names[table.name[i]],
      start_us: table.start_us[i],
      dur_us: table.dur_us[i],
      correlation: table.correlation[i]
    };
  }
  return rows;
}

/** The HTA kernel categories, as HTA names them. */
export type KernelCategory = "COMMUNICATION" | "MEMORY" | "COMPUTATION" | "OTHER";

const COMMUNICATION = /^(?:nccl|hip|hccl|.*ncclKernel)/;
const MEMORY = /^(?:(?:hip)?Memcpy|(?:hip)?Memset|dma)/;
const NOT_COMPUTATION =
  /^(?:nccl|.*Memcpy|.*Memset|.*dma|.*Sync|Stream Wait Event|cuda.*LaunchKernel|runFunction|hip|job_exe|packet|pe_exe|cpum_exe_subgraph|hccl|collective_subgraph_execution)/;

/**
 * HTA's kernel classification of a GPU event name (Holistic Trace Analysis `hta/common/types.py`, checked in
 * HTA's source): COMMUNICATION if the name matches `^nccl|^hip|^hccl|.*ncclKernel`, else MEMORY
 * for `^(hip)?Memcpy|^(hip)?Memset|^dma`, else COMPUTATION unless it matches the non-compute list
 * (`^nccl|.*Memcpy|.*Memset|.*dma|.*Sync|^Stream Wait Event|cuda.*LaunchKernel|...`), else OTHER. All patterns
 * are anchored at the start of the name like Python's `re.match`.
 *
 * @example
 * kernelCategory("ncclKernel_AllReduce_RING_LL_Sum_float"); // "COMMUNICATION"
 * kernelCategory("Memcpy HtoD (Pageable -> Device)");       // "MEMORY"
 * kernelCategory("Context Sync");                           // "OTHER"
 * kernelCategory("volta_sgemm_128x64_nn");                  // "COMPUTATION"
 */
export function kernelCategory(name: string): KernelCategory {
  if (COMMUNICATION.test(name)) return "COMMUNICATION";
  if (MEMORY.test(name)) return "MEMORY";
  if (!NOT_COMPUTATION.test(name)) return "COMPUTATION";
  return "OTHER";
}

/** Category of every interned name (classification runs once per distinct name, not per event). */
export function nameCategories(names: readonly string[]): KernelCategory[] {
  return names.map(kernelCategory);
}

const COLUMNS = {
  rank: Int32Array,
  device: Int32Array,
  stream: Float64Array,
  thread: Float64Array,
  kind: Uint16Array,
  name: Int32Array,
  start_us: Float64Array,
  dur_us: Float64Array,
  correlation: Float64Array
} as const;

/**
 * Checks that `table` is a {@link GpuEventTable} (what the readers and {@link gpuEventTable} return): a
 * length, its typed columns of that length, and the `kinds`, `names` and `ranks` lists. Plain rows are
 * refused with a pointer to {@link gpuEventTable}. Constant time: the values were checked when it was built.
 *
 * @example checkGpuEventTable(events, "temporalBreakdown");
 */
export function checkGpuEventTable(table: unknown, fn: string): asserts table is GpuEventTable {
  const what = "a gpu events table (from readGpuEvents or gpuEventTable(rows))";
  if (Array.isArray(table)) reject("type", fn, "events", `${what}; turn rows into one with gpuEventTable`, table);
  const t = objectArg<Record<string, unknown>>(table, "events", fn, what);
  if (!Number.isInteger(t.length) || (t.length as number) < 0) reject("type", fn, "events", what, table);
  for (const [name, type] of Object.entries(COLUMNS)) {
    const column = t[name];
    if (!(column instanceof type) || column.length !== t.length) reject("type", fn, `events.${name}`, `a ${type.name} of length ${t.length}`, column);
  }
  for (const name of ["kinds", "names", "ranks"]) if (!Array.isArray(t[name])) reject("type", fn, `events.${name}`, "an array", t[name]);
}
