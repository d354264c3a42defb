import {createReadStream} from "node:fs";
import {open} from "node:fs/promises";
import {createGunzip} from "node:zlib";
import {BenchstatsError} from "../../lib/core/errors.js";

/** Whether a file starts with the gzip magic bytes 1f 8b. */
export async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(2);
    const {bytesRead} = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * The bytes of a file, plain or gzipped (detected by magic bytes), as a stream of chunks: never one string
 * or one buffer for the whole file. A corrupt gzip stream becomes a located `BenchstatsError`.
 */
export async function* fileChunks(path: string, chunkSize = 4 << 20): AsyncGenerator<Buffer> {
  const gz = await isGzip(path);
  const raw = createReadStream(path, {highWaterMark: chunkSize});
  const stream = gz ? raw.pipe(createGunzip({chunkSize: 1 << 20})) : raw;
  if (gz) raw.on("error", (e) => stream.destroy(e));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    if (e instanceof BenchstatsError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") throw new BenchstatsError("missing", `file not found`, {file: path});
    const what = gz ? "corrupt or truncated gzip data" : "read error";
    throw new BenchstatsError("parse", `${what}: ${err.message}`, {file: path, offset: gz ? raw.bytesRead : undefined});
  } finally {
    raw.destroy();
  }
}
