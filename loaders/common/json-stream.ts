import {fail, rethrowIo} from "./fail.js";
import {openStream} from "./lines.js";

/** A value found at one of the requested paths, with its key (object key or array index), enclosing keys and place. */
export interface JsonHit {
  value: unknown;
  key: string | number | undefined;
  path: (string | number | undefined)[];
  /** Byte offset of the value's last token in the (decompressed) file, for error messages. */
  offset: number;
}

/**
 * Streams the values at JSONPath-like `paths` (`$.results.*`, `$.*`, `$.config`) out of a JSON file with
 * @streamparser/json, so a large array or object is never held as one string; values outside the paths are
 * not built. A UTF-8 byte order mark is skipped. Malformed or truncated JSON, and an empty file, fail with
 * the file and the byte offset the tokenizer stopped at; each hit carries its own offset, so a reader can
 * name where a bad value is.
 *
 * @example
 * for await (const {key, value, offset} of streamJson("results.json", ["$.results.*"])) console.log(key, value, offset);
 */
export async function* streamJson(file: string, paths: string[]): AsyncGenerator<JsonHit> {
  // Loaded with the first stream (not with the loaders that import this module).
  const {TokenParser, Tokenizer} = await import("@streamparser/json");
  // The tokenizer and parser wired by hand (as JSONParser does) to see each token's offset.
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({paths, keepStack: false});
  let tokenOffset = 0;
  let base = 0;
  tokenizer.onToken = (token) => {
    tokenOffset = token.offset;
    parser.write(token);
  };
  tokenizer.onEnd = () => {
    if (!parser.isEnded) parser.end();
  };
  parser.onError = tokenizer.error.bind(tokenizer);
  parser.onEnd = () => {
    if (!tokenizer.isEnded) tokenizer.end();
  };
  let pending: JsonHit[] = [];
  parser.onValue = ({value, key, stack}) => {
    pending.push({value, key, path: stack.map((s) => s.key as string | number | undefined).slice(1).concat([key as string | number | undefined]), offset: base + tokenOffset});
  };
  let bytes = 0;
  const stream = openStream(file);
  try {
    for await (const chunk of stream) {
      let data = chunk as Uint8Array;
      if (bytes === 0 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        // Offsets then count from after the BOM: add it back.
        data = data.subarray(3);
        base = 3;
        bytes = 3;
      }
      tokenizer.write(data);
      bytes += data.length;
      if (pending.length) {
        const batch = pending;
        pending = [];
        yield* batch;
      }
    }
    if (bytes === 0) fail("parse", "the file is empty; expected a JSON document", {file, offset: 0});
    if (!tokenizer.isEnded) tokenizer.end();
  } catch (error) {
    if (typeof (error as {code?: unknown})?.code === "string") rethrowIo(error, file, stream.compressedBytesRead());
    if (error instanceof Error && error.name !== "BenchstatsError" && /Unexpected|Tokenizer|Parser|ended/i.test(error.message)) {
      const at = /absolute position "(\d+)"/.exec(error.message);
      const truncated = /end|ended/i.test(error.message) && !at;
      fail("parse", truncated ? "JSON ends early (truncated file)" : `invalid JSON (${error.message.replace(/ at chunk position "\d+"/, "")})`, {file, offset: at ? base + Number(at[1]) : bytes});
    }
    throw error;
  }
  yield* pending;
}
