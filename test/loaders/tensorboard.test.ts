import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {maskedCrc32c, readRuns, readTensorboardRuns} from "../../loaders/index.js";
import {encodeEvent, tfrecordFile} from "./tfevents-writer.js";
import {crc32c} from "../../loaders/common/crc32c.js";
import {crc32c as referenceCrc32c} from "@aws-crypto/crc32c";
import {createRandom} from "../../lib/core/random.js";

const fixtures = new URL("../fixtures/loaders/", import.meta.url).pathname;
const lingvo = join(fixtures, "tensorboard/lingvo_mt_dev_eval.events.out.tfevents.test");
const corrupt = (name: string) => join(fixtures, "corrupt", name);

// Reference values: an independent pure-Python decode of the same file (struct-based protobuf walk, run when
// the fixture was added); float32 values are exact after widening to float64, so equality is exact.
const reference = {
  "bleu/dev": {n: 360, first: [1500, 0.11201018840074539], last: [185200, 0.2852171063423157], sum: 101.1919979378581},
  "runtime/sentence/sec": {n: 360, first: [1500, 8.118837356567383], last: [185200, 10.830163955688477], sum: 4878.950856685638},
  "brevity_penalty/dev": {n: 360, first: [1500, 1], last: [185200, 1], sum: 360}
};

async function expectLocated(promise: Promise<unknown>, pattern: RegExp, location: {file: string; offset?: number; line?: number}) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BenchstatsError);
  expect((error as BenchstatsError).message).toMatch(pattern);
  expect((error as BenchstatsError).location).toMatchObject(location);
}

describe("crc32c(bytes)", () => {
  it("agrees with @aws-crypto/crc32c on seeded random buffers of every length 0–300 and on sub-ranges", () => {
    const random = createRandom(7);
    for (let length = 0; length <= 300; length++) {
      const bytes = Uint8Array.from({length}, () => random.int(256));
      expect(crc32c(bytes)).toBe(referenceCrc32c(bytes));
      if (length > 10) expect(crc32c(bytes, 3, length - 2)).toBe(referenceCrc32c(bytes.subarray(3, length - 2)));
    }
  });
});

describe("maskedCrc32c(bytes)", () => {
  it("matches the CRC-32C check value and TensorFlow's mask", () => {
    // CRC-32C("123456789") = 0xe3069283 (RFC 3720 check value); mask = rotr15 + 0xa282ead8.
    const c = 0xe3069283;
    const masked = ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
    expect(maskedCrc32c(new TextEncoder().encode("123456789"))).toBe(masked);
  });
});

