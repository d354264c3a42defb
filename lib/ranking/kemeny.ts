import {BenchstatsError} from "../core/errors.js";
import {orderCost, pairwiseCosts, type ScoreTable} from "./table.js";
import {stronglyConnectedComponents} from "../core/strongly-connected.js";

export interface KemenyOptions {
  /**
   * Largest block of mutually non-dominated systems solved exactly by the subset DP (default 20,
   * at most 25: memory is 4·2^k bytes, time O(2^k k²)). Larger blocks use Borda/Copeland + local
   * search and report a lower bound.
   */
  exactLimit?: number;
  /** Also return every co-optimal order (up to `maxOrders`) and their number. Default false. */
  allOrders?: boolean;
  /** Cap on the number of co-optimal orders listed (default 1000); `nOptimalOrders` is exact anyway. */
  maxOrders?: number;
  /**
   * Split the systems into dominance blocks first (default true). `false` runs one DP over all
   * systems (or one heuristic search), which is slower and only useful to check the decomposition.
   */
  decompose?: boolean;
}

export interface KemenyResult {
  /** System indices, best first: the lexicographically smallest optimal order when `optimal`. */
  order: number[];
  /** Summed Kendall distance of `order` to the task rankings (ties ½, missing pairs 0). */
  cost: number;
  /** True when `order` is proven optimal (exact DP on every block, or cost = lower bound). */
  optimal: boolean;
  /** A lower bound on the optimal cost (equals `cost` when optimal). */
  lowerBound: number;
  /** Sizes of the blocks (strongly connected components of the weak-majority graph), best block first. */
  blocks: number[];
  /** Every co-optimal order (with `allOrders`, capped at `maxOrders`). */
  orders?: number[][];
  /** Number of co-optimal orders (with `allOrders`; only when `optimal`). */
  nOptimalOrders?: number;
}

/**
 * Kemeny consensus of the task rankings of a score table: the strict order σ minimising
 * Σ_tasks d_K(σ, σ_t), where a pair ordered against task t costs 1, a pair tied in t costs ½ and a
 * pair with a missing score in t costs 0 (the conventions of test/fixtures/ranking/kemeny_small.json).
 *
 * Method: (1) pairwise cost matrix, (2) split the systems into blocks, the strongly connected
 * components of the graph u → v when u is weakly preferred to v (cost(u before v) ≤ cost(v before
 * u)): between blocks every preference is strict, so every optimal order lists the blocks in
 * dominance order (extended Condorcet criterion, Truchon 1998; an adjacent swap across blocks would
 * strictly lower the cost); (3) solve each block exactly by dynamic programming over subsets
 * h(T ∪ {v}) = min_v h(T) + Σ_{u∈T} cost(v before u) on Int32 arrays (costs doubled to integers), or,
 * for blocks above `exactLimit`, start from the better of Borda and Copeland and improve by
 * insertion moves and by re-solving windows of consecutive systems exactly until neither helps (a
 * heuristic; windows of 12). Its lower bound cuts the order into consecutive chunks of ≤ 16 systems: Σ chunks' exact
 * optima + Σ over pairs in different chunks of min(cost(u,v), cost(v,u)); when it meets the cost,
 * the heuristic answer is proven optimal.
 *
 * Reference: Kemeny (1959); Colombo et al. (NeurIPS 2022) use Borda as a Kemeny approximation;
 * the exact subset DP is the Held–Karp-style algorithm of Betzler et al. (2009). Our optimal costs
 * agree with brute force over all n! orders (tests) and with kemeny_small.json.
 *
 * @example
 * kemeny([[3, 1, 2], [2, 3, 1], [1, 2, 3]]); // {order: [0, 1, 2], cost: 4, optimal: true, …}
 * kemeny(scores, {allOrders: true}).nOptimalOrders;
 */
export function kemeny(scores: ScoreTable, options: KemenyOptions = {}): KemenyResult {
  const {exactLimit = 20, allOrders = false, maxOrders = 1000, decompose = true} = options;
  if (!(exactLimit >= 1 && exactLimit <= 25) || !Number.isInteger(exactLimit)) {
    throw new BenchstatsError("option", `kemeny: exactLimit must be an integer in 1..25, got ${exactLimit}`);
  }
  const n = scores.length;
  const cost = pairwiseCosts(scores);
  return kemenyFromCosts(cost, n, {exactLimit, allOrders, maxOrders, decompose});
}

/**
 * Kemeny on a precomputed doubled cost matrix (see {@link pairwiseCosts}), e.g. to reuse one matrix
 * across calls; same method and result as {@link kemeny}.
 *
 * @example kemenyFromCosts(pairwiseCosts(scores), scores.length).order;
 */
