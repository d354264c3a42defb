/**
 * Writing tidy tables: the one writer of CSV, TSV, JSON, JSONL and Parquet for the CLI, the site's data
 * loaders and scripts. Text formats stream in blocks ({@link textBlocks}); Parquet goes through DuckDB
 * (parquet.ts), with labels as dictionary-encoded UTF-8 strings and numbers as DOUBLE, missing values as
 * nulls.
 */
import {once} from "node:events";
import {createWriteStream} from "node:fs";
import {rm} from "node:fs/promises";
import {pipeline} from "node:stream/promises";
import {createGzip} from "node:zlib";
import {BenchstatsError} from "../../lib/core/errors.js";
import {tableFileFormat, type TableFileFormat} from "./formats.js";
import {outputColumns, typedColumns, type WritableTable} from "./output-columns.js";
import {textBlocks, type TextFormat} from "./text-format.js";

export type {WritableTable} from "./output-columns.js";

/** The formats {@link writeTable} writes (the formats `readTable` reads). */
export const WRITE_FORMATS: readonly TableFileFormat[] = ["csv", "tsv", "json", "jsonl", "parquet"];

export interface WriteOptions {
  /** The format; default from the target's extension (`.csv`, `.tsv`, `.json`, `.jsonl`, `.parquet`, optionally `.gz` for text). */
  format?: TableFileFormat;
  /** The columns to write, in this order (default: all; for rows, the union of their keys in first-seen order). */
  columns?: readonly string[];
  /** Where target `"-"` writes (default `process.stdout`); the CLI passes its own stream. */
  stdout?: NodeJS.WritableStream;
}

/**
 * Writes `table` (a `TidyTable`, any `ColumnarTable`, or row objects) to `target`, a file path or `"-"`
 * for standard output, in `format` (default: from the file's extension).
 *
 * - CSV/TSV: RFC 4180 (a field with the delimiter, a quote or a line break is quoted, quotes doubled),
 *   header line first, `\n` line ends; numbers in JavaScript's shortest round-trip form, never rounded;
 *   `NaN`, `null` and `undefined` as an empty field.
 * - JSON: an array of objects (indented); JSONL: one object a line. `NaN` and ±Infinity are `null`.
 * - Parquet: through DuckDB; labels as dictionary-encoded strings, numbers as DOUBLE, booleans as
 *   BOOLEAN, missing values (`NaN`, the label `""`) as nulls. To standard output (a Framework
 *   `.parquet.ts` data loader prints its file) via a temporary file.
 * - A `.gz` target is gzip-compressed text.
 *
 * Same table → same bytes (row order as given; no timestamps in the text formats).
 *
 * @example
 * await writeTable(await readTable("samples.csv", "samples"), "samples.parquet");
 * await writeTable([{model: "a", mean: 0.5}], "-", "csv"); // prints "model,mean\na,0.5\n"
 */
export async function writeTable(table: WritableTable, target: string, options: WriteOptions | TableFileFormat = {}): Promise<void> {
  const {format: given, columns, stdout = process.stdout} = typeof options === "string" ? {format: options} : options;
  const toStdout = target === "-";
  const format = given ?? (toStdout ? undefined : tableFileFormat(target));
  if (!format || !WRITE_FORMATS.includes(format)) {
    throw new BenchstatsError("format", `expected an output format (${WRITE_FORMATS.join(", ")})${toStdout ? " for standard output" : `, from the extension of ${target} or given`}, got ${format ?? "none"}`, {file: toStdout ? undefined : target});
  }
  const compression = toStdout ? undefined : /\.(gz|zst|zstd)$/i.exec(target)?.[1].toLowerCase();
  if (compression && (compression !== "gz" || format === "parquet")) {
    throw new BenchstatsError("format", format === "parquet" ? "Parquet compresses its own pages; write to a .parquet file" : "only gzip (.gz) compression is written", {file: target});
  }
  if (format === "parquet") {
    // Loaded here: text output (a CLI result, a CSV data loader) never starts DuckDB.
    const {writeParquet} = await import("./parquet.js");
    await writeParquet(typedColumns(table, columns), toStdout ? undefined : target, stdout);
    return;
  }
  const blocks = textBlocks(outputColumns(table, columns), format as TextFormat);
  if (toStdout) await writeBlocks(blocks, stdout);
  else await writeFileBlocks(blocks, target, compression === "gz");
}

/**
 * The text of `table` in a text format, as one string: for small tables (command results, test
 * fixtures); large ones go to a file through {@link writeTable}.
 *
 * @example formatTable([{a: 1, b: NaN}], "csv"); // "a,b\n1,\n"
 */
export function formatTable(table: WritableTable, format: TextFormat, columns?: readonly string[]): string {
  let text = "";
  for (const block of textBlocks(outputColumns(table, columns), format)) text += block;
  return text;
}

async function writeBlocks(blocks: Iterable<string>, stream: NodeJS.WritableStream): Promise<void> {
  for (const block of blocks) {
    // Wait for the write's callback: a test's in-memory stream, or a pipe that is read slowly.
    await new Promise<void>((resolve, reject) => stream.write(block, (error) => (error ? reject(error) : resolve())));
  }
}

async function writeFileBlocks(blocks: Iterable<string>, path: string, gzip: boolean): Promise<void> {
  const file = createWriteStream(path);
  try {
    await once(file, "open");
    if (gzip) {
      await pipeline(async function* () {
        yield* blocks;
      }, createGzip(), file);
      return;
    }
    for (const block of blocks) if (!file.write(block)) await once(file, "drain");
    file.end();
    await once(file, "finish");
  } catch (error) {
    // A bad value met mid-table: leave no truncated file behind (the write may still be in flight).
    file.on("error", () => undefined);
    if (!file.destroyed) {
      file.destroy();
      await once(file, "close").catch(() => undefined);
    }
    await rm(path, {force: true});
    if (error instanceof BenchstatsError) throw error;
    throw new BenchstatsError("io", `cannot write the file: ${(error as Error).message}`, {file: path});
  }
}
