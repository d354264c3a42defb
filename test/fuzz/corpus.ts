// The real files the fuzz suite mutates, each with the reader that takes it and the values its table rules
// out (a negative duration, a win rate above 100 %): an accepted mutation must still satisfy them.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {csvParse} from "d3";
import type {GpuEventTable} from "../../lib/gpu/events.js";
import {readBattles, readGpuEvents, readGpuMetrics, readRuns, readSamples, readScores} from "../../loaders/index.js";
import {readTable} from "../../loaders/tidy/read.js";
import type {Encoding, Layout} from "./mutations.js";

const root = new URL("../../", import.meta.url).pathname;
const at = (...parts: string[]) => join(root, ...parts);

/** A table as plain rows, whatever the reader returned. */
export type Rows = Record<string, unknown>[];

/** One file of the corpus. */
export interface CorpusEntry {
  /** Short name (the suite's test titles). */
  name: string;
  /** The original file (repository-relative). */
  source: string;
  /** Its bytes (for a derived entry, made from `source`). */
  bytes(): Uint8Array;
  /** The file name a mutated copy gets (its extension drives format detection). */
  fileName: string;
  encoding: Encoding;
  layout: Layout;
  /** Which reader family takes it: a file handed to another family is a file of the wrong kind. */
  family: "runs" | "scores" | "samples" | "battles" | "gpu-events" | "gpu-metrics" | "table";
  /** Reads the file; what the reader says it left out or doubts goes to `onWarning`. */
  read(path: string, onWarning: (message: string) => void): Promise<Rows>;
  /** The format allows JSON booleans as numbers (lm-eval's per-sample `acc: true`): `true` for a number is no error. */
  booleans?: boolean;
  /** Throws (with a message) when a row holds a value the table rules out. */
  check?(rows: Rows): void;
}

const tidyRows = async (table: Promise<{rows(): object[]}>): Promise<Rows> => (await table).rows() as Rows;

function gpuRows(t: GpuEventTable): Rows {
  const rows: Rows = [];
  for (let i = 0; i < t.length; ++i) {
    rows.push({rank: t.rank[i], device: t.device[i], stream: t.stream[i], kind: t.kinds[t.kind[i]], name: t.names[t.name[i]], start_us: t.start_us[i], dur_us: t.dur_us[i], correlation: t.correlation[i]});
  }
  return rows;
}

/** Every finite number of the row's numeric fields must satisfy `ok`. */
function inRange(fields: readonly string[], ok: (v: number) => boolean, what: string): (rows: Rows) => void {
  return (rows) => {
    rows.forEach((row, r) => {
      for (const f of fields) {
        const v = row[f];
        if (typeof v === "number" && v === v && !ok(v)) throw new Error(`row ${r}: ${f} = ${v} accepted, expected ${what}`);
      }
    });
  };
}

const file = (source: string) => () => new Uint8Array(readFileSync(at(source)));

/** A JSON array of the first battles of a real battles CSV: the battles JSON reader's input. */
function battlesJson(): Uint8Array {
  const rows = csvParse(readFileSync(at("test/fixtures/cli/byod/pandalm_battles_first100.csv"), "utf8")).slice(0, 40);
  const records = rows.map((r) => ({model_a: r.model_a, model_b: r.model_b, winner: r.winner_annotator1 === "model_a" ? "model_a" : r.winner_annotator1 === "model_b" ? "model_b" : "tie", num: Number(r.idx)}));
  return new TextEncoder().encode("[\n" + records.map((r) => JSON.stringify(r)).join(",\n") + "\n]\n");
}

const fixtures = "test/fixtures/loaders/";

