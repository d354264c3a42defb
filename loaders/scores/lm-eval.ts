import {basename, dirname} from "node:path";
import {fail, jsonNumber} from "../common/fail.js";
import {streamJson} from "../common/json-stream.js";
import {readLines} from "../common/lines.js";
import {parseJsonLine} from "../common/jsonl.js";
import {BenchstatsError, type ErrorLocation} from "../../lib/core/errors.js";
import {SkipCounter, type WarningOptions} from "../common/warn.js";
import {TidyTableBuilder} from "../tidy/builder.js";
import {metricRange} from "./metric-ranges.js";
import {rangeProblem} from "../tidy/cells.js";
import {checkTextFile} from "../tidy/file-checks.js";
import {lineOfOffset} from "../tidy/locate.js";
import type {SampleRow, ScoreRow} from "../tidy/rows.js";
import type {TidyTable} from "../tidy/table.js";

/**
 * Reads an lm-evaluation-harness results file (`results_<timestamp>.json`, v0.4.x; also the v0.3
 * `{"results": {task: {acc, acc_stderr}}}` layout) into a `scores` table, one row per (task, metric, filter).
 *
 * v0.4 keys are `"<metric>,<filter>"` with the standard error under `"<metric>_stderr,<filter>"`
 * (lm_eval/evaluator.py, `consolidate_results`); `"N/A"` stderr (metrics without a bootstrap) becomes NaN.
 * v0.3 keys have no filter: `filter = "none"`. `benchmark` is the top-level group that lists the task in
 * `group_subtasks` (e.g. `mmlu` for `mmlu_anatomy`), else the task itself; `n` is `n-samples[task].effective`.
 * `model` is `options.model`, else `model_name`, else `pretrained=` from `config.model_args`, else `config.model`,
 * else the file's folder (lm-eval writes `<output_path>/<model_name_sanitized>/`).
 * The file is streamed (@streamparser/json); only `results`, `group_subtasks`, `n-samples`, `config` and
 * `model_name` are kept. A score that is a boolean, a string that is no number, ±Infinity, outside [0, 1] for
 * a proportion (`acc`, `acc_norm`, `exact_match`), a negative stderr, a file without `results` (another kind
 * of JSON) or without any score fails with the file, line and byte offset of the task's entry.
 *
 * @example
 * (await readLmEvalResults("results_2024-05-01T12-00-00.json")).rows()[0];
 * // {model: "EleutherAI/pythia-160m", benchmark: "arc_easy", task: "arc_easy", score: 0.437, stderr: 0.0102, n: 2376, source: "lm-eval results_…json", metric: "acc", filter: "none"}
 */
export async function readLmEvalResults(file: string, options: {model?: string} = {}): Promise<TidyTable<ScoreRow>> {
  const results = new Map<string, {metrics: Record<string, unknown>; offset: number}>();
  const groupSubtasks = new Map<string, string[]>();
  const nSamples = new Map<string, number>();
  let config: Record<string, unknown> | undefined;
  let modelName: string | undefined;
  let sawResults = false;
  for await (const {value, key, path, offset} of streamJson(file, ["$.results.*", "$.group_subtasks.*", "$.n-samples.*", "$.config", "$.model_name", "$.results"])) {
    const top = path[0];
    if (top === "results" && path.length === 1) sawResults = true;
    else if (top === "results") {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new BenchstatsError("format", `results.${key} should be an object of "metric,filter" scores`, await atOffset(file, offset, `results.${key}`));
      }
      results.set(String(key), {metrics: value as Record<string, unknown>, offset});
    } else if (top === "group_subtasks" && Array.isArray(value)) groupSubtasks.set(String(key), value.map(String));
    else if (top === "n-samples" && value && typeof value === "object") {
      const effective = (value as {effective?: unknown}).effective;
      if (typeof effective === "number") nSamples.set(String(key), effective);
    } else if (top === "config" && value && typeof value === "object") config = value as Record<string, unknown>;
    else if (top === "model_name" && typeof value === "string") modelName = value;
  }
  if (!sawResults) fail("format", 'expected an lm-evaluation-harness results file with a top-level "results" object', {file, line: 1});
  // Without a model in the file (v0.3 results), the folder lm-eval writes per model names it, as for samples.
  const model = options.model ?? modelName ?? modelFromConfig(config) ?? basename(dirname(file));
  const parentOf = new Map<string, string>();
  for (const [group, tasks] of groupSubtasks) for (const task of tasks) parentOf.set(task, group);
  const benchmarkOf = (task: string): string => {
    let b = task;
    for (let guard = 0; parentOf.has(b) && guard < 100; guard++) b = parentOf.get(b)!;
    return b;
  };
  const builder = new TidyTableBuilder<ScoreRow>("scores", {source: file});
  const source = `lm-eval ${basename(file)}`;
  for (const [task, {metrics, offset}] of results) {
    for (const [key, raw] of Object.entries(metrics)) {
      if (key === "alias" || key === "name" || key === "sample_len" || key === "samples") continue;
      const comma = key.indexOf(",");
      const metric = comma >= 0 ? key.slice(0, comma) : key;
      const filter = comma >= 0 ? key.slice(comma + 1) : "none";
      if (metric.endsWith("_stderr") || (typeof raw === "object" && raw !== null)) continue;
      const score = await located(() => jsonNumber(raw, {file, field: `results.${task}.${key}`}), file, offset);
      const outside = rangeProblem(score, metricRange(metric));
      if (outside) throw new BenchstatsError("value", outside, await atOffset(file, offset, `results.${task}.${key}`));
      const stderrKey = comma >= 0 ? `${metric}_stderr,${filter}` : `${metric}_stderr`;
      const row: ScoreRow = {model, benchmark: benchmarkOf(task), task, score, metric, filter, source};
      if (stderrKey in metrics) row.stderr = await located(() => jsonNumber(metrics[stderrKey], {file, field: `results.${task}.${stderrKey}`}), file, offset);
      if (nSamples.has(task)) row.n = nSamples.get(task);
      builder.add(row, {file, offset});
    }
  }
  if (builder.size === 0) fail("empty", 'the "results" object holds no scores', {file, line: 1});
  return builder.finish();
}

