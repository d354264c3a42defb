import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {lengthControlledWinRate} from "../../lib/index.js";
import {readAlpacaEvalMatrices} from "../../loaders/index.js";
import {cli, cliJson, fixture} from "./helpers.js";

const data = (...parts: string[]): string => fileURLToPath(new URL(`../../data/${parts.join("/")}`, import.meta.url));
const alpaca = data("samples", "alpaca_eval");

describe("benchstats lc / judge-check / replay / ratings --ties", () => {
  it("lc gives lib's length-controlled win rates and compares them with the published column", async () => {
    const result = await cli("lc", alpaca, "--published", data("scores", "alpaca_eval", "weighted_alpaca_eval_gpt4_turbo_leaderboard.csv"));
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, number | string>[];
    const expected = lengthControlledWinRate(readAlpacaEvalMatrices(alpaca), {baseline: "gpt4_1106_preview"}).models;
    for (const r of expected) expect(rows.find((row) => row.model === r.model)!.lc_win_rate).toBeCloseTo(r.lcWinRate, 9);
    expect(result.stderr).toMatch(/56 models on the published leaderboard \(baseline left out\): mean absolute difference 1\.28\d points; worst gpt4_gamed/);
  }, 60_000);

  it("judge-check flags NullModel", async () => {
    const rows = await cliJson<Record<string, unknown>[]>("judge-check", alpaca);
    expect(rows.filter((r) => r.flagged).map((r) => r.model)).toEqual(["NullModel"]);
  }, 60_000);

  it("ratings --ties davidson reports ν; --length-rule turns long wins into ties", async () => {
    const result = await cli("ratings", fixture("../pairwise/pandalm_testset_v1_5models.csv"), "--winner-column", "winner_annotator1", "--reps", "0", "--ties", "davidson");
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/davidson: nu = \d/);
    const ruled = await cli("ratings", fixture("../pairwise/pandalm_testset_v1_5models.csv"), "--winner-column", "winner_annotator1", "--reps", "0", "--length-rule", "100", "--length-columns", "len_response_a,len_response_b");
    expect(ruled.status).toBe(1);
    expect(ruled.stderr).toMatch(/len_response_a must be a length/);
    const bad = await cli("ratings", fixture("../pairwise/pandalm_testset_v1_5models.csv"), "--winner-column", "winner_annotator1", "--ties", "glenn");
    expect(bad.status).not.toBe(0);
  });

  it("replay reports the votes each method needs", async () => {
    const result = await cli("replay", fixture("../pairwise/pandalm_testset_v1_5models.csv"), "--winner-column", "winner_annotator1", "--k", "2", "--every", "100", "--methods", "elo,trueskill");
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(new Set(rows.map((r) => r.method))).toEqual(new Set(["elo", "trueskill"]));
    expect(result.stderr).toMatch(/final top-2/);
  }, 60_000);
});
