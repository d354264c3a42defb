import {createReadStream} from "node:fs";
import {createGunzip} from "node:zlib";
import type {Readable} from "node:stream";
import {fail, rethrowIo} from "./fail.js";

/**
 * Opens `file` as a byte stream, gunzipping `*.gz` on the fly, so no file is ever held as one string.
 * `compressedBytesRead()` says how far into the file the reading got, for the offset of a gzip error.
 *
 * @example
 * for await (const chunk of openStream("history.jsonl.gz")) process(chunk);
 */
export function openStream(file: string): Readable & {compressedBytesRead(): number} {
  const raw = createReadStream(file, {highWaterMark: 1 << 20});
  const stream = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  if (stream !== raw) raw.on("error", (error) => stream.destroy(error));
  return Object.assign(stream, {compressedBytesRead: () => raw.bytesRead});
}

/**
 * The UTF-8 text of `file` (gunzipped when `*.gz`) chunk by chunk, as read: a character split across
 * two reads is kept whole. I/O and gzip errors are rethrown naming the file (and the byte offset).
 *
 * @example
 * for await (const text of readTextChunks("runs.csv")) scan(text);
 */
export async function* readTextChunks(file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  const stream = openStream(file);
  const chunks = stream[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<unknown>;
    try {
      next = await chunks.next();
    } catch (error) {
      rethrowIo(error, file, stream.compressedBytesRead());
    }
    if (next.done) break;
    yield decoder.decode(next.value as Uint8Array, {stream: true});
  }
  const rest = decoder.decode();
  if (rest.length) yield rest;
}

/** One line of text (without its LF / CRLF) and its 1-based line number. */
export interface Line {
  text: string;
  line: number;
}

/**
 * Streams the lines of a text file with 1-based line numbers (LF or CRLF; a leading byte order mark
 * dropped), so JSONL and text logs are validated line by line without loading the file.
 *
 * @example
 * for await (const {text, line} of readLines("samples.jsonl")) JSON.parse(text);
 */
export async function* readLines(file: string): AsyncGenerator<Line> {
  for await (const batch of readLineBatches(file)) yield* batch;
}

/**
 * The most characters one line may have: 2²⁸ (256 Mi), half of the longest string V8 can make, far beyond
 * any real log line. A longer one is a located `size` error rather than an out-of-memory crash.
 */
export const MAX_LINE_CHARS = 2 ** 28;

/**
 * The lines of {@link readLines} in batches (all complete lines of each read chunk): one await per chunk.
 * Linear in the file's size whatever its line lengths: a line spanning many chunks is kept as pieces and
 * joined once, and only the new chunk is searched for line breaks. A line longer than
 * {@link MAX_LINE_CHARS} fails at its line number.
 *
 * @example
 * for await (const batch of readLineBatches("history.jsonl")) for (const {text, line} of batch) parse(text, line);
 */
export async function* readLineBatches(file: string): AsyncGenerator<Line[]> {
  let pieces: string[] = [];
  let pending = 0;
  let line = 0;
  let first = true;
  const finish = (last: string): string => {
    let text = last;
    if (pieces.length) {
      pieces.push(last);
      text = pieces.join("");
      pieces = [];
      pending = 0;
    }
    return text.endsWith("\r") ? text.slice(0, -1) : text;
  };
  for await (const read of readTextChunks(file)) {
    // A UTF-8 byte order mark is not part of the first line (JSON.parse would reject it).
    const chunk = first && read.charCodeAt(0) === 0xfeff ? read.slice(1) : read;
    first = false;
    const batch: Line[] = [];
    let pos = 0;
    for (let nl = chunk.indexOf("\n"); nl >= 0; nl = chunk.indexOf("\n", pos)) {
      batch.push({text: finish(chunk.slice(pos, nl)), line: ++line});
      pos = nl + 1;
    }
    if (pos < chunk.length) {
      pieces.push(chunk.slice(pos));
      pending += chunk.length - pos;
      if (pending > MAX_LINE_CHARS) fail("size", `line longer than ${MAX_LINE_CHARS} characters; expected one record or row per line`, {file, line: line + 1});
    }
    if (batch.length) yield batch;
  }
  if (pieces.length) yield [{text: finish(""), line: ++line}];
}

/**
 * The first non-empty line of a file (for format sniffing); reads only as far as needed.
 *
 * @example
 * await firstLine("samples.jsonl") // '{"doc_id": 0, …}'
 */
export async function firstLine(file: string): Promise<string | undefined> {
  for await (const batch of readLineBatches(file)) for (const {text} of batch) if (text.trim() !== "") return text;
  return undefined;
}
