import {describe, expect, it} from "vitest";
import {stronglyConnectedComponents} from "../../lib/core/strongly-connected.js";

/** CSR form of an edge list on n nodes. */
function csr(n: number, edges: Array<[number, number]>) {
  const offsets = new Int32Array(n + 1);
  for (const [u] of edges) offsets[u + 1]++;
  for (let i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(edges.length);
  for (const [u, v] of edges) targets[fill[u]++] = v;
  return [offsets, targets] as const;
}

describe("stronglyConnectedComponents(offsets, targets)", () => {
  it("finds cycles as components and emits sinks first", () => {
    // 0 ⇄ 1 → 2 ⇄ 3, 4 alone
    const [o, t] = csr(5, [[0, 1], [1, 0], [1, 2], [2, 3], [3, 2]]);
    expect(stronglyConnectedComponents(o, t)).toEqual([[2, 3], [0, 1], [4]]);
  });

  it("agrees with mutual reachability on random graphs", () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let trial = 0; trial < 30; ++trial) {
      const n = 2 + Math.floor(next() * 12);
      const edges: Array<[number, number]> = [];
      for (let u = 0; u < n; ++u) for (let v = 0; v < n; ++v) if (u !== v && next() < 0.15) edges.push([u, v]);
      const reach = Array.from({length: n}, (_, i) => Array.from({length: n}, (_, j) => i === j));
      for (const [u, v] of edges) reach[u][v] = true;
      for (let k = 0; k < n; ++k) for (let i = 0; i < n; ++i) for (let j = 0; j < n; ++j) if (reach[i][k] && reach[k][j]) reach[i][j] = true;
      const components = stronglyConnectedComponents(...csr(n, edges));
      const id = new Array(n);
      components.forEach((c, k) => c.forEach((v) => (id[v] = k)));
      for (let i = 0; i < n; ++i) for (let j = 0; j < n; ++j) expect(id[i] === id[j]).toBe(reach[i][j] && reach[j][i]);
      // Emission order: a component can only reach components emitted before it.
      for (let i = 0; i < n; ++i) for (let j = 0; j < n; ++j) if (reach[i][j]) expect(id[j]).toBeLessThanOrEqual(id[i]);
    }
  });
});
