import {readGpuEvents, readKineto} from "../../loaders/gpu/index.js";
import type {GpuEventTable} from "../../lib/gpu/index.js";
import {fixture} from "./helpers.js";

/** The bundled real traces the HTA fixtures were computed on (test/fixtures/gpu/hta/SOURCE.md), read once. */
const READERS: Record<string, () => Promise<GpuEventTable>> = {
  nccl: () => readGpuEvents(fixture("kineto_a100_nccl_2rank_rank0.json.gz")),
  alexnet: () => readGpuEvents(fixture("kineto_a100_alexnet_rank0.json.gz")),
  job128: () => readKineto([fixture("kineto_sampled_128rank_rank0.json.gz"), fixture("kineto_sampled_128rank_rank1.json.gz")]),
  mi250: () => readGpuEvents(fixture("kineto_mi250_rocm62_minitoy.json.gz")),
  cupti: () => readGpuEvents(fixture("kineto_a100_cupti_counters.json.gz"))
};
const cache = new Map<string, Promise<GpuEventTable>>();

export function realTrace(id: keyof typeof READERS | string): Promise<GpuEventTable> {
  let p = cache.get(id);
  if (!p) cache.set(id, (p = READERS[id]()));
  return p;
}

/** HTA's output for one analysis (JSON written by HTA outside the project). */
export async function htaFixture<T = any>(name: string): Promise<T> {
  const {readFileSync} = await import("node:fs");
  return JSON.parse(readFileSync(fixture(`hta/${name}`), "utf8")) as T;
}

/** |a − b| ≤ tol·max(1, |b|): HTA's pandas sums pairwise, so means and stds may differ in the last bits. */
export function close(a: number | null, b: number | null, tol = 1e-12): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}
