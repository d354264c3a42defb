import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {criticalPath} from "../../lib/gpu/index.js";
import {cpu, gpu, table} from "./helpers.js";
import {htaFixture, realTrace} from "./traces.js";

/** test/fixtures/gpu/hta/critical_path.json: HTA's CriticalPathAnalysis on the bundled traces (SOURCE.md). */
describe("criticalPath against HTA's critical_path_analysis", async () => {
  const ref = await htaFixture("critical_path.json");
  const traceOf: Record<string, string> = {alexnet: "alexnet", mi250: "mi250", job128: "job128", nccl: "nccl"};
  for (const [name, c] of Object.entries<any>(ref)) {
    it(`${name}: graph size, path node by node, edge types and weights, summary`, async () => {
      const events = await realTrace(traceOf[name.split("_")[0]]);
      const instance = Array.isArray(c.instance) ? (c.instance as [number, number]) : c.instance;
      const cp = criticalPath(events, {rank: c.rank, annotation: c.annotation, instance, ...(c.data_load_events ? {dataLoadEvents: c.data_load_events} : {})});
      expect(c.ok).toBe(true);
      expect(cp.graph).toEqual({nodes: c.nodes, edges: c.edges});
      expect(cp.length_us).toBe(c.length);
      expect(cp.nodes.length).toBe(c.path_length);
      const rows = cp.nodes.map((n, j) => {
        const e = cp.edges[j];
        return [n.ts, n.is_start, n.name, e?.type ?? null, e?.duration ?? null, e ? (e.event_idx >= 0 ? e.name : null) : null];
      });
      const stride = c.path_stride;
      expect(rows.filter((_, j) => j % stride === 0 || j === rows.length - 1)).toEqual(c.path);
      const summary = Object.fromEntries(cp.summary.map((s) => [s.bound_by, s.duration]));
      expect(summary).toEqual(c.summary);
      const types: Record<string, number> = {};
      for (const e of cp.edges) types[e.type] = (types[e.type] ?? 0) + 1;
      expect(types).toEqual(c.edge_types);
    });
  }

  it("the AlexNet trace's path runs through CUDA sync edges and both kinds of GPU delay", async () => {
    const cp = criticalPath(await realTrace("alexnet"), {annotation: ""});
    const types = new Set(cp.edges.map((e) => e.type));
    for (const t of ["critical_path_sync_dependency", "critical_path_kernel_launch_delay", "critical_path_kernel_kernel_delay"]) expect(types.has(t as any)).toBe(true);
    const pct = cp.summary.reduce((s, r) => s + r.percent, 0);
    expect(pct).toBeCloseTo(100, 9);
  });
});

describe("criticalPath on a hand-made iteration", () => {
  // An operator [0, 10] launches a kernel at 2–4; the kernel runs 5–25 on an empty stream.
  const rows = [
    cpu("ProfilerStep#1", 0, 30, {kind: "user_annotation"}),
    cpu("aten::mm", 0, 10, {kind: "cpu_op"}),
    cpu("cudaLaunchKernel", 2, 2, {corr: 1}),
    gpu("gemm", 5, 20, {corr: 1})
  ];
  it("op start → launch (2 µs of CPU), launch delay 3 µs, kernel 20 µs: 25 µs", () => {
    const cp = criticalPath(table(rows), {annotation: "ProfilerStep"});
    expect(cp.length_us).toBe(25);
    expect(cp.edges.map((e) => [e.type, e.duration, e.bound_by])).toEqual([
      ["critical_path_operator", 2, "cpu_bound"],
      ["critical_path_kernel_launch_delay", 3, "gpu_kernel_launch_overhead"],
      ["critical_path_operator", 20, "gpu_compute_bound"]
    ]);
    expect(cp.summary.map((s) => [s.bound_by, s.duration])).toEqual([["gpu_compute_bound", 20], ["gpu_kernel_launch_overhead", 3], ["cpu_bound", 2]]);
    expect(cp.graph).toEqual({nodes: 6, edges: 5});
  });
  it("a kernel that outlasts nothing: a long CPU tail wins instead", () => {
    const cp = criticalPath(table([...rows.slice(0, 1), cpu("aten::mm", 0, 100, {kind: "cpu_op"}), ...rows.slice(2)]), {annotation: "ProfilerStep"});
    expect(cp.length_us).toBe(100);
    expect(cp.summary[0]).toEqual({bound_by: "cpu_bound", duration: 100, percent: 100});
  });
  it("bad input: a located BenchstatsError", () => {
    const t = table(rows);
    expect(() => criticalPath(t, {annotation: "Nope"})).toThrow(/no event name contains the annotation "Nope"/);
    expect(() => criticalPath(t, {instance: 3})).toThrow(/instance 3 of "ProfilerStep" does not exist; the trace has 1/);
    expect(() => criticalPath(t, {instance: -1})).toThrow(BenchstatsError);
    expect(() => criticalPath(t, {rank: 4})).toThrow(/no events of rank 4/);
    expect(() => criticalPath(t, {dataLoadEvents: ["("]})).toThrow(/not a regular expression/);
    expect(() => criticalPath(table([cpu("ProfilerStep#1", 0, 30, {kind: "user_annotation"})]))).toThrow(/no dependent events/);
  });
});
