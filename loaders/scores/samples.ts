import {createHash} from "node:crypto";
import {basename} from "node:path";
import type {ErrorLocation} from "../../lib/core/errors.js";
import {fail, jsonNumber} from "../common/fail.js";
import {streamJson} from "../common/json-stream.js";
import {readLines} from "../common/lines.js";
import {parseJsonLine} from "../common/jsonl.js";
import {TidyTableBuilder} from "../tidy/builder.js";
import {rangeProblem, sqlNumber} from "../tidy/cells.js";
import {cell, csvTable, locateRecord, scanCsv, type CsvScan} from "../tidy/csv-scan.js";
import {sqlString} from "../tidy/duckdb.js";
import {checkTextFile} from "../tidy/file-checks.js";
import {readTable} from "../tidy/read.js";
import type {SampleRow} from "../tidy/rows.js";
import {columnTypes} from "../tidy/schema.js";
import type {TidyTable} from "../tidy/table.js";
import {metricRange} from "./metric-ranges.js";

/**
 * The item id AlpacaEval rows get: the first 16 hex digits of the SHA-256 of the UTF-8 instruction, the
 * `instruction_sha256_16` key of the bundled samples/alpaca_eval/items.csv, so annotation files of different
 * models join on the same 805 items without keeping the text.
 *
 * @example
 * instructionId("What are the names of some famous actors that started their careers on Broadway?") // "f0aa9c85c9cd3bff"
 */
export function instructionId(instruction: string): string {
  return createHash("sha256").update(instruction, "utf8").digest("hex").slice(0, 16);
}

/**
 * Reads AlpacaEval per-instruction annotations (`results/<model>/<annotator>/annotations.json`, a JSON array
 * (streamed), or the same records as JSONL) into a `samples` table: `model = generator_2`, `benchmark =
 * "alpaca_eval"`, `item = instructionId(instruction)`, `metric = "preference"`, `value = preference` in
 * [1, 2] (1 = baseline `generator_1` preferred, 2 = the model preferred; the weighted annotator gives expected
 * values in between; data/scores/SOURCE.md). The legacy code 0 ("identical outputs") is mapped to 1.5 and
 * `null` to NaN, as alpaca_eval's `get_winrate` does. The model's win rate is `mean(value − 1) × 100`. A
 * record without `instruction`/`generator_2`/`preference`, a preference that is a boolean, text, ±Infinity
 * or outside [1, 2], and an empty file fail with the file and line (JSONL) or byte offset (JSON).
 *
 * @example
 * (await readAlpacaEvalAnnotations("annotations.json")).rows()[0];
 * // {model: "FuseChat-Llama-3.2-1B-Instruct", benchmark: "alpaca_eval", item: "3f1c…", metric: "preference", value: 1.00004}
 */
export async function readAlpacaEvalAnnotations(file: string): Promise<TidyTable<SampleRow>> {
  const jsonl = /\.jsonl(\.gz)?$/i.test(file);
  await checkTextFile(file, {what: "AlpacaEval annotations", lastLineBreak: false});
  const builder = new TidyTableBuilder<SampleRow>("samples", {source: file});
  const range = metricRange("preference");
  const take = (record: unknown, location: ErrorLocation) => {
    const r = record as Record<string, unknown>;
    if (!r || typeof r !== "object" || typeof r.instruction !== "string" || typeof r.generator_2 !== "string" || !("preference" in r)) {
      fail("format", 'expected an AlpacaEval annotation with "instruction", "generator_2" and "preference"', location);
    }
    let value = jsonNumber(r.preference, {...location, field: "preference"});
    if (value === 0) value = 1.5;
    const outside = rangeProblem(value, range);
    if (outside) fail("value", `${outside} (or 0 = identical outputs)`, {...location, field: "preference"});
    builder.add({model: r.generator_2, benchmark: "alpaca_eval", item: instructionId(r.instruction), metric: "preference", value}, location);
  };
  if (jsonl) {
    for await (const {text, line} of readLines(file)) if (text.trim() !== "") take(parseJsonLine(text, {file, line}), {file, line});
  } else {
    for await (const {value, offset, path} of streamJson(file, ["$.*"])) {
      if (path.length !== 1 || typeof path[0] !== "number") fail("format", "expected a JSON array of annotation records", {file, offset});
      take(value, {file, offset});
    }
  }
  if (builder.size === 0) fail("empty", "no annotation records", {file, line: 1});
  return builder.finish();
}