describe("readTensorboardRuns(file)", () => {
  it("reads every simple_value scalar of the real lingvo file, matching an independent decoder", async () => {
    const rows = (await readTensorboardRuns(lingvo)).rows();
    expect(rows).toHaveLength(2520); // 360 summary events × 7 tags
    for (const [tag, ref] of Object.entries(reference)) {
      const series = rows.filter((r) => r.metric === tag);
      expect(series).toHaveLength(ref.n);
      expect([series[0].step, series[0].value]).toEqual(ref.first);
      expect([series.at(-1)!.step, series.at(-1)!.value]).toEqual(ref.last);
      expect(series.reduce((s, r) => s + r.value, 0)).toBeCloseTo(ref.sum, 9);
    }
    expect(rows[0]).toMatchObject({experiment: "tensorboard", seed: "", wall_time: 1534577086.0208557});
    expect(new Set(rows.map((r) => r.metric)).size).toBe(7);
  });

  it("reads TF2 tensor scalars, remembering a tag's plugin from its first value, and step 0 omitted by proto3", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tb2-"));
    const file = join(dir, "events.out.tfevents.1700000000.host.1.v2");
    writeFileSync(
      file,
      tfrecordFile([
        encodeEvent({wallTime: 1700000000.5, step: 0, fileVersion: "brain.Event:2"}),
        encodeEvent({wallTime: 1700000001.25, step: 0, values: [{tag: "loss", tensorFloat: 0.75, plugin: "scalars"}]}),
        encodeEvent({wallTime: 1700000002.0, step: 100, values: [{tag: "loss", tensorFloat: 0.5}]}),
        encodeEvent({wallTime: 1700000003.0, step: 200, values: [{tag: "loss", tensorFloat: 0.25, via: "float_val"}, {tag: "lr", tensorDouble: 3e-4, plugin: "scalars"}]}),
        encodeEvent({wallTime: 1700000004.0, step: 200, values: [{tag: "notes", tensorString: "hello", plugin: "text"}, {tag: "legacy", simple: 2.5}]})
      ])
    );
    const rows = (await readTensorboardRuns(file, {algorithm: "ppo", task: "CartPole-v1", seed: "7"})).rows();
    expect(rows.map((r) => [r.metric, r.step, r.value])).toEqual([
      ["loss", 0, 0.75],
      ["loss", 100, 0.5],
      ["loss", 200, 0.25],
      ["lr", 200, 3e-4],
      ["legacy", 200, 2.5]
    ]);
    expect(rows[0]).toMatchObject({experiment: dir.split("/").at(-1), algorithm: "ppo", task: "CartPole-v1", seed: "7", wall_time: 1700000001.25});
  });

  it("tolerates a file cut inside a record, keeping the records before it and warning", async () => {
    const warnings: string[] = [];
    const rows = (await readTensorboardRuns(corrupt("truncated.tfevents"), {onWarning: (m) => warnings.push(m)})).rows();
    expect(rows).toHaveLength(9 * 7); // records 1..9 are summaries; record 10 is cut
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/byte 2038: file ends inside a record/);
    const rowsHeader = (await readTensorboardRuns(corrupt("truncated-header.tfevents"))).rows();
    expect(rowsHeader).toHaveLength(63);
  });

  it("fails on a corrupt payload with the record's byte offset", async () => {
    await expectLocated(readTensorboardRuns(corrupt("bitflip-payload.tfevents")), /payload checksum mismatch/, {file: corrupt("bitflip-payload.tfevents"), offset: 2038});
  });

  it("fails on a corrupt length field with the record's byte offset", async () => {
    await expectLocated(readTensorboardRuns(corrupt("bitflip-length.tfevents")), /length checksum mismatch/, {file: corrupt("bitflip-length.tfevents"), offset: 2038});
  });

  it("fails on a file that is not TFRecord framed at offset 0", async () => {
    await expectLocated(readTensorboardRuns(corrupt("not-tfrecord.tfevents")), /length checksum mismatch/, {file: corrupt("not-tfrecord.tfevents"), offset: 0});
  });
});

describe("readRuns(logdir) on a TensorBoard log dir", () => {
  it("names each run after its folder below the log dir", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tblog-"));
    const event = (v: number) => tfrecordFile([encodeEvent({wallTime: 1, step: 10, values: [{tag: "r", simple: v}]})]);
    for (const [run, v] of [["ppo_1", 1], ["ppo_2", 2]] as const) {
      const sub = join(dir, run);
      (await import("node:fs")).mkdirSync(sub);
      writeFileSync(join(sub, "events.out.tfevents.1.host"), event(v));
    }
    const rows = (await readRuns(dir)).rows();
    expect(rows.map((r) => [r.experiment, r.value])).toEqual([["ppo_1", 1], ["ppo_2", 2]]);
  });
});

describe("readTensorboardRuns(file) on a TFRecord file of other records", () => {
  it("rejects a correctly framed file whose first record is not a tensorflow.Event", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tfrec-"));
    const file = join(dir, "data.tfevents");
    // A TFRecord of tf.train.Example-like bytes: field 12 (not an Event field), length-delimited.
    writeFileSync(file, tfrecordFile([Uint8Array.of(0x62, 0x02, 0x08, 0x01)]));
    const error = await readTensorboardRuns(file).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(BenchstatsError);
    expect((error as BenchstatsError).message).toMatch(/first record is not a tensorflow\.Event/);
    expect((error as BenchstatsError).location).toMatchObject({file, offset: 0});
  });
});
