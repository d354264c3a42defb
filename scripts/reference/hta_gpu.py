#!/usr/bin/env python3
"""Writes HTA's own outputs on the bundled GPU traces: the reference fixtures of test/fixtures/gpu/hta.

Runs Holistic Trace Analysis (facebookresearch/HolisticTraceAnalysis, from a checkout of its source) OUTSIDE
the project: it only imports HTA from the folder given, reads the traces of test/fixtures/gpu, and writes JSON. No
HTA code is copied into the project; only these outputs are committed. Each trace is copied into a folder of its
own (HTA reads every trace file of a folder as one job); the two 128-rank files go together as one 2-rank job.

Usage (Debian's python3 with pandas, numpy, networkx, plotly; run from the project root):
    /usr/bin/python3 scripts/reference/hta_gpu.py --hta PATH/TO/HolisticTraceAnalysis --out /tmp/hta-out
    diff against test/fixtures/gpu/hta, or copy the files there.

Outputs (DataFrame.to_dict(orient="records"), NaN → null), as listed in test/fixtures/gpu/hta/SOURCE.md:
memory_bw.json, blocked_queue.json, cupti_counters.json, cupti_counters_none.json, trace_diff.json, stragglers.json,
critical_path.json.
"""
import argparse
import gzip
import json
import logging
import math
import os
import shutil
import sys
import tempfile

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "gpu")
TRACES = {
    "nccl": ["kineto_a100_nccl_2rank_rank0.json.gz"],
    "alexnet": ["kineto_a100_alexnet_rank0.json.gz"],
    "mi250": ["kineto_mi250_rocm62_minitoy.json.gz"],
    "job128": ["kineto_sampled_128rank_rank0.json.gz", "kineto_sampled_128rank_rank1.json.gz"],
    "cupti": ["kineto_a100_cupti_counters.json.gz"],
}


