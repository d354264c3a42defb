// Bad input to the score and sample readers: real files (data/, test/fixtures/loaders/) mutated in a temp
// folder; each must fail with a BenchstatsError naming the file and the line or byte offset.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {
  readAlpacaEvalAnnotations,
  readAlpacaEvalLeaderboard,
  readArenaHardJudgments,
  readArenaHardLeaderboard,
  readGpuEvents,
  readLmEvalResults,
  readLmEvalSamples,
  readSamples,
  readSamplesCsv,
  readScoresCsv
} from "../../loaders/index.js";
import {bundled, editLine, expectLocated, fixture, mutated, written} from "./helpers.js";

const pythia = fixture("lm-eval/EleutherAI__pythia-160m/results_2024-05-01T12-00-00.123456.json");
const arcSamples = fixture("lm-eval/EleutherAI__pythia-160m/samples_arc_easy_2024-05-01T12-00-00.123456.jsonl");
const annotations = fixture("scores/alpaca_eval_annotations_first20.slim.jsonl");
const alpacaBoard = fixture("scores/weighted_alpaca_eval_gpt4_turbo_leaderboard.csv");
const arenaBoard = fixture("scores/arena_hard_leaderboard_20240731.csv");
const preferences = bundled("samples/alpaca_eval/ae2_weighted_gpt4turbo_preference.csv");
const v01 = fixture("arena-hard/judgments-v0.1-llama-3-8b.jsonl");

describe("readLmEvalResults on bad input", () => {
  it("rejects a boolean score (acc,none: true is not 1) at the task's line and byte", async () => {
    const file = mutated(pythia, "results_x.json", (t) => t.replace('"acc,none": 0.4372895622895623', '"acc,none": true'));
    const error = await expectLocated(readLmEvalResults(file), /boolean true/, {file, field: "results.arc_easy.acc,none"});
    expect(error.location?.line).toBeGreaterThanOrEqual(3);
    expect(error.location?.offset).toBeGreaterThan(0);
  });

  it("rejects 1e400 and an accuracy outside [0, 1]", async () => {
    const huge = mutated(pythia, "results_x.json", (t) => t.replace('"acc,none": 0.2459', '"acc,none": 1e400'));
    await expectLocated(readLmEvalResults(huge), /finite/, {file: huge, field: "results.mmlu.acc,none"});
    const above = mutated(pythia, "results_x.json", (t) => t.replace('"acc,none": 0.2459', '"acc,none": 1.2459'));
    await expectLocated(readLmEvalResults(above), /\[0, 1\]/, {file: above, field: "results.mmlu.acc,none"});
  });

  it("rejects a negative standard error at the task's place", async () => {
    const file = mutated(pythia, "results_x.json", (t) => t.replace('"acc_stderr,none": 0.0036', '"acc_stderr,none": -0.0036'));
    const error = await expectLocated(readLmEvalResults(file), /≥ 0/, {file, field: "stderr"});
    expect(error.location?.offset).toBeGreaterThan(0);
  });

  it("rejects an empty file, another kind of JSON, and a results object without scores", async () => {
    const empty = written("results_x.json", "");
    await expectLocated(readLmEvalResults(empty), /empty/, {file: empty});
    const other = written("results_y.json", JSON.stringify({traceEvents: []}));
    await expectLocated(readLmEvalResults(other), /top-level "results"/, {file: other, line: 1});
    const none = written("results_z.json", '{"results": {}}');
    await expectLocated(readLmEvalResults(none), /no scores/, {file: none, line: 1});
  });

  it("is not a GPU trace: readGpuEvents rejects it instead of returning no events", async () => {
    await expectLocated(readGpuEvents(pythia), /not a Kineto trace/, {file: pythia, offset: 0});
  });
});

