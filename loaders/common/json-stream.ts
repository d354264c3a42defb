import {JSONParser} from "@streamparser/json";
import {fail, rethrowIo} from "./fail.js";
import {openStream} from "./lines.js";

/** A value found at one of the requested paths, with its key (object key or array index) and enclosing keys. */
export interface JsonHit {
  value: unknown;
  key: string | number | undefined;
  path: (string | number | undefined)[];
}

/**
 * Streams the values at JSONPath-like `paths` (`$.results.*`, `$.*`, `$.config`) out of a JSON file with
 * @streamparser/json, so a large array or object is never held as one string; values outside the paths are
 * not built. Malformed or truncated JSON fails with the file and the byte offset the tokenizer stopped at.
 *
 * @example
 * for await (const {key, value} of streamJson("results.json", ["$.results.*"])) console.log(key, value);
 */
export async function* streamJson(file: string, paths: string[]): AsyncGenerator<JsonHit> {
  const parser = new JSONParser({paths, keepStack: false});
  let pending: JsonHit[] = [];
  parser.onValue = ({value, key, stack}) => {
    pending.push({value, key, path: stack.map((s) => s.key as string | number | undefined).slice(1).concat([key as string | number | undefined])});
  };
  let bytes = 0;
  try {
    for await (const chunk of openStream(file)) {
      parser.write(chunk as Uint8Array);
      bytes += (chunk as Uint8Array).length;
      if (pending.length) {
        const batch = pending;
        pending = [];
        yield* batch;
      }
    }
    if (!parser.isEnded) parser.end();
  } catch (error) {
    if (typeof (error as {code?: unknown})?.code === "string") rethrowIo(error, file);
    if (error instanceof Error && /Unexpected|Tokenizer|Parser|ended/i.test(error.message)) {
      const at = /absolute position "(\d+)"/.exec(error.message);
      const truncated = /end|ended/i.test(error.message) && !at;
      fail("parse", truncated ? "JSON ends early (truncated file)" : `invalid JSON (${error.message.replace(/ at chunk position "\d+"/, "")})`, {file, offset: at ? Number(at[1]) : bytes});
    }
    throw error;
  }
  yield* pending;
}