def clean(value):
    """JSON-safe: NaN/inf → None, numpy scalars → Python numbers."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def records(df):
    return clean(df.to_dict(orient="records")) if df is not None else []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hta", required=True, help="folder holding HTA's package (the one with hta/)")
    parser.add_argument("--out", required=True, help="folder to write the JSON files to")
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.hta))
    logging.disable(logging.WARNING)
    from hta.analyzers.straggler import _compute_normalized_start_time_of_significant_comm_kernels
    from hta.trace_analysis import TraceAnalysis
    from hta.trace_diff import LabeledTrace, TraceDiff
    import pandas as pd

    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="hta-ref-")
    dirs = {}
    for key, files in TRACES.items():
        d = os.path.join(work, key)
        os.makedirs(d)
        for f in files:
            # HTA reads .json.gz directly; keep the names so the rank comes from distributedInfo.
            shutil.copy(os.path.join(FIXTURES, f), os.path.join(d, f))
        dirs[key] = d
    analyses = {key: TraceAnalysis(trace_dir=d) for key, d in dirs.items() if key != "cupti"}
    ranks = {key: sorted(ta.t.traces.keys()) for key, ta in analyses.items()}

    def write(name, data):
        with open(os.path.join(args.out, name), "w") as fh:
            json.dump(clean(data), fh, indent=1, sort_keys=True)
            fh.write("\n")

    # Memory bandwidth: summary (describe() columns flattened) and time series per rank.
    memory_bw = {}
    for key, ta in analyses.items():
        summary = ta.get_memory_bw_summary(ranks=ranks[key])
        if summary is not None and len(summary):
            summary = summary.reset_index()
            summary.columns = [c if isinstance(c, str) else (c[-1] or c[0]) for c in summary.columns]
        series = ta.get_memory_bw_time_series(ranks=ranks[key])
        memory_bw[key] = {
            "summary": records(summary) if summary is not None else [],
            "series": {str(r): records(df[["ts", "pid", "name", "memory_bw_gbps"]]) for r, df in series.items()},
        }
    write("memory_bw.json", memory_bw)

    # Time blocked on a full queue, for several queue limits.
    blocked = {}
    for key, ta in analyses.items():
        q = ta.get_queue_length_time_series(ranks=ranks[key])
        out = {"trace_duration": {str(r): int(ta.t.get_trace_duration(r)) for r in ranks[key]}}
        for limit in [1024, 16, 8, 4, 2]:
            out[str(limit)] = records(ta.get_time_spent_blocked_on_full_queue(q, max_queue_length=limit))
        blocked[key] = out
    write("blocked_queue.json", blocked)

    # CUPTI counters with the operators that launched each kernel.
    cupti = TraceAnalysis(trace_dir=dirs["cupti"]).get_cupti_counter_data_with_operators()[0]
    counters = sorted(c for c in cupti.columns if c.startswith("smsp__"))
    keep = ["name", "ts", "dur", "op_stack", "top_level_op", "bottom_level_op", *counters]
    write("cupti_counters.json", {"counters": counters, "rows": records(cupti[keep])})
    write("cupti_counters_none.json", {"alexnet": len(analyses["alexnet"].get_cupti_counter_data_with_operators())})

    # Trace comparison: two steps of the NCCL trace, and two ranks of the 128-rank job.
    from hta.trace_diff import DeviceType
    nccl = LabeledTrace("control", trace_dir=dirs["nccl"])
    nccl_test = LabeledTrace("test", trace_dir=dirs["nccl"])
    job = LabeledTrace("control", trace_dir=dirs["job128"])
    job_test = LabeledTrace("test", trace_dir=dirs["job128"])

    def compare(control, test, **kw):
        return records(TraceDiff.compare_traces(control, test, **kw).reset_index())

    diff = {
        "nccl_steps_4_5": {
            "iterations": clean(nccl.iterations()),
            "all": compare(nccl, nccl_test, control_iteration=4, test_iteration=5),
            "gpu": compare(nccl, nccl_test, control_iteration=4, test_iteration=5, device_type=DeviceType.GPU),
            "cpu_short": compare(nccl, nccl_test, control_iteration=4, test_iteration=5, device_type=DeviceType.CPU, use_short_name=True),
            "ops_diff": clean(TraceDiff.ops_diff(nccl, nccl_test, control_iteration=4, test_iteration=[5, 6])),
        },
        "job128_rank0_rank1": {
            "iterations": clean(job.iterations()),
            "all": compare(job, job_test, control_rank=0, test_rank=1),
        },
    }
    write("trace_diff.json", diff)

    # Stragglers on the 2-rank job: the steps, HTA's answer for one and two candidates, and its metric frame.
    ta = analyses["job128"]
    steps = ta.get_profiler_steps()
    df_all = pd.concat([ta.t.get_trace(r) for r in ranks["job128"]], axis=0, keys=ranks["job128"], names=["rank", "idx"]).reset_index()
    metric, _ = _compute_normalized_start_time_of_significant_comm_kernels(df_all.loc[df_all["iteration"].isin(steps)], ta.t.symbol_table)
    metric = metric[["rank", "iteration", "stream", "name", "ts", "dur", "normalized_start_time", "duration"]].copy()
    metric["name"] = metric["name"].map(ta.t.symbol_table.get_sym_table().__getitem__)
    write("stragglers.json", {
        "steps": clean(steps),
        "candidates_1": clean(ta.get_potential_stragglers(num_candidates=1)),
        "candidates_2": clean(ta.get_potential_stragglers(num_candidates=2)),
        "metric": records(metric),
    })

    # Critical path of one iteration (HTA's CriticalPathAnalysis): graph size, path, edges and the summary.
    from hta.analyzers.critical_path_analysis import CriticalPathAnalysis
    cases = [
        ("alexnet_whole", "alexnet", 0, "", 0, None, True),  # no ProfilerStep: the whole trace; has CUDA sync events
        ("mi250_step0", "mi250", 0, "ProfilerStep", 0, None, True),
        ("job128_rank0_step0", "job128", 0, "ProfilerStep", 0, None, True),
        ("job128_rank1_step0", "job128", 1, "ProfilerStep", 0, None, False),
        ("job128_rank0_step0_dataload", "job128", 0, "ProfilerStep", 0, ["aten::copy_"], False),
        ("nccl_step0", "nccl", 0, "ProfilerStep", 0, None, False),
        ("nccl_steps1_2", "nccl", 0, "ProfilerStep", (1, 2), None, False),
    ]
    critical = {}
    for case, key, rank, annotation, instance, data_load, full in cases:
        trace = analyses[key].t
        graph, ok = CriticalPathAnalysis.critical_path_analysis(trace, rank, annotation, instance, data_load_events=data_load)
        symbols = trace.symbol_table.get_sym_table()
        frame = trace.get_trace(rank)

        def name_of(ev):
            return symbols[int(frame.name.loc[ev])] if ev is not None and ev >= 0 else None

        path = graph.critical_path_nodes
        edges = [graph.edges[u, v]["object"] for u, v in zip(path, path[1:])]
        breakdown = graph.get_critical_path_breakdown()
        out = {
            "ok": ok, "rank": rank, "annotation": annotation, "instance": instance, "data_load_events": data_load,
            "nodes": len(graph.node_list), "edges": graph.number_of_edges(),
            "length": sum(graph.edges[u, v]["weight"] for u, v in zip(path, path[1:])),
            "summary": {k: float(v) for k, v in breakdown.groupby("bound_by").duration.sum().items()},
            "edge_types": {k: int(v) for k, v in breakdown.groupby("type").duration.count().items()},
        }
        rows = []
        for u, v, e in zip(path, path[1:], edges):
            ev = graph.get_event_attribution_for_edge(e)
            node = graph.node_list[u]
            rows.append([int(node.ts), bool(node.is_start), name_of(node.ev_idx), e.type.value, int(e.weight), name_of(ev)])
        last = graph.node_list[path[-1]]
        rows.append([int(last.ts), bool(last.is_start), name_of(last.ev_idx), None, None, None])
        # Every node of the small paths; every 50th of the long NCCL ones (the first and last always).
        out["path"] = rows if full else [r for j, r in enumerate(rows) if j % 50 == 0 or j == len(rows) - 1]
        out["path_length"] = len(rows)
        out["path_stride"] = 1 if full else 50
        critical[case] = out
    # One path row per line (the paths are long); the rest as the other files.
    with open(os.path.join(args.out, "critical_path.json"), "w") as fh:
        fh.write("{\n")
        for n, (case, out) in enumerate(critical.items()):
            head = {k: v for k, v in out.items() if k != "path"}
            fh.write(f" {json.dumps(case)}: {json.dumps(clean(head), sort_keys=True)[:-1]}, \"path\": [\n")
            fh.write(",\n".join("  " + json.dumps(clean(r)) for r in out["path"]))
            fh.write("\n ]}" + (",\n" if n + 1 < len(critical) else "\n"))
        fh.write("}\n")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
