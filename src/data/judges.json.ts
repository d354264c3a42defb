// "Judges and arenas" page data, computed at build time with benchstats' lib on the bundled data:
// AlpacaEval 2 length-controlled win rates against the published column, judge sanity checks, Bradley–Terry
// with tie models and judge agreement on the Chatbot Arena battles, WildBench's length rule on PandaLM
// battles (which carry answer lengths), the online replay of the arena votes, and Arena-Hard's length trend.
import {readFileSync} from "node:fs";
import {csvParse} from "d3";
import {readBattles} from "../../loaders/battles.js";
import {dataPath} from "../../loaders/data-dir.js";
import {readAlpacaEvalLeaderboard, readAlpacaEvalMatrices} from "../../loaders/index.js";
import {
  agreementWithConfidence,
  bradleyTerryFit,
  lengthControlledWinRate,
  lengthRule,
  preferenceDispersion,
  replayTopK,
  separability,
  spearman,
  verbosityGap,
  type TieHandling
} from "../../lib/index.js";
import {positionBias} from "../../lib/engine.js";

// AlpacaEval 2: our LC win rates (plain, and with a length prior standing in for the gamed baselines).
const BASELINE = "gpt4_1106_preview";
const LENGTH_PRIOR = {mean: -1.6, weight: 10};
const ae = readAlpacaEvalMatrices(dataPath("samples", "alpaca_eval"));
const plain = lengthControlledWinRate(ae, {baseline: BASELINE});
const prior = lengthControlledWinRate(ae, {baseline: BASELINE, difficulty: plain.difficulty, lengthPrior: LENGTH_PRIOR});
const board = (await readAlpacaEvalLeaderboard(dataPath("scores", "alpaca_eval", "weighted_alpaca_eval_gpt4_turbo_leaderboard.csv"))).rows();
const published = (metric: string) => new Map(board.filter((r) => r.metric === metric).map((r) => [r.model, r.score]));
const publishedLc = published("length_controlled_winrate");
const publishedWin = published("win_rate");
const lc = plain.models.map((r, i) => {
  const lengths = Array.from(ae.length[i]).filter((v) => !Number.isNaN(v));
  return {
    model: r.model,
    winRate: r.winRate,
    lc: r.lcWinRate,
    lcPrior: prior.models[i].lcWinRate,
    wLength: r.weights.length,
    wLengthPrior: prior.models[i].weights.length,
    publishedLc: publishedLc.get(r.model) ?? null,
    publishedWin: publishedWin.get(r.model) ?? null,
    avgLength: lengths.reduce((s, v) => s + v, 0) / lengths.length,
  };
});
// Agreement with the published column: mean absolute difference and the worst model, per variant.
const agreement = (key: "lc" | "lcPrior", skip: readonly string[] = []) => {
  const rows = lc.filter((r) => r.publishedLc !== null && r.model !== BASELINE && !skip.includes(r.model));
  const diff = rows.map((r) => ({model: r.model, difference: r[key] - r.publishedLc!}));
  const worst = diff.reduce((w, d) => (Math.abs(d.difference) > Math.abs(w.difference) ? d : w));
  return {models: rows.length, mae: diff.reduce((s, d) => s + Math.abs(d.difference), 0) / rows.length, worst};
};
const lcAgreement = {plain: agreement("lc"), prior: agreement("lcPrior"), plainWithoutGamed: agreement("lc", ["gpt4_gamed"])};
const dispersion = preferenceDispersion(ae, {exclude: [BASELINE]});
const families = (score: (r: (typeof lc)[number]) => number | null) =>
  verbosityGap(lc.filter((r) => score(r) !== null).map((r) => ({model: r.model, score: score(r)!})));
const verbosity = {raw: families((r) => r.winRate), lc: families((r) => r.lc), publishedLc: families((r) => r.publishedLc)};

// Chatbot Arena: ties as half a win, dropped, or modelled (Davidson, Rao–Kupper), from the human votes.
const arena = (await readBattles(dataPath("battles", "chatbot_arena_20models.csv"))).rows();
const judges = ["human", "gpt4_0125", "claude3_opus", "gpt35_turbo"];
const byJudge = new Map(judges.map((j) => [j, arena.filter((b) => b.judge === j)]));
const human = byJudge.get("human")!;
const tieOptions: TieHandling[] = ["half", "drop", "davidson", "rao-kupper"];
const tieFits = tieOptions.map((ties) => ({ties, fit: bradleyTerryFit(human, {ties, reps: 100, seed: 1})}));
const tieRatings = tieFits.flatMap(({ties, fit}) => fit.ratings.map(({model, rating, lower, upper, rank}) => ({ties, model, rating, lower, upper, rank})));
const tieParameters = tieFits.filter(({fit}) => fit.tie).map(({ties, fit}) => ({ties, ...fit.tie!, logLik: fit.logLik}));

// Judges against the crowd: intervals' separability and agreement with confidence, and position bias.
const judgeFits = new Map(judges.map((j) => [j, bradleyTerryFit(byJudge.get(j)!, {reps: 200, seed: 1}).ratings]));
const judgeRows = judges.map((judge) => ({
  judge,
  separability: separability(judgeFits.get(judge)!).separability,
  agreementWithHumans: judge === "human" ? null : agreementWithConfidence(judgeFits.get(judge)!, judgeFits.get("human")!).agreement,
  ...positionBias(byJudge.get(judge)!.map((b) => b.winner)),
}));

// WildBench's length rule on the PandaLM battles (first annotator), which carry answer lengths.
const pandalmAll = (await readBattles(dataPath("battles", "pandalm_testset_v1_5models.csv"), {judge: "annotator1"})).rows();
const pandalm = pandalmAll.filter((b) => Number.isFinite(b.len_response_a) && Number.isFinite(b.len_response_b));
const lengthRuleRows = [Infinity, 500, 250, 100, 50].flatMap((k) => {
  const ruled = Number.isFinite(k) ? lengthRule(pandalm, {k, lengthA: "len_response_a", lengthB: "len_response_b"}) : {battles: pandalm, changed: 0};
  return bradleyTerryFit(ruled.battles, {reps: 200, seed: 1}).ratings.map(({model, rating, lower, upper}) => ({k: Number.isFinite(k) ? k : null, changed: ruled.changed, model, rating, lower, upper}));
});

// The arena votes replayed in time order (`num`): votes to the final top-5.
const replay = replayTopK(human, {k: 5, every: 250});

// Arena-Hard-Auto: does the judge's score follow answer length?
const arenaHard = csvParse(readFileSync(dataPath("scores", "arena_hard", "arena_hard_leaderboard_20240731.csv"), "utf8")).map((r) => ({
  model: r.model!,
  score: Number(r.score),
  lower: Number(r.rating_q025),
  upper: Number(r.rating_q975),
  avgTokens: Number(r.avg_tokens),
}));
const arenaHardLength = spearman(arenaHard.map((r) => r.score), arenaHard.map((r) => r.avgTokens));

process.stdout.write(
  JSON.stringify({
    alpaca: {models: ae.models.length, items: ae.items.length, baseline: BASELINE, lengthPrior: LENGTH_PRIOR, lc, lcAgreement, dispersion, verbosity},
    arena: {battles: human.length, ties: human.filter((b) => b.winner === "tie").length, tieRatings, tieParameters, judges: judgeRows},
    pandalm: {battles: pandalm.length, dropped: pandalmAll.length - pandalm.length, rows: lengthRuleRows},
    replay,
    arenaHard: {rows: arenaHard, rho: arenaHardLength.rho, pValue: arenaHardLength.pValue},
  }),
);
