import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {addAggregateReference, benchmarkAgreement, parseWideTable} from "../../lib/index.js";
import {benchmarkRows} from "../../lib/engine.js";
import {cli, cliJson, fixture} from "./helpers.js";

// Six real BenchBench leaderboard snapshots (holistic benchmarks, 2024-08/09) from the ranking fixtures.
const files = ["arena_hard", "helm_lite", "mixeval", "mtbench", "opencompass", "wildbench"].map((name) => fixture(`../ranking/bat/benchmarks/${name}_240829_holistic.csv`));
const reference = ["arena_hard", "helm_lite", "mixeval", "opencompass", "wb_score"];

describe("benchstats agree <leaderboards...>", () => {
  it("reports the library's agreement z-scores against a mean-win-rate reference", async () => {
    const rows = await cliJson<Record<string, number | string>[]>("agree", ...files, "--reference", reference.join(","), "--seed", "4", "-q");
    const scores = files.flatMap((f) => benchmarkRows(parseWideTable(readFileSync(f, "utf8"), {file: f}), f.split("/").pop()!));
    const expected = benchmarkAgreement(addAggregateReference(scores, {scenarios: reference}), {seed: 4}).zScores;
    expect(rows.map((r) => r.scenario)).toEqual(expected.map((z) => z.scenario));
    rows.forEach((row, i) => {
      expect(row.z_score).toBe(expected[i].zScore);
      expect(row.corr_with_reference).toBe(expected[i].corrWithReference);
    });
    // z-scores are standardised over the scenarios: mean 0.
    expect(rows.reduce((s, r) => s + (r.z_score as number), 0)).toBeCloseTo(0, 10);
  });

  it("explains why a one-model benchmark cannot enter the reference, and rejects unknown scenarios", async () => {
    const all = await cli("agree", ...files);
    expect(all.status).toBe(1);
    expect(all.stderr).toMatch(/scenario "mt_bench" has a single model/);
    const unknown = await cli("agree", ...files, "--reference", "arena_hard,not_a_benchmark");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/--reference: scenario "not_a_benchmark" not in the input/);
  });
});
