import {execFileSync} from "node:child_process";
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {discoverData} from "../../loaders/discover.js";
import {cliJson, fixture} from "./helpers.js";

// A user folder of mixed real files: rliable per-run JSON with its reference table, a TensorBoard event file,
// an Open RL Benchmark summary, two leaderboards, arena battles, a ROCm profiler trace and a note.
const byod = fixture("byod");

describe("discoverData(folder) on a folder of mixed real files", () => {
  it("places every file by table kind and loader format, and says why it skips the rest", async () => {
    const files = await discoverData(byod);
    const kinds = Object.fromEntries(files.map((f) => [f.path, `${f.kind}/${f.format}`]));
    expect(kinds).toEqual({
      "README.txt": "unknown/",
      "atari/DrQ_eps.json": "runs/rliable-json",
      "atari/SimPLe.json": "runs/rliable-json",
      "atari/atari100k_reference_scores.csv": "reference/min-max",
      "leaderboards/arena_hard_leaderboard_20240731.csv": "scores/arena-hard",
      "leaderboards/xtreme_wide_missing.csv": "scores/wide",
      "logs/multi-metrics.csv": "runs/openrlbenchmark",
      "logs/ppo/lingvo_mt_dev_eval.events.out.tfevents.test": "runs/tensorboard",
      "pandalm_battles_first100.csv": "battles/tidy",
      "traces/kineto_mi250_rocm62_minitoy.json.gz": "gpu/kineto"
    });
    expect(files.find((f) => f.path === "README.txt")!.note).toMatch(/non-data/);
  });

  it("is what `benchstats inventory` prints", async () => {
    const rows = await cliJson<{path: string; kind: string}[]>("inventory", byod);
    expect(rows.map((r) => r.path)).toEqual((await discoverData(byod)).map((f) => f.path));
  });
});

describe("the own-page data loader with BENCHSTATS_DATA set to a user folder", () => {
  const loader = fileURLToPath(new URL("../../src/data/own-inventory.json.ts", import.meta.url));
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  const output = JSON.parse(execFileSync(tsx, [loader], {env: {...process.env, BENCHSTATS_DATA: byod}, encoding: "utf8"}));
  const decode = (i: number, column: string) => output.scores[column].values[output.scores[column].codes[i]];

  it("reads the user's folder, not the bundled data", () => {
    expect(output.userFolder).toBe(true);
    expect(output.folder).toBe(byod);
    expect(output.problems).toEqual([]);
    // The Open RL Benchmark table holds mean ± std over seeds: summaries, skipped and counted.
    expect(output.skippedSummaryRows).toBeGreaterThan(0);
  });

  it("keeps each run's final score and normalises it with the folder's reference table", () => {
    const simple = JSON.parse(readFileSync(fixture("byod/atari/SimPLe.json"), "utf8")) as Record<string, number[]>;
    // Alien: random 227.8, human 7127.7 (rliable's table).
    const i = Array.from({length: output.scores.length}, (_, k) => k).find(
      (k) => decode(k, "algorithm") === "SimPLe" && decode(k, "task") === "Alien" && decode(k, "seed") === "2"
    )!;
    expect(output.scores.value[i]).toBe(simple.Alien[2]);
    expect(output.scores.normalized[i]).toBeCloseTo((simple.Alien[2] - 227.8) / (7127.7 - 227.8), 12);
    const algorithms = new Set(Array.from({length: output.scores.length}, (_, k) => decode(k, "algorithm")));
    expect([...algorithms].sort()).toEqual(expect.arrayContaining(["DrQ_eps", "SimPLe"]));
    // The TensorBoard run contributes its metrics' last values.
    const metrics = new Set(Array.from({length: output.scores.length}, (_, k) => decode(k, "metric")));
    expect(metrics.has("bleu/dev")).toBe(true);
  });
});
