import {existsSync, readdirSync, type Dirent} from "node:fs";
import {readdir, readFile, stat} from "node:fs/promises";
import {basename, join, relative, sep} from "node:path";
import {fail, parseNumberCell} from "../common/fail.js";
import {readLines} from "../common/lines.js";
import {findFiles} from "../common/walk.js";
import {BenchstatsError} from "../../lib/core/errors.js";
import {SkipCounter, type WarningOptions} from "../common/warn.js";
import {TidyTableBuilder} from "../tidy/builder.js";
import type {RunRow} from "../tidy/rows.js";
import type {TidyTable} from "../tidy/table.js";
import type {RunLabels} from "../types.js";

/** Options of the MLflow readers: labels that replace the store's, and where skipped runs are reported. */
export interface MlflowOptions extends RunLabels, WarningOptions {}

/**
 * Reads an MLflow file store (`mlruns/`, MLflow's `FileStore`) into a `runs` table, streamed metric file by
 * metric file. `path` may be the store root, one experiment folder or one run folder.
 *
 * Layout (mlflow/store/tracking/file_store.py): `<root>/<experiment_id>/meta.yaml` (`name`, `experiment_id`),
 * `<root>/<experiment_id>/<run_id>/meta.yaml` (`run_id`, `run_name`, `lifecycle_stage`, …) with
 * `metrics/<key>`, `params/<key>`, `tags/<key>`; a metric key containing `/` is a sub-folder. Each metric file
 * line is `<timestamp_ms> <value> <step>` (very old files omit the step: read as 0). `.trash` and `models`
 * are skipped, as are runs whose `lifecycle_stage` is `deleted` (counted in one warning, `onWarning`). A value
 * that is not a finite number (`inf`: MLflow writes Python's `str(float)`), a malformed line, or a store
 * without any metric value fails with the metric file and line.
 *
 * Labels: `experiment` = the experiment's `name`; `algorithm` = param `algorithm` or `algo`, else the run name
 * (`run_name` or tag `mlflow.runName`); `task` = param `task`, `env` or `env_id`; `seed` = param `seed`, else the
 * run id. Given `labels` override these. `wall_time` = timestamp / 1000.
 *
 * @example
 * (await readMlflowRuns("mlruns")).rows();
 * // [{experiment: "cartpole", algorithm: "ppo", task: "CartPole-v1", seed: "1", step: 0, metric: "episodic_return", value: 9, wall_time: 1700000000.123}, …]
 */
export async function readMlflowRuns(path: string, options: MlflowOptions = {}): Promise<TidyTable<RunRow>> {
  const builder = new TidyTableBuilder<RunRow>("runs", {source: path, emptyAllowed: ["algorithm", "task"]});
  const skipped = new SkipCounter();
  for await (const {row, file, line} of storeValues(path, options, skipped)) builder.add(row, {file, line});
  skipped.report(options, path);
  if (builder.size === 0) throw new BenchstatsError("empty", "no metric values: the store's live runs logged no metrics", {file: path});
  return builder.finish();
}

/**
 * Whether `path` is an MLflow store, experiment or run folder: a `meta.yaml` next to sub-folders (runs, or a
 * run's `metrics/`), a child folder named like an experiment id (digits or 32 hex digits) holding a
 * `meta.yaml`, or a folder named `mlruns`. A lone `meta.yaml` (a config file of some project) is not enough.
 *
 * @example
 * isMlflowFolder("mlruns") // true
 */
export function isMlflowFolder(path: string): boolean {
  if (basename(path) === "mlruns") return true;
  let entries: Dirent[];
  try {
    entries = readdirSync(path, {withFileTypes: true});
  } catch {
    return false;
  }
  const folders = entries.filter((entry) => entry.isDirectory());
  if (entries.some((entry) => entry.isFile() && entry.name === "meta.yaml") && folders.length) return true;
  return folders.some((entry) => /^\d+$|^[0-9a-f]{32}$/.test(entry.name) && existsSync(join(path, entry.name, "meta.yaml")));
}

/** A value of a metric file, with the file and line it is on. */
interface StoreValue {
  row: RunRow;
  file: string;
  line: number;
}

