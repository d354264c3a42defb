import {createReadStream} from "node:fs";
import {createGunzip} from "node:zlib";
import type {Readable} from "node:stream";
import {rethrowIo} from "./fail.js";

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
 * The lines of {@link readLines} in batches (all complete lines of each read chunk): one await per chunk.
 *
 * @example
 * for await (const batch of readLineBatches("history.jsonl")) for (const {text, line} of batch) parse(text, line);
 */
export async function* readLineBatches(file: string): AsyncGenerator<Line[]> {
  let carry = "";
  let line = 0;
  for await (const chunk of readTextChunks(file)) {
    // A UTF-8 byte order mark is not part of the first line (JSON.parse would reject it).
    const text = line === 0 && carry === "" && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : carry + chunk;
    const batch: Line[] = [];
    let pos = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", pos)) {
      const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      batch.push({text: text.slice(pos, end), line: ++line});
      pos = nl + 1;
    }
    carry = text.slice(pos);
    if (batch.length) yield batch;
  }
  if (carry.length) yield [{text: carry.endsWith("\r") ? carry.slice(0, -1) : carry, line: ++line}];
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
