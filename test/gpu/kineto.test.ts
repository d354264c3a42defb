import {BenchstatsError} from "../../lib/core/errors.js";
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gunzipSync, gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import { gpuEventRows} from "../../lib/gpu/index.js";
import {GpuEventTableBuilder} from "../../lib/gpu/events.js";
import {KinetoParser, readGpuEvents} from "../../loaders/gpu/index.js";
import {fixture} from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "benchstats-gpu-test-"));
function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Event counts computed independently with Python's json module (events with dur and cat, cat ≠ "Trace"). */
const KEPT: Record<string, [seen: number, kept: number, rounds: boolean]> = {
  "kineto_a100_alexnet_rank0.json.gz": [1408, 867, false],
  "kineto_a100_cupti_counters.json.gz": [4222, 2322, false],
  "kineto_a100_nccl_2rank_rank0.json.gz": [40573, 26932, true],
  "kineto_mi250_rocm62_minitoy.json.gz": [220, 112, true],
  "kineto_sampled_128rank_rank0.json.gz": [4855, 4810, false],
  "kineto_sampled_128rank_rank1.json.gz": [4720, 4675, false]
};

describe("readGpuEvents(kineto trace)", () => {
  it.each(Object.entries(KEPT))("loads %s with HTA's event set", async (name, [seen, kept, rounds]) => {
    let info: {eventsSeen: number; eventsKept: number} | undefined;
    const events = await readGpuEvents(fixture(name), {onFile: (r) => (info = r)});
    expect(info).toMatchObject({eventsSeen: seen, eventsKept: kept});
    expect(events.length).toBe(kept);
    expect(events.ranks[0].htaRounds).toBe(rounds);
  });

  it("reads every field as JSON.parse does, whatever the chunk boundaries", async () => {
    const text = gunzipSync(readFileSync(fixture("kineto_mi250_rocm62_minitoy.json.gz")));
    const reference = JSON.parse(text.toString("utf8")) as {traceEvents: {cat?: string; dur?: number; ts: number; name: string; args?: {stream?: unknown; correlation?: number}}[]};
    const expected = reference.traceEvents.filter((e) => e.dur !== undefined && e.cat !== undefined && e.cat !== "Trace");
    for (const size of [1, 7, 64, 4096]) {
      const b = new GpuEventTableBuilder();
      const p = new KinetoParser(b, {source: "mi250"});
      for (let at = 0; at < text.length; at += size) p.push(text.subarray(at, at + size));
      p.end();
      const rows = gpuEventRows(b.finish([]));
      expect(rows.map((r) => [r.kind, r.name, r.start_us, r.dur_us, r.correlation])).toEqual(
        expected.map((e) => [e.cat, e.name, e.ts, e.dur, e.args?.correlation ?? -1]));
    }
    // As fileChunks hands them over: two buffers in turn, each overwritten two chunks on (here with garbage
    // right after the parser has seen the chunk after it).
    for (const size of [64, 999]) {
      const b = new GpuEventTableBuilder();
      const p = new KinetoParser(b, {source: "mi250"});
      const buffers = [Buffer.alloc(size), Buffer.alloc(size)];
      for (let at = 0, turn = 0; at < text.length; at += size, turn ^= 1) {
        const n = text.copy(buffers[turn], 0, at, at + size);
        p.push(buffers[turn].subarray(0, n));
        buffers[turn ^ 1].fill(0x7b);
      }
      p.end();
      expect(gpuEventRows(b.finish([])).map((r) => [r.name, r.start_us, r.dur_us])).toEqual(expected.map((e) => [e.name, e.ts, e.dur]));
    }
  });

  it("takes the rank from distributedInfo and reads a folder as one table, one rank per file", async () => {
    const folder = join(dir, "job");
    const {mkdirSync, copyFileSync} = await import("node:fs");
    mkdirSync(folder, {recursive: true});
    copyFileSync(fixture("kineto_sampled_128rank_rank0.json.gz"), join(folder, "a.json.gz"));
    copyFileSync(fixture("kineto_sampled_128rank_rank1.json.gz"), join(folder, "b.json.gz"));
    const events = await readGpuEvents(folder);
    expect(events.ranks.map((r) => r.rank)).toEqual([0, 1]);
    expect(events.length).toBe(4810 + 4675);
  });

  it("applies HTA's stream and correlation coercion (non-numeric stream → −1, numeric string → number)", async () => {
    const path = write("coerce.json", JSON.stringify({traceEvents: [
      {ph: "X", cat: "kernel", name: "a", ts: 1, dur: 1, args: {stream: "0x0", correlation: 4}},
      {ph: "X", cat: "kernel", name: "b", ts: 2, dur: 1, args: {stream: "7", correlation: "9"}},
      {ph: "X", cat: "cpu_op", name: "c", ts: 3, dur: 1}
    ]}));
    const rows = gpuEventRows(await readGpuEvents(path));
    expect(rows.map((r) => [r.stream, r.correlation])).toEqual([[-1, 4], [7, 9], [-1, -1]]);
  });

  it("marks a file for HTA's rounding when any ts is a float literal or missing, even on dropped events", async () => {
    const withFloat = write("f.json", '{"traceEvents": [{"ph": "X", "cat": "kernel", "name": "a", "ts": 1, "dur": 1}, {"ph": "s", "id": 1, "ts": 2.0, "cat": "ac2g", "name": "ac2g"}]}');
    const noTs = write("m.json", '{"traceEvents": [{"ph": "X", "cat": "kernel", "name": "a", "ts": 1, "dur": 1}, {"ph": "M", "name": "process_name", "args": {"name": "x"}}]}');
    const ints = write("i.json", '{"traceEvents": [{"ph": "X", "cat": "kernel", "name": "a", "ts": 1, "dur": 1.5}]}');
    expect((await readGpuEvents(withFloat)).ranks[0].htaRounds).toBe(true);
    expect((await readGpuEvents(noTs)).ranks[0].htaRounds).toBe(true);
    expect((await readGpuEvents(ints)).ranks[0].htaRounds).toBe(false);
  });

  it("reports a truncated trace with the file and byte offset", async () => {
    const text = gunzipSync(readFileSync(fixture("kineto_mi250_rocm62_minitoy.json.gz")));
    const path = write("truncated.json", text.subarray(0, 5000));
    const error = await readGpuEvents(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BenchstatsError);
    expect((error as BenchstatsError).message).toMatch(/truncated\.json.*byte 5000.*truncated/);
  });

  it("reports a truncated gzip stream as corrupt, naming the file", async () => {
    const gz = readFileSync(fixture("kineto_mi250_rocm62_minitoy.json.gz"));
    const path = write("cut.json.gz", gz.subarray(0, gz.length - 100));
    await expect(readGpuEvents(path)).rejects.toThrow(/cut\.json\.gz.*(gzip|truncated)/);
  });

  it("points at the offending byte of malformed JSON", async () => {
    const good = '{"traceEvents": [{"ph": "X", "cat": "kernel", "name": "a", "ts": 1, "dur": 1}';
    const path = write("bad.json", good + ' {"ph": "X"}]}');
    await expect(readGpuEvents(path)).rejects.toThrow(new RegExp(`bad\\.json, byte ${good.length + 1}: .*expected ',' or '\\]'`));
  });

  it("rejects a non-numeric ts with a located message instead of a silent NaN", async () => {
    const path = write("ts.json", '{"traceEvents": [{"ph": "X", "cat": "kernel", "name": "a", "ts": "12", "dur": 1}]}');
    await expect(readGpuEvents(path)).rejects.toThrow(/ts\.json, byte \d+: .*"ts" must be a number/);
  });

  it("reads gzip and plain files alike", async () => {
    const plain = gunzipSync(readFileSync(fixture("kineto_mi250_rocm62_minitoy.json.gz")));
    const a = await readGpuEvents(write("p.json", plain));
    const b = await readGpuEvents(write("p.json.gz", gzipSync(plain)));
    expect(gpuEventRows(a)).toEqual(gpuEventRows(b));
  });
});

describe("readKineto on a negative duration", () => {
  it("refuses an event whose dur is negative at its byte offset", async () => {
    const trace = JSON.parse(gunzipSync(readFileSync(fixture("kineto_mi250_rocm62_minitoy.json.gz"))).toString("utf8"));
    const event = trace.traceEvents.find((e: {ph?: string; dur?: number}) => e.ph === "X" && (e.dur ?? 0) > 0);
    event.dur = -50;
    const file = join(mkdtempSync(join(tmpdir(), "bs-kineto-")), "negative.json");
    writeFileSync(file, JSON.stringify(trace));
    const error = await readGpuEvents(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BenchstatsError);
    expect((error as BenchstatsError).message).toMatch(/negative "dur"/);
    expect((error as BenchstatsError).location).toMatchObject({file, offset: expect.any(Number)});
  });
});
