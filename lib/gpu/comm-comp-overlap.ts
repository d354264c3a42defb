import {optionsArg} from "../core/check.js";
import type {GpuEventTable} from "./events.js";
import {checkGpuEventTable, nameCategories} from "./events.js";
import {intersectionLength, mergeIntervals, roundHalfEven} from "./intervals.js";
import {asPrepared, indicesByRank} from "./prepare.js";
import type {HtaOptions} from "./prepare.js";

/** One row of {@link commCompOverlap}. */
export interface CommCompOverlapRow {
  rank: number;
  /** Percentage of communication time hidden under computation; `null` when the rank has no COMM kernels. */
  comp_comm_overlap_pctg: number | null;
  /** Σ merged COMMUNICATION time (µs), the denominator. */
  "comm_time(us)": number;
  /** Time (µs) when COMPUTATION and COMMUNICATION run at once, the numerator. */
  "overlap_time(us)": number;
}

/**
 * HTA's communication-computation overlap per rank: merge COMPUTATION intervals and COMMUNICATION intervals
 * separately (GPU events, `stream ≠ −1`, after HTA's loading rules), take the time covered by both, and
 * report `round(100·overlap / Σ merged COMM, 2)`. HTA sweeps +1/−1 for comm and +2/−2 for comp and counts time
 * at 3; intersecting the two merged lists is the same quantity.
 *
 * HTA returns NaN without COMM kernels; here that is `null` (documented, not a silent NaN). The numerator
 * and denominator are added as extra columns.
 *
 * Reference: HTA `CommunicationAnalysis.get_comm_comp_overlap`.
 *
 * @example
 * commCompOverlap(events); // [{rank: 0, comp_comm_overlap_pctg: 16.84, …}]
 */
export function commCompOverlap(events: GpuEventTable, options: HtaOptions = {}): CommCompOverlapRow[] {
  checkGpuEventTable(events, "commCompOverlap");
  options = optionsArg(options, "commCompOverlap");
  const t = asPrepared(events, options, "commCompOverlap");
  const exact = t.prepared.mode === "exact";
  const category = nameCategories(t.names);
  const rows: CommCompOverlapRow[] = [];
  for (const [rank, all] of indicesByRank(t)) {
    const comp: [number[], number[]] = [[], []];
    const comm: [number[], number[]] = [[], []];
    for (let k = 0; k < all.length; ++k) {
      const i = all[k];
      if (t.stream[i] === -1) continue;
      const c = category[t.name[i]];
      const target = c === "COMPUTATION" ? comp : c === "COMMUNICATION" ? comm : null;
      if (!target) continue;
      target[0].push(t.start_us[i]);
      target[1].push(t.start_us[i] + t.dur_us[i]);
    }
    const mComp = mergeIntervals(Float64Array.from(comp[0]), Float64Array.from(comp[1]));
    const mComm = mergeIntervals(Float64Array.from(comm[0]), Float64Array.from(comm[1]));
    const overlap = intersectionLength(mComp, mComm);
    const ratio = comm[0].length === 0 ? null : (100 * overlap) / mComm.total;
    rows.push({
      rank,
      comp_comm_overlap_pctg: ratio === null || exact ? ratio : roundHalfEven(ratio, 2),
      "comm_time(us)": mComm.total,
      "overlap_time(us)": overlap
    });
  }
  return rows;
}
