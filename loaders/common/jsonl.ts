import type {ErrorLocation} from "../../lib/core/errors.js";
import {fail} from "./fail.js";

/**
 * Parses one JSONL line. Python's `json` writes bare `NaN` / `Infinity` (not JSON); when plain `JSON.parse`
 * fails, those tokens are retried as the strings "NaN" / "Infinity" so numeric readers keep them as values.
 * Anything still invalid fails with the file, line and the parser's message.
 *
 * @example
 * parseJsonLine('{"loss": NaN}', {file: "h.jsonl", line: 3}) // {loss: "NaN"}
 */
export function parseJsonLine(text: string, location: ErrorLocation): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const patched = text.replace(/([:[,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, '$1"$2"');
    if (patched !== text) {
      try {
        return JSON.parse(patched);
      } catch {
        // fall through to the original error
      }
    }
    fail("parse", `invalid JSON (${(error as Error).message})`, location);
  }
}
