import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {discoverData} from "../../loaders/discover.js";
import {queryRows, sqlString} from "../../loaders/tidy/duckdb.js";
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

describe("the own-page data loaders with BENCHSTATS_DATA set to a user folder", async () => {
  const run = (name: string) => execFileSync(tsx, [fileURLToPath(new URL(`../../src/data/${name}`, import.meta.url))], {env: {...process.env, BENCHSTATS_DATA: byod}});
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  const output = JSON.parse(run("own-inventory.json.ts").toString("utf8"));
  const parquet = join(mkdtempSync(join(tmpdir(), "own-final-scores-")), "scores.parquet");
  writeFileSync(parquet, run("own-final-scores.parquet.ts"));
  const scores = (await queryRows(`SELECT * FROM read_parquet(${sqlString(parquet)})`)) as {source: string; algorithm: string; task: string; seed: string; metric: string; value: number | null; normalized: number | null}[];

  it("reads the user's folder, not the bundled data", () => {
    expect(output.userFolder).toBe(true);
    expect(output.folder).toBe(byod);
    expect(output.problems).toEqual([]);
    // The Open RL Benchmark table holds mean ± std over seeds: summaries, skipped and counted.
    expect(output.skippedSummaryRows).toBeGreaterThan(0);
    expect(output.finalScores).toBe(scores.length);
  });

  it("keeps each run's final score and normalises it with the folder's reference table", () => {
    const simple = JSON.parse(readFileSync(fixture("byod/atari/SimPLe.json"), "utf8")) as Record<string, number[]>;
    // Alien: random 227.8, human 7127.7 (rliable's table).
    const alien = scores.find((d) => d.algorithm === "SimPLe" && d.task === "Alien" && d.seed === "2")!;
    expect(alien.value).toBe(simple.Alien[2]);
    expect(alien.normalized).toBeCloseTo((simple.Alien[2] - 227.8) / (7127.7 - 227.8), 12);
    expect([...new Set(scores.map((d) => d.algorithm))]).toEqual(expect.arrayContaining(["DrQ_eps", "SimPLe"]));
    // The TensorBoard run contributes its metrics' last values; a missing normalised score is null, not a number.
    expect(scores.some((d) => d.metric === "bleu/dev" && d.normalized === null)).toBe(true);
  });
});
