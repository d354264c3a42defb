import {describe, expect, it} from "vitest";
import {gpuEventTable, prepareHtaTrace} from "../../lib/gpu/index.js";
import {readGpuEvents} from "../../loaders/gpu/index.js";
import {fixture} from "./helpers.js";

/** The value of arg `key` on every event of a kind that has it, in table order. */
function argValues(events: Awaited<ReturnType<typeof readGpuEvents>>, key: string, kind: string): number[] {
  const column = events.args?.[key];
  const out: number[] = [];
  if (!column) return out;
  for (let i = 0; i < events.length; ++i) if (events.kinds[events.kind[i]] === kind && !Number.isNaN(column[i])) out.push(column[i]);
  return out;
}

describe("numeric event args kept for the analyses", () => {
  it("keeps bytes and bandwidth of memcpys and the occupancy of kernels (AlexNet: values checked with Python's json module)", async () => {
    const events = await readGpuEvents(fixture("kineto_a100_alexnet_rank0.json.gz"));
    const bytes = argValues(events, "bytes", "gpu_memcpy");
    // 16 memcpys, the first one HtoD of 92,928 bytes at 7.744 GB/s (json.load of the trace).
    expect(bytes.length).toBe(16);
    expect(bytes[0]).toBe(92928);
    expect(argValues(events, "memory bandwidth (GB/s)", "gpu_memcpy")[0]).toBe(7.744);
    expect(argValues(events, "est. achieved occupancy %", "kernel")[0]).toBe(63);
    // CPU-side events never carry them: NaN, not 0.
    expect(argValues(events, "bytes", "cpu_op")).toEqual([]);
    expect(events.ranks[0].devices?.[0]).toMatchObject({id: 0, name: "NVIDIA A100-PG509-200", numSms: 108, computeMajor: 8});
    expect(events.ranks[0].worldSize).toBeUndefined();
  });

  it("keeps every CUPTI counter of cuda_profiler_range events", async () => {
    const events = await readGpuEvents(fixture("kineto_a100_cupti_counters.json.gz"));
    const ffma = argValues(events, "smsp__sass_thread_inst_executed_op_ffma_pred_on.sum", "cuda_profiler_range");
    expect(ffma.length).toBe(77);
    expect(Object.keys(events.args!).filter((k) => k.startsWith("smsp__")).length).toBe(9);
  });

  it("reads world_size from distributedInfo", async () => {
    const events = await readGpuEvents(fixture("kineto_a100_nccl_2rank_rank0.json.gz"));
    expect(events.ranks[0].worldSize).toBe(2);
  });

  it("gives nsys memcpys and memsets their bytes and bytes/ns as GB/s", async () => {
    const events = await readGpuEvents(fixture("nsys_concurrent_s1.sqlite.gz"));
    const bytes = argValues(events, "bytes", "gpu_memcpy");
    expect(bytes.length).toBe(30);
    expect(argValues(events, "bytes", "gpu_memset").length).toBe(17);
    const bw = events.args!["memory bandwidth (GB/s)"];
    for (let i = 0; i < events.length; ++i) {
      if (events.kinds[events.kind[i]] !== "gpu_memcpy") continue;
      // dur_us·1000 ns; bytes per ns is GB/s.
      expect(bw[i]).toBeCloseTo(events.args!.bytes[i] / (events.dur_us[i] * 1000), 9);
    }
  });

  it("carries args through HTA's loading rules (the join repeats a row with its args)", async () => {
    const events = await readGpuEvents(fixture("kineto_a100_nccl_2rank_rank0.json.gz"));
    const t = prepareHtaTrace(events);
    expect(Object.keys(t.args!).sort()).toEqual(Object.keys(events.args!).sort());
    expect(t.args!.bytes.length).toBe(t.length);
  });

  it("a table built from rows has no args", () => {
    const t = gpuEventTable([{rank: 0, device: 0, stream: 7, kind: "kernel", name: "k", start_us: 0, dur_us: 1, correlation: 1}]);
    expect(t.args).toBeUndefined();
  });
});
