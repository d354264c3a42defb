import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {queryRows, sqlString} from "../../loaders/tidy/duckdb.js";
import {readTable} from "../../loaders/tidy/read.js";
import {cli, cliJson, fixture} from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "benchstats-convert-"));

describe("benchstats convert writes Parquet, TSV and JSONL", () => {
  it("writes Parquet for -o FILE.parquet, which reads back to the rows of the JSON output", async () => {
    const rows = await cliJson("convert", "runs", fixture("rliable_tiny_runs.csv"));
    const out = join(dir, "runs.parquet");
    const {status, stdout, stderr} = await cli("convert", "runs", fixture("rliable_tiny_runs.csv"), "-o", out);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toBe("");
    expect(readFileSync(out).subarray(0, 4).toString()).toBe("PAR1");
    expect((await readTable(out, "runs")).rows()).toEqual(rows);
    const types = await queryRows(`SELECT name, type FROM parquet_schema(${sqlString(out)}) WHERE name <> 'duckdb_schema'`);
    expect(types).toEqual([
      {name: "algorithm", type: "BYTE_ARRAY"},
      {name: "task", type: "BYTE_ARRAY"},
      {name: "seed", type: "BYTE_ARRAY"},
      {name: "value", type: "DOUBLE"}
    ]);
  });

  it("takes -f parquet whatever the file name, and -f tsv / jsonl to stdout", async () => {
    const out = join(dir, "runs.bin");
    expect((await cli("convert", "runs", fixture("rliable_tiny_runs.csv"), "-f", "parquet", "-o", out)).status).toBe(0);
    expect(readFileSync(out).subarray(0, 4).toString()).toBe("PAR1");
    const tsv = await cli("convert", "runs", fixture("rliable_tiny_runs.csv"), "-f", "tsv");
    expect(tsv.stdout.split("\n").slice(0, 2)).toEqual(["algorithm\ttask\tseed\tvalue", "X\ttask0\t0\t0.1"]);
    const jsonl = await cli("convert", "runs", fixture("rliable_tiny_runs.csv"), "-f", "jsonl");
    expect(JSON.parse(jsonl.stdout.split("\n")[0])).toEqual({algorithm: "X", task: "task0", seed: "0", value: 0.1});
  });
});
