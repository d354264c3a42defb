import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {readTable, tableFileFormat} from "../../loaders/tidy/read.js";
import {execute, sqlString} from "../../loaders/tidy/duckdb.js";
import {expectLocated, bundled} from "../loaders/helpers.js";

const dir = mkdtempSync(join(tmpdir(), "bs-read-"));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("readTable: good input", () => {
  it("reads a tidy samples CSV into dictionary-coded labels and doubles, in file order", async () => {
    const path = file("ok.csv", "model,item,value,benchmark\nb,q1,1,mmlu\na,q1,0,mmlu\nb,q2,0.5,mmlu\n");
    const table = await readTable(path, "samples");
    expect(table.length).toBe(3);
    expect(table.rows()).toEqual([
      {model: "b", benchmark: "mmlu", item: "q1", value: 1},
      {model: "a", benchmark: "mmlu", item: "q1", value: 0},
      {model: "b", benchmark: "mmlu", item: "q2", value: 0.5}
    ]);
    expect(table.labels("model").codes).toBeInstanceOf(Uint8Array);
    expect(table.numbers("value")).toBeInstanceOf(Float64Array);
  });

  it("maps aliases and case, and reads missing markers as NaN while keeping a label spelled NA", async () => {
    const path = file("alias.csv", "Respondent,Item,Correct\nNA,q1,NA\nb,NA,\nc,q3,-\nd,q4,nan\n");
    const rows = (await readTable(path, "samples")).rows();
    expect(rows.map((r) => [r.model, r.item])).toEqual([["NA", "q1"], ["b", "NA"], ["c", "q3"], ["d", "q4"]]);
    expect(rows.every((r) => Number.isNaN(r.value))).toBe(true);
  });

  it("reads the same table from CSV, TSV, JSON, JSONL, gzip and Parquet", async () => {
    const rows = [{model: "a", item: "1", value: 0.25}, {model: "b", item: "2", value: 1}];
    const csv = file("same.csv", "model,item,value\na,1,0.25\nb,2,1\n");
    const paths = [
      csv,
      file("same.tsv", "model\titem\tvalue\na\t1\t0.25\nb\t2\t1\n"),
      file("same.json", JSON.stringify(rows)),
      file("same.jsonl", rows.map((r) => JSON.stringify(r)).join("\n") + "\n"),
      file("rows.json", JSON.stringify({rows})),
      file("same.csv.gz", gzipSync("model,item,value\na,1,0.25\nb,2,1\n"))
    ];
    const parquet = join(dir, "same.parquet");
    await execute(`COPY (SELECT * FROM read_csv(${sqlString(csv)})) TO ${sqlString(parquet)} (FORMAT parquet)`);
    paths.push(parquet);
    for (const path of paths) expect((await readTable(path, "samples")).rows(), path).toEqual(rows);
  });

  it("reads rliable's {task: [run scores]} JSON as runs, the file name as algorithm and null as a missing run", async () => {
    const path = file("DER.json", '{"Pong": [1, 2, null], "Alien": [3.5]}');
    const rows = (await readTable(path, "runs")).rows();
    expect(rows).toEqual([
      {algorithm: "DER", task: "Pong", seed: "0", value: 1},
      {algorithm: "DER", task: "Pong", seed: "1", value: 2},
      {algorithm: "DER", task: "Pong", seed: "2", value: NaN},
      {algorithm: "DER", task: "Alien", seed: "0", value: 3.5}
    ]);
  });

  it("keeps extra battle columns, numbers as numbers", async () => {
    const path = file("b.csv", "model_a,model_b,winner,judge,len_a\nx,y,a,human,12\ny,x,tie,human,3\n");
    const table = await readTable(path, "battles");
    expect(table.columnNames).toEqual(["model_a", "model_b", "winner", "judge", "len_a"]);
    expect([...table.numbers("len_a")]).toEqual([12, 3]);
  });

  it("reads a bundled real file with the row count and values a plain parse gives", async () => {
    const path = bundled("runs", "tdmpc2", "tdmpc2_results_long.csv");
    const table = await readTable(path, "runs");
    const {readFileSync} = await import("node:fs");
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(table.length).toBe(lines.length - 1);
    const header = lines[0].split(",");
    const last = lines.at(-1)!.split(",");
    expect(table.value("value", table.length - 1)).toBe(Number(last[header.indexOf("value")]));
  });
});

