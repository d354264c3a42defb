// The data-folder inventory asks each loader's own format signature; these cases are where a hand-rolled
// sniffer would go wrong (a quoted comma, a lone meta.yaml, formats only a loader knows).
import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {discoverData} from "../../loaders/discover.js";
import {walkFolder} from "../../loaders/common/walk.js";
import {csvRecords} from "../../loaders/tidy/locate.js";
import {fixture} from "./helpers.js";

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "benchstats-discover-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), {recursive: true});
    writeFileSync(join(root, path), text);
  }
  return root;
}

const kinds = async (root: string) => Object.fromEntries((await discoverData(root)).map((f) => [f.path, `${f.kind}/${f.format}`]));

describe("discoverData(folder)", () => {
  it("reads CSV headers and cells as CSV: a quoted label with a comma is one cell of a wide score table", async () => {
    const root = folder({"leaderboard.csv": 'model,task_a,task_b\n"T5 + UDG, Single Model",91.0,92.3\n"ERNIE 3.0",90.6,91.0\n'});
    expect(await kinds(root)).toEqual({"leaderboard.csv": "scores/wide"});
  });

  it("takes a table of numbers only (IRT response patterns, item parameters) for no leaderboard", async () => {
    const root = folder({
      "irt/lsat6_patterns.csv": '"Item_1","Item_2","Item_3","Item_4","Item_5","Freq"\n0,0,0,0,0,3\n0,0,0,0,1,6\n0,0,0,1,0,2\n',
      "irt/sim_2pl_items.csv": "item,a,b,d\n0,1.21,-0.82,0.99\n1,1.15,-0.38,0.43\n",
      "board.csv": "system,task_a,task_b\nA,1,2\nB,3,4\n"
    });
    const found = await discoverData(root);
    expect(await kinds(root)).toEqual({"board.csv": "scores/wide", "irt/lsat6_patterns.csv": "unknown/", "irt/sim_2pl_items.csv": "unknown/"});
    expect(found.find((f) => f.path === "irt/lsat6_patterns.csv")!.note).toMatch(/numbers only.*not a leaderboard/);
  });

  it("places tidy tables by the schema's columns and aliases, and long run CSVs by the run loader's rule", async () => {
    const root = folder({
      "long.csv": "method,task,seed,step,metric,value\nppo,walker,1,0,reward,1\n",
      "finals.csv": "agent,game,run,score\nppo,Pong,1,3\n",
      "reference.csv": "env,low,high\nPong,-21,21\n",
      "samples.jsonl": '{"model": "m", "item": "q1", "correct": 1}\n'
    });
    expect(await kinds(root)).toEqual({"finals.csv": "runs/tidy", "long.csv": "runs/long-csv", "reference.csv": "reference/min-max", "samples.jsonl": "samples/tidy"});
  });

  it("places Parquet tables by their columns, and the final scores of a Parquet runs table are read", async () => {
    const {writeTable} = await import("../../loaders/tidy/write.js");
    const {finalScores} = await import("../../loaders/final-scores.js");
    const root = folder({});
    await writeTable([{algorithm: "ppo", task: "Pong", seed: "1", step: 10, metric: "return", value: 3}, {algorithm: "ppo", task: "Pong", seed: "1", step: 20, metric: "return", value: 5}], join(root, "runs.parquet"));
    await writeTable([{model: "m", item: "q1", value: 1}], join(root, "samples.parquet"));
    await writeTable([{model_a: "x", model_b: "y", winner: "a"}], join(root, "battles.parquet"));
    writeFileSync(join(root, "other.parquet"), "not parquet");
    const files = await discoverData(root);
    expect(Object.fromEntries(files.map((f) => [f.path, `${f.kind}/${f.format}`]))).toEqual({
      "battles.parquet": "battles/parquet",
      "other.parquet": "unknown/",
      "runs.parquet": "runs/parquet",
      "samples.parquet": "samples/parquet"
    });
    const {scores} = await finalScores(root, files);
    expect(scores.map((s) => [s.algorithm, s.task, s.step, s.value])).toEqual([["ppo", "Pong", 20, 5]]);
  });

  it("recognises Arena-Hard judgments, nvidia-smi dmon logs and MLflow SQL stores as their loaders do", async () => {
    const root = folder({
      "judgments.jsonl": '{"question_id": "q1", "model": "m", "judge": "gpt-4", "games": [{"score": "A>B"}]}\n',
      "gpu.log": "# gpu   pwr  gtemp\n# Idx     W      C\n    0    69     33\n",
      "mlflow.db": "SQLite format 3\u0000"
    });
    expect(await kinds(root)).toEqual({"gpu.log": "gpu/dmon", "judgments.jsonl": "samples/arena-hard", "mlflow.db": "runs/mlflow-sqlite"});
  });

  it("walks a folder with a lone meta.yaml (a project's config) instead of taking it for an MLflow store", async () => {
    const root = folder({"project/meta.yaml": "name: x\n", "project/scores.csv": "model,benchmark,task,score\nm,b,t,1\n"});
    expect(await kinds(root)).toEqual({"project/meta.yaml": "unknown/", "project/scores.csv": "scores/tidy"});
    expect(await kinds(fixture("mlflow"))).toEqual({mlruns: "runs/mlflow"});
  });
});

describe("walkFolder(dir, options)", () => {
  it("lists files sorted at every level, skips what it is told to, and stops at maxDepth", async () => {
    const root = folder({"b.csv": "", "a/z.csv": "", "a/deep/y.csv": "", ".hidden/x.csv": ""});
    const names = async (options: Parameters<typeof walkFolder>[1]) => (await walkFolder(root, options)).map((e) => e.path.slice(root.length + 1));
    expect(await names({skip: (name) => name.startsWith(".")})).toEqual(["a/deep/y.csv", "a/z.csv", "b.csv"]);
    expect(await names({skip: (name) => name.startsWith("."), maxDepth: 1})).toEqual(["a/z.csv", "b.csv"]);
  });
});

describe("csvRecords(file, delimiter, count)", () => {
  it("parses quotes, doubled quotes, line breaks inside quotes and CRLF, and leaves out a record cut by the count", async () => {
    const root = folder({"t.csv": 'a,"b ""x"", c"\r\n"multi\nline",2\r\n3,4\r\n'});
    expect(await csvRecords(join(root, "t.csv"), ",", 2)).toEqual([["a", 'b "x", c'], ["multi\nline", "2"]]);
    expect(await csvRecords(join(root, "t.csv"), ",", 9)).toHaveLength(3);
  });
});
