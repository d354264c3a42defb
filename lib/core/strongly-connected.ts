/**
 * Strongly connected components of a directed graph given in compressed sparse row form: the
 * successors of u are `targets[offsets[u] .. offsets[u + 1])`. Tarjan's algorithm, iterative (no
 * recursion depth limit), O(V + E). Components come in Tarjan's emission order — every component is
 * emitted after all components it can reach, so sinks come first — with members ascending.
 *
 * Reference: R. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2), 1972.
 *
 * @example
 * // 0 ⇄ 1 → 2
 * stronglyConnectedComponents(Int32Array.of(0, 1, 3, 3), Int32Array.of(1, 0, 2)); // [[2], [0, 1]]
 */
export function stronglyConnectedComponents(offsets: Int32Array, targets: Int32Array): number[][] {
  const n = offsets.length - 1;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const edgePos = new Int32Array(n);
  const stack: number[] = [];
  const callStack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const enter = (v: number) => {
    index[v] = low[v] = counter++;
    edgePos[v] = offsets[v];
    stack.push(v);
    onStack[v] = 1;
    callStack.push(v);
  };
  for (let root = 0; root < n; ++root) {
    if (index[root] >= 0) continue;
    enter(root);
    while (callStack.length) {
      const v = callStack[callStack.length - 1];
      if (edgePos[v] < offsets[v + 1]) {
        const w = targets[edgePos[v]++];
        if (index[w] < 0) enter(w);
        else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      callStack.pop();
      if (callStack.length) {
        const parent = callStack[callStack.length - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component.sort((a, b) => a - b));
      }
    }
  }
  return components;
}
