import {describe, expect, it} from "vitest";
import {commCompOverlap, kernelBreakdown, temporalBreakdown} from "../../lib/gpu/index.js";
import {readGpuEvents} from "../../loaders/gpu/index.js";
import {fixture} from "./helpers.js";

// Reference values: HTA's own outputs on its 2-rank NCCL sample, rank 0 (computed with
// HolisticTraceAnalysis f4d0062c). All are integer µs after HTA's rounding, so they must match exactly.
describe("HTA analyses on the real 2-rank NCCL trace (rank 0)", async () => {
  const events = await readGpuEvents(fixture("kineto_a100_nccl_2rank_rank0.json.gz"));

  it("matches HTA's compute time with rounding (75169 µs) and the raw-float value without (76936 µs)", () => {
    const [hta] = temporalBreakdown(events);
    expect(hta["compute_time(us)"]).toBe(75169);
    // The decomposition is exact: idle + compute + non-compute = kernel time.
    expect(hta["idle_time(us)"] + hta["compute_time(us)"] + hta["non_compute_time(us)"]).toBe(hta["kernel_time(us)"]);
    const [exact] = temporalBreakdown(events, {mode: "exact"});
    expect(Math.round(exact["compute_time(us)"])).toBe(76936);
  });

  it("matches HTA's kernel-type overlap sums", () => {
    const sums = Object.fromEntries(kernelBreakdown(events).kernelTypes.map((r) => [r.kernel_type, r.sum]));
    expect(sums).toEqual({
      COMPUTATION: 71696,
      COMMUNICATION: 20621,
      "COMPUTATION overlapping COMMUNICATION": 3473,
      MEMORY: 831,
      "COMMUNICATION overlapping MEMORY": 184
    });
  });

  it("overlap = COMP∩COMM time / merged COMM time, consistent with the kernel-type frame", () => {
    // The COMP∩COMM segment sum (3473) is the overlap numerator; merged COMM = 20621 + 3473 + 184 = 24278.
    const [row] = commCompOverlap(events);
    expect(row["overlap_time(us)"]).toBe(3473);
    expect(row["comm_time(us)"]).toBe(24278);
    expect(row.comp_comm_overlap_pctg).toBe(14.31);
  });
});
