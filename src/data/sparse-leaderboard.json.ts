// Sparse leaderboard data: Plackett–Luce strengths with sample-bootstrap intervals, the ONEBench
// missing-data robustness curve, and capability-subset rankings, for AlpacaEval 2.0 and ChemBench.
// Heavy work (a few hundred fits) runs here at build time; the page only draws.
import {dataPath} from "../../loaders/data-dir.js";
import {readSamplesCsv} from "../../loaders/scores/samples.js";
import {queryRows, sqlString} from "../../loaders/tidy/duckdb.js";
import {plackettLuce, plackettLuceIntervals, type SampleRow, samplesToTop1} from "../../lib/index.js";
import {missingDataRobustness, selectSamples} from "../../lib/engine.js";

const ALPHA = 0.01; // ONEBench's default regularisation

function leaderboard(rows: SampleRow[], meanScore: (values: number[]) => number) {
  const choices = samplesToTop1(rows);
  const strengths = plackettLuceIntervals(choices, {alpha: ALPHA, reps: 100, seed: 1});
  const byModel = new Map<string, number[]>();
  for (const r of rows) if (r.value !== null && !Number.isNaN(r.value)) (byModel.get(r.model) ?? byModel.set(r.model, []).get(r.model)!).push(r.value);
  return strengths.map((s) => ({...s, score: meanScore(byModel.get(s.model)!), measurements: byModel.get(s.model)!.length}));
}

// ONEBench's protocol (3 repeats per fraction), extended to 95% missing; τ against both references:
// the full-data Plackett–Luce ranking ("full") and ONEBench's mean-score ranking ("mean").
const FRACTIONS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
// One study with both references: each refit is compared with both (the same fits as two studies).
function robustness(rows: SampleRow[]) {
  const {runs} = missingDataRobustness(rows, {seed: 1, alpha: ALPHA, reference: ["full", "mean"], fractions: FRACTIONS});
  return (["full", "mean"] as const).flatMap((reference) =>
    runs.filter((r) => r.reference === reference).map(({fraction, repeat, tau, models}) => ({reference, fraction, repeat, tau, models})),
  );
}

// AlpacaEval 2.0: preference ∈ [1, 2] of each model's answer over the GPT-4-turbo baseline's, per instruction.
const alpacaRows = (await readSamplesCsv(dataPath("samples", "alpaca_eval", "ae2_weighted_gpt4turbo_preference.csv"), {
  benchmark: "alpaca_eval_2",
  metric: "preference",
})).rows();
// Item metadata (which AlpacaEval source dataset each instruction comes from), in file order.
const itemsFile = dataPath("samples", "alpaca_eval", "items.csv");
const items = (await queryRows(`SELECT item, dataset FROM read_csv(${sqlString(itemsFile)}, header = true, all_varchar = true)`, itemsFile)).map((r) => ({
  item: String(r.item),
  tags: [String(r.dataset)],
}));
const datasets = [...new Set(items.map((i) => i.tags[0]))];
const alpacaSubsets = datasets.flatMap((dataset) => {
  const subset = selectSamples(alpacaRows, {metadata: items, tags: [dataset]});
  const choices = samplesToTop1(subset);
  const {params} = plackettLuce({nItems: choices.nItems, top1: choices.top1}, {alpha: ALPHA});
  const order = params.map((p, i) => ({model: choices.models[i], strength: p})).sort((a, b) => b.strength - a.strength);
  const nItems = new Set(subset.map((r) => r.item)).size;
  return order.map((o, rank) => ({subset: dataset, items: nItems, model: o.model, strength: o.strength, rank: rank + 1}));
});

// ChemBench: 1 = question answered fully correctly.
const chemRows = (await readSamplesCsv(dataPath("samples", "chembench", "chembench_models_x_items.csv"), {benchmark: "chembench", metric: "all_correct"})).rows();

// ONEBench's comparison of aggregators (its robustness figure): Plackett–Luce, Bradley–Terry on the
// pairwise battles and online Elo, each against the mean-accuracy ranking, on ChemBench.
const methodComparison = missingDataRobustness(chemRows, {
  seed: 2,
  alpha: ALPHA,
  reference: "mean",
  methods: ["plackettLuce", "bradleyTerry", "elo"],
  fractions: [0, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95],
}).runs.map(({method, fraction, repeat, tau, models}) => ({method, fraction, repeat, tau, models}));

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const result = {
  alpaca: {
    leaderboard: leaderboard(alpacaRows, (v) => 100 * (mean(v) - 1)),
    robustness: robustness(alpacaRows),
    subsets: alpacaSubsets,
    models: new Set(alpacaRows.map((r) => r.model)).size,
    items: new Set(alpacaRows.map((r) => r.item)).size,
    measurements: alpacaRows.length,
  },
  chembench: {
    leaderboard: leaderboard(chemRows, (v) => 100 * mean(v)),
    robustness: robustness(chemRows),
    methods: methodComparison,
    models: new Set(chemRows.map((r) => r.model)).size,
    items: new Set(chemRows.map((r) => r.item)).size,
    measurements: chemRows.length,
  },
};
process.stdout.write(JSON.stringify(result));
