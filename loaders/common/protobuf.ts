/**
 * A minimal protocol-buffers wire-format reader (https://protobuf.dev/programming-guides/encoding/): enough to
 * walk the ~10 fields of TensorFlow's Event/Summary messages without generated code or a protobuf runtime.
 * A cursor over one message's bytes that allocates nothing per field (event files hold millions of records).
 * Varints are decoded into JS numbers, exact up to 2^53 (steps and sizes never come near that).
 *
 * @example
 * const r = new ProtoReader(bytes);
 * while (r.next()) if (r.field === 2 && r.wire === 0) step = r.varint;
 */
export class ProtoReader {
  /** Field number of the current field. */
  field = 0;
  /** Wire type of the current field: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wire = 0;
  /** Value of a varint field (wire 0). */
  varint = 0;
  /** Payload bounds of a fixed or length-delimited field (wire 1, 2, 5) inside `bytes`. */
  start = 0;
  end = 0;
  private pos: number;

  constructor(
    readonly bytes: Uint8Array,
    begin = 0,
    private readonly limit = bytes.length
  ) {
    this.pos = begin;
  }

  /** Advances to the next field; false at the end of the message. Throws ProtoError on malformed bytes. */
  next(): boolean {
    if (this.pos >= this.limit) return false;
    const keyAt = this.pos;
    const key = this.readVarint();
    const wire = key & 7;
    this.field = Math.floor(key / 8);
    if (this.field === 0) throw new ProtoError("field number 0", keyAt);
    this.wire = wire;
    switch (wire) {
      case 0:
        this.varint = this.readVarint();
        this.start = this.end = this.pos;
        return true;
      case 1:
      case 5: {
        const size = wire === 1 ? 8 : 4;
        if (this.pos + size > this.limit) throw new ProtoError(`fixed${size * 8} field runs past the end of the message`, this.pos);
        this.start = this.pos;
        this.end = this.pos += size;
        return true;
      }
      case 2: {
        const length = this.readVarint();
        if (this.pos + length > this.limit) throw new ProtoError(`length-delimited field ${this.field} (${length} bytes) runs past the end of the message`, this.pos);
        this.start = this.pos;
        this.end = this.pos += length;
        return true;
      }
      default:
        throw new ProtoError(`unsupported wire type ${wire}`, keyAt);
    }
  }

  private readVarint(): number {
    const bytes = this.bytes;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.limit) throw new ProtoError("varint runs past the end of the message", this.pos);
      const b = bytes[this.pos++];
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
    throw new ProtoError("varint longer than 10 bytes", this.pos);
  }
}

/**
 * Thrown for malformed bytes; the caller adds the file and byte offset.
 *
 * @example
 * try { new ProtoReader(bytes).next(); } catch (e) { if (e instanceof ProtoError) console.log(e.at); }
 */
export class ProtoError extends Error {
  constructor(
    message: string,
    readonly at: number
  ) {
    super(message);
  }
}

// One scratch buffer for float reads: no DataView allocation per value.
const scratch = new DataView(new ArrayBuffer(8));

/**
 * Little-endian float32 at `at`.
 *
 * @example
 * readFloat32(Uint8Array.of(0, 0, 0x80, 0x3f), 0) // 1
 */
export function readFloat32(bytes: Uint8Array, at: number): number {
  for (let i = 0; i < 4; i++) scratch.setUint8(i, bytes[at + i]);
  return scratch.getFloat32(0, true);
}

/**
 * Little-endian float64 at `at`.
 *
 * @example
 * readFloat64(Uint8Array.of(0, 0, 0, 0, 0, 0, 0xf0, 0x3f), 0) // 1
 */
export function readFloat64(bytes: Uint8Array, at: number): number {
  for (let i = 0; i < 8; i++) scratch.setUint8(i, bytes[at + i]);
  return scratch.getFloat64(0, true);
}

/**
 * Int64 varint as a signed number (two's complement over 64 bits, exact within ±2^53).
 *
 * @example
 * varintToInt64(2 ** 64 - 1) // -1
 */
export function varintToInt64(v: number): number {
  return v >= 2 ** 63 ? v - 2 ** 64 : v;
}

const utf8 = new TextDecoder("utf-8");

/**
 * UTF-8 text of a length-delimited field.
 *
 * @example
 * readString(new TextEncoder().encode("loss"), 0, 4) // "loss"
 */
export function readString(bytes: Uint8Array, start: number, end: number): string {
  return utf8.decode(bytes.subarray(start, end));
}
