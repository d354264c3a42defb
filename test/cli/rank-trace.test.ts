import {readFileSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {consensusOrder, kemeny, parseWideTable, temporalBreakdown, kernelBreakdown} from "../../lib/index.js";
import {positions} from "../../lib/engine.js";
import {cli, cliJson, fixture} from "./helpers.js";

describe("benchstats rank <scores>", () => {
  const wide = parseWideTable(readFileSync(fixture("byod/leaderboards/xtreme_wide_missing.csv"), "utf8"), {drop: ["Score"]});

  it("gives each rule's positions on the real XTREME table with missing cells, as the lib does", async () => {
    const rows = await cliJson<Record<string, number | string>[]>("rank", fixture("byod/leaderboards/xtreme_wide_missing.csv"), "--drop", "Score");
    expect(rows).toHaveLength(15);
    const bySystem = new Map(rows.map((r) => [r.system, r]));
    const kemenyPositions = positions(kemeny(wide.values).order);
    for (const method of ["borda", "copeland", "mean", "meanRank"] as const) {
      const expected = positions(consensusOrder(wide.values, method));
      wide.rows.forEach((system, s) => expect(bySystem.get(system)![method]).toBe(expected[s]));
    }
    wide.rows.forEach((system, s) => expect(bySystem.get(system)!.kemeny).toBe(kemenyPositions[s]));
    // Sorted best first by the first rule (Kemeny).
    expect(rows.map((r) => r.kemeny)).toEqual(rows.map((_, i) => i + 1));
  });

  it("reads the same table in tidy form (model, task, score) to the same ranks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-cli-"));
    const tidy = ["model,task,score"];
    wide.rows.forEach((m, s) => wide.columns.forEach((t, j) => tidy.push(`"${m}",${t},${Number.isNaN(wide.values[s][j]) ? "" : wide.values[s][j]}`)));
    writeFileSync(join(dir, "tidy.csv"), tidy.join("\n") + "\n");
    const fromTidy = await cliJson("rank", join(dir, "tidy.csv"));
    const fromWide = await cliJson("rank", fixture("byod/leaderboards/xtreme_wide_missing.csv"), "--drop", "Score");
    expect(fromTidy).toEqual(fromWide);
  });

  it("adds seeded rank intervals: same seed, same output; intervals contain the rank", async () => {
    const args = ["rank", fixture("byod/leaderboards/xtreme_wide_missing.csv"), "--drop", "Score", "--method", "borda", "--reps", "200", "--seed", "7"];
    const a = await cliJson<{rank: number; rank_lower: number; rank_upper: number; p_first: number}[]>(...args);
    const b = await cliJson(...args);
    expect(a).toEqual(b);
    for (const row of a) expect(row.rank_lower <= row.rank && row.rank <= row.rank_upper).toBe(true);
    expect(a.reduce((sum, r) => sum + r.p_first, 0)).toBeCloseTo(1, 12);
  });

  it("rejects a duplicate (model, task) score naming both lines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-cli-"));
    writeFileSync(join(dir, "dup.csv"), "model,task,score\na,t1,1\nb,t1,2\na,t1,3\n");
    const {status, stderr} = await cli("rank", join(dir, "dup.csv"));
    expect(status).toBe(1);
    expect(stderr).toMatch(/dup\.csv:4: two scores for model "a" on task "t1" \(also on line 2\)/);
  });

  it("rejects a non-numeric cell of a wide table with its line and column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-cli-"));
    writeFileSync(join(dir, "wide.csv"), "Model,a,b\nx,1,2\ny,3,abc\n");
    const {status, stderr} = await cli("rank", join(dir, "wide.csv"));
    expect(status).toBe(1);
    expect(stderr).toMatch(/wide\.csv:3: expected a number in column "b", got "abc"/);
  });
});

describe("benchstats trace <kineto trace>", () => {
  it("prints HTA's temporal breakdown of a real A100 trace, as the lib computes it", async () => {
    const rows = await cliJson<Record<string, number>[]>("trace", fixture("../gpu/kineto_a100_alexnet_rank0.json.gz"));
    expect(rows).toHaveLength(1);
    expect(rows[0].rank).toBe(0);
    const t = rows[0];
    expect(t["idle_time(us)"] + t["compute_time(us)"] + t["non_compute_time(us)"]).toBe(t["kernel_time(us)"]);
    const {readKineto} = await import("../../loaders/gpu/read-kineto.js");
    const events = await readKineto(fixture("../gpu/kineto_a100_alexnet_rank0.json.gz"));
    expect(rows).toEqual(JSON.parse(JSON.stringify(temporalBreakdown(events))));
    const kernels = await cliJson("trace", fixture("../gpu/kineto_a100_alexnet_rank0.json.gz"), "--analysis", "kernels", "--top", "3");
    expect(kernels).toEqual(JSON.parse(JSON.stringify(kernelBreakdown(events, {numKernels: 3}).kernels)));
  });

  it("analyses several rank files, or their folder, rank by rank where each is read, as the lib does on the merged table", async () => {
    const files = [fixture("../gpu/kineto_sampled_128rank_rank0.json.gz"), fixture("../gpu/kineto_sampled_128rank_rank1.json.gz")];
    const {readKineto} = await import("../../loaders/gpu/read-kineto.js");
    const events = await readKineto(files);
    const {idleTimeBreakdown} = await import("../../lib/index.js");
    expect(await cliJson("trace", ...files)).toEqual(JSON.parse(JSON.stringify(temporalBreakdown(events))));
    expect(await cliJson("trace", "idle", ...files)).toEqual(JSON.parse(JSON.stringify(idleTimeBreakdown(events))));
    const dir = mkdtempSync(join(tmpdir(), "benchstats-cli-"));
    files.forEach((f, r) => writeFileSync(join(dir, `rank${r}.json.gz`), readFileSync(f)));
    const {stderr} = await cli("trace", dir);
    expect(stderr).toMatch(new RegExp(`${events.length} events on 2 rank`));
    expect(await cliJson("trace", dir, "--mode", "exact")).toEqual(JSON.parse(JSON.stringify(temporalBreakdown(events, {mode: "exact"}))));
  });

  it("converts a trace to tidy gpu events rows", async () => {
    const rows = await cliJson<Record<string, number | string>[]>("convert", "gpu", fixture("../gpu/kineto_a100_alexnet_rank0.json.gz"));
    const {readKineto} = await import("../../loaders/gpu/read-kineto.js");
    const events = await readKineto(fixture("../gpu/kineto_a100_alexnet_rank0.json.gz"));
    expect(rows).toHaveLength(events.length);
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(["rank", "device", "stream", "kind", "category", "name", "start_us", "dur_us", "correlation"]));
  });

  it("rejects a truncated trace with a located error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-cli-"));
    writeFileSync(join(dir, "cut.json"), '{"traceEvents": [{"ph": "X", "cat": "kernel", "name": "k", "ts": 1, "dur": 2');
    const {status, stderr} = await cli("trace", join(dir, "cut.json"));
    expect(status).toBe(1);
    expect(stderr).toMatch(/cut\.json/);
  });
});
