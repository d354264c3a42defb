import {stronglyConnectedComponents} from "../core/strongly-connected.js";
/**
 * Identifiability diagnostics of a comparison graph: an edge loser → winner for every observed win.
 *
 * The Bradley–Terry / Plackett–Luce maximum-likelihood estimate exists and is unique (up to the
 * common shift of log-strengths) iff this directed graph is strongly connected (Ford 1957; Hunter
 * 2004, Assumption 1): otherwise some group of items beats everyone outside it and its strengths run
 * off to infinity. `undefeated` items never lose, `winless` items never win, `unobserved` items never
 * appear; each alone breaks strong connectivity.
 */
export interface ComparisonDiagnostics {
  stronglyConnected: boolean;
  /** Strongly connected components (item indices), largest first. */
  components: number[][];
  undefeated: number[];
  winless: number[];
  unobserved: number[];
}

/**
 * Diagnoses the graph with `n` items and directed edges `from[e] → to[e]` (loser → winner).
 * Tarjan's algorithm (iterative), O(n + edges).
 */
export function diagnoseComparisons(n: number, from: ArrayLike<number>, to: ArrayLike<number>): ComparisonDiagnostics {
  const m = from.length;
  const outDeg = new Int32Array(n + 1);
  const wins = new Int32Array(n);
  const losses = new Int32Array(n);
  for (let e = 0; e < m; ++e) {
    outDeg[from[e] + 1]++;
    losses[from[e]]++;
    wins[to[e]]++;
  }
  for (let i = 0; i < n; ++i) outDeg[i + 1] += outDeg[i];
  const adj = new Int32Array(m);
  const fill = outDeg.slice(0, n);
  for (let e = 0; e < m; ++e) adj[fill[from[e]]++] = to[e];

  return diagnoseGraph(n, outDeg, adj, wins, losses);
}

/**
 * Diagnoses a graph in CSR form whose first `n` nodes are the items; further nodes (e.g. one per
 * group of grouped top-1 data, see pairwise/grouped-top1.ts) only relay paths between items, so the
 * item components are the strongly connected components restricted to the items. `wins` / `losses`
 * count each item's incoming / outgoing comparisons (only zero or not matters).
 */
export function diagnoseGraph(
  n: number, offsets: Int32Array, targets: Int32Array, wins: ArrayLike<number>, losses: ArrayLike<number>
): ComparisonDiagnostics {
  const components: number[][] = [];
  for (const c of stronglyConnectedComponents(offsets, targets)) {
    const items = c[0] < n ? c.filter((v) => v < n) : [];
    if (items.length) components.push(items);
  }
  components.sort((a, b) => b.length - a.length || a[0] - b[0]);
  const undefeated: number[] = [];
  const winless: number[] = [];
  const unobserved: number[] = [];
  for (let i = 0; i < n; ++i) {
    if (wins[i] === 0 && losses[i] === 0) unobserved.push(i);
    else if (losses[i] === 0) undefeated.push(i);
    else if (wins[i] === 0) winless.push(i);
  }
  return {stronglyConnected: components.length === 1, components, undefeated, winless, unobserved};
}

/** A one-line explanation of why a graph is not identifiable, naming items through `label`. */
export function describeDiagnostics(d: ComparisonDiagnostics, label: (i: number) => string): string {
  const list = (items: number[]) =>
    items
      .slice(0, 5)
      .map(label)
      .join(", ") + (items.length > 5 ? ` and ${items.length - 5} more` : "");
  const parts: string[] = [];
  if (d.unobserved.length) parts.push(`never compared: ${list(d.unobserved)}`);
  if (d.undefeated.length) parts.push(`undefeated: ${list(d.undefeated)}`);
  if (d.winless.length) parts.push(`winless: ${list(d.winless)}`);
  if (!parts.length) parts.push(`${d.components.length} groups that never beat each other both ways`);
  return `the comparison graph is not strongly connected (${parts.join("; ")}), so the maximum-likelihood strengths do not exist`;
}
