import {writeFileSync, mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {detectRunFormat, readRuns, readSamples, readScores} from "../../loaders/index.js";
import {bundled, expectLocated, fixture} from "./helpers.js";

// Every real sample file bundled under data/runs and data/scores loads, through format detection, into its table.
describe("readRuns(path) on the bundled real run logs", () => {
  it("detects each format", async () => {
    expect(await detectRunFormat(bundled("runs/tensorboard/lingvo_mt_dev_eval.events.out.tfevents.test"))).toBe("tensorboard");
    expect(await detectRunFormat(bundled("runs/tensorboard"))).toBe("tensorboard");
    expect(await detectRunFormat(bundled("runs/openrlbenchmark/multi-metrics.csv"))).toBe("openrlbenchmark");
    expect(await detectRunFormat(bundled("runs/tdmpc2/tdmpc2_results_long.csv"))).toBe("long-csv");
    expect(await detectRunFormat(fixture("wandb/run-3f2a9c.csv"))).toBe("wandb");
    expect(await detectRunFormat(fixture("wandb/run-3f2a9c.jsonl"))).toBe("wandb");
    expect(await detectRunFormat(fixture("mlflow/mlruns"))).toBe("mlflow");
  });

  it("reads all 47,162 TD-MPC2 curve points: 5 methods, 3 seeds for every (method, task)", async () => {
    const rows = (await readRuns(bundled("runs/tdmpc2/tdmpc2_results_long.csv"))).rows();
    expect(rows).toHaveLength(47162);
    const seeds = new Map<string, Set<string | null>>();
    for (const r of rows) {
      const key = `${r.algorithm}/${r.task}`;
      if (!seeds.has(key)) seeds.set(key, new Set());
      seeds.get(key)!.add(r.seed);
    }
    expect(seeds.size).toBe(4 * 104 + 12);
    expect([...seeds.values()].every((s) => s.size === 3)).toBe(true);
    expect(new Set(rows.map((r) => r.metric))).toEqual(new Set(["reward", "success"]));
    expect(rows.some((r) => Number.isNaN(r.value))).toBe(false);
    // Success rates are fractions (not % as the upstream note says); returns stay within DMControl's 0–1000.
    expect(rows.filter((r) => r.metric === "success").every((r) => r.value >= 0 && r.value <= 1)).toBe(true);
    expect(rows.filter((r) => r.metric === "reward").every((r) => r.value >= 0 && r.value <= 1000)).toBe(true);
  });

  it("reads the TensorBoard log dir and the Open RL Benchmark tables", async () => {
    expect(await readRuns(bundled("runs/tensorboard"))).toHaveLength(2520);
    for (const [file, n] of [["cleanrl_vs_baselines.csv", 114], ["cleanrl_vs_baselines_runtimes.csv", 114], ["multi-metrics.csv", 15]] as const) {
      expect(await readRuns(bundled("runs/openrlbenchmark", file))).toHaveLength(n);
    }
  });

  it("says what it expected for an unknown file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "runs-"));
    writeFileSync(join(dir, "x.csv"), "a,b\n1,2\n");
    await expectLocated(readRuns(join(dir, "x.csv")), /unrecognised run CSV header/, {file: join(dir, "x.csv"), line: 1});
    await expectLocated(readRuns(join(dir, "missing.csv")), /no such file/, {file: join(dir, "missing.csv")});
    await expectLocated(readRuns(join(dir, "x.csv")), /unrecognised run CSV header/, {file: join(dir, "x.csv"), line: 1});
    const empty = mkdtempSync(join(tmpdir(), "runs-empty-"));
    await expectLocated(readRuns(empty), /neither an MLflow store/, {file: empty});
  });

  it("reads a folder of run files, each detected on its own", async () => {
    const dir = mkdtempSync(join(tmpdir(), "runs-folder-"));
    const {copyFileSync} = await import("node:fs");
    copyFileSync(fixture("wandb/run-3f2a9c.csv"), join(dir, "ppo-seed1.csv"));
    copyFileSync(fixture("wandb/run-3f2a9c.jsonl"), join(dir, "ppo-seed2.jsonl"));
    copyFileSync(fixture("tdmpc2/walker-run.csv"), join(dir, "tdmpc2-walker-run.csv"));
    expect(await detectRunFormat(dir)).toBe("folder");
    const rows = (await readRuns(dir, {algorithm: "ppo"})).rows();
    expect(rows).toHaveLength(9 + 9 + 482);
    expect(new Set(rows.slice(0, 18).map((r) => r.seed))).toEqual(new Set(["ppo-seed1", "ppo-seed2"]));
  });
});

describe("readScores(path) / readSamples(path) on the bundled real score files", () => {
  it("reads the AlpacaEval and Arena-Hard leaderboards", async () => {
    expect(await readScores(bundled("scores/alpaca_eval/weighted_alpaca_eval_gpt4_turbo_leaderboard.csv"))).toHaveLength(446);
    expect(await readScores(bundled("scores/arena_hard/arena_hard_leaderboard_20240731.csv"))).toHaveLength(60);
  });

  it("reads the AlpacaEval annotations as samples", async () => {
    const rows = (await readSamples(bundled("scores/alpaca_eval/annotations_FuseChat-Llama-3.2-1B-Instruct_weighted_gpt4_turbo.slim.jsonl"))).rows();
    expect(rows).toHaveLength(805);
    expect(rows.every((r) => r.value >= 1 && r.value <= 2)).toBe(true);
  });
});

describe("loaders/index.ts", () => {
  it("exposes the five readers docs/design.md names, one per tidy table", async () => {
    const loaders = await import("../../loaders/index.js");
    for (const name of ["readRuns", "readScores", "readSamples", "readBattles", "readGpuEvents"]) {
      expect(typeof (loaders as Record<string, unknown>)[name]).toBe("function");
    }
  });
});

describe("format readers on missing, folder and corrupt-gzip paths", () => {
  it("fail with a located io/parse BenchstatsError, not a raw Node error", async () => {
    const {mkdtempSync, writeFileSync} = await import("node:fs");
    const {readLongCsvRuns, readTensorboardRuns, readLmEvalResults, readWandbRuns} = await import("../../loaders/index.js");
    const dir = mkdtempSync(join(tmpdir(), "io-"));
    const missing = join(dir, "nope.csv");
    await expectLocated(readLongCsvRuns(missing), /no such file/, {file: missing});
    await expectLocated(readTensorboardRuns(join(dir, "events.out.tfevents.x")), /no such file/, {file: join(dir, "events.out.tfevents.x")});
    await expectLocated(readLmEvalResults(join(dir, "results_x.json")), /no such file/, {file: join(dir, "results_x.json")});
    await expectLocated(readWandbRuns(dir + "/"), /expected a file, got a folder|no such file/, {});
    const badGz = join(dir, "history.jsonl.gz");
    writeFileSync(badGz, Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3));
    await expectLocated(readWandbRuns(badGz), /gzip/, {file: badGz});
  });
});
