// Bad input to readBattles: the real arena and PandaLM logs mutated in a temp folder.
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {readBattles} from "../../loaders/battles.js";
import {editLine, expectLocated, mutated, written} from "../loaders/helpers.js";

const arena = fileURLToPath(new URL("../fixtures/pairwise/arena_every6th.csv", import.meta.url));
const pandalm = fileURLToPath(new URL("../fixtures/pairwise/pandalm_testset_v1_5models.csv", import.meta.url));

/** The first `n` battles of the arena log as FastChat-style records (one verdict column). */
function records(n: number): Record<string, string>[] {
  const [header, ...lines] = readFileSync(arena, "utf8").trim().split("\n");
  const names = header.split(",");
  return lines.slice(0, n).map((line) => {
    const cells = line.split(",");
    return {model_a: cells[names.indexOf("model_a")], model_b: cells[names.indexOf("model_b")], winner: cells[names.indexOf("winner_human")]};
  });
}

describe("readBattles on bad input", () => {
  it("names the line and judge column of a verdict that is not a win, loss or tie", async () => {
    const file = mutated(arena, "arena.csv", (t) => editLine(t, 5, (l) => l.replace(/model_[ab]|tie[^,]*/, "maybe")));
    await expectLocated(readBattles(file), /expected a verdict.*got "maybe"/, {file, line: 5});
  });

  it("rejects an empty model name at its line", async () => {
    const file = mutated(arena, "arena.csv", (t) => editLine(t, 7, (l) => l.replace(/^(\d+),[^,]+,/, "$1,,")));
    await expectLocated(readBattles(file), /a model name/, {file, line: 7, field: "model_a"});
  });

  it("rejects an empty file, a header-only file and a last row cut mid-value", async () => {
    const empty = written("b.csv", "");
    await expectLocated(readBattles(empty), /empty/, {file: empty, line: 1});
    const headerOnly = mutated(arena, "b.csv", (t) => t.split("\n")[0] + "\n");
    await expectLocated(readBattles(headerOnly), /no data rows/, {file: headerOnly, line: 2});
    const cut = mutated(arena, "b.csv", (t) => t.trimEnd().slice(0, -3));
    await expectLocated(readBattles(cut), /cut off/, {file: cut});
  });

  it("reads a JSON array with a byte order mark, streamed by DuckDB, and names the line of a bad record in it", async () => {
    const good = written("b.json", "\ufeff" + JSON.stringify(records(50), null, 1));
    expect((await readBattles(good)).length).toBe(50);
    const list = records(5);
    list[3].winner = "invalid";
    const bad = written("b.json", JSON.stringify(list, null, 1));
    const text = readFileSync(bad, "utf8");
    const line = text.slice(0, text.indexOf('"invalid"')).split("\n").length;
    // The error names the line on which the record starts.
    await expectLocated(readBattles(bad), /got "invalid"/, {file: bad, line: line - 3, field: "winner"});
  });

  it("names the line of malformed JSON inside a JSON array", async () => {
    const text = JSON.stringify(records(3), null, 1).replace(/("winner": )"([^"]*)"/, "$1$2");
    const file = written("b.json", text);
    const error = await expectLocated(readBattles(file), /invalid JSON/, {file});
    expect(error.location?.offset).toBeGreaterThan(0);
  });

  it("names the line of a JSONL record whose verdict is empty", async () => {
    const lines = records(4).map((r) => JSON.stringify(r));
    lines[2] = lines[2].replace(/"winner":"[^"]*"/, '"winner":""');
    const file = written("b.jsonl", lines.join("\n") + "\n");
    await expectLocated(readBattles(file), /expected a verdict/, {file, line: 3, field: "winner"});
  });

  it("reports how many battles {invalid: 'skip'} dropped", async () => {
    const warnings: string[] = [];
    const table = await readBattles(pandalm, {judge: "gpt35_turbo", invalid: "skip", onWarning: (m) => warnings.push(m)});
    expect(table.length).toBe(999 - 25);
    expect(warnings).toEqual([expect.stringMatching(/pandalm_testset_v1_5models\.csv: skipped 25 battles whose verdict is not a win, loss or tie/)]);
  });

  it("reports the Arena-Hard games whose verdict could not be parsed", async () => {
    const file = written("j.jsonl", [
      {question_id: "q1", model: "m", games: [{score: "A>B"}, {score: null}]},
      {question_id: "q2", model: "m", games: [{score: "A>>B, but"}, {score: "B>A"}]}
    ].map((r) => JSON.stringify(r)).join("\n") + "\n");
    const warnings: string[] = [];
    expect((await readBattles(file, {onWarning: (m) => warnings.push(m)})).length).toBe(2);
    expect(warnings).toEqual([expect.stringMatching(/skipped 2 games whose verdict is not A>B.*\(first at line 1\)/)]);
  });
});
