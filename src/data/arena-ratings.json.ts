// Arena page data: Bradley–Terry ratings with bootstrap intervals from human votes and from each LLM
// judge's verdicts on the same 26,919 Chatbot Arena battles, online Elo, judge–human agreement and
// position bias. Everything is computed here at build time with benchstats' lib.
import {readBattles} from "../../loaders/battles.js";
import {dataPath} from "../../loaders/data-dir.js";
import {bradleyTerryFit, onlineElo} from "../../lib/index.js";
import {positionBias, verdictAgreement} from "../../lib/engine.js";
import {kendallTau} from "../../lib/index.js";

const battles = (await readBattles(dataPath("battles", "chatbot_arena_20models.csv"))).rows();
const judges = ["human", "gpt4_0125", "claude3_opus", "gpt35_turbo"];
const byJudge = new Map(judges.map((j) => [j, battles.filter((b) => b.judge === j)]));
const human = byJudge.get("human")!;

const ratings = judges.flatMap((judge) =>
  bradleyTerryFit(byJudge.get(judge)!, {reps: 500, seed: 1}).ratings.map((r) => ({judge, ...r})),
);
const humanRating = new Map(ratings.filter((r) => r.judge === "human").map((r) => [r.model, r.rating]));
const elo = new Map(onlineElo(human).map((r) => [r.model, r.rating]));
const anchored = bradleyTerryFit(human, {reps: 500, seed: 1, anchor: {model: "vicuna-13b", rating: 1000}}).ratings;

const agreement = judges.slice(1).map((judge) => {
  const verdicts = byJudge.get(judge)!;
  const a = verdictAgreement(human.map((b) => b.winner), verdicts.map((b) => b.winner));
  const mine = ratings.filter((r) => r.judge === judge);
  return {
    judge,
    n: a.n,
    agreement: a.agreement,
    kappa: a.kappa,
    decisiveN: a.decisive.n,
    decisiveAgreement: a.decisive.agreement,
    tauWithHuman: kendallTau(mine.map((r) => r.rating), mine.map((r) => humanRating.get(r.model)!)).tau,
    confusion: a.confusion,
  };
});
const bias = judges.map((judge) => ({judge, ...positionBias(byJudge.get(judge)!.map((b) => b.winner))}));

process.stdout.write(
  JSON.stringify({
    battles: human.length,
    models: humanRating.size,
    ties: human.filter((b) => b.winner === "tie").length,
    ratings,
    elo: [...elo].map(([model, rating]) => ({model, rating, bt: humanRating.get(model)!})),
    anchored: anchored.map(({model, rating, lower, upper}) => ({model, rating, lower, upper})),
    agreement,
    bias,
  }),
);
