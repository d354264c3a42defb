import {booleanArg, intArg, optionsArg, reject} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {canonicalPositions, costsOf, orderCost, type ScoreTable} from "./table.js";
import {stronglyConnectedComponents} from "../core/strongly-connected.js";
import {cartesian, countOrders, lexSmallestOrder, listOrders, subsetDP} from "./kemeny-exact.js";
import {localSearch, startOrder, windowBound, windowSearch} from "./kemeny-heuristic.js";

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
  /** Set when some systems share no task with any other: their place in `order` is arbitrary. */
  warning?: string;
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
 * Order of the input rows: among co-optimal orders of an exactly solved block, the lexicographically
 * smallest in row indices is returned (so it follows the row order when several orders are optimal;
 * `allOrders` lists them all). A heuristically solved block is searched in a canonical order of its
 * systems (by their score rows, compared task by task, NaN last), so its answer does not depend on the
 * order of the rows either way.
 *
 * Arguments: a non-empty systems × tasks table of finite numbers or NaN, at most `LIMITS.rankedSystems`
 * systems (the cost matrix holds n² integers). A table in which no two systems share a scored task
 * throws (code `degenerate`): every order would cost 0. Systems that share no task with any other get
 * a `warning`, as their place is arbitrary.
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
  return kemenyWith(scores, options, true);
}

/**
 * The order of {@link kemeny} alone, for callers that use nothing else (consensusOrder, rank-interval
 * replicates): it skips the lower bound of the heuristic blocks (one exact subset DP per 16-system
 * window), which does not affect the order.
 */
export function kemenyOrder(scores: ScoreTable, options: KemenyOptions = {}): number[] {
  return kemenyWith(scores, options, false).order;
}

function kemenyWith(scores: ScoreTable, options: KemenyOptions, bound: boolean): KemenyResult {
  const checked = kemenyOptions(options, "kemeny");
  const cost = costsOf(scores, "kemeny");
  const n = scores.length;
  const isolated = uncompared(cost, n);
  if (n > 1 && isolated.length === n) {
    throw new BenchstatsError("degenerate", `kemeny: no two systems share a scored task (every cell is NaN or each system's tasks are its own), so every order costs 0`, {field: "scores"});
  }
  const result = solve(cost, n, checked, canonicalPositions(scores), bound);
  if (isolated.length) result.warning = `systems ${isolated.join(", ")} share no scored task with any other system; their place in the order is arbitrary`;
  return result;
}

/** The checked options of kemeny and kemenyFromCosts. */
function kemenyOptions(options: KemenyOptions | undefined, fn: string): Required<KemenyOptions> {
  const {exactLimit = 20, allOrders = false, maxOrders = 1000, decompose = true} = optionsArg(options, fn);
  intArg(exactLimit, "exactLimit", fn, {min: 1, max: 25});
  booleanArg(allOrders, "allOrders", fn);
  intArg(maxOrders, "maxOrders", fn, {min: 1, limit: "orders"});
  booleanArg(decompose, "decompose", fn);
  return {exactLimit, allOrders, maxOrders, decompose};
}

/** Systems compared with no other system (zero cost both ways against everyone). */
function uncompared(cost: Int32Array, n: number): number[] {
  const out: number[] = [];
  for (let u = 0; u < n; ++u) {
    let compared = false;
    for (let v = 0; v < n && !compared; ++v) if (u !== v && cost[u * n + v] + cost[v * n + u] > 0) compared = true;
    if (!compared) out.push(u);
  }
  return out;
}

/**
 * Kemeny on a precomputed doubled cost matrix (see {@link pairwiseCosts}), e.g. to reuse one matrix
 * across calls; same method and result as {@link kemeny}.
 *
 * @example kemenyFromCosts(pairwiseCosts(scores), scores.length).order;
 */
export function kemenyFromCosts(cost: Int32Array, n: number, options: KemenyOptions = {}): KemenyResult {
  const fn = "kemenyFromCosts";
  const checked = kemenyOptions(options, fn);
  intArg(n, "n", fn, {min: 1, limit: "rankedSystems", code: "type"});
  if (!(cost instanceof Int32Array) || cost.length !== n * n) reject("type", fn, "cost", `an Int32Array of n × n = ${n * n} doubled costs (pairwiseCosts)`, cost);
  for (let i = 0; i < cost.length; ++i) if (cost[i] < 0) reject("value", fn, "cost", "non-negative doubled costs", cost[i], {row: i});
  return solve(cost, n, checked, null);
}

/**
 * The method of {@link kemeny} on checked arguments. `rank`: the canonical position of each system, in
 * which heuristic blocks are searched (null: index order). `bound` false: skip the heuristic blocks'
 * lower bound (the order is the same; `optimal` is then false and `lowerBound` NaN for them).
 */
function solve(
  cost: Int32Array, n: number, {exactLimit, allOrders, maxOrders, decompose}: Required<KemenyOptions>, canonical: Int32Array | null, bound = true
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
      for (const i of lexSmallestOrder(h, local, k)) order.push(block[i]);
      lowerBound += h[(1 << k) - 1];
      if (blockOrderLists) {
        nOptimalOrders *= countOrders(h, local, k);
        blockOrderLists.push(listOrders(h, local, k, maxOrders).map((o) => o.map((i) => block[i])));
      }
    } else {
      if (canonical) {
        // Search in canonical order (see canonicalPositions), whatever the row order.
        block.sort((a, b) => canonical[a] - canonical[b]);
        for (let i = 0; i < k; ++i) for (let j = 0; j < k; ++j) local[i * k + j] = cost[block[i] * n + block[j]];
      }
      const local0 = windowSearch(local, k, localSearch(local, k, startOrder(local, k)), Math.min(exactLimit, 12));
      for (const i of local0) order.push(block[i]);
      const low = bound ? windowBound(local, k, local0, Math.min(exactLimit, 16)) : NaN;
      if (orderCost(local, k, local0) !== low) optimal = false;
      lowerBound += low;
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
