// Test helper: an independent, minimal TFRecord + tensorflow.Event encoder, written from the proto definitions
// (tensorflow/core/util/event.proto, summary.proto, tensor.proto) to build TF2-style event files, whose
// scalars are Value.tensor with plugin "scalars" metadata on a tag's first value only. No licensed real TF2
// file was available (see data/runs/SOURCE.md), so these bytes are the TF2 fixture.
import {crc32c} from "@aws-crypto/crc32c";

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

function varint(value: number | bigint): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    bytes.push(b);
  } while (v);
  return Uint8Array.from(bytes);
}

const key = (field: number, wire: number) => varint(field * 8 + wire);
const lengthDelimited = (field: number, body: Uint8Array) => concat([key(field, 2), varint(body.length), body]);
const text = (field: number, s: string) => lengthDelimited(field, new TextEncoder().encode(s));
const fixed64 = (field: number, x: number) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, true);
  return concat([key(field, 1), b]);
};
const fixed32 = (field: number, x: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return concat([key(field, 5), b]);
};

/** A scalar Summary.Value in one of the encodings writers use. */
export type ScalarValue =
  | {tag: string; simple: number}
  | {tag: string; tensorFloat: number; plugin?: string; via?: "content" | "float_val"}
  | {tag: string; tensorDouble: number; plugin?: string}
  | {tag: string; tensorString: string; plugin: string};

function summaryValue(v: ScalarValue): Uint8Array {
  const parts = [text(1, v.tag)];
  if ("simple" in v) parts.push(fixed32(2, v.simple));
  else {
    let tensor: Uint8Array;
    if ("tensorFloat" in v) {
      if (v.via === "float_val") tensor = concat([key(1, 0), varint(1), lengthDelimited(2, new Uint8Array()), lengthDelimited(5, fixed32(0, v.tensorFloat).subarray(1))]);
      else {
        const b = new Uint8Array(4);
        new DataView(b.buffer).setFloat32(0, v.tensorFloat, true);
        tensor = concat([key(1, 0), varint(1), lengthDelimited(2, new Uint8Array()), lengthDelimited(4, b)]);
      }
    } else if ("tensorDouble" in v) {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, v.tensorDouble, true);
      tensor = concat([key(1, 0), varint(2), lengthDelimited(2, new Uint8Array()), lengthDelimited(4, b)]);
    } else {
      tensor = concat([key(1, 0), varint(7), lengthDelimited(2, new Uint8Array()), text(8, v.tensorString)]);
    }
    parts.push(lengthDelimited(8, tensor));
    if (v.plugin) parts.push(lengthDelimited(9, lengthDelimited(1, text(1, v.plugin))));
  }
  return concat(parts);
}

/** Encodes one Event: wall_time, step (omitted when 0, as proto3 writers do), and either file_version or a summary. */
export function encodeEvent(e: {wallTime: number; step: number; fileVersion?: string; values?: ScalarValue[]}): Uint8Array {
  const parts = [fixed64(1, e.wallTime)];
  if (e.step !== 0) parts.push(concat([key(2, 0), varint(e.step)]));
  if (e.fileVersion) parts.push(text(3, e.fileVersion));
  if (e.values) parts.push(lengthDelimited(5, concat(e.values.map((v) => lengthDelimited(1, summaryValue(v))))));
  return concat(parts);
}

const mask = (c: number) => ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;

/** Frames payloads as TFRecords (length, masked CRC32C of length, payload, masked CRC32C of payload). */
export function tfrecordFile(payloads: Uint8Array[]): Uint8Array {
  return concat(
    payloads.map((payload) => {
      const header = new Uint8Array(12);
      const view = new DataView(header.buffer);
      view.setUint32(0, payload.length, true);
      view.setUint32(4, 0, true);
      view.setUint32(8, mask(crc32c(header.subarray(0, 8))), true);
      const footer = new Uint8Array(4);
      new DataView(footer.buffer).setUint32(0, mask(crc32c(payload)), true);
      return concat([header, payload, footer]);
    })
  );
}