/** The corpus: small real files, one or two per reader and format. */
const ENTRIES: (Omit<CorpusEntry, "bytes"> & {bytes?: () => Uint8Array})[] = [
  {name: "W&B history CSV", source: fixtures + "wandb/run-3f2a9c.csv", fileName: "run-3f2a9c.csv", encoding: "text", layout: "header", family: "runs", read: (p, onWarning) => tidyRows(readRuns(p, {onWarning}))},
  {name: "W&B history JSONL", source: fixtures + "wandb/run-3f2a9c.jsonl", fileName: "run-3f2a9c.jsonl", encoding: "text", layout: "records", family: "runs", read: (p, onWarning) => tidyRows(readRuns(p, {onWarning}))},
  {name: "W&B chart CSV", source: fixtures + "wandb/chart-export.csv", fileName: "chart-export.csv", encoding: "text", layout: "header", family: "runs", read: (p, onWarning) => tidyRows(readRuns(p, {format: "wandb", onWarning}))},
  {name: "Open RL Benchmark CSV", source: fixtures + "openrlbenchmark/multi-metrics.csv", fileName: "multi-metrics.csv", encoding: "text", layout: "header", family: "runs", read: (p, onWarning) => tidyRows(readRuns(p, {onWarning}))},
  {name: "long run CSV", source: "test/fixtures/cli/rliable_tiny_runs.csv", fileName: "runs.csv", encoding: "text", layout: "header", family: "runs", read: (p, onWarning) => tidyRows(readRuns(p, {format: "long-csv", onWarning}))},
  {name: "TensorBoard events", source: "data/runs/tensorboard/lingvo_mt_dev_eval.events.out.tfevents.test", fileName: "events.out.tfevents.test", encoding: "binary", layout: "records", family: "runs", read: (p, onWarning) => tidyRows(readRuns(p, {onWarning}))},
  {
    name: "lm-eval results JSON",
    source: fixtures + "lm-eval/EleutherAI__pythia-160m/results_2024-05-01T12-00-00.123456.json",
    fileName: "results_2024-05-01T12-00-00.123456.json",
    encoding: "text",
    layout: "document",
    family: "scores",
    read: (p) => tidyRows(readScores(p, {format: "lm-eval"})),
    check: inRange(["score"], (v) => v >= 0, "a score ≥ 0")
  },
  {
    name: "AlpacaEval leaderboard CSV",
    source: fixtures + "scores/weighted_alpaca_eval_gpt4_turbo_leaderboard.csv",
    fileName: "weighted_alpaca_eval_gpt4_turbo_leaderboard.csv",
    encoding: "text",
    layout: "header",
    family: "scores",
    read: (p) => tidyRows(readScores(p, {format: "alpaca-eval"})),
    check: inRange(["score", "lower", "upper"], (v) => v >= 0 && v <= 100, "a win rate in [0, 100]")
  },
  {name: "Arena-Hard leaderboard CSV", source: fixtures + "scores/arena_hard_leaderboard_20240731.csv", fileName: "arena_hard_leaderboard_20240731.csv", encoding: "text", layout: "header", family: "scores", read: (p) => tidyRows(readScores(p, {format: "arena-hard"})), check: inRange(["score", "lower", "upper"], (v) => v >= 0 && v <= 100, "a win rate in [0, 100]")},
  {name: "lm-eval samples JSONL", source: fixtures + "lm-eval/EleutherAI__pythia-160m/samples_arc_easy_2024-05-01T12-00-00.123456.jsonl", fileName: "samples_arc_easy_2024-05-01T12-00-00.123456.jsonl", encoding: "text", layout: "records", family: "samples", booleans: true, read: (p, onWarning) => tidyRows(readSamples(p, {format: "lm-eval", onWarning})), check: inRange(["value"], (v) => v >= 0 && v <= 1, "a 0/1 result")},
  {
    name: "AlpacaEval annotations JSONL",
    source: fixtures + "scores/alpaca_eval_annotations_first20.slim.jsonl",
    fileName: "annotations.slim.jsonl",
    encoding: "text",
    layout: "records",
    family: "samples",
    read: (p, onWarning) => tidyRows(readSamples(p, {format: "alpaca-eval", onWarning})),
    check: inRange(["value"], (v) => v >= 1 && v <= 2, "a preference in [1, 2]")
  },
  {name: "battles CSV", source: "test/fixtures/cli/byod/pandalm_battles_first100.csv", fileName: "battles.csv", encoding: "text", layout: "header", family: "battles", read: (p, onWarning) => tidyRows(readBattles(p, {onWarning}))},
  {name: "battles JSON", source: "test/fixtures/cli/byod/pandalm_battles_first100.csv", bytes: battlesJson, fileName: "battles.json", encoding: "text", layout: "document", family: "battles", read: (p, onWarning) => tidyRows(readBattles(p, {onWarning}))},
  {name: "Arena-Hard judgments JSONL", source: fixtures + "arena-hard/judgments-v2-qwen.jsonl", fileName: "judgments.jsonl", encoding: "text", layout: "records", family: "battles", read: (p, onWarning) => tidyRows(readBattles(p, {format: "arena-hard", onWarning}))},
  {name: "nvidia-smi CSV", source: "test/fixtures/gpu/query-gpu-4xT4.csv", fileName: "query-gpu.csv", encoding: "text", layout: "header", family: "gpu-metrics", read: (p, onWarning) => tidyRows(readGpuMetrics(p, {onWarning}))},
  {name: "dmon log", source: "test/fixtures/gpu/dmon-handwritten.txt", fileName: "dmon.txt", encoding: "text", layout: "header", family: "gpu-metrics", read: (p) => tidyRows(readGpuMetrics(p))},
  {
    name: "Kineto trace (gzip)",
    source: "test/fixtures/gpu/kineto_mi250_rocm62_minitoy.json.gz",
    fileName: "trace.json.gz",
    encoding: "gzip",
    layout: "document",
    family: "gpu-events",
    read: async (p) => gpuRows(await readGpuEvents(p)),
    check: inRange(["dur_us"], (v) => v >= 0, "a duration ≥ 0")
  },
  {name: "Nsight Systems SQLite (gzip)", source: "test/fixtures/gpu/nsys_con_kernel.sqlite.gz", fileName: "report.sqlite.gz", encoding: "binary", layout: "document", family: "gpu-events", read: async (p) => gpuRows(await readGpuEvents(p)), check: inRange(["dur_us"], (v) => v >= 0, "a duration ≥ 0")},
  {name: "tidy runs table CSV", source: "test/fixtures/cli/rliable_tiny_runs.csv", fileName: "table.csv", encoding: "text", layout: "header", family: "table", read: (p) => tidyRows(readTable(p, "runs"))}
];

/** The corpus, each entry's bytes read from its source unless it makes them. */
export const CORPUS: readonly CorpusEntry[] = ENTRIES.map((entry) => ({...entry, bytes: entry.bytes ?? file(entry.source)}));
