import {describe, expect, it} from "vitest";
import {readLongCsvRuns, readOpenRlBenchmarkRuns, readRuns, readWandbRuns} from "../../loaders/index.js";
import {expectLocated, fixture} from "./helpers.js";

describe("readLongCsvRuns(file)", () => {
  it("reads the real TD-MPC2 long CSV slice row for row", async () => {
    const rows = (await readLongCsvRuns(fixture("tdmpc2/walker-run.csv"))).rows();
    expect(rows).toHaveLength(482);
    // First data line of the file: dreamerv3,walker-run,3,100000,reward,236.2
    expect(rows[0]).toEqual({experiment: "walker-run", algorithm: "dreamerv3", task: "walker-run", seed: "3", step: 100000, metric: "reward", value: 236.2});
    expect(new Set(rows.map((r) => r.algorithm))).toEqual(new Set(["dreamerv3", "sac", "tdmpc", "tdmpc2"]));
    for (const algorithm of ["dreamerv3", "sac", "tdmpc", "tdmpc2"]) {
      expect(new Set(rows.filter((r) => r.algorithm === algorithm).map((r) => r.seed))).toEqual(new Set(["1", "2", "3"]));
    }
  });

  it("fails on a non-numeric value with file, line and column name", async () => {
    await expectLocated(readLongCsvRuns(fixture("corrupt/bad-value.csv")), /expected a number \(or empty\/NA for missing\), got "12\.\.5"/, {file: fixture("corrupt/bad-value.csv"), line: 4, field: "value"});
  });

  it("fails on a ragged row with its line", async () => {
    await expectLocated(readLongCsvRuns(fixture("corrupt/ragged.csv")), /malformed CSV/, {file: fixture("corrupt/ragged.csv"), line: 3});
  });

  it("names the missing required column", async () => {
    await expectLocated(readLongCsvRuns(fixture("corrupt/missing-column.csv")), /needs column\(s\) seed/, {file: fixture("corrupt/missing-column.csv"), line: 1});
  });
});

describe("readOpenRlBenchmarkRuns(file)", () => {
  it("splits 'mean ± std' cells of the real cleanrl_vs_baselines table", async () => {
    const rows = (await readOpenRlBenchmarkRuns(fixture("openrlbenchmark/cleanrl_vs_baselines.csv"))).rows();
    expect(rows).toHaveLength(57 * 2);
    // Line 2 of the file: AlienNoFrameskip-v4,1705.80 ± 439.74,1755.00 ± 342.54
    expect(rows[0]).toEqual({experiment: "openrlbenchmark/baselines", algorithm: "baselines-ppo2-cnn", task: "AlienNoFrameskip-v4", seed: "", step: NaN, metric: "episodic_return", value: 1705.8, std: 439.74});
    expect(rows[1]).toMatchObject({experiment: "openrlbenchmark/envpool-atari", algorithm: "ppo_atari_envpool_xla_jax_truncation", value: 1755, std: 342.54});
  });

  it("reads plain-number runtime cells and names the metric after the file", async () => {
    const rows = (await readOpenRlBenchmarkRuns(fixture("openrlbenchmark/cleanrl_vs_baselines_runtimes.csv"))).rows();
    expect(rows[0]).toMatchObject({metric: "runtime", value: 115.39610880350754, std: NaN});
  });

  it("keeps 'nan ± nan' as missing values and the tag filter in the algorithm name", async () => {
    const rows = (await readOpenRlBenchmarkRuns(fixture("openrlbenchmark/multi-metrics.csv"))).rows();
    expect(rows).toHaveLength(15);
    expect(rows.every((r) => Number.isNaN(r.value) && Number.isNaN(r.std!))).toBe(true);
    expect(rows[0].algorithm).toBe("ddpg_continuous_action ({'tag': ['pr-371']})");
  });
});

// W&B fixtures are synthetic (no licensed real export was found): built from the documented export layout.
describe("readWandbRuns(file)", () => {
  const expected = [
    [0, "losses/value_loss", 0.931],
    [1000, "charts/episodic_return", 12.5],
    [1000, "charts/SPS", 1020],
    [1000, "losses/value_loss", 0.512],
    [2000, "charts/SPS", 1043],
    [2000, "losses/value_loss", 0.433],
    [3000, "charts/episodic_return", 31],
    [3000, "charts/SPS", 1051],
    [3000, "losses/value_loss", NaN]
  ];

  it("reads a history CSV: sparse cells skipped, media skipped, explicit NaN kept, _timestamp as wall_time", async () => {
    const rows = (await readWandbRuns(fixture("wandb/run-3f2a9c.csv"), {algorithm: "ppo"})).rows();
    expect(rows.map((r) => [r.step, r.metric, r.value])).toEqual(expected);
    expect(rows[0]).toMatchObject({experiment: "run-3f2a9c", algorithm: "ppo", seed: "run-3f2a9c", wall_time: 1700000000.25});
  });

  it("reads the same history as JSONL, including Python's bare NaN", async () => {
    const rows = (await readWandbRuns(fixture("wandb/run-3f2a9c.jsonl"))).rows();
    expect(rows.map((r) => [r.step, r.metric, r.value])).toEqual(expected);
  });

  it("reads a chart export, one seed per run name, skipping __MIN/__MAX", async () => {
    const rows = (await readRuns(fixture("wandb/chart-export.csv"))).rows();
    expect(rows.map((r) => [r.seed, r.step, r.value])).toEqual([
      ["ppo-seed1", 1000, 12.5],
      ["ppo-seed2", 1000, 9.5],
      ["ppo-seed1", 2000, 20],
      ["ppo-seed1", 3000, 31],
      ["ppo-seed2", 3000, 28.25]
    ]);
    expect(rows[0].metric).toBe("charts/episodic_return");
  });

  it("fails on a broken JSONL line with its line number", async () => {
    await expectLocated(readWandbRuns(fixture("corrupt/bad-line.jsonl")), /invalid JSON/, {file: fixture("corrupt/bad-line.jsonl"), line: 3});
  });
});

describe("readWandbRuns(file) on nested and gzipped histories", () => {
  it("flattens nested metric objects with '.' and skips media objects", async () => {
    const {mkdtempSync, writeFileSync} = await import("node:fs");
    const {tmpdir} = await import("node:os");
    const {join} = await import("node:path");
    const file = join(mkdtempSync(join(tmpdir(), "wandb-")), "run-1.jsonl");
    writeFileSync(file, '{"_step": 5, "eval": {"return": 3.5, "length": 200}, "img": {"_type": "image-file", "path": "a.png"}, "lr": 0.001}\n');
    expect((await readWandbRuns(file)).rows().map((r) => [r.metric, r.value])).toEqual([
      ["eval.return", 3.5],
      ["eval.length", 200],
      ["lr", 0.001]
    ]);
  });

  it("reads a gzipped long CSV exactly like the plain one", async () => {
    const {mkdtempSync, readFileSync, writeFileSync} = await import("node:fs");
    const {gzipSync} = await import("node:zlib");
    const {tmpdir} = await import("node:os");
    const {join} = await import("node:path");
    const file = join(mkdtempSync(join(tmpdir(), "gz-")), "walker-run.csv.gz");
    writeFileSync(file, gzipSync(readFileSync(fixture("tdmpc2/walker-run.csv"))));
    expect((await readRuns(file)).rows()).toEqual((await readRuns(fixture("tdmpc2/walker-run.csv"))).rows());
  });
});
