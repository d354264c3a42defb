// Bad input to the run readers: each case mutates a real file (data/, test/fixtures/loaders/) in a temp
// folder and expects a BenchstatsError naming the file and the line or byte, never rows.
import {readFileSync} from "node:fs";
import {gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {readLongCsvRuns, readMlflowRuns, readOpenRlBenchmarkRuns, readRuns, readTensorboardRuns, readWandbRuns} from "../../loaders/index.js";
import {encodeEvent, tfrecordFile} from "./tfevents-writer.js";
import {bundled, editLine, expectLocated, fixture, mutated, written} from "./helpers.js";

const walker = fixture("tdmpc2/walker-run.csv");
const wandbCsv = fixture("wandb/run-3f2a9c.csv");
const wandbJsonl = fixture("wandb/run-3f2a9c.jsonl");
const cleanrl = fixture("openrlbenchmark/cleanrl_vs_baselines.csv");
const lingvo = bundled("runs/tensorboard/lingvo_mt_dev_eval.events.out.tfevents.test");

describe("readLongCsvRuns on bad input", () => {
  it("rejects a value too large for a double (1e400) at its line", async () => {
    const file = mutated(walker, "runs.csv", (t) => editLine(t, 3, (l) => l.replace(/[^,]+$/, "1e400")));
    await expectLocated(readLongCsvRuns(file), /finite/, {file, line: 3, field: "value"});
  });

  it("rejects Infinity written out", async () => {
    const file = mutated(walker, "runs.csv", (t) => editLine(t, 5, (l) => l.replace(/[^,]+$/, "Infinity")));
    await expectLocated(readLongCsvRuns(file), /finite/, {file, line: 5, field: "value"});
  });

  it("rejects a boolean where the value belongs", async () => {
    const file = mutated(walker, "runs.csv", (t) => editLine(t, 2, (l) => l.replace(/[^,]+$/, "true")));
    await expectLocated(readLongCsvRuns(file), /boolean true/, {file, line: 2});
  });

  it("rejects an empty file, a header-only file and a header cut mid-way", async () => {
    const empty = written("empty.csv", "");
    await expectLocated(readLongCsvRuns(empty), /empty/, {file: empty, line: 1});
    const headerOnly = mutated(walker, "header.csv", (t) => t.split("\n")[0] + "\n");
    await expectLocated(readLongCsvRuns(headerOnly), /no data rows/, {file: headerOnly, line: 2});
    const cutHeader = mutated(walker, "cut-header.csv", (t) => t.slice(0, t.indexOf("metric,v") + "metric,v".length));
    await expectLocated(readLongCsvRuns(cutHeader), /line break|cut off/, {file: cutHeader});
  });

  it("rejects a last row cut mid-value (785.2 must not read as 78)", async () => {
    const file = mutated(walker, "cut.csv", (t) => t.trimEnd().slice(0, -2));
    await expectLocated(readLongCsvRuns(file), /cut off/, {file, offset: readFileSync(file).length});
  });

  it("rejects a row without a step", async () => {
    const file = mutated(walker, "nostep.csv", (t) => editLine(t, 4, (l) => l.replace(/,\d+,reward,/, ",,reward,")));
    await expectLocated(readLongCsvRuns(file), /step/, {file, line: 4, field: "step"});
  });

  it("names the compressed offset of a gzip file cut short, instead of reading what came before", async () => {
    const whole = gzipSync(readFileSync(walker));
    const file = written("walker-run.csv.gz", whole.subarray(0, whole.length - 40));
    await expectLocated(readLongCsvRuns(file), /gzip/, {file, offset: whole.length - 40});
    const notGzip = written("plain.csv.gz", readFileSync(walker));
    await expectLocated(readLongCsvRuns(notGzip), /gzip/, {file: notGzip, offset: 0});
  });
});

describe("readWandbRuns on bad input", () => {
  it("rejects 1e400 in a metric cell of a history CSV at its line", async () => {
    const file = mutated(wandbCsv, "run.csv", (t) => editLine(t, 3, (l) => l.replace("0.512", "1e400")));
    await expectLocated(readWandbRuns(file), /finite/, {file, line: 3, field: "losses/value_loss"});
  });

  it("rejects a boolean and Python's bare Infinity in a history JSONL", async () => {
    const bool = mutated(wandbJsonl, "run.jsonl", (t) => editLine(t, 2, (l) => l.replace('"charts/SPS": 1020', '"charts/SPS": true')));
    await expectLocated(readWandbRuns(bool), /boolean true/, {file: bool, line: 2, field: "charts/SPS"});
    const inf = mutated(wandbJsonl, "run.jsonl", (t) => editLine(t, 2, (l) => l.replace('"charts/SPS": 1020', '"charts/SPS": Infinity')));
    await expectLocated(readWandbRuns(inf), /finite/, {file: inf, line: 2, field: "charts/SPS"});
  });

  it("rejects an empty JSONL, and a header-only CSV", async () => {
    const empty = written("run.jsonl", "");
    await expectLocated(readWandbRuns(empty), /empty/, {file: empty, line: 1});
    const headerOnly = mutated(wandbCsv, "run.csv", (t) => t.split("\n")[0] + "\n");
    await expectLocated(readWandbRuns(headerOnly), /no data rows/, {file: headerOnly, line: 2});
  });

  it("rejects a negative _timestamp (wall time is Unix seconds)", async () => {
    const file = mutated(wandbCsv, "run.csv", (t) => editLine(t, 2, (l) => l.replace("1700000000.25", "-5")));
    await expectLocated(readWandbRuns(file), /≥ 0/, {file, line: 2, field: "_timestamp"});
  });

  it("reports the media cells it skips through onWarning, with their count", async () => {
    const warnings: string[] = [];
    await readWandbRuns(wandbCsv, {onWarning: (m) => warnings.push(m)});
    expect(warnings).toEqual([expect.stringMatching(/run-3f2a9c\.csv: skipped 1 media, histogram or list cells/)]);
    warnings.length = 0;
    await readWandbRuns(wandbJsonl, {onWarning: (m) => warnings.push(m)});
    expect(warnings).toEqual([expect.stringMatching(/skipped 1 media, histogram or list values .*first at line 3/)]);
  });
});

describe("readOpenRlBenchmarkRuns on bad input", () => {
  it("rejects a negative spread, an infinite mean and a cell that is not 'mean ± std'", async () => {
    const negative = mutated(cleanrl, "t.csv", (t) => editLine(t, 3, (l) => l.replace("± 52.92", "± -52.92")));
    await expectLocated(readOpenRlBenchmarkRuns(negative), /≥ 0/, {file: negative, line: 3, field: "baselines-ppo2-cnn"});
    const infinite = mutated(cleanrl, "t.csv", (t) => editLine(t, 2, (l) => l.replace("1705.80", "1e400")));
    await expectLocated(readOpenRlBenchmarkRuns(infinite), /finite/, {file: infinite, line: 2});
    const twice = mutated(cleanrl, "t.csv", (t) => editLine(t, 4, (l) => l.replace(" ± ", " ± 1 ± ")));
    await expectLocated(readOpenRlBenchmarkRuns(twice), /mean ± std/, {file: twice, line: 4});
  });

  it("rejects a negative runtime in a runtimes table", async () => {
    const file = mutated(fixture("openrlbenchmark/cleanrl_vs_baselines_runtimes.csv"), "x_runtimes.csv", (t) => editLine(t, 2, (l) => l.replace(/,(\d)/, ",-$1")));
    await expectLocated(readOpenRlBenchmarkRuns(file), /≥ 0 \(a runtime\)/, {file, line: 2});
  });

  it("rejects a header-only table", async () => {
    const file = mutated(cleanrl, "t.csv", (t) => t.split("\n")[0] + "\n");
    await expectLocated(readOpenRlBenchmarkRuns(file), /no data rows/, {file, line: 2});
  });
});

describe("readMlflowRuns / readMlflowSqlite on bad input", () => {
  it("rejects inf in a metric file (MLflow writes str(float))", async () => {
    const {cpSync, mkdtempSync, writeFileSync} = await import("node:fs");
    const {join} = await import("node:path");
    const {tmpdir} = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "mlruns-inf-"));
    cpSync(fixture("mlflow/mlruns"), dir, {recursive: true});
    const file = join(dir, "1", "a1b2c3", "metrics", "loss");
    writeFileSync(file, "1700000101000 0.9 0\n1700000111000 inf 1000\n");
    await expectLocated(readMlflowRuns(dir, {onWarning: () => undefined}), /finite/, {file, line: 2, field: "value"});
  });

  it("reports the deleted run it skips", async () => {
    const warnings: string[] = [];
    await readMlflowRuns(fixture("mlflow/mlruns"), {onWarning: (m) => warnings.push(m)});
    expect(warnings).toEqual([expect.stringMatching(/skipped 1 deleted runs/)]);
  });

  it("rejects an SQLite store cut short at the byte where it ends", async () => {
    const initSqlJs = (await import("sql.js")).default;
    const db = new (await initSqlJs()).Database();
    db.run("CREATE TABLE experiments (experiment_id INTEGER, name TEXT); CREATE TABLE runs (run_uuid TEXT, name TEXT, experiment_id INTEGER, lifecycle_stage TEXT); CREATE TABLE metrics (key TEXT, value REAL, timestamp INTEGER, run_uuid TEXT, step INTEGER, is_nan INTEGER);");
    const bytes = db.export();
    const file = written("mlflow.db", bytes.subarray(0, bytes.length - 100));
    const {readMlflowSqlite} = await import("../../loaders/index.js");
    await expectLocated(readMlflowSqlite(file), /cut short/, {file, offset: bytes.length - 100});
  });
});

