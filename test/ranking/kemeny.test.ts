import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {BenchstatsError, borda, copeland, createRandom, kemeny, parseWideTable, type ScoreTable} from "../../lib/index.js";
import {kemenyCost, meanRank, meanScore} from "../../lib/engine.js";

interface KemenyCase {
  name: string;
  scores: number[][];
  pair_cost_matrix_C_u_before_v: number[][];
  kemeny: {optimal_cost: number; n_optimal_orders: number; optimal_orders_system_indices_best_first: number[][]; lexicographically_smallest_optimal_order: number[]};
  borda_average_ties: {scores: number[]; order_best_first: number[]; tied_groups: number[][]; kemeny_cost_of_order: number};
  mean_aggregation: {scores: number[]; order_best_first: number[]; tied_groups: number[][]; kemeny_cost_of_order: number};
}
const golden: {cases: KemenyCase[]} = JSON.parse(readFileSync(new URL("../fixtures/ranking/kemeny_small.json", import.meta.url), "utf8"));

function leaderboard(file: string): ScoreTable {
  const text = readFileSync(new URL(`../fixtures/ranking/leaderboards/${file}`, import.meta.url), "utf8");
  return parseWideTable(text, {file, drop: ["Score"]}).values;
}

/** Independent reference: the optimum over all n! orders (Heap's algorithm), costs from the definition. */
function bruteForce(scores: ScoreTable): {cost: number; count: number} {
  const n = scores.length;
  const nTasks = scores[0].length;
  const pair = (u: number, v: number) => {
    let c = 0;
    for (let t = 0; t < nTasks; ++t) {
      const a = scores[u][t];
      const b = scores[v][t];
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      c += b > a ? 1 : b === a ? 0.5 : 0;
    }
    return c;
  };
  const cost = Array.from({length: n}, (_, u) => Array.from({length: n}, (_, v) => (u === v ? 0 : pair(u, v))));
  const order = Array.from({length: n}, (_, i) => i);
  let best = Infinity;
  let count = 0;
  const visit = () => {
    let c = 0;
    for (let i = 0; i < n; ++i) for (let j = i + 1; j < n; ++j) c += cost[order[i]][order[j]];
    if (c < best - 1e-9) {
      best = c;
      count = 1;
    } else if (Math.abs(c - best) < 1e-9) count++;
  };
  const heap = (k: number) => {
    if (k === 1) return visit();
    for (let i = 0; i < k - 1; ++i) {
      heap(k - 1);
      const j = k % 2 === 0 ? i : 0;
      [order[j], order[k - 1]] = [order[k - 1], order[j]];
    }
    heap(k - 1);
  };
  heap(n);
  return {cost: best, count};
}

