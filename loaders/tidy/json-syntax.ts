/**
 * Where a JSON or JSON-lines file stops being valid JSON. DuckDB's JSON reader says "in line N" and
 * "record/value N" counting records, not lines, and one past them (a bad first record is "line 2"), so a
 * file it rejects is parsed once more here, on the error path only, to name the real line or byte.
 */
import {readFile, stat} from "node:fs/promises";
import {BenchstatsError} from "../../lib/core/errors.js";
import {streamJson} from "../common/json-stream.js";
import {readLines} from "../common/lines.js";

/**
 * The located syntax error of `file` (a JSON document when `format` is `json`, else JSON lines), or
 * undefined when JavaScript's parser finds none (DuckDB then objected to something else).
 *
 * @example
 * await jsonSyntaxError("battles.jsonl", "jsonl"); // BenchstatsError "battles.jsonl:2: invalid JSON (…)"
 */
export async function jsonSyntaxError(file: string, format: "json" | "jsonl"): Promise<BenchstatsError | undefined> {
  try {
    if (format === "json") {
      // Up to 256 MiB, JavaScript's own parser names the position of the error exactly; beyond, stream.
      if ((await stat(file)).size <= 256 * 2 ** 20 && !/\.(gz|zst|zstd)$/i.test(file)) {
        const text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
        try {
          JSON.parse(text);
          return undefined;
        } catch (error) {
          const message = (error as Error).message;
          // Without a position the text ended early (a file cut off): the error is at its end.
          const position = /position (\d+)/.exec(message);
          const at = position ? Number(position[1]) : text.length;
          const line = text.slice(0, at).split("\n").length;
          return new BenchstatsError("parse", `invalid JSON (${message.replace(/ in JSON at position \d+.*$/, "")})`, {file, line});
        }
      }
      for await (const _ of streamJson(file, ["$.*"])) void _;
      return undefined;
    }
    for await (const {text, line} of readLines(file)) {
      if (text.trim() === "") continue;
      try {
        JSON.parse(text);
      } catch (error) {
        return new BenchstatsError("parse", `invalid JSON (${(error as Error).message})`, {file, line});
      }
    }
    return undefined;
  } catch (error) {
    if (error instanceof BenchstatsError) return error;
    throw error;
  }
}
