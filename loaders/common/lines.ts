import {createReadStream} from "node:fs";
import {createInterface} from "node:readline";
import {createGunzip} from "node:zlib";
import type {Readable} from "node:stream";

/** Opens `file` as a byte stream, gunzipping `*.gz` on the fly, so no file is ever held as one string. */
export function openStream(file: string): Readable {
  const raw = createReadStream(file);
  return file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
}

/**
 * Streams the lines of a text file with 1-based line numbers (LF or CRLF), so JSONL and text logs are
 * validated line by line without loading the file.
 */
export async function* readLines(file: string): AsyncGenerator<{text: string; line: number}> {
  const input = createInterface({input: openStream(file), crlfDelay: Infinity});
  let line = 0;
  for await (const text of input) {
    line++;
    yield {text, line};
  }
}

/** The first non-empty line of a file (for format sniffing); reads only as far as needed. */
export async function firstLine(file: string): Promise<string | undefined> {
  for await (const {text} of readLines(file)) if (text.trim() !== "") return text;
  return undefined;
}