describe("readLmEvalSamples on bad input", () => {
  it("rejects a per-item accuracy above 1 and text where a number belongs, at their lines", async () => {
    const above = mutated(arcSamples, "samples_arc_easy_2024-05-01T12-00-00.jsonl", (t) => editLine(t, 2, (l) => l.replace('"acc": 0.0', '"acc": 2.0')));
    await expectLocated(readLmEvalSamples(above), /\[0, 1\]/, {file: above, line: 2, field: "acc"});
    const text = mutated(arcSamples, "samples_arc_easy_2024-05-01T12-00-00.jsonl", (t) => editLine(t, 3, (l) => l.replace('"acc": 1.0', '"acc": "yes"')));
    await expectLocated(readLmEvalSamples(text), /"yes"/, {file: text, line: 3, field: "acc"});
  });

  it("rejects an empty file and a last line cut mid-record", async () => {
    const empty = written("samples_x.jsonl", "");
    await expectLocated(readLmEvalSamples(empty), /empty/, {file: empty, line: 1});
    const cut = mutated(arcSamples, "samples_x.jsonl", (t) => t.trimEnd().slice(0, -20));
    await expectLocated(readLmEvalSamples(cut), /invalid JSON/, {file: cut, line: 3});
  });
});

describe("readAlpacaEvalAnnotations on bad input", () => {
  it("rejects a boolean preference (true is not 1.0) and one outside [1, 2]", async () => {
    const bool = mutated(annotations, "a.jsonl", (t) => editLine(t, 4, (l) => l.replace(/"preference": [0-9.]+/, '"preference": true')));
    await expectLocated(readAlpacaEvalAnnotations(bool), /boolean true/, {file: bool, line: 4, field: "preference"});
    const outside = mutated(annotations, "a.jsonl", (t) => editLine(t, 2, (l) => l.replace(/"preference": [0-9.]+/, '"preference": 2.5')));
    await expectLocated(readAlpacaEvalAnnotations(outside), /\[1, 2\]/, {file: outside, line: 2, field: "preference"});
  });

  it("rejects Infinity in a JSON array at its byte offset", async () => {
    const records = readFileSync(annotations, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const text = JSON.stringify(records, null, 1).replace(/"preference": [0-9.]+/, '"preference": 1e400');
    const file = written("annotations.json", text);
    const error = await expectLocated(readAlpacaEvalAnnotations(file), /finite/, {file, field: "preference"});
    expect(error.location?.offset).toBeGreaterThan(text.indexOf("1e400"));
  });

  it("reads a JSON array that starts with a byte order mark", async () => {
    const records = readFileSync(annotations, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const file = written("annotations.json", "\ufeff" + JSON.stringify(records));
    expect((await readAlpacaEvalAnnotations(file)).length).toBe(records.length);
  });

  it("rejects an empty JSONL file", async () => {
    const file = written("a.jsonl", "");
    await expectLocated(readAlpacaEvalAnnotations(file), /empty/, {file, line: 1});
  });
});

describe("leaderboard CSVs on bad input", () => {
  it("rejects an AlpacaEval win rate above 100 and a negative standard error at their lines", async () => {
    const above = mutated(alpacaBoard, "board.csv", (t) => editLine(t, 3, (l) => l.replace("77.58955217385297", "177.58955217385297")));
    await expectLocated(readAlpacaEvalLeaderboard(above), /\[0, 100\]/, {file: above, line: 3, field: "win_rate"});
    const negative = mutated(alpacaBoard, "board.csv", (t) => editLine(t, 2, (l) => l.replace("0.9090102449662572", "-0.9")));
    await expectLocated(readAlpacaEvalLeaderboard(negative), /≥ 0/, {file: negative, line: 2, field: "standard_error"});
  });

  it("rejects a fractional n_total and an infinite length-controlled win rate", async () => {
    const fractional = mutated(alpacaBoard, "board.csv", (t) => editLine(t, 2, (l) => l.replace(",805,", ",805.5,")));
    await expectLocated(readAlpacaEvalLeaderboard(fractional), /whole number/, {file: fractional, line: 2, field: "n_total"});
    const infinite = mutated(alpacaBoard, "board.csv", (t) => editLine(t, 2, (l) => l.replace("86.45780691307947", "inf")));
    await expectLocated(readAlpacaEvalLeaderboard(infinite), /finite/, {file: infinite, line: 2, field: "length_controlled_winrate"});
  });

  it("rejects an Arena-Hard score above 100, a header-only file and an empty file", async () => {
    const above = mutated(arenaBoard, "board.csv", (t) => editLine(t, 4, (l) => l.replace(/,([0-9.]+),/, ",101,")));
    await expectLocated(readArenaHardLeaderboard(above), /\[0, 100\]/, {file: above, line: 4, field: "score"});
    const headerOnly = mutated(arenaBoard, "board.csv", (t) => t.split("\n")[0] + "\n");
    await expectLocated(readArenaHardLeaderboard(headerOnly), /no data rows/, {file: headerOnly, line: 2});
    const empty = written("board.csv", "");
    await expectLocated(readArenaHardLeaderboard(empty), /empty/, {file: empty, line: 1});
  });

  it("rejects a last row cut mid-value", async () => {
    const file = mutated(arenaBoard, "board.csv", (t) => t.trimEnd().slice(0, -3));
    await expectLocated(readArenaHardLeaderboard(file), /cut off/, {file});
  });
});

describe("samples and scores CSVs on bad input", () => {
  it("rejects a preference of 3 in a wide AlpacaEval matrix at its line and item", async () => {
    const file = mutated(preferences, "ae2.csv", (t) => editLine(t, 4, (l) => l.replace(/^([^,]*),[^,]*/, "$1,3")));
    await expectLocated(readSamplesCsv(file, {metric: "preference"}), /\[1, 2\]/, {file, line: 4, field: "i000"});
  });

  it("rejects 1e400 in a wide matrix and a header-only matrix", async () => {
    const huge = mutated(preferences, "ae2.csv", (t) => editLine(t, 2, (l) => l.replace(/^([^,]*),([^,]*),[^,]*/, "$1,$2,1e400")));
    await expectLocated(readSamplesCsv(huge), /finite/, {file: huge, line: 2, field: "i001"});
    const headerOnly = mutated(preferences, "ae2.csv", (t) => t.split("\n")[0] + "\n");
    await expectLocated(readSamplesCsv(headerOnly), /no data rows/, {file: headerOnly, line: 2});
  });

  it("rejects an accuracy of 1.5 in a long samples CSV at its line", async () => {
    const file = written("samples.csv", "model,benchmark,item,metric,value\nm,b,1,acc,1\nm,b,2,acc,1.5\n");
    await expectLocated(readSamplesCsv(file), /\[0, 1\]/, {file, line: 3, field: "value"});
  });

  it("rejects a scores CSV with a negative stderr, and one whose header lacks benchmark", async () => {
    const negative = written("scores.csv", "model,benchmark,task,score,stderr\ngpt-4,mmlu,anatomy,0.83,0.03\ngpt-4,mmlu,algebra,0.5,-0.1\n");
    await expectLocated(readScoresCsv(negative), /≥ 0/, {file: negative, line: 3, field: "stderr"});
    const noBenchmark = written("scores.csv", "model,task,score\ngpt-4,anatomy,0.83\n");
    await expectLocated(readScoresCsv(noBenchmark), /benchmark/, {file: noBenchmark, line: 1});
  });
});

describe("readArenaHardJudgments on bad input and skipped games", () => {
  it("reports how many games it left out and why", async () => {
    const warnings: string[] = [];
    await readArenaHardJudgments(v01, {onWarning: (m) => warnings.push(m)});
    expect(warnings).toEqual([expect.stringMatching(/judgments-v0\.1-llama-3-8b\.jsonl: skipped 3 games whose verdict is not A>B.*\(first at line 3\)/)]);
  });

  it("rejects a record with three games and an empty file", async () => {
    const three = mutated(v01, "j.jsonl", (t) => editLine(t, 1, (l) => l.replace('"games": [', '"games": [{"score": "A>B"}, ')));
    await expectLocated(readArenaHardJudgments(three), /at most 2 games/, {file: three, line: 1});
    const empty = written("j.jsonl", "");
    await expectLocated(readSamples(empty, {format: "arena-hard"}), /empty/, {file: empty, line: 1});
  });
});
