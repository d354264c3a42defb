import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {powerSamples, readGpuMetrics} from "../../loaders/gpu/index.js";
import {fixture} from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "benchstats-smi-test-"));

describe("readGpuMetrics(nvidia-smi --query-gpu CSV)", () => {
  it("reads one row per GPU and field, with units from the header", async () => {
    const rows = (await readGpuMetrics(fixture("query-gpu-4xT4.csv"))).rows();
    // 4 GPUs × 12 fields (timestamp is a column of its own).
    expect(rows).toHaveLength(48);
    expect(new Set(rows.map((r) => r.gpu))).toEqual(new Set(["00000001:00:00.0", "00000002:00:00.0", "00000003:00:00.0", "00000004:00:00.0"]));
    const used = rows.find((r) => r.gpu === "00000001:00:00.0" && r.metric === "memory.used")!;
    expect(used).toMatchObject({timestamp: "2023/01/11 00:06:01.255", sample: 0, unit: "MiB", value: 257, text: "257"});
    expect(rows.find((r) => r.metric === "name")).toMatchObject({value: NaN, text: "Tesla T4"});
  });

  it("turns N/A and [N/A] into NaN, never into a number", async () => {
    const rows = (await readGpuMetrics(fixture("query-gpu-1xT4-NA.csv"))).rows();
    expect(rows.find((r) => r.metric === "temperature.memory")).toMatchObject({value: NaN, text: "N/A"});
    expect(rows.find((r) => r.metric === "power.draw.average")).toMatchObject({value: NaN, text: "[N/A]", unit: "W"});
    expect(rows.find((r) => r.metric === "power.draw.instant")).toMatchObject({value: 9.31, unit: "W"});
  });

  it("strips units written into the cells and skips a repeated header (logging restarted)", async () => {
    const header = "timestamp, index, utilization.gpu [%], memory.used [MiB]";
    const path = join(dir, "units.csv");
    writeFileSync(path, [header, "2024/03/15 13:57:59.791, 0, 97 %, 40960 MiB", header, "2024/03/15 13:58:00.791, 0, 12 %, 512 MiB", ""].join("\n"));
    const rows = (await readGpuMetrics(path)).rows();
    expect(rows.map((r) => [r.sample, r.metric, r.value])).toEqual([[0, "utilization.gpu", 97], [0, "memory.used", 40960], [1, "utilization.gpu", 12], [1, "memory.used", 512]]);
  });

  it("names the file and line of a row with the wrong number of cells", async () => {
    const lines = readFileSync(fixture("query-gpu-4xT4.csv"), "utf8").split("\n");
    lines[2] = lines[2].split(", ").slice(0, 5).join(", ");
    const path = join(dir, "short.csv");
    writeFileSync(path, lines.join("\n"));
    await expect(readGpuMetrics(path)).rejects.toThrow(/short\.csv:3: malformed CSV: expected 13 fields like the header, got 5/);
  });
});

describe("readGpuMetrics(nvidia-smi dmon text)", () => {
  it("reads columns from the # header lines, skips repeated headers, and maps '-' to NaN", async () => {
    const rows = (await readGpuMetrics(fixture("dmon-handwritten.txt"))).rows();
    // 3 ticks × 2 GPUs × 11 metric columns (Date, Time, gpu are identity columns).
    expect(rows).toHaveLength(66);
    expect(rows.find((r) => r.gpu === "1" && r.metric === "sm" && r.sample === 2)).toMatchObject({timestamp: "20240315 13:58:03", unit: "%", value: 96});
    expect(rows.find((r) => r.gpu === "1" && r.metric === "jpg")).toMatchObject({value: NaN, text: "-"});
    expect(rows.find((r) => r.gpu === "0" && r.metric === "pwr")).toMatchObject({unit: "W", value: 69});
  });

  it("names the line of a row whose columns do not match the header", async () => {
    const path = join(dir, "dmon-bad.txt");
    writeFileSync(path, "# gpu pwr sm\n# Idx W %\n 0 50 3\n 1 60\n");
    await expect(readGpuMetrics(path)).rejects.toThrow(/dmon-bad\.txt:4: dmon: expected 3 columns \(gpu pwr sm\), found 2/);
  });
});

describe("powerSamples", () => {
  it("dmon -o DT: the pwr readings of one GPU on Unix time, in the log's zone", async () => {
    const metrics = await readGpuMetrics(fixture("dmon-handwritten.txt"));
    expect(() => powerSamples(metrics)).toThrow(/say which one/);
    const samples = powerSamples(metrics, {gpu: "1", utcOffsetMinutes: 60});
    // 2024-03-15 13:58:01 at UTC+1 is 12:58:01 UTC.
    expect(samples[0]).toEqual({time_us: Date.UTC(2024, 2, 15, 12, 58, 1) * 1000, watts: 412});
  });

  it("a log without power fields is an error", async () => {
    await expect(readGpuMetrics(fixture("query-gpu-4xT4.csv")).then((m) => powerSamples(m))).rejects.toThrow(/no power readings/);
  });
});
