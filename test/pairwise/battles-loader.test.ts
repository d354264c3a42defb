import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {readBattles} from "../../loaders/battles.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/pairwise/${name}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "battles-"));
const write = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

describe("readBattles(path)", () => {
  it("reads one verdict column per judge into long rows with `judge` (arena human vs LLM judges)", async () => {
    const rows = (await readBattles(fixture("arena_every6th.csv"))).rows();
    expect(rows).toHaveLength(4487 * 4);
    expect(rows[0]).toEqual({num: 0, model_a: "chatglm-6b", model_b: "koala-13b", winner: "b", judge: "human"});
    expect(new Set(rows.map((r) => r.judge))).toEqual(new Set(["human", "gpt4_0125", "claude3_opus", "gpt35_turbo"]));
  });

  it("keeps one judge when asked and maps `tie (bothbad)` to a tie", async () => {
    const rows = (await readBattles(fixture("arena_every6th.csv"), {judge: "human"})).rows();
    expect(rows).toHaveLength(4487);
    expect(rows.every((r) => ["a", "b", "tie"].includes(r.winner))).toBe(true);
  });

  it("fails on an unknown verdict with the file, line and column, or skips it on request", async () => {
    // PandaLM's GPT-3.5 column holds `invalid` for unparsable judge outputs.
    await expect(readBattles(fixture("pandalm_testset_v1_5models.csv"), {judge: "gpt35_turbo"})).rejects.toThrow(
      /pandalm_testset_v1_5models\.csv:\d+, winner_gpt35_turbo: expected a verdict/,
    );
    const rows = (await readBattles(fixture("pandalm_testset_v1_5models.csv"), {judge: "gpt35_turbo", invalid: "skip"})).rows();
    expect(rows).toHaveLength(999 - 25);
    expect(typeof rows[0].len_response_a).toBe("number");
  });

  it("reads FastChat-style JSONL and JSON arrays (a field a record lacks is missing: \"\" or NaN)", async () => {
    const jsonl = write("b.jsonl", '{"model_a":"x","model_b":"y","winner":"model_a","judge":"user1","tstamp":1}\n\n{"model_a":"y","model_b":"x","winner":"tie (bothbad)"}\n');
    expect((await readBattles(jsonl)).rows()).toEqual([
      {model_a: "x", model_b: "y", winner: "a", judge: "user1", tstamp: 1},
      {model_a: "y", model_b: "x", winner: "tie", judge: "", tstamp: NaN},
    ]);
    const json = write("b.json", JSON.stringify([{model_a: "x", model_b: "y", winner: "b"}]));
    expect((await readBattles(json)).rows()).toEqual([{model_a: "x", model_b: "y", winner: "b"}]);
  });

  it("turns Arena-Hard judgments into battles against the baseline (A>>B = 3 battles, game 2 swapped)", async () => {
    const path = write(
      "judgment.jsonl",
      [
        {question_id: "q1", model: "m", judge: "gpt-4-1106-preview", games: [{score: "A>>B"}, {score: "A>B"}]},
        {question_id: "q2", model: "m", judge: "gpt-4-1106-preview", games: [{score: "A=B"}, {score: null}]},
      ]
        .map((r) => JSON.stringify(r))
        .join("\n"),
    );
    const rows = (await readBattles(path)).rows();
    expect(rows.map((r) => r.winner)).toEqual(["a", "a", "a", "b", "tie"]);
    expect(rows.every((r) => r.model_a === "gpt-4-0314" && r.model_b === "m")).toBe(true);
    expect(rows[3]).toMatchObject({question_id: "q1", game: 2, judge: "gpt-4-1106-preview"});
  });

  it("names the line of malformed JSON and of a missing model", async () => {
    await expect(readBattles(write("bad.jsonl", '{"model_a":"x","model_b":"y","winner":"a"}\n{oops\n'))).rejects.toThrow(/bad\.jsonl:2/);
    await expect(readBattles(write("bad.csv", "model_a,model_b,winner\nx,y,a\n,y,b\n"))).rejects.toThrow(/bad\.csv:3, model_a/);
  });
});
