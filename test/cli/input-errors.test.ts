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

describe("the CLI cases of issue 16", () => {
  const scratch = async (name: string, text: string) => {
    const {mkdtempSync, writeFileSync} = await import("node:fs");
    const {tmpdir} = await import("node:os");
    const {join} = await import("node:path");
    const path = join(mkdtempSync(join(tmpdir(), "benchstats-cli-")), name);
    writeFileSync(path, text);
    return path;
  };

  it("rank names the line and column of a bad score in an Arena-Hard leaderboard, not the first text column", async () => {
    const {readFileSync} = await import("node:fs");
    const lines = readFileSync(fixture("byod/leaderboards/arena_hard_leaderboard_20240731.csv"), "utf8").split("\n");
    const cells = lines[31].split(",");
    cells[1] = "abc";
    lines[31] = cells.join(",");
    const path = await scratch("leaderboard.csv", lines.join("\n"));
    const {status, stderr} = await cli("rank", path, "-q");
    expect(status).toBe(1);
    expect(stderr).toMatch(/leaderboard\.csv:32, score: expected a number.*"abc"/);
  });

  it("ratings on an empty battles file and interval on a truncated CSV name the file, with exit status 1", async () => {
    const empty = await scratch("battles.csv", "");
    const ratings = await cli("ratings", empty, "-q");
    expect(ratings.status).toBe(1);
    expect(ratings.stderr).toMatch(/battles\.csv:1: the file is empty/);
    const {readFileSync} = await import("node:fs");
    const cut = await scratch("runs.csv", readFileSync(fixture("rliable_tiny_runs.csv"), "utf8").slice(0, 150));
    const interval = await cli("interval", cut, "-q");
    expect(interval.status).toBe(1);
    expect(interval.stderr).toMatch(/runs\.csv, byte 150: the last line has no line break/);
  });

  it("maps a request beyond a documented cap to exit status 1 with the cap in the message", async () => {
    const {status, stderr} = await cli("interval", fixture("rliable_tiny_runs.csv"), "--reps", "2000000000", "-q");
    expect(status).toBe(1);
    expect(stderr).toMatch(/error \[limit\].*LIMITS\.reps/);
  });
});
