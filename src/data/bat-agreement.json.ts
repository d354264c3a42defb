// "Which benchmarks agree?" data: the BenchBench catalogue (data/bat/, 39 leaderboards, 70 scenarios), its
// holistic aggregate reference, agreement matrices and z-score leaderboards in faithful and corrected mode,
// and the long score table (with the reference) so that the page can test an uploaded benchmark in the browser.
import {readdirSync, readFileSync} from "node:fs";
import {dataPath} from "../../loaders/data-dir.js";
import {addAggregateReference, benchmarkAgreement, catalogRows, clearRepeatedScenarios} from "../../lib/index.js";

const prettyNames = JSON.parse(readFileSync(dataPath("bat", "prettified_bencmark_names.json"), "utf8"));
const dir = dataPath("bat", "benchmarks");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".csv"))
  .sort()
  .map((name) => ({name, text: readFileSync(`${dir}/${name}`, "utf8")}));
const {rows, skipped} = catalogRows(files, {prettyNames, skipInvalid: true});
// BenchBench lists these sources as lower-is-better (assets/lower_is_better_benchmarks.txt) but its check compares
// "<name>.csv" with the full file name, so it never flips them; corrected mode does.
const lowerIsBetter = ["helm_airbench_240916_safety.csv", "llm_trustworthy_241001_safety.csv"];
const flipped = catalogRows(files, {prettyNames, skipInvalid: true, lowerIsBetter}).rows;

// BenchBench's example aggregate: the holistic leaderboards (the last two names match no scenario).
const holistic = ["Helm Lite", "HF OpenLLM v2", "OpenCompass Academic", "LMSys Arena", "Helm Classic", "AlphacaEval v2lc", "LiveBench 240829", "WildBench Elo LC"];
const minScenarios = Math.max(1, Math.floor(holistic.length / 3));
const faithfulRows = clearRepeatedScenarios(addAggregateReference(rows, {scenarios: holistic, minScenarios}));
const correctedRows = clearRepeatedScenarios(addAggregateReference(flipped, {scenarios: holistic, minScenarios, ties: "half"}));

// Matrix: Kendall τ-b on all shared models (≥ 5), one measurement per pair.
const all = benchmarkAgreement(faithfulRows, {mode: "faithful", strategies: ["random"], sizes: [0], nExps: 1});
const matrix = all.agreements.map((r) => ({a: r.scenario, b: r.refScenario, tau: r.value, n: r.nModels, p: r.pValue}));

// Z-score leaderboards: BenchBench's app defaults (random subsets of 8 models, 10 repetitions) in both modes,
// plus the paper's "adjacent" sampling (windows of 8 neighbours along the reference) in corrected mode.
const settings = {correlations: ["kendall" as const], sizes: [8], nExps: 10};
const faithful = benchmarkAgreement(faithfulRows, {...settings, mode: "faithful", strategies: ["random"], only: ["aggregate"]});
const corrected = benchmarkAgreement(correctedRows, {...settings, mode: "corrected", strategies: ["random"], only: ["aggregate"]});
const adjacent = benchmarkAgreement(correctedRows, {...settings, mode: "corrected", strategies: ["adjacent"], only: ["aggregate"]});
const allModels = all.zScores;

const scenarios = [...new Set(faithfulRows.map((r) => r.scenario))].map((scenario) => {
  const mine = faithfulRows.filter((r) => r.scenario === scenario);
  return {scenario, source: mine[0].source, models: mine.length};
});

process.stdout.write(
  JSON.stringify({
    skipped,
    holistic,
    minScenarios,
    lowerIsBetter,
    scenarios,
    matrix,
    zScores: {faithful: faithful.zScores, corrected: corrected.zScores, adjacent: adjacent.zScores, allModels},
    rows: correctedRows,
    faithfulRows
  })
);
