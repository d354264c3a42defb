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
 *
 * A plain file is read into two buffers of `chunkSize` (1 MB) taken in turn, so that reading a large trace
 * allocates 2 MB in all instead of a fresh buffer per chunk: on a 155 MB trace, fresh 4 MB chunks left ~50 MiB
 * of garbage resident until V8 collected it. A chunk therefore stays valid only until the next-but-one chunk is
 * requested: consume it, or copy what must outlive that (the Kineto parser carries only an event cut in two).
 */
export async function* fileChunks(path: string, chunkSize = 1 << 20): AsyncGenerator<Buffer> {
  let gz: boolean;
  try {
    gz = await isGzip(path);
  } catch (e) {
    throw readError(e, path, false);
  }
  if (!gz) {
    yield* plainChunks(path, chunkSize);
    return;
  }
  const raw = createReadStream(path, {highWaterMark: chunkSize});
  const stream = raw.pipe(createGunzip({chunkSize: 1 << 20}));
  raw.on("error", (e) => stream.destroy(e));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    throw readError(e, path, true, raw.bytesRead);
  } finally {
    raw.destroy();
  }
}

async function* plainChunks(path: string, chunkSize: number): AsyncGenerator<Buffer> {
  const handle = await open(path, "r").catch((e) => {
    throw readError(e, path, false);
  });
  const buffers = [Buffer.allocUnsafe(chunkSize), Buffer.allocUnsafe(chunkSize)];
  try {
    for (let turn = 0; ; turn ^= 1) {
      const buffer = buffers[turn];
      let filled = 0;
      while (filled < chunkSize) {
        const {bytesRead} = await handle.read(buffer, filled, chunkSize - filled, null).catch((e) => {
          throw readError(e, path, false);
        });
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled > 0) yield buffer.subarray(0, filled);
      if (filled < chunkSize) return;
    }
  } finally {
    await handle.close();
  }
}

function readError(e: unknown, path: string, gz: boolean, offset?: number): BenchstatsError {
  if (e instanceof BenchstatsError) return e;
  const err = e as NodeJS.ErrnoException;
  if (err.code === "ENOENT") return new BenchstatsError("missing", `file not found`, {file: path});
  const what = gz ? "corrupt or truncated gzip data" : "read error";
  return new BenchstatsError("parse", `${what}: ${err.message}`, {file: path, offset: gz ? offset : undefined});
}
