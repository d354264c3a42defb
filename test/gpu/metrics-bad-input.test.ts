// Bad input to the GPU metric readers (and the trace readers' wrong-kind and corrupt-file cases): real logs
// from test/fixtures/gpu mutated in a temp folder.
import {readFileSync} from "node:fs";
import {gunzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {readGpuEvents, readGpuMetrics} from "../../loaders/gpu/index.js";
import {editLine, expectLocated, mutated, written} from "../loaders/helpers.js";
import {fixture} from "./helpers.js";

const t4 = fixture("query-gpu-4xT4.csv");
const h100 = fixture("query-gpu-8xH100.csv");
const dmon = fixture("dmon-handwritten.txt");
const quiet = {onWarning: () => undefined};

describe("readGpuMetrics(nvidia-smi CSV) on bad input", () => {
  it("rejects a utilisation above 100 % and a negative power at their lines", async () => {
    const above = mutated(h100, "smi.csv", (t) => editLine(t, 3, (l) => l.replace(/^([^,]+,[^,]+,[^,]+,[^,]+,[^,]+,[^,]+,[^,]+,[^,]+,) \d+,/, "$1 120,")));
    await expectLocated(readGpuMetrics(above, quiet), /percentage, in \[0, 100\].*"120"/, {file: above, line: 3, field: "utilization.gpu"});
    const negative = mutated(h100, "smi.csv", (t) => editLine(t, 4, (l) => l.replace(/, 7[0-9.]+, 345,/, ", -70.5, 345,")));
    await expectLocated(readGpuMetrics(negative, quiet), /power in W, ≥ 0/, {file: negative, line: 4, field: "power.draw.average"});
  });

  it("rejects text and 1e400 in a field with a unit", async () => {
    const text = mutated(t4, "smi.csv", (t) => editLine(t, 2, (l) => l.replace(/, 257$/, ", lots")));
    await expectLocated(readGpuMetrics(text, quiet), /a number or N\/A/, {file: text, line: 2, field: "memory.used"});
    const huge = mutated(t4, "smi.csv", (t) => editLine(t, 3, (l) => l.replace(/, 14$/, ", 1e400")));
    await expectLocated(readGpuMetrics(huge, quiet), /finite/, {file: huge, line: 3, field: "memory.used"});
  });

  it("rejects an empty file, a header-only file and a different header mid-file", async () => {
    const empty = written("smi.csv", "");
    await expectLocated(readGpuMetrics(empty), /empty/, {file: empty, line: 1});
    const headerOnly = mutated(t4, "smi.csv", (t) => t.split("\n")[0] + "\n");
    await expectLocated(readGpuMetrics(headerOnly), /no data rows/, {file: headerOnly, line: 2});
    const other = mutated(t4, "smi.csv", (t) => editLine(t, 3, (l) => l.split(", ").map((_, i) => `field.f${i}`).join(", ")));
    await expectLocated(readGpuMetrics(other, quiet), /different header/, {file: other, line: 3});
  });

  it("warns that a log without its final line break may have been cut", async () => {
    const warnings: string[] = [];
    expect((await readGpuMetrics(t4, {onWarning: (m) => warnings.push(m)})).length).toBe(48);
    expect(warnings).toEqual([expect.stringMatching(/query-gpu-4xT4\.csv: the last line has no line break/)]);
    warnings.length = 0;
    await readGpuMetrics(mutated(t4, "whole.csv", (t) => t + "\n"), {onWarning: (m) => warnings.push(m)});
    expect(warnings).toEqual([]);
  });
});

describe("readGpuMetrics(dmon) on bad input", () => {
  it("rejects a NUL byte in a header line", async () => {
    const file = mutated(dmon, "dmon.txt", (t) => editLine(t, 1, (l) => l.replace("pwr", "p\u0000wr")));
    await expectLocated(readGpuMetrics(file), /NUL byte/, {file, line: 1});
  });

  it("rejects an SM utilisation of 150 % and a cell that is neither a number nor '-'", async () => {
    const above = mutated(dmon, "dmon.txt", (t) => editLine(t, 4, (l) => l.replace(/ 97 /, "150 ")));
    await expectLocated(readGpuMetrics(above), /\[0, 100\]/, {file: above, line: 4, field: "sm"});
    const text = mutated(dmon, "dmon.txt", (t) => editLine(t, 3, (l) => l.replace(/ 69 /, " hi ")));
    await expectLocated(readGpuMetrics(text), /got "hi"/, {file: text, line: 3, field: "pwr"});
  });

  it("rejects an empty file and a file with headers but no rows", async () => {
    const empty = written("dmon.txt", "");
    await expectLocated(readGpuMetrics(empty, {format: "dmon"}), /empty/, {file: empty, line: 1});
    const headers = mutated(dmon, "dmon.txt", (t) => t.split("\n").slice(0, 2).join("\n") + "\n");
    await expectLocated(readGpuMetrics(headers), /no data rows/, {file: headers});
  });
});

describe("readGpuEvents on files of the wrong kind or corrupt", () => {
  it("rejects a JSON document without traceEvents instead of returning an empty table", async () => {
    const file = written("results.json", JSON.stringify({results: {arc_easy: {"acc,none": 0.4}}}));
    await expectLocated(readGpuEvents(file), /not a Kineto trace.*keys: results/, {file, offset: 0});
  });

  it("names the byte where an nsys database is cut short", async () => {
    const bytes = gunzipSync(readFileSync(fixture("nsys_con_kernel.sqlite.gz")));
    const file = written("cut.sqlite", bytes.subarray(0, 8192));
    await expectLocated(readGpuEvents(file), /cut short/, {file, offset: 8192});
  });

  it("names the compressed end of a .sqlite.gz cut short", async () => {
    const compressed = readFileSync(fixture("nsys_con_kernel.sqlite.gz"));
    const cut = written("report.sqlite.gz", compressed.subarray(0, compressed.length - 100));
    await expectLocated(readGpuEvents(cut, {format: "nsys"}), /gzip/, {file: cut, offset: compressed.length - 100});
  });
});
