import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gunzipSync, gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {stragglers, temporalBreakdown} from "../../lib/gpu/index.js";
import {readKineto} from "../../loaders/gpu/index.js";
import {fixture} from "./helpers.js";

const files = [fixture("kineto_sampled_128rank_rank0.json.gz"), fixture("kineto_sampled_128rank_rank1.json.gz"), fixture("kineto_a100_nccl_2rank_rank0.json.gz")];

describe("readKineto on worker threads", () => {
  it("gives the same table as one thread: columns, dictionaries, args, rank info, file order of onFile", async () => {
    // Three files (the NCCL trace is rank 0 too, so it takes rank 2 here to avoid the duplicate-rank error).
    const dir = mkdtempSync(join(tmpdir(), "benchstats-par-"));
    const third = join(dir, "other_rank2.json.gz");
    const text = gunzipSync(readFileSync(files[2])).toString("utf8").replace('"rank": 0', '"rank": 2');
    writeFileSync(third, gzipSync(text));
    const paths = [files[0], files[1], third];
    const order1: string[] = [];
    const order3: string[] = [];
    const one = await readKineto(paths, {workers: 1, onFile: (r) => order1.push(r.info.source!)});
    const three = await readKineto(paths, {workers: 3, onFile: (r) => order3.push(r.info.source!)});
    expect(order3).toEqual(order1);
    expect(three.length).toBe(one.length);
    for (const key of ["rank", "device", "stream", "thread", "kind", "name", "start_us", "dur_us", "correlation"] as const) {
      expect(Buffer.compare(Buffer.from(three[key].buffer, three[key].byteOffset, three[key].byteLength), Buffer.from(one[key].buffer, one[key].byteOffset, one[key].byteLength)), key).toBe(0);
    }
    expect(three.names).toEqual(one.names);
    expect(three.kinds).toEqual(one.kinds);
    expect(three.ranks).toEqual(one.ranks);
    expect(Object.keys(three.args!)).toEqual(Object.keys(one.args!));
    for (const key of Object.keys(one.args!)) expect(Array.from(three.args![key])).toEqual(Array.from(one.args![key]));
    expect(temporalBreakdown(three)).toEqual(temporalBreakdown(one));
    expect(stragglers(await readKineto(files.slice(0, 2), {workers: 2}))).toEqual(stragglers(await readKineto(files.slice(0, 2), {workers: 1})));
  }, 60_000);

  it("a worker's error arrives located, as from one thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-par-"));
    const cut = join(dir, "cut_rank1.json");
    writeFileSync(cut, '{"traceEvents": [{"ph": "X", "cat": "kernel", "name": "k", "ts": 1, "dur": 2');
    const failure = await readKineto([files[0], cut], {workers: 2}).catch((e) => e);
    expect(failure).toBeInstanceOf(BenchstatsError);
    expect(failure.location?.file).toBe(cut);
    expect(failure.message).toBe((await readKineto([files[0], cut], {workers: 1}).catch((e) => e)).message);
    await expect(readKineto(files, {workers: 0})).rejects.toThrow(/workers must be a positive integer/);
  }, 60_000);
});
