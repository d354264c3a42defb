/**
 * One rank's Kineto file, read and (optionally) analysed where it is read: the unit of work of readKineto's
 * and analyseKinetoRanks' worker threads, and of their one-thread paths, so that both give the same answer.
 *
 * {@link analyseRankFile} runs the per-rank analyses on the file's own table and keeps only their rows: a
 * worker then sends back a few hundred bytes instead of the file's columns. Two of HTA's loading rules look at
 * every rank at once (lib/gpu/prepare.ts): the ProfilerStep filter applies when the ranks together hold ≥ 2
 * distinct `ProfilerStep#N` names, and timestamps are aligned to the earliest start of any rank. A file that
 * alone holds ≥ 2 step names is analysed with the filter; one with fewer is analysed both ways and the caller
 * picks the variant once every file's step names are known. The alignment is per file: in HTA's mode all times
 * are whole µs, so the rows do not depend on it; in `mode: "exact"` sums may differ from an analysis of the
 * merged table in the last bits.
 *
 * @example
 * const {result, variants} = await analyseRankFile("rank-3.json.gz", {analyses: ["temporalBreakdown"]});
 */
import {GpuEventTableBuilder, type GpuEventTable} from "../../lib/gpu/events.js";
import {commCompOverlap, type CommCompOverlapRow} from "../../lib/gpu/comm-comp-overlap.js";
import {idleTimeBreakdown, type IdleTimeRow} from "../../lib/gpu/idle-time-breakdown.js";
import {prepareRankTrace, profilerStepNames, type HtaOptions, type PreparedGpuTrace} from "../../lib/gpu/prepare.js";
import {queueLengthSummary, type QueueLengthSummaryRow} from "../../lib/gpu/queue-length.js";
import {temporalBreakdown, type TemporalBreakdownRow} from "../../lib/gpu/temporal-breakdown.js";
import {fileChunks} from "./bytes.js";
import {KinetoParser, type KinetoFileResult} from "./kineto.js";
import {expectedEvents} from "./read-kineto.js";
import {sentError, type SentError} from "./kineto-pool.js";

/** The per-rank analyses analyseKinetoRanks runs next to the reader (rows independent across ranks). */
export const RANK_ANALYSES = {
  temporalBreakdown: (t: PreparedGpuTrace) => temporalBreakdown(t),
  idleTimeBreakdown: (t: PreparedGpuTrace) => idleTimeBreakdown(t),
  commCompOverlap: (t: PreparedGpuTrace) => commCompOverlap(t),
  queueLengthSummary: (t: PreparedGpuTrace) => queueLengthSummary(t)
};

/** Names of {@link RANK_ANALYSES}. */
export type RankAnalysisName = keyof typeof RANK_ANALYSES;

/** Rows of each per-rank analysis, ascending rank (those asked for). */
export interface RankAnalyses {
  temporalBreakdown?: TemporalBreakdownRow[];
  idleTimeBreakdown?: IdleTimeRow[];
  commCompOverlap?: CommCompOverlapRow[];
  queueLengthSummary?: QueueLengthSummaryRow[];
}

/** What to compute for a file: the analyses and HTA's loading options. */
export interface RankFileSpec extends HtaOptions {
  analyses: RankAnalysisName[];
  /** Rank for a file without `distributedInfo.rank`. */
  rank?: number;
}

/** One file's analyses under one setting of the ProfilerStep filter: rows, or the error, per analysis. */
export interface RankFileVariant {
  stepFilter: boolean;
  rows: Partial<Record<RankAnalysisName, object[]>>;
  errors: Partial<Record<RankAnalysisName, SentError>>;
}

/** {@link analyseRankFile}'s answer. */
export interface RankFileAnswer {
  result: KinetoFileResult;
  /** The file's distinct CPU-side `ProfilerStep#N` names. */
  steps: string[];
  variants: RankFileVariant[];
}

/** Streams one Kineto file into its own gpu events table (`keepArgs`: see KinetoFileOptions). */
export async function readRankFile(file: string, rank?: number, keepArgs = true): Promise<{table: GpuEventTable; result: KinetoFileResult}> {
  const builder = new GpuEventTableBuilder(await expectedEvents([file]));
  const parser = new KinetoParser(builder, {source: file, rank, keepArgs});
  for await (const chunk of fileChunks(file)) parser.push(chunk);
  const result = parser.end();
  return {table: builder.finish([result.info]), result};
}

/** Reads one file and runs the per-rank analyses on it (see the module comment for the step filter). */
export async function analyseRankFile(file: string, spec: RankFileSpec): Promise<RankFileAnswer> {
  // None of RANK_ANALYSES reads the args columns.
  const {table, result} = await readRankFile(file, spec.rank, false);
  const steps = profilerStepNames(table);
  const options: HtaOptions = {mode: spec.mode, includeLastProfilerStep: spec.includeLastProfilerStep};
  const variants = (steps.length >= 2 ? [true] : [false, true]).map((stepFilter): RankFileVariant => {
    const rows: RankFileVariant["rows"] = {};
    const errors: RankFileVariant["errors"] = {};
    let prepared: PreparedGpuTrace;
    try {
      prepared = prepareRankTrace(table, options, stepFilter);
    } catch (error) {
      for (const name of spec.analyses) errors[name] = sentError(error);
      return {stepFilter, rows, errors};
    }
    for (const name of spec.analyses) {
      try {
        rows[name] = RANK_ANALYSES[name](prepared);
      } catch (error) {
        errors[name] = sentError(error);
      }
    }
    return {stepFilter, rows, errors};
  });
  return {result, steps, variants};
}
