import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {bradleyTerry, type BattleRow} from "../../lib/index.js";
import {cli, cliJson, fixture} from "./helpers.js";

// PandaLM test set (real human and GPT-3.5 verdicts on 999 battles between five 7B models).
function battlesFrom(column: string): BattleRow[] {
  const [header, ...lines] = readFileSync(fixture("../pairwise/pandalm_testset_v1_5models.csv"), "utf8").trim().split("\n");
  const names = header.split(",");
  return lines
    .map((line) => Object.fromEntries(line.split(",").map((cell, j) => [names[j], cell])))
    .filter((row) => ["model_a", "model_b", "tie"].includes(row[column]))
    .map((row) => ({model_a: row.model_a, model_b: row.model_b, winner: ({model_a: "a", model_b: "b", tie: "tie"} as const)[row[column] as "tie"]}));
}

describe("benchstats ratings <battles>", () => {
  it("gives the lib's Bradley-Terry ratings and seeded intervals for the human verdicts", async () => {
    const rows = await cliJson<Record<string, number | string>[]>(
      "ratings", fixture("../pairwise/pandalm_testset_v1_5models.csv"), "--winner-column", "winner_annotator1", "--reps", "50", "--seed", "3"
    );
    const expected = bradleyTerry(battlesFrom("winner_annotator1"), {reps: 50, seed: 3});
    expect(rows.map((r) => r.model)).toEqual(expected.map((r) => r.model));
    rows.forEach((row, i) => {
      expect(row.rating).toBeCloseTo(expected[i].rating, 9);
      expect(row.lower).toBeCloseTo(expected[i].lower, 9);
      expect(row.upper).toBeCloseTo(expected[i].upper, 9);
      expect(row.ci_rank).toBe(expected[i].ciRank);
    });
    // Elo scale centred at 1000 by default.
    expect(rows.reduce((s, r) => s + (r.rating as number), 0) / rows.length).toBeCloseTo(1000, 6);
  });

  it("rejects a verdict outside a/b/tie with file, line and column, unless --drop-invalid", async () => {
    const args = ["ratings", fixture("../pairwise/pandalm_testset_v1_5models.csv"), "--winner-column", "winner_gpt35_turbo", "--reps", "0"];
    const bad = await cli(...args);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/pandalm_testset_v1_5models\.csv:116, column "winner_gpt35_turbo": expected winner a, b or tie.*got "invalid"/);
    const ok = await cli(...args, "--drop-invalid");
    expect(ok.status).toBe(0);
    expect(ok.stderr).toMatch(/dropped 25 battles/);
  });

  it("reads a file with one winner column per judge through the battles loader, naming its first invalid verdict", async () => {
    // No tidy winner column: the battles loader reads the winner_<judge> columns and stops at line 116's
    // "invalid" verdict, which is the error to report (not the tidy reader's "missing column winner").
    const {status, stderr} = await cli("ratings", fixture("../pairwise/pandalm_testset_v1_5models.csv"));
    expect(status).toBe(1);
    expect(stderr).toMatch(/pandalm_testset_v1_5models\.csv:116, winner_gpt35_turbo: expected a verdict.*got "invalid"/);
  });
});