/** The metric values of a store, experiment or run folder, in folder order; deleted runs counted in `skipped`. */
async function* storeValues(path: string, labels: RunLabels, skipped: SkipCounter): AsyncGenerator<StoreValue> {
  if (!existsSync(path) || !(await stat(path)).isDirectory()) fail("io", "expected an MLflow store, experiment or run folder; no such folder", {file: path});
  const meta = existsSync(join(path, "meta.yaml")) ? await readMeta(join(path, "meta.yaml")) : undefined;
  if (meta && "run_id" in meta) {
    const experimentMeta = existsSync(join(path, "..", "meta.yaml")) ? await readMeta(join(path, "..", "meta.yaml")) : {};
    yield* runValues(path, meta, experimentName(experimentMeta, join(path, "..")), labels, skipped);
  } else if (meta) {
    yield* experimentValues(path, meta, labels, skipped);
  } else {
    let found = false;
    for (const entry of await sortedDirs(path)) {
      if (entry === ".trash" || entry === "models") continue;
      const metaFile = join(path, entry, "meta.yaml");
      if (!existsSync(metaFile)) continue;
      found = true;
      yield* experimentValues(join(path, entry), await readMeta(metaFile), labels, skipped);
    }
    if (!found) fail("format", "expected an MLflow file store: <experiment_id>/meta.yaml folders", {file: path});
  }
}

async function* experimentValues(dir: string, meta: Record<string, unknown>, labels: RunLabels, skipped: SkipCounter): AsyncGenerator<StoreValue> {
  const name = experimentName(meta, dir);
  for (const entry of await sortedDirs(dir)) {
    const metaFile = join(dir, entry, "meta.yaml");
    if (!existsSync(metaFile)) continue;
    yield* runValues(join(dir, entry), await readMeta(metaFile), name, labels, skipped);
  }
}

function experimentName(meta: Record<string, unknown>, dir: string): string {
  return typeof meta.name === "string" ? meta.name : basename(dir);
}

async function* runValues(dir: string, meta: Record<string, unknown>, experiment: string, labels: RunLabels, skipped: SkipCounter): AsyncGenerator<StoreValue> {
  if (meta.lifecycle_stage === "deleted") {
    skipped.add("deleted runs (lifecycle_stage: deleted, as MLflow hides them)", {file: join(dir, "meta.yaml")});
    return;
  }
  const runId = String(meta.run_id ?? meta.run_uuid ?? basename(dir));
  const params = await readKeyValues(join(dir, "params"));
  const tags = await readKeyValues(join(dir, "tags"));
  const runName = typeof meta.run_name === "string" && meta.run_name !== "" ? meta.run_name : tags.get("mlflow.runName");
  const base = {
    experiment: labels.experiment ?? experiment,
    algorithm: labels.algorithm ?? params.get("algorithm") ?? params.get("algo") ?? runName ?? "",
    task: labels.task ?? params.get("task") ?? params.get("env") ?? params.get("env_id") ?? "",
    seed: labels.seed ?? params.get("seed") ?? runId
  };
  const metricsDir = join(dir, "metrics");
  for (const file of await listFiles(metricsDir)) {
    const metric = relative(metricsDir, file).split(sep).join("/");
    for await (const {text, line} of readLines(file)) {
      if (text.trim() === "") continue;
      const parts = text.trim().split(/\s+/);
      if (parts.length < 2 || parts.length > 3) fail("parse", `expected "<timestamp_ms> <value> [<step>]", got ${JSON.stringify(text)}`, {file, line});
      const timestamp = parseNumberCell(parts[0], {file, line, field: "timestamp"});
      const value = parseNumberCell(parts[1], {file, line, field: "value"});
      const step = parts.length === 3 ? parseNumberCell(parts[2], {file, line, field: "step"}) : 0;
      yield {row: {...base, step, metric, value, wall_time: timestamp / 1000}, file, line};
    }
  }
}

async function readMeta(file: string): Promise<Record<string, unknown>> {
  const {parse: parseYaml} = await import("yaml"); // loaded with the first meta.yaml read
  let parsed: unknown;
  try {
    parsed = parseYaml(await readFile(file, "utf8"));
  } catch (error) {
    const line = (error as {linePos?: {line: number}[]}).linePos?.[0]?.line;
    fail("parse", `invalid YAML (${(error as Error).message.split("\n")[0]})`, {file, line});
  }
  if (parsed === null || typeof parsed !== "object") fail("format", "expected a YAML mapping (MLflow meta.yaml)", {file});
  return parsed as Record<string, unknown>;
}

/** params/ and tags/ files: the key is the relative path, the value the raw file content. */
async function readKeyValues(dir: string): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const file of await listFiles(dir)) values.set(relative(dir, file).split(sep).join("/"), (await readFile(file, "utf8")).trim());
  return values;
}

async function sortedDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {withFileTypes: true});
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir) || !(await stat(dir)).isDirectory()) return [];
  return findFiles(dir, () => true);
}
