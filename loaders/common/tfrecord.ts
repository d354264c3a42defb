import {open} from "node:fs/promises";
import {crc32c} from "./crc32c.js";
import {fail, rethrowIo} from "./fail.js";

/**
 * TFRecord framing, the container of TensorBoard event files: each record is
 * `uint64le length | uint32le masked_crc32c(length bytes) | payload | uint32le masked_crc32c(payload)`,
 * with mask(c) = ((c >>> 15) | (c << 17)) + 0xa282ead8 (mod 2^32). Reference: tensorflow/core/lib/io/record_writer.cc
 * and tensorboard/backend/event_processing/event_file_loader.py, whose behaviour we follow: a record cut short
 * at the end of the file (the writer is still running) ends the read quietly, while a checksum mismatch on a
 * complete record is corruption and fails with its byte offset.
 *
 * @example
 * maskedCrc32c(new Uint8Array(8)) // the checksum a TFRecord header stores for a zero length
 */
export function maskedCrc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const c = crc32c(bytes, start, end);
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** One framed record: its payload bytes and the byte offset of its header. */
export interface TfRecord {
  payload: Uint8Array;
  offset: number;
}

/**
 * The complete records of one read chunk, as bounds into a shared buffer (no per-record allocation):
 * record i's payload is `buffer[starts[i], ends[i])` and its header is at file byte `offsets[i]`.
 */
export interface TfRecordBatch {
  buffer: Uint8Array;
  starts: number[];
  ends: number[];
  offsets: number[];
}

/** Options for {@link readTfRecords}. */
export interface TfRecordOptions {
  /** Called once when the file ends inside a record (tolerated: the records before it are returned). */
  onTruncated?: (offset: number, message: string) => void;
  /** Read size in bytes (default 1 MiB). */
  chunkSize?: number;
}

/**
 * Streams the records of a TFRecord file through a fixed-size read buffer, never holding the file whole.
 *
 * @example
 * for await (const {payload, offset} of readTfRecords("events.out.tfevents.123")) decode(payload);
 */
export async function* readTfRecords(file: string, options: TfRecordOptions = {}): AsyncGenerator<TfRecord> {
  for await (const {buffer, starts, ends, offsets} of tfRecordBatches(file, options)) {
    for (let i = 0; i < starts.length; i++) yield {payload: buffer.slice(starts[i], ends[i]), offset: offsets[i]};
  }
}

/**
 * The records of a TFRecord file in batches (all complete records of each read chunk), which is what the
 * loaders iterate: one await per chunk instead of one per record. The bounds point into the read buffer and
 * are valid only until the next batch is requested (decode them first; {@link readTfRecords} copies).
 *
 * @example
 * for await (const {buffer, starts, ends} of tfRecordBatches(file)) for (let i = 0; i < starts.length; i++) decode(buffer, starts[i], ends[i]);
 */
export async function* tfRecordBatches(file: string, options: TfRecordOptions = {}): AsyncGenerator<TfRecordBatch> {
  const handle = await open(file, "r").catch((error: unknown) => rethrowIo(error, file));
  try {
    let buffer = new Uint8Array(options.chunkSize ?? 1 << 20);
    let start = 0; // first unread byte in buffer
    let stop = 0; // end of valid data in buffer
    let fileOffset = 0; // file offset of buffer[0]
    let eof = false;
    // Makes at least n bytes available from `start`; false when the file ends first.
    const fill = async (n: number): Promise<boolean> => {
      while (stop - start < n && !eof) {
        if (start > 0) {
          buffer.copyWithin(0, start, stop);
          fileOffset += start;
          stop -= start;
          start = 0;
        }
        if (buffer.length < n) {
          const bigger = new Uint8Array(Math.max(n, buffer.length * 2));
          bigger.set(buffer.subarray(0, stop));
          buffer = bigger;
        }
        const {bytesRead} = await handle.read(buffer, stop, buffer.length - stop, fileOffset + stop);
        if (bytesRead === 0) eof = true;
        stop += bytesRead;
      }
      return stop - start >= n;
    };
    const truncated = (offset: number, what: string) => {
      options.onTruncated?.(offset, `${file}: byte ${offset}: file ends inside a record (${what}); records before it were read`);
    };
    let batch: TfRecordBatch = {buffer, starts: [], ends: [], offsets: []};
    const flush = () => {
      const full = batch;
      batch = {buffer, starts: [], ends: [], offsets: []};
      return full;
    };
    for (;;) {
      if (stop - start < 12) {
        if (batch.starts.length) yield flush();
        if (!(await fill(1))) return;
        if (!(await fill(12))) return truncated(fileOffset + start, "incomplete 12-byte header");
        batch.buffer = buffer;
      }
      const offset = fileOffset + start;
      const b = buffer;
      const lengthLo = (b[start] | (b[start + 1] << 8) | (b[start + 2] << 16) | (b[start + 3] << 24)) >>> 0;
      const lengthHi = (b[start + 4] | (b[start + 5] << 8) | (b[start + 6] << 16) | (b[start + 7] << 24)) >>> 0;
      const lengthCrc = (b[start + 8] | (b[start + 9] << 8) | (b[start + 10] << 16) | (b[start + 11] << 24)) >>> 0;
      if (maskedCrc32c(b, start, start + 8) !== lengthCrc) {
        fail("parse", "TFRecord length checksum mismatch: expected uint64 length + masked CRC32C (corrupt file, or not a TFRecord/tfevents file)", {file, offset});
      }
      if (lengthHi !== 0 || lengthLo > 1 << 30) fail("parse", `TFRecord length ${lengthHi * 2 ** 32 + lengthLo} is implausible (> 1 GiB)`, {file, offset});
      const size = 12 + lengthLo + 4;
      if (stop - start < size) {
        if (batch.starts.length) yield flush();
        if (!(await fill(size))) return truncated(offset, `payload of ${lengthLo} bytes incomplete`);
        batch.buffer = buffer;
      }
      const p = start + 12 + lengthLo;
      const c = buffer;
      const footer = (c[p] | (c[p + 1] << 8) | (c[p + 2] << 16) | (c[p + 3] << 24)) >>> 0;
      if (maskedCrc32c(c, start + 12, p) !== footer) {
        fail("parse", `TFRecord payload checksum mismatch (record of ${lengthLo} bytes): the data is corrupt`, {file, offset});
      }
      batch.starts.push(start + 12);
      batch.ends.push(p);
      batch.offsets.push(offset);
      start += size;
    }
  } finally {
    await handle.close();
  }
}
