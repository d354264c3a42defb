import {createHash} from "node:crypto";
import {columnIndex, readCsv} from "../common/csv.js";
import {fail, jsonNumber, parseNumberCell} from "../common/fail.js";
import {streamJson} from "../common/json-stream.js";
import {readLines} from "../common/lines.js";
import {parseJsonLine} from "../common/jsonl.js";
import type {SampleRow} from "../types.js";

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
 * Reads AlpacaEval per-instruction annotations (`results/<model>/<annotator>/annotations.json`, a JSON array, or
 * the same records as JSONL) into `samples` rows: `model = generator_2`, `benchmark = "alpaca_eval"`,
 * `item = instructionId(instruction)`, `metric = "preference"`, `value = preference` in [1, 2]
 * (1 = baseline `generator_1` preferred, 2 = the model preferred; the weighted annotator gives expected values in
 * between). The legacy code 0 ("identical outputs") is mapped to 1.5 and `null` to NaN, as alpaca_eval's
 * `get_winrate` does. The model's win rate is `mean(value − 1) × 100`.
 *
 * @example
 * await readAlpacaEvalAnnotations("annotations.json");
 * // [{model: "FuseChat-Llama-3.2-1B-Instruct", benchmark: "alpaca_eval", item: "3f1c…", metric: "preference", value: 1.00004}, …]
 */
export async function readAlpacaEvalAnnotations(file: string): Promise<SampleRow[]> {
  const rows: SampleRow[] = [];
  const take = (record: unknown, location: {file: string; line?: number; offset?: number; row?: number}) => {
    const r = record as Record<string, unknown>;
    if (!r || typeof r !== "object" || typeof r.instruction !== "string" || typeof r.generator_2 !== "string" || !("preference" in r)) {
      fail("format", 'expected an AlpacaEval annotation with "instruction", "generator_2" and "preference"', location);
    }
    let value = jsonNumber(r.preference, {...location, field: "preference"});
    if (value === 0) value = 1.5;
    if (!Number.isNaN(value) && (value < 1 || value > 2)) fail("value", `expected preference in [1, 2] (or 0 = tie), got ${value}`, {...location, field: "preference"});
    rows.push({model: r.generator_2, benchmark: "alpaca_eval", item: instructionId(r.instruction), metric: "preference", value});
  };
  if (/\.jsonl(\.gz)?$/i.test(file)) {
    for await (const {text, line} of readLines(file)) if (text.trim() !== "") take(parseJsonLine(text, {file, line}), {file, line});
  } else {
    let index = 0;
    for await (const {value} of streamJson(file, ["$.*"])) take(value, {file, row: index++});
  }
  return rows;
}

/**
 * Reads a samples CSV in either layout:
 * - long: `model, benchmark, item, metric, value` (the `samples` table itself);
 * - wide: `model` then one column per item (models × items, as in the bundled samples/alpaca_eval matrices); an
 *   empty cell means "not measured" and gives no row. `benchmark` and `metric` come from the options
 *   (defaults: the file name and `"value"`).
 *
 * @example
 * // model,i000,i001
 * // gpt4,1.9,2.0
 * await readSamplesCsv("ae2_preference.csv", {benchmark: "alpaca_eval", metric: "preference"});
 * // [{model: "gpt4", benchmark: "alpaca_eval", item: "i000", metric: "preference", value: 1.9}, …]
 */
export async function readSamplesCsv(file: string, options: {benchmark?: string; metric?: string} = {}): Promise<SampleRow[]> {
  const rows: SampleRow[] = [];
  let header: string[] | undefined;
  let long: Map<string, number> | undefined;
  const benchmark = options.benchmark ?? file.replace(/^.*[/\\]/, "").replace(/\.csv(\.gz)?$/i, "");
  for await (const {cells, line} of readCsv(file)) {
    if (!header) {
      header = cells.map((c) => c.trim());
      if (header.includes("item") && header.includes("value")) long = columnIndex(header, ["model", "benchmark", "item", "metric", "value"], file, "a long samples CSV");
      else if (header[0] !== "model") fail("format", 'expected a samples CSV: long (model,benchmark,item,metric,value) or wide (first column "model", one column per item)', {file, line});
      continue;
    }
    if (long) {
      const c = long;
      rows.push({
        model: cells[c.get("model")!],
        benchmark: cells[c.get("benchmark")!],
        item: cells[c.get("item")!],
        metric: cells[c.get("metric")!],
        value: parseNumberCell(cells[c.get("value")!], {file, line, field: "value"})
      });
    } else {
      for (let j = 1; j < header.length; j++) {
        if (cells[j].trim() === "") continue;
        rows.push({model: cells[0], benchmark, item: header[j], metric: options.metric ?? "value", value: parseNumberCell(cells[j], {file, line, field: header[j]})});
      }
    }
  }
  if (!header) fail("format", "empty file: expected a header row", {file});
  return rows;
}
