// Kemeny on a block too large for the exact programme: a Borda/Copeland start, insertion moves and
// exactly re-solved windows, with a lower bound that can prove the answer optimal.
import {orderCost} from "./table.js";
import {lexSmallestOrder, subsetDP} from "./kemeny-exact.js";

/** Better (lower cost) of the Borda order (fewest pairwise losses) and the Copeland order. */
export function startOrder(local: Int32Array, k: number): number[] {
  const borda = new Float64Array(k);
  const copeland = new Float64Array(k);
  for (let u = 0; u < k; ++u)
    for (let v = 0; v < k; ++v) {
      if (u === v) continue;
      borda[u] -= local[u * k + v];
      const d = local[v * k + u] - local[u * k + v];
      copeland[u] += d > 0 ? 1 : d === 0 ? 0.5 : 0;
    }
  const byScore = (s: Float64Array) => Array.from({length: k}, (_, i) => i).sort((a, b) => s[b] - s[a] || a - b);
  const a = byScore(borda);
  const b = byScore(copeland);
  return orderCost(local, k, a) <= orderCost(local, k, b) ? a : b;
}

/** Insertion local search: move single systems to their best position while that lowers the cost. */
export function localSearch(local: Int32Array, k: number, start: number[]): number[] {
  const order = start.slice();
  for (let improved = true; improved; ) {
    improved = false;
    for (let i = 0; i < k; ++i) {
      const x = order[i];
      let bestDelta = 0;
      let bestJ = i;
      let delta = 0;
      for (let j = i - 1; j >= 0; --j) {
        const y = order[j];
        delta += local[x * k + y] - local[y * k + x];
        if (delta < bestDelta) {
          bestDelta = delta;
          bestJ = j;
        }
      }
      delta = 0;
      for (let j = i + 1; j < k; ++j) {
        const y = order[j];
        delta += local[y * k + x] - local[x * k + y];
        if (delta < bestDelta) {
          bestDelta = delta;
          bestJ = j;
        }
      }
      if (bestJ !== i) {
        order.splice(i, 1);
        order.splice(bestJ, 0, x);
        improved = true;
      }
    }
  }
  return order;
}

/** Doubled cost matrix of the systems `members` (local indices) of a block. */
function subMatrix(local: Int32Array, k: number, members: number[]): Int32Array {
  const m = members.length;
  const sub = new Int32Array(m * m);
  for (let i = 0; i < m; ++i) for (let j = 0; j < m; ++j) sub[i * m + j] = local[members[i] * k + members[j]];
  return sub;
}

/**
 * Re-solves windows of `window` consecutive systems exactly (subset DP), sliding by half a window,
 * alternating with insertion moves, until a full sweep changes nothing. Reordering a window only
 * changes the pairs inside it, so each accepted move lowers the total cost.
 */
export function windowSearch(local: Int32Array, k: number, start: number[], window: number): number[] {
  let order = start.slice();
  const step = Math.max(1, window >> 1);
  for (let sweep = 0; sweep < 50; ++sweep) {
    let improved = false;
    for (let from = 0; from < k - 1; from += step) {
      const members = order.slice(from, Math.min(k, from + window));
      const m = members.length;
      const sub = subMatrix(local, k, members);
      const h = subsetDP(sub, m);
      const before = orderCost(sub, m, Array.from({length: m}, (_, i) => i));
      if (h[(1 << m) - 1] < before) {
        const best = lexSmallestOrder(h, sub, m).map((i) => members[i]);
        order.splice(from, m, ...best);
        improved = true;
      }
      if (from + window >= k) break;
    }
    const moved = localSearch(local, k, order);
    if (orderCost(local, k, moved) < orderCost(local, k, order)) {
      order = moved;
      improved = true;
    }
    if (!improved) break;
  }
  return order;
}

/**
 * Lower bound on the optimal doubled cost of a block: cut `order` into consecutive chunks of
 * `window` systems; any order pays at least each chunk's own optimum for the pairs inside chunks,
 * and at least min(cost(u,v), cost(v,u)) for every pair split between chunks.
 */
export function windowBound(local: Int32Array, k: number, order: number[], window: number): number {
  let bound = 0;
  const chunkOf = new Int32Array(k);
  for (let from = 0, c = 0; from < k; from += window, ++c) {
    const members = order.slice(from, from + window);
    for (const i of members) chunkOf[i] = c;
    const m = members.length;
    bound += subsetDP(subMatrix(local, k, members), m)[(1 << m) - 1];
  }
  for (let i = 0; i < k; ++i)
    for (let j = i + 1; j < k; ++j) if (chunkOf[i] !== chunkOf[j]) bound += Math.min(local[i * k + j], local[j * k + i]);
  return bound;
}
