// Every reader accepts Parquet: a table converted to Parquet reads back as the same table.
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readBattles, readGpuEvents, readGpuMetrics, readRuns, readSamples, readScores} from "../../loaders/index.js";
import {writeTable} from "../../loaders/tidy/write.js";
import {gpuEventRows} from "../../lib/engine.js";
import {bundled} from "../loaders/helpers.js";

const dir = mkdtempSync(join(tmpdir(), "bs-parquet-"));

/** Rows with NaN spelled out, so that toEqual compares them as values. */
const same = (rows: object[]) => JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === "number" && Number.isNaN(v) ? "NaN" : v)));

describe("Parquet in every reader", () => {
  it("readRuns: TensorBoard events → Parquet → the same runs", async () => {
    const table = await readRuns(bundled("runs", "tensorboard", "lingvo_mt_dev_eval.events.out.tfevents.test"));
    const path = join(dir, "runs.parquet");
    await writeTable(table, path);
    expect(same((await readRuns(path)).rows())).toEqual(same(table.rows()));
  });

  it("readScores and readSamples: leaderboard and item-level tables round-trip", async () => {
    const scores = await readScores(bundled("scores", "arena_hard", "arena_hard_leaderboard_20240731.csv"));
    await writeTable(scores, join(dir, "scores.parquet"));
    expect(same((await readScores(join(dir, "scores.parquet"))).rows())).toEqual(same(scores.rows()));
    const samples = await readSamples(bundled("samples", "alpaca_eval", "ae2_weighted_gpt4turbo_preference.csv"));
    await writeTable(samples, join(dir, "samples.parquet"));
    const back = await readSamples(join(dir, "samples.parquet"));
    expect(back.length).toBe(samples.length);
    expect(same(back.rows({end: 2000}))).toEqual(same(samples.rows({end: 2000})));
  });

  it("readBattles: arena votes round-trip with their judge column", async () => {
    const battles = await readBattles(bundled("battles", "chatbot_arena_20models.csv"), {judge: "human"});
    await writeTable(battles, join(dir, "battles.parquet"));
    expect(same((await readBattles(join(dir, "battles.parquet"))).rows())).toEqual(same(battles.rows()));
  });

  it("readGpuEvents and readGpuMetrics: a Kineto trace and an nvidia-smi log round-trip", async () => {
    const {TidyTable} = await import("../../loaders/tidy/table.js");
    const events = await readGpuEvents(bundled("gpu", "kineto_a100_alexnet_rank0.json.gz"));
    const rows = gpuEventRows(events);
    await writeTable(TidyTable.fromRows("gpu", rows), join(dir, "events.parquet"));
    const back = gpuEventRows(await readGpuEvents(join(dir, "events.parquet")));
    expect(back).toEqual(rows);
    const metrics = await readGpuMetrics(bundled("gpu", "query-gpu-4xT4.csv"), {onWarning: () => undefined});
    await writeTable(metrics, join(dir, "metrics.parquet"));
    expect(same((await readGpuMetrics(join(dir, "metrics.parquet"))).rows())).toEqual(same(metrics.rows()));
  });
});
