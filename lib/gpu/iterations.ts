import type {GpuEventTable} from "./events.js";
import {gpuKernelMask} from "./prepare.js";

const STEP = /^ProfilerStep\s*#\s*(\d+)/;

/** The iteration number of a `ProfilerStep#N` name, or −1. */
export function stepNumber(name: string): number {
  const m = STEP.exec(name);
  return m ? Number(m[1]) : -1;
}

/**
 * HTA's `iteration` of every event (`hta/common/trace.py`, `add_iteration`), −1 where none applies:
 * - a CPU-side event (`stream < 0`, or a `cpu_op` on stream 0) takes the number of the `ProfilerStep#N` of its rank
 *   whose interval `[ts, ts + dur)` holds its start (the last such step in table order, as HTA's loop keeps the last);
 * - a GPU event (`stream > 0`) takes the iteration of the CPU-side event with its correlation (the last one in
 *   table order, as HTA's correlation index keeps the last match);
 * - anything else (stream 0 outside `cpu_op`, a GPU event without a launching event) is −1.
 * `start` and `dur` are the times to use (HTA computes iterations on its rounded times).
 * Internal helper of traceDiff and stragglers.
 */
export function eventIterations(t: GpuEventTable, start: Float64Array, dur: Float64Array): Int32Array {
  const n = t.length;
  const stepOfName = t.names.map(stepNumber);
  const cpuOp = t.kinds.indexOf("cpu_op");
  const isKernel = gpuKernelMask(t);
  const steps = new Map<number, number[]>();
  for (let i = 0; i < n; ++i) {
    if (stepOfName[t.name[i]] < 0 || isKernel[i]) continue;
    const list = steps.get(t.rank[i]);
    if (list) list.push(i);
    else steps.set(t.rank[i], [i]);
  }
  const out = new Int32Array(n).fill(-1);
  const cpuSide = (i: number) => t.stream[i] < 0 || (t.stream[i] === 0 && t.kind[i] === cpuOp);
  for (let i = 0; i < n; ++i) {
    if (!cpuSide(i)) continue;
    const list = steps.get(t.rank[i]);
    if (!list) continue;
    const ts = start[i];
    // Steps are few; the last containing step in table order wins, as in HTA.
    for (let k = list.length - 1; k >= 0; --k) {
      const s = list[k];
      if (start[s] <= ts && ts < start[s] + dur[s]) {
        out[i] = stepOfName[t.name[s]];
        break;
      }
    }
  }
  // GPU kernels inherit the iteration of their CPU-side partner (same rank and correlation).
  const partner = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; ++i) {
    if (isKernel[i] || t.correlation[i] === -1) continue;
    let m = partner.get(t.rank[i]);
    if (!m) partner.set(t.rank[i], (m = new Map()));
    m.set(t.correlation[i], i);
  }
  for (let i = 0; i < n; ++i) {
    if (!(t.stream[i] > 0) || !isKernel[i]) continue;
    const p = partner.get(t.rank[i])?.get(t.correlation[i]);
    if (p !== undefined) out[i] = out[p];
  }
  return out;
}

/** The iteration numbers named by `ProfilerStep#N` events of any rank, ascending (HTA's `iterations()`). */
export function stepNumbers(t: GpuEventTable): number[] {
  const present = new Uint8Array(t.names.length);
  for (let i = 0; i < t.length; ++i) present[t.name[i]] = 1;
  const out = new Set<number>();
  t.names.forEach((name, id) => {
    const s = stepNumber(name);
    if (s >= 0 && present[id]) out.add(s);
  });
  return [...out].sort((a, b) => a - b);
}
