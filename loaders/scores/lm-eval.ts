import {basename, dirname} from "node:path";
import {fail, jsonNumber} from "../common/fail.js";
import {streamJson} from "../common/json-stream.js";
import {readLines} from "../common/lines.js";
import {parseJsonLine} from "../common/jsonl.js";
import type {SampleRow, ScoreRow} from "../types.js";

/**
 * Reads an lm-evaluation-harness results file (`results_<timestamp>.json`, v0.4.x; also the v0.3
 * `{"results": {task: {acc, acc_stderr}}}` layout) into `scores` rows, one per (task, metric, filter).
 *
 * v0.4 keys are `"<metric>,<filter>"` with the standard error under `"<metric>_stderr,<filter>"`
 * (lm_eval/evaluator.py, `consolidate_results`); `"N/A"` stderr (metrics without a bootstrap) becomes NaN.
 * v0.3 keys have no filter: `filter = "none"`. `benchmark` is the top-level group that lists the task in
 * `group_subtasks` (e.g. `mmlu` for `mmlu_anatomy`), else the task itself; `n` is `n-samples[task].effective`.
 * `model` is `model_name`, else `pretrained=` from `config.model_args`, else `config.model` (or `options.model`).
 * The file is streamed (@streamparser/json); only `results`, `group_subtasks`, `n-samples`, `config` and
 * `model_name` are kept.
 *
 * @example
 * await readLmEvalResults("results_2024-05-01T12-00-00.json");
 * // [{model: "EleutherAI/pythia-160m", benchmark: "arc_easy", task: "arc_easy", metric: "acc", filter: "none", score: 0.437, stderr: 0.0102, n: 2376, source: "lm-eval results_…json"}, …]
 */
export async function readLmEvalResults(file: string, options: {model?: string} = {}): Promise<ScoreRow[]> {
  const results = new Map<string, Record<string, unknown>>();
  const groupSubtasks = new Map<string, string[]>();
  const nSamples = new Map<string, number>();
  let config: Record<string, unknown> | undefined;
  let modelName: string | undefined;
  let sawResults = false;
  for await (const {value, key, path} of streamJson(file, ["$.results.*", "$.group_subtasks.*", "$.n-samples.*", "$.config", "$.model_name", "$.results"])) {
    const top = path[0];
    if (top === "results" && path.length === 1) sawResults = true;
    else if (top === "results") {
      if (value === null || typeof value !== "object" || Array.isArray(value)) fail("format", `results.${key} should be an object of "metric,filter" scores`, {file});
      results.set(String(key), value as Record<string, unknown>);
    } else if (top === "group_subtasks" && Array.isArray(value)) groupSubtasks.set(String(key), value.map(String));
    else if (top === "n-samples" && value && typeof value === "object") {
      const effective = (value as {effective?: unknown}).effective;
      if (typeof effective === "number") nSamples.set(String(key), effective);
    } else if (top === "config" && value && typeof value === "object") config = value as Record<string, unknown>;
    else if (top === "model_name" && typeof value === "string") modelName = value;
  }
  if (!sawResults) fail("format", 'expected an lm-evaluation-harness results file with a top-level "results" object', {file});
  const model = options.model ?? modelName ?? modelFromConfig(config) ?? "";
  const parentOf = new Map<string, string>();
  for (const [group, tasks] of groupSubtasks) for (const task of tasks) parentOf.set(task, group);
  const benchmarkOf = (task: string): string => {
    let b = task;
    for (let guard = 0; parentOf.has(b) && guard < 100; guard++) b = parentOf.get(b)!;
    return b;
  };
  const rows: ScoreRow[] = [];
  const source = `lm-eval ${basename(file)}`;
  for (const [task, metrics] of results) {
    for (const [key, raw] of Object.entries(metrics)) {
      if (key === "alias" || key === "name" || key === "sample_len" || key === "samples") continue;
      const comma = key.indexOf(",");
      const metric = comma >= 0 ? key.slice(0, comma) : key;
      const filter = comma >= 0 ? key.slice(comma + 1) : "none";
      if (metric.endsWith("_stderr") || typeof raw === "object" && raw !== null) continue;
      const location = {file, field: `results.${task}.${key}`};
      const stderrKey = comma >= 0 ? `${metric}_stderr,${filter}` : `${metric}_stderr`;
      const row: ScoreRow = {model, benchmark: benchmarkOf(task), task, score: jsonNumber(raw, location), metric, filter, source};
      if (stderrKey in metrics) row.stderr = jsonNumber(metrics[stderrKey], {file, field: `results.${task}.${stderrKey}`});
      if (nSamples.has(task)) row.n = nSamples.get(task);
      rows.push(row);
    }
  }
  return rows;
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
 * `--log_samples`) into `samples` rows: one per (doc, metric) with `item = doc_id`, `benchmark` = the task from
 * the file name, `metric` = the metric name, suffixed `,<filter>` unless the filter is `none` (a task with
 * several filters logs one line per doc and filter). Numeric and boolean metric values are kept (booleans as
 * 0/1); list-valued metrics (corpus-level BLEU keeps `[reference, prediction]`) are not per-item scores and are
 * skipped. `model` defaults to the folder name (lm-eval writes `<output_path>/<model_name_sanitized>/`).
 *
 * @example
 * await readLmEvalSamples("out/EleutherAI__pythia-160m/samples_arc_easy_2024-05-01T12-00-00.jsonl");
 * // [{model: "EleutherAI__pythia-160m", benchmark: "arc_easy", item: "0", metric: "acc", value: 1}, …]
 */
export async function readLmEvalSamples(file: string, options: {model?: string; benchmark?: string} = {}): Promise<SampleRow[]> {
  const model = options.model ?? basename(dirname(file));
  const benchmark = options.benchmark ?? /^samples_(.+?)_\d{4}-\d{2}-\d{2}T[\d.\-:]+\.jsonl(\.gz)?$/.exec(basename(file))?.[1] ?? basename(file).replace(/\.jsonl(\.gz)?$/, "");
  const rows: SampleRow[] = [];
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
      if (typeof raw === "object" && raw !== null) continue;
      rows.push({
        model,
        benchmark,
        item: String(record.doc_id),
        metric: filter === "none" ? String(name) : `${String(name)},${filter}`,
        value: jsonNumber(raw, {file, line, field: String(name)})
      });
    }
  }
  return rows;
}
