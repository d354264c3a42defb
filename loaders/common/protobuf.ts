/**
 * A minimal protocol-buffers wire-format reader (https://protobuf.dev/programming-guides/encoding/): enough to
 * walk the ~10 fields of TensorFlow's Event/Summary messages without generated code or a protobuf runtime.
 * Varints are decoded into JS numbers, exact up to 2^53 (steps and sizes never come near that).
 */

/** A wire-format field: its number, wire type and, for each type, the decoded payload. */
export interface ProtoField {
  field: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wire: 0 | 1 | 2 | 5;
  /** Varint value (wire 0). */
  varint: number;
  /** Start and end of the payload inside the message bytes (wire 1, 2, 5). */
  start: number;
  end: number;
}

/** Thrown for malformed bytes; the caller adds the file and byte offset. */
export class ProtoError extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
  }
}

/**
 * Iterates the fields of one message in `bytes[begin, end)`. Unknown fields are yielded too so callers can
 * skip them; groups (wire types 3/4, long deprecated) are rejected.
 */
export function* protoFields(bytes: Uint8Array, begin = 0, end = bytes.length): Generator<ProtoField> {
  let pos = begin;
  const field: ProtoField = {field: 0, wire: 0, varint: 0, start: 0, end: 0};
  const readVarint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) throw new ProtoError("varint runs past the end of the message", pos);
      const b = bytes[pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
    throw new ProtoError("varint longer than 10 bytes", pos);
  };
  while (pos < end) {
    const keyAt = pos;
    const key = readVarint();
    const wire = key % 8;
    field.field = Math.floor(key / 8);
    if (field.field === 0) throw new ProtoError("field number 0", keyAt);
    switch (wire) {
      case 0:
        field.wire = 0;
        field.varint = readVarint();
        field.start = field.end = pos;
        break;
      case 1:
      case 5: {
        const size = wire === 1 ? 8 : 4;
        if (pos + size > end) throw new ProtoError(`fixed${size * 8} field runs past the end of the message`, pos);
        field.wire = wire;
        field.start = pos;
        field.end = pos += size;
        break;
      }
      case 2: {
        const length = readVarint();
        if (pos + length > end) throw new ProtoError(`length-delimited field ${field.field} (${length} bytes) runs past the end of the message`, pos);
        field.wire = 2;
        field.start = pos;
        field.end = pos += length;
        break;
      }
      default:
        throw new ProtoError(`unsupported wire type ${wire}`, keyAt);
    }
    yield field;
  }
}

/** Little-endian float32 at `at`. */
export function readFloat32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getFloat32(0, true);
}

/** Little-endian float64 at `at`. */
export function readFloat64(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset + at, 8).getFloat64(0, true);
}

/** Int64 varint as a signed number (two's complement over 64 bits, exact within ±2^53). */
export function varintToInt64(v: number): number {
  return v >= 2 ** 63 ? v - 2 ** 64 : v;
}

const utf8 = new TextDecoder("utf-8");

/** UTF-8 text of a length-delimited field. */
export function readString(bytes: Uint8Array, start: number, end: number): string {
  return utf8.decode(bytes.subarray(start, end));
}
