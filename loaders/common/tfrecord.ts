import {open} from "node:fs/promises";
import {crc32c} from "@aws-crypto/crc32c";
import {fail} from "./fail.js";

/**
 * TFRecord framing, the container of TensorBoard event files: each record is
 * `uint64le length | uint32le masked_crc32c(length bytes) | payload | uint32le masked_crc32c(payload)`,
 * with mask(c) = ((c >>> 15) | (c << 17)) + 0xa282ead8 (mod 2^32). Reference: tensorflow/core/lib/io/record_writer.cc
 * and tensorboard/backend/event_processing/event_file_loader.py, whose behaviour we follow: a record cut short
 * at the end of the file (the writer is still running) ends the read quietly, while a checksum mismatch on a
 * complete record is corruption and fails with its byte offset.
 *
 * @example
 * for await (const {payload, offset} of readTfRecords("events.out.tfevents.123")) decode(payload);
 */
export function maskedCrc32c(bytes: Uint8Array): number {
  const c = crc32c(bytes);
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** One framed record: its payload bytes (valid until the next iteration) and the byte offset of its header. */
export interface TfRecord {
  payload: Uint8Array;
  offset: number;
}

/** Options for {@link readTfRecords}. */
export interface TfRecordOptions {
  /** Called once when the file ends inside a record (tolerated: the records before it are returned). */
  onTruncated?: (offset: number, message: string) => void;
  /** Read size in bytes (default 1 MiB). */
  chunkSize?: number;
}

/** Streams the records of a TFRecord file through a fixed-size read buffer, never holding the file whole. */
export async function* readTfRecords(file: string, options: TfRecordOptions = {}): AsyncGenerator<TfRecord> {
  const handle = await open(file, "r");
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
    for (;;) {
      if (!(await fill(1))) return;
      const offset = fileOffset + start;
      if (!(await fill(12))) return truncated(offset, "incomplete 12-byte header");
      const header = buffer.subarray(start, start + 12);
      const view = new DataView(header.buffer, header.byteOffset, 12);
      const lengthLo = view.getUint32(0, true);
      const lengthHi = view.getUint32(4, true);
      if (maskedCrc32c(header.subarray(0, 8)) !== view.getUint32(8, true)) {
        fail("parse", "TFRecord length checksum mismatch: expected uint64 length + masked CRC32C (corrupt file, or not a TFRecord/tfevents file)", {file, offset});
      }
      if (lengthHi !== 0 || lengthLo > 1 << 30) fail("parse", `TFRecord length ${lengthHi * 2 ** 32 + lengthLo} is implausible (> 1 GiB)`, {file, offset});
      if (!(await fill(12 + lengthLo + 4))) return truncated(offset, `payload of ${lengthLo} bytes incomplete`);
      const payload = buffer.subarray(start + 12, start + 12 + lengthLo);
      const footer = new DataView(buffer.buffer, buffer.byteOffset + start + 12 + lengthLo, 4).getUint32(0, true);
      if (maskedCrc32c(payload) !== footer) {
        fail("parse", `TFRecord payload checksum mismatch (record of ${lengthLo} bytes): the data is corrupt`, {file, offset});
      }
      start += 12 + lengthLo + 4;
      yield {payload, offset};
    }
  } finally {
    await handle.close();
  }
}
