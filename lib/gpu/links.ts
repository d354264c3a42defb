import type {GpuEventTable} from "./events.js";

/**
 * For each event, the index of the host event that launched it: the CPU-side (`stream = −1`) event of the same
 * rank and correlation, preferring `cuda_runtime`, then `cuda_driver`, then any other kind (HTA links a GPU
 * event to its runtime call through the correlation id when it parses the file). −1 when there is none.
 * Internal helper of the idle-time, launch and queue analyses.
 */
export function launchingEvent(t: GpuEventTable): Int32Array {
  const rank = (kind: string) => (kind === "cuda_runtime" ? 0 : kind === "cuda_driver" ? 1 : 2);
  const kindRank = t.kinds.map(rank);
  const host = new Map<number, Map<number, number>>();
  for (let i = 0; i < t.length; ++i) {
    if (t.stream[i] !== -1 || t.correlation[i] < 0) continue;
    let m = host.get(t.rank[i]);
    if (!m) host.set(t.rank[i], (m = new Map()));
    const c = t.correlation[i];
    const prev = m.get(c);
    if (prev === undefined || kindRank[t.kind[i]] < kindRank[t.kind[prev]]) m.set(c, i);
  }
  const out = new Int32Array(t.length).fill(-1);
  for (let i = 0; i < t.length; ++i) {
    if (t.stream[i] === -1 || t.correlation[i] < 0) continue;
    const j = host.get(t.rank[i])?.get(t.correlation[i]);
    if (j !== undefined) out[i] = j;
  }
  return out;
}

/** Indices sorted by start time, stable. */
export function byStart(t: GpuEventTable, indices: number[]): number[] {
  return indices.sort((a, b) => t.start_us[a] - t.start_us[b] || a - b);
}
