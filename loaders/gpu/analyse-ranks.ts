import {BenchstatsError} from "../../lib/core/errors.js";
import type {HtaOptions} from "../../lib/gpu/prepare.js";
import type {KinetoFileResult} from "./kineto.js";
import {inWorkers, receivedError} from "./kineto-pool.js";
import {rankRecorder, workerCount} from "./read-kineto.js";
import {analyseRankFile, RANK_ANALYSES, type RankAnalyses, type RankAnalysisName, type RankFileAnswer, type RankFileSpec} from "./rank-file.js";

export type {RankAnalyses, RankAnalysisName} from "./rank-file.js";

/** Options of {@link analyseKinetoRanks}: HTA's loading rules, which analyses, and the threads. */
export interface AnalyseKinetoOptions extends HtaOptions {
  /** Which per-rank analyses to run (default: `["temporalBreakdown"]`). */
  analyses?: RankAnalysisName[];
  /** Worker threads, one file each at a time (default as readKineto's: every core for ≥ 32 MB of files). */
  workers?: number;
  /** Rank for a file without `distributedInfo.rank` (single file only). */
  rank?: number;
  /** Receives each file's metadata and event counts, in file order. */
  onFile?: (result: KinetoFileResult) => void;
}

/**
 * The per-rank HTA analyses of a multi-rank Kineto trace (one rank per file), each rank analysed where it is
 * read: a worker thread parses its file, runs the analyses on that rank alone and sends back only their rows,
 * so neither the columns nor their copies cross threads and each worker holds one file at a time. The rows are
 * those of `temporalBreakdown(await readKineto(files))` (and likewise for the other analyses), ascending rank,
 * the same for any number of workers; HTA's rules that look at all ranks at once are kept (see
 * loaders/gpu/rank-file.ts). Analyses whose rows mix ranks (kernel breakdown, stragglers, critical path) need
 * the merged table: use readKineto.
 *
 * @throws BenchstatsError as readKineto does (located parse errors, a rank in two files), and an analysis's own
 *   error for the lowest rank that raises it.
 * @example
 * const {temporalBreakdown} = await analyseKinetoRanks(["rank-0.json.gz", "rank-1.json.gz"]);
 */
export async function analyseKinetoRanks(paths: string[], options: AnalyseKinetoOptions = {}): Promise<RankAnalyses> {
  if (!Array.isArray(paths) || paths.length === 0 || paths.some((p) => typeof p !== "string")) {
    throw new BenchstatsError("option", "analyseKinetoRanks: expected a non-empty array of trace file paths");
  }
  const analyses = options.analyses ?? ["temporalBreakdown"];
  for (const name of analyses) {
    if (!Object.hasOwn(RANK_ANALYSES, name)) {
      throw new BenchstatsError("option", `analyseKinetoRanks: unknown analysis ${JSON.stringify(name)}; expected one of ${Object.keys(RANK_ANALYSES).join(", ")}`);
    }
  }
  const workers = await workerCount(paths, options.workers, "analyseKinetoRanks");
  const spec: RankFileSpec = {analyses, mode: options.mode, includeLastProfilerStep: options.includeLastProfilerStep, rank: paths.length === 1 ? options.rank : undefined};
  const {accept} = rankRecorder(options.onFile);
  const answers: RankFileAnswer[] = [];
  const take = (index: number, answer: RankFileAnswer) => {
    accept(paths[index], answer.result);
    answers.push(answer);
  };
  if (workers > 1) await inWorkers(paths.map((file) => ({type: "analyse", file, spec})), workers, take);
  else for (let i = 0; i < paths.length; ++i) take(i, await analyseRankFile(paths[i], spec));

  // HTA's rule 4 over all ranks: the ProfilerStep filter applies when they hold ≥ 2 distinct step names.
  const stepFilter = new Set(answers.flatMap((a) => a.steps)).size >= 2;
  const chosen = answers
    .map((a) => ({rank: a.result.info.rank, variant: a.variants.find((v) => v.stepFilter === stepFilter)!}))
    .sort((a, b) => a.rank - b.rank);
  const out: Record<string, object[]> = {};
  for (const name of analyses) {
    const failed = chosen.find((c) => c.variant.errors[name]);
    if (failed) throw receivedError(failed.variant.errors[name]!);
    out[name] = chosen.flatMap((c) => c.variant.rows[name]!);
  }
  return out as RankAnalyses;
}
