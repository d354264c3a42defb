// The "Is A really better than B?" report's inputs (no double extension, so Framework does not treat this
// file as a loader): the two item-level evaluations it compares models on, as one tidy samples table, and
// the Arena-Hard leaderboard with its published intervals. Reading is the loaders'; the only shaping here is
// AlpacaEval's preference in [1, 2] turned into the judge's win probability in [0, 1] (the leaderboard's
// win rate is its mean) and each instruction's source dataset attached as its cluster.
import {BenchstatsError} from "../../lib/index.js";
import {encodeLabels} from "../../lib/engine.js";
import {dataPath} from "../../loaders/data-dir.js";
import {readArenaHardLeaderboard} from "../../loaders/scores/leaderboards.js";
import {readSamplesCsv} from "../../loaders/scores/samples.js";
import {queryRows, sqlString} from "../../loaders/tidy/duckdb.js";
import type {SampleRow} from "../../loaders/tidy/rows.js";
import {TidyTable} from "../../loaders/tidy/table.js";

/** One evaluation of the report: its label in the samples table and how its items are analysed. */
export interface ClaimsBenchmark {
  /** The `benchmark` label of its rows. */
  id: string;
  name: string;
  /** The `metric` label of its rows. */
  metric: string;
  /** 0/1 results: McNemar's test applies. */
  binary: boolean;
  /** The label column that groups its items (clustered standard errors), when it has one. */
  cluster?: string;
  /** What the value of one item is, for the page's axes. */
  unit: string;
}

export const CLAIMS_BENCHMARKS: readonly ClaimsBenchmark[] = [
  {id: "alpaca_eval_2", name: "AlpacaEval 2", metric: "win", binary: false, cluster: "dataset", unit: "win rate against GPT-4 Turbo"},
  {id: "chembench", name: "ChemBench", metric: "all_correct", binary: true, unit: "accuracy"}
];

/**
 * AlpacaEval 2 (58 models × 805 instructions, `value` = preference − 1: the GPT-4-Turbo judge's probability
 * that the model's answer beats the baseline's, `dataset` = the instruction's source collection) and
 * ChemBench (22 models × 2,854 questions, 1 = fully correct; `dataset` empty: the bundle has no topics), as
 * one samples table with the extra label column `dataset`. Empty cells of the matrices give no row.
 *
 * @example (await claimsSamples()).length; // 46,680 + 62,788
 */
export async function claimsSamples(): Promise<TidyTable<SampleRow & {dataset: string}>> {
  const [alpaca, chembench] = CLAIMS_BENCHMARKS;
  // Read as "preference", so that the reader holds every value to [1, 2]; relabelled once shifted.
  const preferences = await readSamplesCsv(dataPath("samples", "alpaca_eval", "ae2_weighted_gpt4turbo_preference.csv"), {benchmark: alpaca.id, metric: "preference"});
  const wins = preferences.numbers("value").map((p) => p - 1);
  const datasetOf = await alpacaDatasets();
  const items = preferences.labels("item");
  const datasets = Array.from(items.codes, (code, row) => {
    const dataset = datasetOf.get(items.labels[code]);
    if (!dataset) throw new BenchstatsError("value", `AlpacaEval item ${items.labels[code]} has no source dataset in samples/alpaca_eval/items.csv`, {row, field: "item"});
    return dataset;
  });
  const alpacaTable = preferences.withColumns({value: wins, metric: TidyTable.constantLabel(preferences.length, alpaca.metric), dataset: encodeLabels(datasets)});
  const chem = await readSamplesCsv(dataPath("samples", "chembench", "chembench_models_x_items.csv"), {benchmark: chembench.id, metric: chembench.metric});
  const chemTable = chem.withColumns({dataset: TidyTable.constantLabel(chem.length, "")});
  return TidyTable.concat("samples", [alpacaTable, chemTable]) as TidyTable<SampleRow & {dataset: string}>;
}

/** Each AlpacaEval instruction's source dataset (helpful_base, koala, oasst, selfinstruct, vicuna). */
async function alpacaDatasets(): Promise<Map<string, string>> {
  const file = dataPath("samples", "alpaca_eval", "items.csv");
  const rows = await queryRows(`SELECT item, dataset FROM read_csv(${sqlString(file)}, header = true, all_varchar = true)`, file);
  return new Map(rows.map((r) => [String(r.item), String(r.dataset ?? "")]));
}

/** The rows of one benchmark of {@link claimsSamples}. */
export function benchmarkRows<T extends TidyTable<SampleRow & {dataset: string}>>(samples: T, benchmark: ClaimsBenchmark): T {
  const labels = samples.labels("benchmark");
  const mine = Uint8Array.from(labels.labels, (label) => (label === benchmark.id ? 1 : 0));
  return samples.filter((i) => mine[labels.codes[i]] === 1) as T;
}

/**
 * The Arena-Hard-Auto leaderboard of 31 July 2024 (60 models): win rate in % against GPT-4-0314 with the
 * 2.5 % and 97.5 % quantiles of its published Bradley–Terry bootstrap.
 */
export async function arenaHardRows(): Promise<{model: string; score: number; lower: number; upper: number}[]> {
  const table = await readArenaHardLeaderboard(dataPath("scores", "arena_hard", "arena_hard_leaderboard_20240731.csv"));
  return table.rows().map(({model, score, lower, upper}) => ({model, score, lower: lower!, upper: upper!}));
}
