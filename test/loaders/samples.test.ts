import {describe, expect, it} from "vitest";
import {instructionId, readAlpacaEvalAnnotations, readArenaHardJudgments, readBattles, readLmEvalSamples, readSamples, readScores} from "../../loaders/index.js";
import {bundled, expectLocated, fixture} from "./helpers.js";

describe("readAlpacaEvalAnnotations(file)", () => {
  it("reproduces the leaderboard win rate as mean(preference − 1) × 100 over the 805 real annotations", async () => {
    const rows = (await readSamples(bundled("scores/alpaca_eval/annotations_FuseChat-Llama-3.2-1B-Instruct_weighted_gpt4_turbo.slim.jsonl"))).rows();
    expect(rows).toHaveLength(805);
    expect(new Set(rows.map((r) => r.item)).size).toBe(805);
    const winRate = (rows.reduce((s, r) => s + r.value - 1, 0) / rows.length) * 100;
    const board = (await readScores(bundled("scores/alpaca_eval/weighted_alpaca_eval_gpt4_turbo_leaderboard.csv"))).rows();
    const published = board.find((r) => r.model === "FuseChat-Llama-3.2-1B-Instruct" && r.metric === "win_rate")!.score;
    // Published 29.9219322658882; the difference is float summation order only.
    expect(Math.abs(winRate - published)).toBeLessThan(1e-9);
  });

  it("ids items by the SHA-256 prefix the samples matrices use (items.csv: i000 = f0aa9c85c9cd3bff)", async () => {
    const rows = (await readAlpacaEvalAnnotations(fixture("scores/alpaca_eval_annotations_first20.slim.jsonl"))).rows();
    expect(rows).toHaveLength(21);
    expect(rows[0]).toMatchObject({model: "FuseChat-Llama-3.2-1B-Instruct", benchmark: "alpaca_eval", metric: "preference", value: 1.000039552});
    // samples/alpaca_eval/items.csv (computed upstream from the same instruction) lists i000 as f0aa9c85c9cd3bff.
    expect(rows[0].item).toBe("f0aa9c85c9cd3bff");
    expect(instructionId("What are the names of some famous actors that started their careers on Broadway?")).toBe("f0aa9c85c9cd3bff");
  });
});

// lm-eval samples fixtures are synthetic (format from lm_eval/evaluator.py --log_samples output).
describe("readLmEvalSamples(file)", () => {
  it("emits one row per doc and metric, the task from the file name, the model from the folder", async () => {
    const rows = (await readLmEvalSamples(fixture("lm-eval/EleutherAI__pythia-160m/samples_arc_easy_2024-05-01T12-00-00.123456.jsonl"))).rows();
    expect(rows.map((r) => [r.item, r.metric, r.value])).toEqual([
      ["0", "acc", 1],
      ["0", "acc_norm", 0],
      ["1", "acc", 0],
      ["1", "acc_norm", 0],
      ["2", "acc", 1],
      ["2", "acc_norm", 1]
    ]);
    expect(rows[0]).toMatchObject({model: "EleutherAI__pythia-160m", benchmark: "arc_easy"});
  });

  it("keeps filters apart in the metric name and reads booleans as 0/1", async () => {
    const rows = (await readSamples(fixture("lm-eval/EleutherAI__pythia-160m/samples_gsm8k_2024-05-01T12-00-00.123456.jsonl"))).rows();
    expect(rows.map((r) => [r.item, r.metric, r.value])).toEqual([
      ["0", "exact_match,strict-match", 0],
      ["0", "exact_match,flexible-extract", 1],
      ["1", "exact_match,strict-match", 0],
      ["1", "exact_match,flexible-extract", 0]
    ]);
    expect(rows[0].benchmark).toBe("gsm8k");
  });

  it("fails on a record without doc_id/metrics with its line", async () => {
    await expectLocated(readLmEvalSamples(fixture("corrupt/bad-line.jsonl")), /doc_id/, {file: fixture("corrupt/bad-line.jsonl"), line: 1});
  });
});

// Arena-Hard judgment fixtures are synthetic (the real judgment files exceed the snapshot's 4 MB limit), in the
// v0.1 (`question_id`, no baseline field) and v2 (`uid`, `baseline`, `category`) layouts of arena-hard-auto.
describe("readArenaHardJudgments(file)", () => {
  const v01 = fixture("arena-hard/judgments-v0.1-llama-3-8b.jsonl");
  const v2 = fixture("arena-hard/judgments-v2-qwen.jsonl");

  it("scores each question from the model's side of both position orders (game 2 swaps A and B)", async () => {
    const rows = (await readSamples(v01)).rows();
    // Q1: B>A then A>B → won both; Q2: A>>B (loss) then A=B (tie) → 0.25; Q3: unparsed, then B>>A (loss) → 0;
    // Q4: no parsable verdict → NaN.
    expect(rows.map((r) => [r.item.slice(0, 6), r.value])).toEqual([
      ["328c14", 1],
      ["b43c07", 0.25],
      ["1f07cf", 0],
      ["9f25ff", NaN]
    ]);
    expect(rows[0]).toMatchObject({model: "llama-3-8b-instruct", benchmark: "arena_hard", metric: "score"});
    expect((await readSamples(v2)).rows().map((r) => [r.item, r.value])).toEqual([
      ["6f2f8a1b9c3d4e5f", 0],
      ["0a1b2c3d4e5f6a7b", 1]
    ]);
  });

  it("agrees with readBattles' Arena-Hard battles: per question, the mean battle outcome at weight 1", async () => {
    const battles = (await readBattles(v01, {format: "arena-hard", strongWeight: 1})).rows();
    const samples = (await readArenaHardJudgments(v01)).rows();
    for (const sample of samples) {
      const mine = battles.filter((b) => b.question_id === sample.item);
      const outcome = mine.length ? mine.reduce((s, b) => s + (b.winner === "b" ? 1 : b.winner === "tie" ? 0.5 : 0), 0) / mine.length : NaN;
      expect(outcome).toEqual(sample.value);
    }
    expect(battles.every((b) => b.model_a === "gpt-4-0314" && b.model_b === "llama-3-8b-instruct")).toBe(true);
  });
});

describe("readSamples(path) on an AlpacaEval annotations.json array (streamed)", () => {
  it("reads the same rows as the JSONL form", async () => {
    const {mkdtempSync, readFileSync, writeFileSync} = await import("node:fs");
    const {tmpdir} = await import("node:os");
    const {join} = await import("node:path");
    const jsonl = fixture("scores/alpaca_eval_annotations_first20.slim.jsonl");
    const records = readFileSync(jsonl, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const file = join(mkdtempSync(join(tmpdir(), "ae-")), "annotations.json");
    writeFileSync(file, JSON.stringify(records, null, 2));
    expect((await readSamples(file)).rows()).toEqual((await readSamples(jsonl)).rows());
  });

  it("fails on malformed JSON with the byte offset where parsing stopped", async () => {
    const {mkdtempSync, writeFileSync} = await import("node:fs");
    const {tmpdir} = await import("node:os");
    const {join} = await import("node:path");
    const file = join(mkdtempSync(join(tmpdir(), "ae-")), "annotations.json");
    const text = '[{"instruction": "a", "generator_2": "m", "preference": 1.5}, {"instruction": "b", oops}]';
    writeFileSync(file, text);
    await expectLocated(readSamples(file), /invalid JSON/, {file, offset: text.indexOf("oops")});
  });
});
