// "Which benchmarks agree?" data: the BenchBench catalogue (data/bat/, 39 leaderboards, 70 scenarios), its
// holistic aggregate reference, agreement matrices and z-score leaderboards in faithful and corrected mode. The
// long score tables themselves (for testing an uploaded benchmark in the browser) are bat-scores.parquet.
import {benchmarkAgreement} from "../../lib/index.js";
import {batCatalogue, HOLISTIC, LOWER_IS_BETTER, MIN_SCENARIOS} from "./bat.js";

const {skipped, faithfulRows, correctedRows} = batCatalogue();

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
    holistic: HOLISTIC,
    minScenarios: MIN_SCENARIOS,
    lowerIsBetter: LOWER_IS_BETTER,
    scenarios,
    matrix,
    zScores: {faithful: faithful.zScores, corrected: corrected.zScores, adjacent: adjacent.zScores, allModels}
  })
);