describe("kemeny(scores, options)", () => {
  for (const c of golden.cases) {
    it(`matches the reference optimum, all co-optimal orders and the lexicographic first on ${c.name}`, () => {
      const r = kemeny(c.scores, {allOrders: true, maxOrders: 10000});
      expect(r.optimal).toBe(true);
      expect(r.cost).toBe(c.kemeny.optimal_cost);
      expect(r.lowerBound).toBe(c.kemeny.optimal_cost);
      expect(r.order).toEqual(c.kemeny.lexicographically_smallest_optimal_order);
      expect(r.nOptimalOrders).toBe(c.kemeny.n_optimal_orders);
      const sortKey = (o: number[]) => o.join(",");
      expect(r.orders!.map(sortKey).sort()).toEqual(c.kemeny.optimal_orders_system_indices_best_first.map(sortKey).sort());
    });

    it(`computes the reference pair costs and order costs on ${c.name}`, () => {
      const n = c.scores.length;
      for (let u = 0; u < n; ++u)
        for (let v = 0; v < n; ++v) {
          if (u === v) continue;
          const order = [u, v, ...Array.from({length: n}, (_, i) => i).filter((i) => i !== u && i !== v)];
          const swapped = [v, u, ...order.slice(2)];
          expect(kemenyCost(c.scores, order) - kemenyCost(c.scores, swapped)).toBeCloseTo(
            c.pair_cost_matrix_C_u_before_v[u][v] - c.pair_cost_matrix_C_u_before_v[v][u],
            12
          );
        }
      expect(kemenyCost(c.scores, c.borda_average_ties.order_best_first)).toBe(c.borda_average_ties.kemeny_cost_of_order);
      expect(kemenyCost(c.scores, c.mean_aggregation.order_best_first)).toBe(c.mean_aggregation.kemeny_cost_of_order);
    });
  }

  it("equals brute force over all n! orders on random tables with ties and missing scores", () => {
    const rng = createRandom(7);
    for (let trial = 0; trial < 40; ++trial) {
      const n = 2 + rng.int(6);
      const nTasks = 1 + rng.int(5);
      const scores = Array.from({length: n}, () =>
        Array.from({length: nTasks}, () => (rng.float() < 0.15 ? NaN : rng.int(4)))
      );
      const expected = bruteForce(scores);
      const r = kemeny(scores, {allOrders: true, maxOrders: 100000});
      expect(r.optimal).toBe(true);
      expect(r.cost).toBeCloseTo(expected.cost, 12);
      expect(kemenyCost(scores, r.order)).toBeCloseTo(expected.cost, 12);
      expect(r.nOptimalOrders).toBe(expected.count);
    }
  });

  it("equals brute force on 8-system slices of real leaderboards (GLUE, SuperGLUE, XTREME)", () => {
    for (const file of ["data_task_glue.csv", "data_task_superglue.csv", "data_task_xtrem.csv", "example_data_cli_xtreme_missing.csv"]) {
      const table = leaderboard(file);
      for (const start of [0, 7]) {
        const slice = table.slice(start, start + 8);
        const expected = bruteForce(slice);
        const r = kemeny(slice);
        expect(r.optimal).toBe(true);
        expect(r.cost).toBeCloseTo(expected.cost, 12);
      }
    }
  });

  it("gives the same optimum with and without the dominance-block decomposition on real tables", () => {
    // SuperGLUE top 16 and XTREME (15 systems): one DP over all 2^n subsets vs the decomposition.
    for (const [file, n] of [["data_task_superglue.csv", 16], ["data_task_xtrem.csv", 15], ["data_task_glue.csv", 14]] as const) {
      const table = leaderboard(file).slice(0, n);
      const split = kemeny(table, {allOrders: true});
      const whole = kemeny(table, {decompose: false, allOrders: true});
      expect(whole.blocks).toEqual([n]);
      expect(split.optimal && whole.optimal).toBe(true);
      expect(split.cost).toBe(whole.cost);
      expect(split.order).toEqual(whole.order);
      expect(split.nOptimalOrders).toBe(whole.nOptimalOrders);
    }
  });

  it("solves SuperGLUE (24 systems) exactly through dominance blocks and beats Borda's cost", () => {
    const table = leaderboard("data_task_superglue.csv");
    const r = kemeny(table);
    expect(r.optimal).toBe(true);
    expect(Math.max(...r.blocks)).toBeLessThanOrEqual(20);
    expect(kemenyCost(table, r.order)).toBe(r.cost);
    expect(r.cost).toBeLessThanOrEqual(kemenyCost(table, borda(table).order));
  });

  it("falls back to a heuristic with a valid lower bound on GLUE (blocks of 38 and 52 systems)", () => {
    const table = leaderboard("data_task_glue.csv");
    const r = kemeny(table);
    expect(r.order.slice().sort((a, b) => a - b)).toEqual(table.map((_, i) => i));
    expect(kemenyCost(table, r.order)).toBe(r.cost);
    expect(r.lowerBound).toBeLessThanOrEqual(r.cost);
    expect(r.optimal).toBe(r.cost === r.lowerBound);
    expect(r.cost).toBeLessThanOrEqual(kemenyCost(table, borda(table).order));
  });

  it("reports a heuristic answer with a lower bound when a block exceeds exactLimit", () => {
    const table = leaderboard("data_task_superglue.csv");
    const exact = kemeny(table);
    const heuristic = kemeny(table, {exactLimit: 3});
    expect(heuristic.cost).toBeGreaterThanOrEqual(exact.cost);
    expect(heuristic.lowerBound).toBeLessThanOrEqual(exact.cost);
    if (heuristic.cost > heuristic.lowerBound) expect(heuristic.optimal).toBe(false);
  });

  it("rejects ragged tables, infinite scores and a bad exactLimit with a BenchstatsError", () => {
    expect(() => kemeny([[1, 2], [3]])).toThrow(/row 1/);
    expect(() => kemeny([[1, Infinity], [3, 4]])).toThrow(BenchstatsError);
    expect(() => kemeny([[1], [2]], {exactLimit: 40})).toThrow(/exactLimit/);
    expect(() => kemenyCost([[1], [2]], [0, 0])).toThrow(/permutation/);
  });
});

describe("borda / copeland / meanScore / meanRank", () => {
  for (const c of golden.cases) {
    it(`Borda with average-rank ties matches the reference on ${c.name}`, () => {
      const r = borda(c.scores);
      expect(r.scores).toEqual(c.borda_average_ties.scores);
      expect(r.order).toEqual(c.borda_average_ties.order_best_first);
      expect(r.tiedGroups).toEqual(c.borda_average_ties.tied_groups);
    });
    it(`mean aggregation matches the reference on ${c.name}`, () => {
      const r = meanScore(c.scores);
      r.scores.forEach((s, i) => expect(s).toBeCloseTo(c.mean_aggregation.scores[i], 12));
      expect(r.order).toEqual(c.mean_aggregation.order_best_first);
    });
  }

  it("Copeland ranks a Condorcet winner first and counts pairwise draws as ½", () => {
    const r = copeland([[3, 3, 1], [2, 1, 3], [1, 2, 2]]);
    // 0 beats 1 (2 of 3 tasks) and 2 (2 of 3); 1 vs 2: 1 task each + none tied → 1 beats 2? tasks: (2,1),(1,2),(3,2) → 1 wins 2 of 3.
    expect(r.scores).toEqual([2, 1, 0]);
    expect(copeland([[1, 2], [2, 1]]).scores).toEqual([0.5, 0.5]);
  });

  it("meanRank averages 1-based ranks over present tasks, lower is better", () => {
    const r = meanRank([[3, NaN], [2, 5], [1, 4]]);
    expect(r.scores).toEqual([1, 1.5, 2.5]);
    expect(r.order).toEqual([0, 1, 2]);
    expect(r.higherIsBetter).toBe(false);
  });

  it("Borda gives missing scores no points and is invariant to monotone rescaling of a task", () => {
    const table = [[1, 10], [2, NaN], [3, 30]];
    expect(borda(table).scores).toEqual([0, 1, 3]);
    expect(borda(table.map(([a, b]) => [Math.exp(a), b / 10])).scores).toEqual(borda(table).scores);
  });
});
