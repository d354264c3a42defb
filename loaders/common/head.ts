// The first bytes of a file, for format sniffing: detectors read names, headers and this much, never more.
import {open} from "node:fs/promises";
import {constants, gunzipSync} from "node:zlib";
import {rethrowIo} from "./fail.js";

/** How much of a file the detectors look at (gunzipped). */
export const HEAD_BYTES = 65536;

/**
 * The first `n` bytes of `path`, gunzipped when the file starts with the gzip magic bytes (a stream cut
 * short inside the first `n` compressed bytes is read as far as it goes). An unreadable file or corrupt
 * gzip data throws a `BenchstatsError` naming the file.
 *
 * @example
 * (await fileHead("trace.json.gz", 64)).toString("utf8"); // '{"schemaVersion": 1, …'
 */
export async function fileHead(path: string, n = HEAD_BYTES): Promise<Buffer> {
  let bytes: Buffer;
  let handle;
  try {
    handle = await open(path, "r");
    const buffer = Buffer.alloc(n);
    const {bytesRead} = await handle.read(buffer, 0, n, 0);
    bytes = buffer.subarray(0, bytesRead);
  } catch (error) {
    rethrowIo(error, path);
  } finally {
    await handle?.close();
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    // Z_SYNC_FLUSH: the compressed head ends mid-stream, which is not an error here.
    return gunzipSync(bytes, {finishFlush: constants.Z_SYNC_FLUSH}).subarray(0, n);
  } catch (error) {
    rethrowIo(error, path);
  }
}