export function kemenyFromCosts(
  cost: Int32Array,
  n: number,
  {exactLimit = 20, allOrders = false, maxOrders = 1000, decompose = true}: KemenyOptions = {}
): KemenyResult {
  const blocks = decompose ? dominanceBlocks(cost, n) : [Array.from({length: n}, (_, i) => i)];
  const order: number[] = [];
  let optimal = true;
  let lowerBound = 0;
  let blockOrderLists: number[][][] | null = allOrders ? [] : null;
  let nOptimalOrders = 1;
  for (const block of blocks) {
    const k = block.length;
    const local = new Int32Array(k * k);
    for (let i = 0; i < k; ++i) for (let j = 0; j < k; ++j) local[i * k + j] = cost[block[i] * n + block[j]];
    if (k <= exactLimit) {
      const h = subsetDP(local, k);
      order.push(...lexSmallestOrder(h, local, k).map((i) => block[i]));
      lowerBound += h[(1 << k) - 1];
      if (blockOrderLists) {
        nOptimalOrders *= countOrders(h, local, k);
        blockOrderLists.push(listOrders(h, local, k, maxOrders).map((o) => o.map((i) => block[i])));
      }
    } else {
      const local0 = windowSearch(local, k, localSearch(local, k, startOrder(local, k)), Math.min(exactLimit, 12));
      order.push(...local0.map((i) => block[i]));
      const bound = windowBound(local, k, local0, Math.min(exactLimit, 16));
      if (orderCost(local, k, local0) !== bound) optimal = false;
      lowerBound += bound;
      blockOrderLists = null;
    }
  }
  // Costs between blocks are fixed by the block order.
  for (let a = 0; a < blocks.length; ++a)
    for (let b = a + 1; b < blocks.length; ++b)
      for (const u of blocks[a]) for (const v of blocks[b]) lowerBound += cost[u * n + v];
  const total = orderCost(cost, n, order);
  const result: KemenyResult = {order, cost: total / 2, optimal, lowerBound: lowerBound / 2, blocks: blocks.map((b) => b.length)};
  if (allOrders && blockOrderLists && optimal) {
    result.nOptimalOrders = nOptimalOrders;
    result.orders = cartesian(blockOrderLists, maxOrders);
  }
  return result;
}

/**
 * Strongly connected components of the weak-preference graph, in dominance order (best first),
 * members ascending. Tarjan's algorithm (iterative), O(n²) on the dense graph.
 */
function dominanceBlocks(cost: Int32Array, n: number): number[][] {
  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(n * (n - 1));
  let m = 0;
  for (let u = 0; u < n; ++u) {
    for (let v = 0; v < n; ++v) if (u !== v && cost[u * n + v] <= cost[v * n + u]) targets[m++] = v;
    offsets[u + 1] = m;
  }
  // Tarjan emits sinks first; a sink here is the weakest block.
  return stronglyConnectedComponents(offsets, targets).reverse();
}

/**
 * h[T] = optimal doubled cost of ordering the systems of bitmask T among themselves, by
 * h[T ∪ {v}] = min over v ∉ T of h[T] + Σ_{u∈T} cost(v before u) (v goes first).
 */
function subsetDP(local: Int32Array, k: number): Int32Array {
  const size = 1 << k;
  const h = new Int32Array(size).fill(0x7fffffff);
  h[0] = 0;
  const transposed = new Int32Array(k * k);
  for (let u = 0; u < k; ++u) for (let v = 0; v < k; ++v) transposed[u * k + v] = local[v * k + u];
  const acc = new Int32Array(k);
  for (let set = 0; set < size; ++set) {
    const base = h[set];
    acc.fill(0);
    for (let rest = set; rest !== 0; rest &= rest - 1) {
      const u = 31 - Math.clz32(rest & -rest);
      const row = u * k;
      for (let v = 0; v < k; ++v) acc[v] += transposed[row + v];
    }
    for (let v = 0; v < k; ++v) {
      const bit = 1 << v;
      if (set & bit) continue;
      const candidate = base + acc[v];
      const next = set | bit;
      if (candidate < h[next]) h[next] = candidate;
    }
  }
  return h;
}

/** Cost of putting v first in front of the systems of `rest`. */
function frontCost(local: Int32Array, k: number, v: number, rest: number): number {
  let s = 0;
  for (let r = rest; r !== 0; r &= r - 1) s += local[v * k + (31 - Math.clz32(r & -r))];
  return s;
}

function lexSmallestOrder(h: Int32Array, local: Int32Array, k: number): number[] {
  const order: number[] = [];
  let set = (1 << k) - 1;
  while (set) {
    for (let v = 0; v < k; ++v) {
      const bit = 1 << v;
      if (!(set & bit)) continue;
      const rest = set ^ bit;
      if (h[rest] + frontCost(local, k, v, rest) === h[set]) {
        order.push(v);
        set = rest;
        break;
      }
    }
  }
  return order;
}

function countOrders(h: Int32Array, local: Int32Array, k: number): number {
  const memo = new Map<number, number>();
  const count = (set: number): number => {
    if (set === 0) return 1;
    const known = memo.get(set);
    if (known !== undefined) return known;
    let ways = 0;
    for (let v = 0; v < k; ++v) {
      const bit = 1 << v;
      if (!(set & bit)) continue;
      const rest = set ^ bit;
      if (h[rest] + frontCost(local, k, v, rest) === h[set]) ways += count(rest);
    }
    memo.set(set, ways);
    return ways;
  };
  return count((1 << k) - 1);
}

function listOrders(h: Int32Array, local: Int32Array, k: number, max: number): number[][] {
  const out: number[][] = [];
  const prefix: number[] = [];
  const walk = (set: number) => {
    if (out.length >= max) return;
    if (set === 0) {
      out.push(prefix.slice());
      return;
    }
    for (let v = 0; v < k; ++v) {
      const bit = 1 << v;
      if (!(set & bit)) continue;
      const rest = set ^ bit;
      if (h[rest] + frontCost(local, k, v, rest) === h[set]) {
        prefix.push(v);
        walk(rest);
        prefix.pop();
      }
    }
  };
  walk((1 << k) - 1);
  return out;
}

function cartesian(lists: number[][][], max: number): number[][] {
  let out: number[][] = [[]];
  for (const list of lists) {
    const next: number[][] = [];
    for (const head of out) for (const tail of list) if (next.length < max) next.push(head.concat(tail));
    out = next;
  }
  return out;
}

/** Better (lower cost) of the Borda order (fewest pairwise losses) and the Copeland order. */
function startOrder(local: Int32Array, k: number): number[] {
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
function localSearch(local: Int32Array, k: number, start: number[]): number[] {
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
function windowSearch(local: Int32Array, k: number, start: number[], window: number): number[] {
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
function windowBound(local: Int32Array, k: number, order: number[], window: number): number {
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
