import {describe, expect, it} from "vitest";
import {cli, cliJson, fixture} from "./helpers.js";

describe("benchstats convert runs <file>", () => {
  it("reads a tidy runs CSV into typed rows", async () => {
    const rows = await cliJson("convert", "runs", fixture("rliable_tiny_runs.csv"));
    expect(rows).toHaveLength(24);
    expect(rows[0]).toEqual({algorithm: "X", task: "task0", seed: "0", value: 0.1});
  });

  it("writes CSV with --format csv", async () => {
    const {status, stdout} = await cli("convert", "runs", fixture("rliable_tiny_runs.csv"), "--format", "csv");
    expect(status).toBe(0);
    expect(stdout.split("\n").slice(0, 2)).toEqual(["algorithm,task,seed,value", "X,task0,0,0.1"]);
  });
});

describe("benchstats --output FILE", () => {
  it("writes the table to the file, as CSV when the name ends in .csv", async () => {
    const {mkdtempSync, readFileSync} = await import("node:fs");
    const {tmpdir} = await import("node:os");
    const {join} = await import("node:path");
    const out = join(mkdtempSync(join(tmpdir(), "benchstats-cli-")), "runs.csv");
    const {status, stdout} = await cli("convert", "runs", fixture("rliable_tiny_runs.csv"), "-o", out);
    expect(status).toBe(0);
    expect(stdout).toBe("");
    expect(readFileSync(out, "utf8").split("\n")[0]).toBe("algorithm,task,seed,value");
  });
});

describe("benchstats rejects malformed input with a located message and exit status 1", () => {
  const cases: [string, RegExp][] = [
    ["malformed_number.csv", /malformed_number\.csv:4, value: expected a number .*got "oops"/],
    ["malformed_fields.csv", /malformed_fields\.csv:3: malformed CSV: expected 4 fields like the header, got 5/],
    ["missing_column.csv", /missing_column\.csv:1: not a tidy runs table: missing column\(s\) task/],
    ["unclosed_quote.csv", /unclosed_quote\.csv:2: malformed CSV: a quoted value is not closed/],
    ["malformed.json", /malformed\.json:2: invalid JSON/],
    ["malformed.jsonl", /malformed\.jsonl:3: invalid JSON/],
    ["does_not_exist.csv", /does_not_exist\.csv: cannot read input/]
  ];
  for (const [file, message] of cases) {
    it(`names the file and line for ${file}`, async () => {
      const {status, stdout, stderr} = await cli("convert", "runs", fixture(file));
      expect(status).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toMatch(message);
    });
  }
});

describe("benchstats usage errors exit with status 2", () => {
  it("rejects an unknown command", async () => {
    const {status, stderr} = await cli("frobnicate");
    expect(status).toBe(2);
    expect(stderr).toMatch(/unknown command "frobnicate"/);
  });

  it("rejects an unknown option", async () => {
    const {status, stderr} = await cli("convert", "runs", fixture("rliable_tiny_runs.csv"), "--bogus");
    expect(status).toBe(2);
    expect(stderr).toMatch(/--bogus/);
  });

  it("prints help for each command", async () => {
    const {status, stdout} = await cli("convert", "--help");
    expect(status).toBe(0);
    expect(stdout).toMatch(/Usage: benchstats convert/);
    expect(stdout).toMatch(/--seed N/);
  });

  it("rejects a bad --format value as an option error naming the option", async () => {
    const {status, stderr} = await cli("convert", "runs", fixture("rliable_tiny_runs.csv"), "--format", "xml");
    expect(status).toBe(1);
    expect(stderr).toMatch(/--format: expected one of json, csv, tsv, jsonl, parquet, got "xml"/);
  });
});
