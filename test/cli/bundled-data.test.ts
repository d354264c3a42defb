import {spawnSync} from "node:child_process";
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {cliJson, fixture} from "./helpers.js";

// The CLI on the repository's bundled data (data/), through the real executable where it matters.
const root = fileURLToPath(new URL("../../", import.meta.url));
const data = (path: string) => `${root}data/${path}`;
const benchstats = (...args: string[]) => spawnSync(process.execPath, [`${root}bin/benchstats.js`, ...args], {cwd: root, encoding: "utf8"});

describe("bin/benchstats.js on the bundled data", () => {
  it("answers: IQM of human-normalised Atari 100k scores (DER, SPR; 100 runs × 26 games) as defined", () => {
    const result = benchstats(
      "interval", data("rl/atari100k/DER.json"), data("rl/atari100k/SPR.json"),
      "--normalize", data("rl/atari100k/atari100k_reference_scores.csv"), "--statistic", "iqm", "--reps", "500", "--seed", "3", "-q"
    );
    expect(result.status).toBe(0);
    const rows = JSON.parse(result.stdout) as {algorithm: string; point: number; lower: number; upper: number; runs: number}[];
    const reference = new Map(
      readFileSync(data("rl/atari100k/atari100k_reference_scores.csv"), "utf8").trim().split("\n").slice(1).map((l) => {
        const [game, random, human] = l.split(",");
        return [game, [Number(random), Number(human)]] as const;
      })
    );
    for (const algorithm of ["DER", "SPR"]) {
      const raw = JSON.parse(readFileSync(data(`rl/atari100k/${algorithm}.json`), "utf8")) as Record<string, number[]>;
      const values = Object.entries(raw).flatMap(([game, runs]) => runs.map((v) => (v - reference.get(game)![0]) / (reference.get(game)![1] - reference.get(game)![0])));
      values.sort((a, b) => a - b);
      const cut = Math.floor(values.length / 4);
      const kept = values.slice(cut, values.length - cut);
      const row = rows.find((r) => r.algorithm === algorithm)!;
      expect(row.runs).toBe(100);
      expect(row.point).toBeCloseTo(kept.reduce((s, v) => s + v, 0) / kept.length, 12);
      expect(row.lower).toBeLessThan(row.point);
      expect(row.upper).toBeGreaterThan(row.point);
    }
  }, 60_000);

  it("rejects a malformed file with exit status 1 and a located message", () => {
    const result = benchstats("interval", fixture("malformed_number.csv"));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/malformed_number\.csv:4, value: expected a number/);
  }, 60_000);

  it("reproduces HTA's temporal breakdown of its 2-rank NCCL sample (rank 0: compute 75169 µs)", async () => {
    const [row] = await cliJson<Record<string, number>[]>("trace", data("gpu/kineto_a100_nccl_2rank_rank0.json.gz"), "-q");
    expect(row["compute_time(us)"]).toBe(75169);
  }, 60_000);

  it("reads one trace file per rank, and Nsight Systems exports through the GPU loaders", async () => {
    const ranks = await cliJson<Record<string, number>[]>(
      "trace", data("gpu/kineto_sampled_128rank_rank0.json.gz"), data("gpu/kineto_sampled_128rank_rank1.json.gz"), "-q"
    );
    expect(ranks.map((r) => r.rank)).toEqual([0, 1]);
    const [nsys] = await cliJson<Record<string, number>[]>("trace", data("gpu/nsys_con_kernel.sqlite.gz"), "--mode", "exact", "-q");
    expect(nsys["idle_time(us)"] + nsys["compute_time(us)"] + nsys["non_compute_time(us)"]).toBeCloseTo(nsys["kernel_time(us)"], 6);
  }, 60_000);

  it("ranks the bundled XTREME leaderboard (15 systems, missing cells)", async () => {
    const ranks = await cliJson("rank", data("ranking/example_data_cli_xtreme_missing.csv"), "--drop", "Score", "-q");
    expect(ranks).toHaveLength(15);
  }, 60_000);
});