describe("readTensorboardRuns on bad input", () => {
  it("rejects a 0-byte event file at byte 0", async () => {
    const file = written("events.out.tfevents.1.host", "");
    await expectLocated(readTensorboardRuns(file), /empty/, {file, offset: 0});
  });

  it("rejects an event file without any scalar, and an infinite scalar at its record", async () => {
    const none = written("events.out.tfevents.2.host", tfrecordFile([encodeEvent({wallTime: 1, step: 0, fileVersion: "brain.Event:2"})]));
    await expectLocated(readTensorboardRuns(none), /no scalar/, {file: none});
    const records = [encodeEvent({wallTime: 1, step: 0, fileVersion: "brain.Event:2"}), encodeEvent({wallTime: 2, step: 10, values: [{tag: "loss", simple: Infinity}]})];
    const infinite = written("events.out.tfevents.3.host", tfrecordFile(records));
    await expectLocated(readTensorboardRuns(infinite), /finite/, {file: infinite, offset: 16 + records[0].length, field: "value"});
  });

  it("skips an event file without scalars in a log dir, with a warning, and reads the others", async () => {
    const {mkdtempSync, mkdirSync, writeFileSync} = await import("node:fs");
    const {join} = await import("node:path");
    const {tmpdir} = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "tblog-"));
    mkdirSync(join(dir, "run"));
    mkdirSync(join(dir, "profile"));
    writeFileSync(join(dir, "run", "events.out.tfevents.1.host"), readFileSync(lingvo));
    writeFileSync(join(dir, "profile", "events.out.tfevents.1.host"), tfrecordFile([encodeEvent({wallTime: 1, step: 0, fileVersion: "brain.Event:2"})]));
    const warnings: string[] = [];
    expect((await readRuns(dir, {onWarning: (m) => warnings.push(m)})).length).toBe(2520);
    expect(warnings).toEqual([expect.stringMatching(/profile\/events\.out\.tfevents\.1\.host: skipped: an event file without scalar summaries/)]);
  });
});
