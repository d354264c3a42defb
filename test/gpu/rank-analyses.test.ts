import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gunzipSync, gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {commCompOverlap, idleTimeBreakdown, queueLengthSummary, temporalBreakdown} from "../../lib/gpu/index.js";
import {analyseKinetoRanks, readKineto} from "../../loaders/gpu/index.js";
import {fixture} from "./helpers.js";

const sampled = [fixture("kineto_sampled_128rank_rank0.json.gz"), fixture("kineto_sampled_128rank_rank1.json.gz")];
const all = ["temporalBreakdown", "idleTimeBreakdown", "commCompOverlap", "queueLengthSummary"] as const;

/** A bundled trace written again under another rank, optionally with its text edited. */
function asRank(file: string, rank: number, edit: (text: string) => string = (t) => t): string {
  const dir = mkdtempSync(join(tmpdir(), "benchstats-ranks-"));
  const out = join(dir, `rank${rank}.json.gz`);
  writeFileSync(out, gzipSync(edit(gunzipSync(readFileSync(file)).toString("utf8").replace(/"rank": \d+/, `"rank": ${rank}`))));
  return out;
}

describe("analyseKinetoRanks: per-rank analyses where each rank is read", () => {
  it("gives the merged table's rows, in rank order, on one thread and on several", async () => {
    // Files in descending rank order: the rows still come out by ascending rank, as from the merged table.
    const files = [asRank(fixture("kineto_a100_nccl_2rank_rank0.json.gz"), 2), ...sampled];
    const merged = await readKineto(files, {workers: 1});
    const expected = {
      temporalBreakdown: temporalBreakdown(merged),
      idleTimeBreakdown: idleTimeBreakdown(merged),
      commCompOverlap: commCompOverlap(merged),
      queueLengthSummary: queueLengthSummary(merged)
    };
    const one = await analyseKinetoRanks(files, {workers: 1, analyses: [...all]});
    const three = await analyseKinetoRanks(files, {workers: 3, analyses: [...all]});
    expect(one).toEqual(expected);
    expect(three).toEqual(one);
    expect(one.temporalBreakdown!.map((r) => r.rank)).toEqual([0, 1, 2]);
    const exact = await readKineto(sampled, {workers: 1});
    expect((await analyseKinetoRanks(sampled, {workers: 2, includeLastProfilerStep: true})).temporalBreakdown)
      .toEqual(temporalBreakdown(exact, {includeLastProfilerStep: true}));
  }, 60_000);

  it("decides HTA's ProfilerStep filter from the step names of all ranks together", async () => {
    // Each rank keeps one ProfilerStep name, a different one: alone neither would be filtered, together they are.
    const one = (rank: number, keep: string) => asRank(sampled[rank], rank, (text) => text.replace(/ProfilerStep#(\d+)/g, keep));
    const files = [one(0, "ProfilerStep#7"), one(1, "ProfilerStep#8")];
    const merged = await readKineto(files, {workers: 1});
    const rows = (await analyseKinetoRanks(files, {workers: 2})).temporalBreakdown;
    expect(rows).toEqual(temporalBreakdown(merged));
    const same = [one(0, "ProfilerStep#7"), one(1, "ProfilerStep#7")];
    const unfiltered = (await analyseKinetoRanks(same, {workers: 1})).temporalBreakdown;
    expect(unfiltered).toEqual(temporalBreakdown(await readKineto(same, {workers: 1})));
    expect(unfiltered).not.toEqual(rows); // the filter's decision shows in the rows
  }, 60_000);

  it("bad input: located parse errors, duplicate ranks, unknown analyses", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-ranks-"));
    const cut = join(dir, "cut_rank1.json");
    writeFileSync(cut, '{"traceEvents": [{"ph": "X", "cat": "kernel", "name": "k", "ts": 1, "dur": 2');
    const failure = await analyseKinetoRanks([sampled[0], cut], {workers: 2}).catch((e) => e);
    expect(failure).toBeInstanceOf(BenchstatsError);
    expect(failure.location?.file).toBe(cut);
    expect(failure.message).toBe((await analyseKinetoRanks([sampled[0], cut], {workers: 1}).catch((e) => e)).message);
    await expect(analyseKinetoRanks([sampled[0], sampled[0]], {workers: 2})).rejects.toThrow(/rank 0 already read/);
    await expect(analyseKinetoRanks(sampled, {analyses: ["kernelBreakdown" as never]})).rejects.toThrow(/unknown analysis "kernelBreakdown"/);
    await expect(analyseKinetoRanks([])).rejects.toThrow(/non-empty array/);
    await expect(analyseKinetoRanks(sampled, {workers: 0})).rejects.toThrow(/analyseKinetoRanks: workers must be a positive integer/);
  }, 60_000);
});
