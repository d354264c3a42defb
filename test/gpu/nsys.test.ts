import {writeFileSync, mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gunzipSync, gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {gpuEventRows, kernelLaunchStats, temporalBreakdown} from "../../lib/gpu/index.js";
import {BenchstatsError} from "../../lib/core/errors.js";
import {readGpuEvents, readNsysSqlite} from "../../loaders/gpu/index.js";
import {fixture} from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "benchstats-nsys-test-"));

// Row counts and Σ(end − start) per table were computed independently with Python's sqlite3.
describe("readGpuEvents(nsys SQLite export)", () => {
  it("reads every CUDA activity row with its name, stream and duration", async () => {
    const events = await readGpuEvents(fixture("nsys_con_kernel.sqlite.gz"));
    const rows = gpuEventRows(events);
    const count = (kind: string) => rows.filter((r) => r.kind === kind).length;
    const total = (kind: string) => rows.filter((r) => r.kind === kind).reduce((s, r) => s + r.dur_us, 0);
    expect([count("kernel"), count("gpu_memcpy"), count("gpu_memset"), count("cuda_sync"), count("cuda_runtime")]).toEqual([9, 11, 1, 6, 71]);
    expect(total("kernel")).toBeCloseTo(271711594 / 1000, 6); // ns → µs
    expect(total("cuda_runtime")).toBeCloseTo(478574272 / 1000, 6);
    expect(rows.find((r) => r.kind === "gpu_memcpy")?.name).toBe("Memcpy HtoD (Pinned -> Device)");
    expect(new Set(rows.filter((r) => r.kind === "kernel").map((r) => r.stream))).toEqual(new Set([14, 15, 16, 17, 18])) // sqlite3: SELECT DISTINCT streamId;
    expect(events.ranks).toEqual([{rank: 0, source: fixture("nsys_con_kernel.sqlite.gz"), htaRounds: false}]);
  });

  it("reads NVTX ranges (skipping marks without an end) and feeds the HTA analyses", async () => {
    const events = await readGpuEvents(fixture("nsys_concurrent_s1.sqlite.gz"));
    const rows = gpuEventRows(events);
    expect(rows.filter((r) => r.kind === "user_annotation")).toHaveLength(76);
    expect(rows).toHaveLength(12 + 30 + 17 + 16 + 184 + 76);
    expect(temporalBreakdown(events, {mode: "exact"})[0]["kernel_time(us)"]).toBeGreaterThan(0);
    // Runtime names lose nsys's _v7000 suffix, so HTA's launch-call list applies.
    expect(kernelLaunchStats(events).length).toBeGreaterThan(0);
  });

  it("rejects a file that is not an SQLite database at byte 0", async () => {
    const path = join(dir, "not.sqlite");
    writeFileSync(path, "SQLite format 2\u0000 nope");
    await expect(readGpuEvents(path, {format: "nsys"})).rejects.toThrow(/not\.sqlite, byte 0: expected an SQLite database/);
  });

  it("rejects a truncated database with the file named", async () => {
    const bytes = gunzipSync(readFileSync(fixture("nsys_con_kernel.sqlite.gz")));
    const path = join(dir, "cut.sqlite");
    writeFileSync(path, bytes.subarray(0, 8192));
    await expect(readGpuEvents(path)).rejects.toThrow(/cut\.sqlite/);
  });
});

describe("readNsysSqlite bounds", () => {
  it("stops a gzip stream that inflates past maxBytes (a compression bomb) with a located size error", async () => {
    const bomb = join(dir, "bomb.sqlite.gz");
    writeFileSync(bomb, gzipSync(Buffer.alloc(32 << 20)));
    const error = await readNsysSqlite(bomb, {maxBytes: 8 << 20}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BenchstatsError);
    expect((error as BenchstatsError).code).toBe("size");
    expect((error as BenchstatsError).location).toMatchObject({file: bomb, offset: 0});
  });
});
