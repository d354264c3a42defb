// The GPU page's step timeline (src/data/gpu-step.csv.ts): its CPU lanes name PyTorch's thread ids as unsigned
// numbers. The NCCL trace stores its runtime thread as the signed 32-bit -549452224; the page showed
// "CPU thread -549452224" before the loader converted it.
import {execFileSync} from "node:child_process";
import {fileURLToPath} from "node:url";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";

describe("the GPU page's timeline lanes", () => {
  it("name CPU threads by their unsigned id, never a negative one", () => {
    const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
    const csv = execFileSync(tsx, [fileURLToPath(new URL("../../src/data/gpu-step.csv.ts", import.meta.url))], {encoding: "utf8"});
    const lanes = [...new Set(csvParse(csv).map((row) => row.lane))];
    expect(lanes.filter((lane) => lane.startsWith("CPU thread"))).toContain("CPU thread 3745515072 (runtime)");
    expect(lanes.filter((lane) => /-\d/.test(lane))).toEqual([]);
  }, 120_000);
});
