import {checkGpuEventTable} from "./events.js";
import {optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import type {GpuEventTable} from "./events.js";
import {asPrepared, indicesByRank} from "./prepare.js";
import type {HtaOptions} from "./prepare.js";
import {queueLengthSeries} from "./queue-length.js";

/** CUDA's launch queue holds this many operations per stream (HTA's `CUDA_MAX_LAUNCH_QUEUE_PER_STREAM`). */
export const CUDA_MAX_LAUNCH_QUEUE_PER_STREAM = 1024;

/** Options of {@link timeBlockedOnFullQueue}. */
export interface BlockedQueueOptions extends HtaOptions {
  /** Queue length at which the CPU blocks (HTA's `max_queue_length`, default 1024). */
  queueLimit?: number;
}

/** One row of {@link timeBlockedOnFullQueue}: HTA's columns. */
export interface BlockedQueueRow {
  rank: number;
  stream: number;
  /** µs during which the stream's queue held ≥ `queueLimit` operations. */
  duration_at_max_queue_length: number;
  /** That time over the rank's trace span (last event start − first event start); `null` when the span is 0. */
  relative_duration_at_max_queue_length: number | null;
}

/**
 * HTA's time spent blocked on a full launch queue: on each stream's queue-length step function
 * ({@link queueLengthSeries}), the time from every change point whose queue length is ≥ `queueLimit` to the
 * next change point of the stream (the last point has no successor and adds nothing), summed; and that sum
 * divided by the rank's trace span as HTA measures it (`ts.max() − ts.min()` over all the rank's events after
 * the loading rules). Only streams that reach the limit get a row; with the default limit of 1024 real traces
 * usually give none (an empty result, not an error).
 *
 * The sum does not depend on how points sharing a µs are ordered: only the last point of a tie has a nonzero
 * duration, and its value (the queue after every change at that µs) is the same in any order.
 *
 * Reference: HTA `TraceAnalysis.get_time_spent_blocked_on_full_queue(queue_length_dict, max_queue_length)`.
 * HTA's frame has one row per rank: the streams overwrite each other and the highest stream id reaching the
 * limit is what remains. Here every stream keeps its row, so HTA's row is the last of each rank's rows.
 *
 * @throws BenchstatsError `option` when `queueLimit` is not a positive integer.
 * @example
 * timeBlockedOnFullQueue(events, {queueLimit: 16}); // [{rank: 0, stream: 7, duration_at_max_queue_length: 314, …}]
 */
export function timeBlockedOnFullQueue(events: GpuEventTable, options: BlockedQueueOptions = {}): BlockedQueueRow[] {
  checkGpuEventTable(events, "timeBlockedOnFullQueue");
  options = optionsArg(options, "timeBlockedOnFullQueue");
  const limit = options.queueLimit ?? CUDA_MAX_LAUNCH_QUEUE_PER_STREAM;
  if (!(Number.isInteger(limit) && limit >= 1)) {
    throw new BenchstatsError("option", `timeBlockedOnFullQueue: queueLimit must be a positive integer, got ${limit}`);
  }
  const t = asPrepared(events, options);
  const span = new Map<number, number>();
  for (const [rank, idx] of indicesByRank(t)) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < idx.length; ++k) {
      const s = t.start_us[idx[k]];
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
    span.set(rank, hi - lo);
  }
  const series = queueLengthSeries(t);
  const rows: BlockedQueueRow[] = [];
  // The series comes grouped by (rank, stream) and sorted by time within each group.
  for (let i = 0; i < series.length; ) {
    const {rank, stream} = series[i];
    let j = i;
    let total = 0;
    let reached = false;
    for (; j < series.length && series[j].rank === rank && series[j].stream === stream; ++j) {
      if (series[j].queue_length < limit) continue;
      reached = true;
      const next = series[j + 1];
      if (next && next.rank === rank && next.stream === stream) total += next.ts - series[j].ts;
    }
    if (reached) {
      rows.push({rank, stream, duration_at_max_queue_length: total, relative_duration_at_max_queue_length: span.get(rank)! > 0 ? total / span.get(rank)! : null});
    }
    i = j;
  }
  return rows;
}