/** The location of a byte offset of `file`, with its line and `field`. */
async function atOffset(file: string, offset: number, field: string): Promise<ErrorLocation> {
  const line = await lineOfOffset(file, offset);
  return {file, line, offset, field};
}

/** Runs `read`; a `BenchstatsError` it throws without a place gets the line and byte offset `offset`. */
async function located<T>(read: () => T, file: string, offset: number): Promise<T> {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof BenchstatsError) || error.location?.line !== undefined || error.location?.offset !== undefined) throw error;
    const message = error.message.slice(error.message.indexOf(": ") + 2);
    throw new BenchstatsError(error.code, message, await atOffset(file, offset, error.location?.field ?? ""));
  }
}

function modelFromConfig(config: Record<string, unknown> | undefined): string | undefined {
  if (!config) return undefined;
  const args = config.model_args;
  if (typeof args === "string") {
    const m = /(?:^|,)\s*(?:pretrained|model|peft)=([^,]+)/.exec(args);
    if (m) return m[1];
  } else if (args && typeof args === "object" && typeof (args as {pretrained?: unknown}).pretrained === "string") {
    return (args as {pretrained: string}).pretrained;
  }
  return typeof config.model === "string" ? config.model : undefined;
}

/**
 * Reads an lm-evaluation-harness per-document log (`samples_<task>_<timestamp>.jsonl`, written with
 * `--log_samples`) into a `samples` table: one row per (doc, metric) with `item = doc_id`, `benchmark` = the
 * task from the file name, `metric` = the metric name, suffixed `,<filter>` unless the filter is `none` (a
 * task with several filters logs one line per doc and filter). Numeric values are kept; a boolean is the
 * format's per-document outcome (`process_results` may return `pred == gold`) and reads as 1 / 0. List-valued
 * metrics (corpus-level BLEU keeps `[reference, prediction]`) are not per-item scores: they are skipped and
 * counted in one warning (`onWarning`). `model` defaults to the folder name (lm-eval writes
 * `<output_path>/<model_name_sanitized>/`). A record without `doc_id`/`metrics`, text or ±Infinity as a
 * value, a proportion (`acc`, `acc_norm`, `exact_match`) outside [0, 1], or an empty file fails at its line.
 *
 * @example
 * (await readLmEvalSamples("out/EleutherAI__pythia-160m/samples_arc_easy_2024-05-01T12-00-00.jsonl")).rows()[0];
 * // {model: "EleutherAI__pythia-160m", benchmark: "arc_easy", item: "0", metric: "acc", value: 1}
 */
export async function readLmEvalSamples(file: string, options: {model?: string; benchmark?: string} & WarningOptions = {}): Promise<TidyTable<SampleRow>> {
  await checkTextFile(file, {what: "lm-eval samples (JSON lines)", lastLineBreak: false});
  const model = options.model ?? basename(dirname(file));
  const benchmark = options.benchmark ?? /^samples_(.+?)_\d{4}-\d{2}-\d{2}T[\d.\-:]+\.jsonl(\.gz)?$/.exec(basename(file))?.[1] ?? basename(file).replace(/\.jsonl(\.gz)?$/, "");
  const builder = new TidyTableBuilder<SampleRow>("samples", {source: file});
  const skipped = new SkipCounter();
  for await (const {text, line} of readLines(file)) {
    if (text.trim() === "") continue;
    const record = parseJsonLine(text, {file, line}) as Record<string, unknown>;
    if (!record || typeof record !== "object" || !("doc_id" in record) || !Array.isArray(record.metrics)) {
      fail("format", 'expected an lm-eval sample record with "doc_id" and a "metrics" list', {file, line});
    }
    const filter = typeof record.filter === "string" ? record.filter : "none";
    for (const name of record.metrics as unknown[]) {
      const raw = record[String(name)];
      if (raw === undefined) fail("format", `metric "${String(name)}" is listed in "metrics" but has no value`, {file, line, field: String(name)});
      if (typeof raw === "object" && raw !== null) {
        skipped.add("list or object metric values (corpus-level inputs, not per-item scores)", {file, line});
        continue;
      }
      const value = typeof raw === "boolean" ? Number(raw) : jsonNumber(raw, {file, line, field: String(name)});
      const outside = rangeProblem(value, metricRange(String(name)));
      if (outside) fail("value", outside, {file, line, field: String(name)});
      builder.add({model, benchmark, item: String(record.doc_id), metric: filter === "none" ? String(name) : `${String(name)},${filter}`, value}, {file, line});
    }
  }
  skipped.report(options, file);
  if (builder.size === 0) fail("empty", "no sample records with a per-item metric value", {file, line: 1});
  return builder.finish();
}
