import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {criticalPath, memoryBandwidthSummary, stragglers, timeBlockedOnFullQueue, traceDiff} from "../../lib/index.js";
import {readGpuEvents, readKineto} from "../../loaders/index.js";
import {cli, cliJson} from "./helpers.js";

const gpuFixture = (name: string) => fileURLToPath(new URL(`../fixtures/gpu/${name}`, import.meta.url));
const nccl = gpuFixture("kineto_a100_nccl_2rank_rank0.json.gz");
const job = [gpuFixture("kineto_sampled_128rank_rank0.json.gz"), gpuFixture("kineto_sampled_128rank_rank1.json.gz")];

describe("benchstats trace <subcommand>", () => {
  it("membw and blocked print what the library computes", async () => {
    const events = await readGpuEvents(nccl);
    expect(await cliJson("trace", "membw", nccl)).toEqual(JSON.parse(JSON.stringify(memoryBandwidthSummary(events))));
    expect(await cliJson("trace", "blocked", nccl, "--queue-limit", "4")).toEqual(timeBlockedOnFullQueue(events, {queueLimit: 4}));
    // The old spelling still works.
    expect(await cliJson("trace", nccl, "--analysis", "temporal")).toEqual(await cliJson("trace", "temporal", nccl));
  });

  it("stragglers of the 2-rank job name rank 1 with one candidate", async () => {
    const {status, stdout, stderr} = await cli("trace", "stragglers", ...job, "--candidates", "1");
    expect(status).toBe(0);
    expect(stderr).toMatch(/stragglers: 1 \(on ncclKernel_SendRecv/);
    expect(JSON.parse(stdout)).toEqual(stragglers(await readKineto(job), {numCandidates: 1}).metric);
  });

  it("diff of two steps of one trace, GPU kernels only", async () => {
    const events = await readGpuEvents(nccl);
    const rows = await cliJson("trace", "diff", nccl, nccl, "--control-step", "4", "--test-step", "5", "--device", "gpu");
    expect(rows).toEqual(traceDiff(events, events, {controlIteration: 4, testIteration: 5, deviceType: "gpu"}));
  });

  it("critical-path prints HTA's breakdown edges, or the summary; a missing annotation is a located error", async () => {
    const events = await readKineto(job);
    expect(await cliJson("trace", "critical-path", ...job, "--rank", "1")).toEqual(JSON.parse(JSON.stringify(criticalPath(events, {rank: 1}).edges)));
    const summary = await cliJson<{bound_by: string; duration: number}[]>("trace", "critical-path", ...job, "--instance", "0-0", "--summary", "--data-load", "aten::copy_");
    expect(summary.find((r) => r.bound_by === "data_loading")?.duration).toBe(323);
    const alexnet = gpuFixture("kineto_a100_alexnet_rank0.json.gz");
    const {status, stderr} = await cli("trace", "critical-path", alexnet);
    expect(status).toBe(1);
    expect(stderr).toMatch(/kineto_a100_alexnet_rank0\.json\.gz: criticalPath: no event name contains the annotation "ProfilerStep"/);
    expect((await cli("trace", "critical-path", alexnet, "--instance", "2-1")).status).toBe(2);
  });

  it("counters flatten the operator stack and the counters into columns", async () => {
    const rows = await cliJson<Record<string, unknown>[]>("trace", "counters", gpuFixture("kineto_a100_cupti_counters.json.gz"));
    expect(rows.length).toBe(77);
    expect(rows[1]).toMatchObject({op_stack: "aten::conv2d > aten::convolution > aten::_convolution > aten::cudnn_convolution", "smsp__sass_thread_inst_executed_op_ffma_pred_on.sum": 9119334400});
  });

  it("usage errors: diff with one trace, energy without --power, a straggler analysis of one rank", async () => {
    expect((await cli("trace", "diff", nccl)).stderr).toMatch(/two traces/);
    expect((await cli("trace", "energy", nccl)).stderr).toMatch(/--power/);
    const one = await cli("trace", "stragglers", nccl);
    expect(one.status).not.toBe(0);
    expect(one.stderr).toMatch(/1 rank/);
  });

  it("energy of each step from a dmon log", async () => {
    // A hand-made trace whose baseTimeNanoseconds puts step 1 at 2024-03-15 13:58:01 UTC, 1 s long, and a dmon log at 100 → 300 W.
    const dir = mkdtempSync(join(tmpdir(), "benchstats-energy-"));
    const base = Date.UTC(2024, 2, 15, 13, 58, 1) * 1e6;
    const traceFile = join(dir, "trace.json");
    writeFileSync(traceFile, JSON.stringify({baseTimeNanoseconds: base, traceEvents: [{ph: "X", cat: "user_annotation", name: "ProfilerStep#1", ts: 0, dur: 1000000, pid: 1, tid: 1}]}));
    const log = join(dir, "dmon.txt");
    writeFileSync(log, "#Date       Time        gpu    pwr\n#YYYYMMDD   HH:MM:SS    Idx      W\n 20240315   13:58:01      0    100\n 20240315   13:58:02      0    300\n");
    const rows = await cliJson<Record<string, number>[]>("trace", "energy", traceFile, "--power", log);
    expect(rows).toEqual([{rank: 0, step: 1, start_us: base / 1000, dur_us: 1e6, samples: 2, energy_j: 200, mean_power_w: 200}]);
  });
});
