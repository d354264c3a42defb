/**
 * Row → line: where the k-th data row of a text file starts, for error messages. DuckDB reads the rows;
 * when a row turns out to be bad, these walk the file once more (on the error path only) to name its line.
 */
import {createReadStream} from "node:fs";
import {createGunzip} from "node:zlib";
import type {Readable} from "node:stream";
import {rethrowIo} from "../common/fail.js";

function open(file: string): Readable {
  const stream = createReadStream(file);
  if (!/\.gz$/i.test(file)) return stream;
  const gunzip = stream.pipe(createGunzip());
  // pipe() does not forward a read error (a missing file): the reader would wait forever.
  stream.on("error", (error) => gunzip.destroy(error));
  return gunzip;
}

/**
 * The 1-based line on which data record `row` (0-based, after the header) of a CSV/TSV file starts.
 * Quoted fields may span lines; blank lines are skipped, as DuckDB skips them.
 *
 * @example await csvRecordLine("runs.csv", 0); // 2 (the line after the header)
 */
export async function csvRecordLine(file: string, row: number, quote = 0x22): Promise<number | undefined> {
  let line = 1;
  let next = -1; // index of the next record to start; the header is record -1
  let quoted = false;
  let atRecordStart = true;
  try {
    for await (const chunk of open(file) as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; ++i) {
        const c = chunk[i];
        if (atRecordStart && c !== 0x0a && c !== 0x0d) {
          if (next === row) return line;
          atRecordStart = false;
          ++next;
        }
        if (c === quote) quoted = !quoted;
        else if (c === 0x0a) {
          ++line;
          if (!quoted) atRecordStart = true;
        }
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The physical line of the `record`-th line DuckDB counts in a CSV file (1-based, the header and blank
 * lines included, a quoted field's line breaks not): DuckDB's "CSV Error on Line: N" counts records.
 *
 * @example await csvLineOfRecordNumber("runs.csv", 3); // 4 when a field of record 2 spans two lines
 */
export async function csvLineOfRecordNumber(file: string, record: number, quote = 0x22): Promise<number | undefined> {
  let line = 1;
  let current = 1;
  let quoted = false;
  if (record <= 1) return record === 1 ? 1 : undefined;
  try {
    for await (const chunk of open(file) as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; ++i) {
        const c = chunk[i];
        if (c === quote) quoted = !quoted;
        else if (c === 0x0a) {
          ++line;
          if (!quoted && ++current === record) return line;
        }
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The cells of the first record (the header) of a CSV/TSV file, quotes removed, a BOM dropped; reads at
 * most the first MiB.
 *
 * @example await csvHeader("runs.csv", ","); // ["algorithm", "task", "seed", "value"]
 */
export async function csvHeader(file: string, delimiter: string): Promise<string[]> {
  return (await csvRecords(file, delimiter, 1))[0] ?? [""];
}

/**
 * The first `count` records of a CSV/TSV file (the header first), for sniffing a format: RFC 4180 quoting
 * (quoted fields may hold the delimiter, `""` and line breaks), LF or CRLF line ends, a BOM dropped, cells
 * trimmed; a blank line is a record of one empty cell. Reads at most the first MiB (plain or gzipped), so
 * a record that does not end within it is left out; the last record of a file without a final line break
 * is kept.
 *
 * @example await csvRecords("scores.csv", ",", 3); // [["model", "mmlu"], ["gpt-4", "86.4"], ["llama", "79.2"]]
 */
export async function csvRecords(file: string, delimiter: string, count: number): Promise<string[][]> {
  let text = "";
  let ended = 0;
  let quoted = false;
  let atEnd = true;
  const stream = open(file);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const piece = chunk.toString("utf8");
      for (let i = 0; i < piece.length; ++i) {
        if (piece[i] === '"') quoted = !quoted;
        else if (piece[i] === "\n" && !quoted) ++ended;
      }
      text += piece;
      if (ended >= count || text.length > 1 << 20) {
        atEnd = false;
        break;
      }
    }
  } catch (error) {
    rethrowIo(error, file);
  } finally {
    stream.destroy();
  }
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = "";
  quoted = false;
  text = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < text.length && records.length < count; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        ++i;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell.trim());
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") ++i;
      cells.push(cell.trim());
      records.push(cells);
      cells = [];
      cell = "";
    } else cell += c;
  }
  // The last record counts only where the file ends (a record cut at the read limit is incomplete).
  if (records.length < count && (cell !== "" || cells.length) && atEnd) records.push([...cells, cell.trim()]);
  return records;
}

/**
 * The 1-based line of the `row`-th (0-based) non-blank line of a JSONL file.
 *
 * @example await jsonlRecordLine("samples.jsonl", 2); // 3 when no line is blank
 */
export async function jsonlRecordLine(file: string, row: number): Promise<number | undefined> {
  let line = 1;
  let record = -1;
  let atStart = true;
  try {
    for await (const chunk of open(file) as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; ++i) {
        const c = chunk[i];
        if (c === 0x0a) {
          ++line;
          atStart = true;
        } else if (atStart && c !== 0x20 && c !== 0x09 && c !== 0x0d) {
          atStart = false;
          if (++record === row) return line;
        }
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The 1-based line on which element `row` (0-based) of the top-level JSON array (or of the array under
 * a top-level key such as `rows`) starts: the `row`-th value at nesting depth `depth`.
 *
 * @example await jsonElementLine("scores.json", 0); // 1 for `[{"model": …`
 */
export async function jsonElementLine(file: string, row: number, depth = 1): Promise<number | undefined> {
  let line = 1;
  let level = 0;
  let inString = false;
  let escaped = false;
  let element = -1;
  let expectValue = false;
  try {
    for await (const chunk of open(file) as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; ++i) {
        const c = chunk[i];
        if (c === 0x0a) ++line;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) inString = false;
          continue;
        }
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
        if (level === depth && expectValue && c !== 0x5d && c !== 0x7d) {
          expectValue = false;
          if (++element === row) return line;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x5b || c === 0x7b) {
          ++level;
          if (level === depth && c === 0x5b) expectValue = true;
        } else if (c === 0x5d || c === 0x7d) --level;
        else if (c === 0x2c && level === depth) expectValue = true;
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The 1-based line on which byte `offset` of a (plain or gzipped) file lies: for errors that a streaming
 * parser places by byte.
 *
 * @example await lineOfOffset("results.json", 0); // 1
 */
export async function lineOfOffset(file: string, offset: number): Promise<number | undefined> {
  let line = 1;
  let position = 0;
  try {
    for await (const chunk of open(file) as AsyncIterable<Buffer>) {
      const end = Math.min(chunk.length, offset - position);
      for (let i = 0; i < end; ++i) if (chunk[i] === 0x0a) ++line;
      position += chunk.length;
      if (position >= offset) return line;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
