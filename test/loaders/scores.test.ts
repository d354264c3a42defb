import {describe, expect, it} from "vitest";
import {readAlpacaEvalLeaderboard, readArenaHardLeaderboard, readLmEvalResults, readScores} from "../../loaders/index.js";
import {expectLocated, fixture} from "./helpers.js";

const pythia = fixture("lm-eval/EleutherAI__pythia-160m/results_2024-05-01T12-00-00.123456.json");

// lm-eval fixtures are synthetic (no licensed real results file was found), written from the v0.4 output
// layout (lm_eval/evaluator.py, loggers/evaluation_tracker.py) with plausible values.
describe("readLmEvalResults(file)", () => {
  it("splits 'metric,filter' keys, pairs each with its '_stderr' and n-samples", async () => {
    const rows = (await readLmEvalResults(pythia)).rows();
    const row = (task: string, metric: string, filter = "none") => rows.find((r) => r.task === task && r.metric === metric && r.filter === filter);
    expect(row("arc_easy", "acc")).toEqual({
      model: "EleutherAI/pythia-160m",
      benchmark: "arc_easy",
      task: "arc_easy",
      score: 0.4372895622895623,
      stderr: 0.010178424234733,
      n: 2376,
      metric: "acc",
      filter: "none",
      source: "lm-eval results_2024-05-01T12-00-00.123456.json"
    });
    expect(row("gsm8k", "exact_match", "flexible-extract")).toMatchObject({score: 0.017437452615617893, stderr: 0.0036054868679982793, n: 1319});
    expect(row("gsm8k", "exact_match", "strict-match")).toMatchObject({score: 0, stderr: 0});
    expect(rows).toHaveLength(2 + 2 + 1 + 1 + 1 + 2);
  });

  it("turns 'N/A' stderr into NaN", async () => {
    const rows = (await readLmEvalResults(pythia)).rows();
    const ppl = rows.find((r) => r.metric === "word_perplexity")!;
    expect(ppl.score).toBe(37.3584);
    expect(ppl.stderr).toBeNaN();
  });

  it("files subtasks under their top-level group via group_subtasks", async () => {
    const rows = (await readLmEvalResults(pythia)).rows();
    expect(rows.filter((r) => r.benchmark === "mmlu").map((r) => r.task)).toEqual(["mmlu", "mmlu_abstract_algebra", "mmlu_anatomy"]);
  });

  it("reads the v0.3 layout (no filters) with filter 'none'", async () => {
    const rows = (await readScores(fixture("lm-eval/results_v0.3_lambada.json"), {model: "gpt2"})).rows();
    expect(rows.map((r) => [r.task, r.metric, r.score, r.stderr, r.filter])).toEqual([
      ["lambada_openai", "ppl", 3.8722, 0.0817, "none"],
      ["lambada_openai", "acc", 0.7122, 0.0063, "none"],
      ["piqa", "acc", 0.7622, 0.0099, "none"],
      ["piqa", "acc_norm", 0.7661, 0.0099, "none"]
    ]);
    expect(rows[0].model).toBe("gpt2");
  });

  it("fails on a truncated file with the byte offset", async () => {
    await expectLocated(readLmEvalResults(fixture("corrupt/truncated-results.json")), /truncated|invalid JSON/, {file: fixture("corrupt/truncated-results.json"), offset: 700});
  });
});

describe("readAlpacaEvalLeaderboard(file)", () => {
  it("reads win rate and length-controlled win rate with their standard errors for all 223 models", async () => {
    const rows = (await readAlpacaEvalLeaderboard(fixture("scores/weighted_alpaca_eval_gpt4_turbo_leaderboard.csv"))).rows();
    expect(rows).toHaveLength(446);
    // Line 2: NullModel,76.91979180386511,0.9090102449662572,676,129,0,805,83.975…,community,872,86.45780691307947,0.14180005113427935
    expect(rows[0]).toMatchObject({model: "NullModel", metric: "win_rate", score: 76.91979180386511, stderr: 0.9090102449662572, n: 805});
    expect(rows[1]).toMatchObject({model: "NullModel", metric: "length_controlled_winrate", score: 86.45780691307947, stderr: 0.14180005113427935});
  });
});

describe("readArenaHardLeaderboard(file)", () => {
  it("reads score and the bootstrap interval of all 60 models", async () => {
    const rows = (await readArenaHardLeaderboard(fixture("scores/arena_hard_leaderboard_20240731.csv"))).rows();
    expect(rows).toHaveLength(60);
    expect(rows[0]).toMatchObject({model: "gpt-4-turbo-2024-04-09", benchmark: "arena_hard", score: 82.63, lower: 80.75, upper: 84.6});
    expect(rows.every((r) => r.lower! <= r.score && r.score <= r.upper!)).toBe(true);
  });
});

describe("readScores(folder) / readSamples(folder)", () => {
  it("reads every results_*.json / samples_*.jsonl of an lm-eval output folder", async () => {
    const {readSamples} = await import("../../loaders/index.js");
    const scores = (await readScores(fixture("lm-eval"))).rows();
    expect(scores).toHaveLength(9 + 4); // the pythia v0.4 file and results_v0.3_lambada.json
    const samples = (await readSamples(fixture("lm-eval"))).rows();
    expect(samples).toHaveLength(6 + 4);
    expect(new Set(samples.map((s) => s.benchmark))).toEqual(new Set(["arc_easy", "gsm8k"]));
  });
});
