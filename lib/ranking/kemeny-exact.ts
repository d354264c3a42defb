// Exact Kemeny on one block: the dynamic programme over subsets and the walks over its optimal orders.

/**
 * h[T] = optimal doubled cost of ordering the systems of bitmask T among themselves, by
 * h[T ∪ {v}] = min over v ∉ T of h[T] + Σ_{u∈T} cost(v before u) (v goes first).
 */
export function subsetDP(local: Int32Array, k: number): Int32Array {
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

export function lexSmallestOrder(h: Int32Array, local: Int32Array, k: number): number[] {
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

export function countOrders(h: Int32Array, local: Int32Array, k: number): number {
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

export function listOrders(h: Int32Array, local: Int32Array, k: number, max: number): number[][] {
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

export function cartesian(lists: number[][][], max: number): number[][] {
  let out: number[][] = [[]];
  for (const list of lists) {
    const next: number[][] = [];
    for (const head of out) for (const tail of list) if (next.length < max) next.push(head.concat(tail));
    out = next;
  }
  return out;
}