describe("readTable: bad input is a located error", () => {
  const cases: [string, string, string, RegExp, object][] = [
    ["text in a number column", "t.csv", "model,item,value\na,1,0.5\nb,2,abc\n", /expected a number.*"abc"/, {line: 3, field: "value"}],
    ["1e400", "inf.csv", "model,item,value\na,1,0.5\nb,2,1e400\n", /finite number/, {line: 3, field: "value"}],
    ["inf", "inf2.csv", "model,item,value\na,1,inf\n", /finite number/, {line: 2, field: "value"}],
    ["a boolean in CSV", "bool.csv", "model,item,value\na,1,0.5\nb,2,true\n", /boolean true/, {line: 3}],
    ["a last row cut mid-value", "cut.csv", "model,item,value\na,1,0.5\nb,2,785.2\nc,3,78", /cut off/, {}],
    ["a header cut mid-way", "head.csv", "model,item,va\n", /missing column\(s\) value/, {line: 1}],
    ["a header only", "headonly.csv", "model,item,value\n", /no data rows/, {}],
    ["too many fields, after a quoted line break and a blank line", "extra.csv", 'model,item,value\na,"x\ny",1\n\nb,2,3,4\n', /malformed CSV: expected 3 fields like the header, got 4/, {line: 5}],
    ["a boolean in JSONL", "b.jsonl", '{"model":"a","item":"1","value":0.5}\n{"model":"b","item":2,"value":true}\n', /boolean true/, {line: 2, field: "value"}],
    ["Infinity in JSONL after a blank line", "i.jsonl", '{"model":"a","item":"1","value":0.5}\n\n{"model":"b","item":2,"value":1e400}\n', /finite/, {line: 3}],
    ["text in a JSON array", "t.json", '[{"model":"a","item":"1","value":0.5},\n {"model":"b","item":"2","value":"x"}]', /"x"/, {line: 2, row: 2}],
    ["a truncated JSONL line", "cut.jsonl", '{"model":"a","item":"1","value":0.5}\n{"model":"b","item":2,"val', /cut off/, {}],
    ["an empty required label", "empty-model.csv", "model,item,value\na,1,1\n,2,0\n", /empty/, {line: 3, field: "model"}],
    ["a negative duration", "gpu.csv", "rank,stream,name,start_us,dur_us\n0,7,k,0,5\n0,7,k2,5,-50\n", /≥ 0/, {line: 3, field: "dur_us"}],
    ["a winner outside a, b, tie", "w.csv", "model_a,model_b,winner\nx,y,a\nx,y,model_a\n", /one of a, b, tie/, {line: 3, field: "winner"}]
  ];
  for (const [name, filename, text, pattern, location] of cases) {
    it(`rejects ${name}`, async () => {
      const kind = filename.startsWith("gpu") ? "gpu" : filename.startsWith("w.") ? "battles" : "samples";
      const path = file(filename, text);
      await expectLocated(readTable(path, kind), pattern, {file: path, ...location});
    });
  }

  it("rejects an empty file and a missing file", async () => {
    const empty = file("empty.csv", "");
    await expectLocated(readTable(empty, "samples"), /empty/, {file: empty});
    await expectLocated(readTable(join(dir, "nope.csv"), "samples"), /no such file/, {file: join(dir, "nope.csv")});
  });

  it("says which format it expected for an unknown extension", async () => {
    await expectLocated(readTable(file("x.txt", "a\n"), "samples"), /expected a \.csv/, {});
  });

  it("names the extension-less table format", () => {
    expect(tableFileFormat("a/b.JSONL.gz")).toBe("jsonl");
    expect(tableFileFormat("a/b.parquet")).toBe("parquet");
    expect(tableFileFormat("a/b.txt")).toBeUndefined();
  });
});
