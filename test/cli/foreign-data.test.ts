import {mkdtempSync, writeFileSync, copyFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {cli, cliJson, fixture} from "./helpers.js";
import {roundForOutput} from "../../cli/output.js";
import {suggestColumns} from "../../loaders/tidy/suggest.js";

// A runs table as another tool writes it: method, env, seed, final_return (raw returns ~2,500 and ~5,500).
const foreign = fixture("foreign_runs.csv");

describe("the CLI on a runs table with its own column names", () => {
  it("says which --columns mapping would read it", async () => {
    const {status, stderr} = await cli("interval", foreign, "--reps", "50");
    expect(status).toBe(1);
    expect(stderr).toMatch(/missing column\(s\) value;.*--columns value=final_return/);
  });
  it("reads it with --columns value=final_return (method and env are known aliases)", async () => {
    const rows = await cliJson<{algorithm: string; statistic: string; point: number}[]>("interval", foreign, "--reps", "50", "--columns", "value=final_return", "-q");
    expect(rows.find((r) => r.algorithm === "A" && r.statistic === "mean")?.point).toBeCloseTo((2500.5 + 2600.25 + 5400 + 5600.1) / 4, 9);
  });
  it("takes a full mapping, table column = file column", async () => {
    const rows = await cliJson("interval", foreign, "--reps", "50", "--columns", "algorithm=method,task=env,value=final_return", "-q");
    expect(rows).toHaveLength(8);
  });
  it("refuses a mapping that is not name=name pairs", async () => {
    const {status, stderr} = await cli("interval", foreign, "--columns", "value");
    expect(status).toBe(1);
    expect(stderr).toMatch(/--columns.*expected pairs like algorithm=method/);
  });
  it("warns that tasks are on different scales when no --normalize is given", async () => {
    const {status, stderr} = await cli("interval", foreign, "--reps", "50", "--columns", "value=final_return");
    expect(status).toBe(0);
    expect(stderr).toMatch(/warning: scores are not normalised \(median per task from 2450 to 5400\).*--normalize/);
  });
  it("lists the column names each table recognises in --help", async () => {
    const {stdout} = await cli("interval", "--help");
    expect(stdout).toMatch(/--columns MAP/);
    expect(stdout).toMatch(/runs\s+.*algorithm\* \(agent, method\), task\* \(game, env\), seed \(run\).*value\* \(score\)/);
  });
  it("inventory suggests the mapping instead of calling the file unknown without a word", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-foreign-"));
    copyFileSync(foreign, join(dir, "results.csv"));
    const rows = await cliJson<{path: string; note: string}[]>("inventory", dir);
    expect(rows[0].note).toMatch(/--columns value=final_return/);
  });
});

describe("CLI messages", () => {
  it("suggests the nearest option for a mistyped one", async () => {
    const {status, stderr} = await cli("interval", "--sed", "3", foreign);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^benchstats: unknown option --sed; did you mean --seed\?/);
    expect(stderr).not.toMatch(/To specify a positional argument/);
  });
  it("names a binary file as binary, with its first bytes in hex and no raw bytes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-binary-"));
    const file = join(dir, "runs.csv");
    writeFileSync(file, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0x1b, 0x9b]), Buffer.from("\n")]));
    const {status, stderr} = await cli("interval", file);
    expect(status).toBe(1);
    expect(stderr).toMatch(/runs\.csv:1, byte 4: a NUL byte \(a binary file, it starts with the bytes 7f 45 4c 46/);
    // eslint-disable-next-line no-control-regex
    expect(stderr).not.toMatch(/[\u0000-\u0008\u001b\u009b]/);
  });
  it("says --input-format where the library says {format}", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-unknown-"));
    const file = join(dir, "scores.bin");
    writeFileSync(file, "nothing a loader knows\n");
    const {stderr} = await cli("rank", file);
    expect(stderr).toMatch(/--input-format/);
    expect(stderr).not.toMatch(/\{format\}/);
  });
  it("prints numbers without floating-point noise (--digits, and 12 digits on a terminal)", async () => {
    expect(roundForOutput(4259.379999999999)).toBe(4259.38);
    expect(roundForOutput(0.1 + 0.2)).toBe(0.3);
    expect(roundForOutput(3)).toBe(3);
    const {stdout} = await cli("interval", foreign, "--reps", "50", "--columns", "value=final_return", "-q", "-f", "csv", "--digits", "4");
    for (const cell of stdout.split(/[,\n]/).filter((c) => /^-?[\d.]+$/.test(c))) expect(cell.replace(/^-/, "").replace(".", "").replace(/^0+/, "").length).toBeLessThanOrEqual(4);
  });
});

describe("suggestColumns(kind, header)", () => {
  it("maps the required columns the aliases miss by the words in their names", () => {
    expect(suggestColumns("runs", ["method", "env", "seed", "final_return"])).toBe("value=final_return");
    expect(suggestColumns("runs", ["policy", "environment", "mean_reward"])).toBe("algorithm=policy,task=environment,value=mean_reward");
    expect(suggestColumns("runs", ["algorithm", "task", "value"])).toBeUndefined();
    expect(suggestColumns("runs", ["a", "b"])).toBeUndefined();
  });
});