/** Options of {@link readSamplesCsv}: labels of the wide layout. */
export interface SamplesCsvOptions {
  /** Wide layout: the benchmark (default: the file name). */
  benchmark?: string;
  /** Wide layout: the metric of the cells (default `"value"`). */
  metric?: string;
}

/**
 * Reads a samples CSV in either layout, through DuckDB:
 * - long: `model, benchmark, item, metric, value` (the `samples` table itself, {@link readTable});
 * - wide: `model` then one column per item (models × items, as in the bundled samples/alpaca_eval matrices);
 *   an empty cell means "not measured" and gives no row. `benchmark` and `metric` come from the options
 *   (defaults: the file name and `"value"`).
 * Values follow their metric's range where the format defines one (`preference` in [1, 2]; `acc`,
 * `acc_norm`, `exact_match` in [0, 1]). Text, ±Infinity or a value out of range fails at its line; so do an
 * empty or header-only file and a header of neither layout.
 *
 * @example
 * // model,i000,i001
 * // gpt4,1.9,2.0
 * (await readSamplesCsv("ae2_preference.csv", {benchmark: "alpaca_eval", metric: "preference"})).rows()[0];
 * // {model: "gpt4", benchmark: "alpaca_eval", item: "i000", metric: "preference", value: 1.9}
 */
export async function readSamplesCsv(file: string, options: SamplesCsvOptions = {}): Promise<TidyTable<SampleRow>> {
  const scan = await scanCsv(file, {what: "a samples CSV"});
  const header = scan.header;
  if (header.includes("item") && header.includes("value")) return readLongSamples(scan);
  if (header[0] !== "model") fail("format", 'expected a samples CSV: long (model,benchmark,item,metric,value) or wide (first column "model", one column per item)', {file, line: 1});
  const benchmark = options.benchmark ?? basename(file).replace(/\.csv(\.gz)?$/i, "");
  const metric = options.metric ?? "value";
  const items = header.slice(1);
  const cells = `SELECT __record, coalesce(${cell(0)}, '') AS model, unnest([${items.map(sqlString).join(", ")}]) AS item, unnest([${items.map((_, j) => cell(j + 1)).join(", ")}]) AS text FROM ${scan.from}`;
  const value = sqlNumber("text", {record: "__record", column: "item"}, metricRange(metric));
  const sql = `SELECT __record, model, ${sqlString(benchmark)} AS benchmark, item, ${sqlString(metric)} AS metric, ${value} AS value
    FROM (${cells}) WHERE text IS NOT NULL AND trim(text) <> ''`;
  return csvTable<SampleRow>(scan, "samples", sql, columnTypes("samples", ["model", "benchmark", "item", "metric", "value"]), {noValues: "every item cell is empty"});
}

/** The long layout: the tidy samples table, each value then checked against its metric's range. */
async function readLongSamples(scan: CsvScan): Promise<TidyTable<SampleRow>> {
  const missing = ["model", "benchmark", "item", "metric", "value"].filter((name) => !scan.header.includes(name));
  if (missing.length) fail("format", `a long samples CSV needs column(s) ${missing.join(", ")}; the header has ${scan.header.map((h) => JSON.stringify(h)).join(", ")}`, {file: scan.file, line: 1});
  const table = await readTable<SampleRow>(scan.file, "samples", {format: "csv"});
  const metrics = table.labels("metric");
  const rules = metrics.labels.map(metricRange);
  if (rules.some(Boolean)) {
    const values = table.numbers("value");
    for (let i = 0; i < table.length; ++i) {
      const outside = rangeProblem(values[i], rules[metrics.codes[i]]);
      if (outside) fail("value", outside, {...(await locateRecord(scan, i)), field: "value"});
    }
  }
  return table;
}
