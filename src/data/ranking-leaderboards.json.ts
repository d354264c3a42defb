// "What are the best systems?" data: the GLUE, SuperGLUE and XTREME leaderboards (Colombo et al. 2022 /
// Himmi et al. 2023 copies, data/ranking/), their consensus orders under mean, mean rank, Borda, Copeland
// and Kemeny, agreement between the orders, bootstrap rank intervals over tasks, and how often each system
// wins when tasks are dropped. Heavy work (bootstraps, subsets) runs here at build time.
import {readFileSync} from "node:fs";
import {dataPath} from "../../loaders/data-dir.js";
import {
  consensusOrder,
  createRandom,
  kemeny,
  kendallTau,
  parseWideTable,
  rankIntervals,
  type AggregationMethod
} from "../../lib/index.js";
import {aggregationMethods, kemenyCost, positions} from "../../lib/engine.js";

const boards = [
  {id: "glue", name: "GLUE", file: "data_task_glue.csv"},
  {id: "superglue", name: "SuperGLUE", file: "data_task_superglue.csv"},
  {id: "xtreme", name: "XTREME", file: "data_task_xtrem.csv"}
];

const methods = aggregationMethods as AggregationMethod[];

const out = boards.map(({id, name, file}) => {
  const table = parseWideTable(readFileSync(dataPath("ranking", file), "utf8"), {file, drop: ["Score"]});
  const scores = table.values;
  const n = scores.length;
  const nTasks = table.columns.length;
  const orders = Object.fromEntries(methods.map((m) => [m, consensusOrder(scores, m)])) as Record<AggregationMethod, number[]>;
  const k = kemeny(scores);
  const costs = Object.fromEntries(methods.map((m) => [m, kemenyCost(scores, orders[m])]));
  const position = Object.fromEntries(methods.map((m) => [m, positions(orders[m])]));
  const agreement = methods.flatMap((a) => methods.map((b) => ({a, b, tau: kendallTau(position[a], position[b]).tau})));

  // Rank intervals: bootstrap over tasks, Borda (fast) and Kemeny (fewer replicates on big boards).
  const intervals = (["borda", "kemeny"] as const).flatMap((method) =>
    rankIntervals(scores, {method, reps: method === "kemeny" && n > 30 ? 50 : 300, seed: 1}).map((r) => ({method, ...r}))
  );

  // Robustness: winners when each single task is left out, and over random halves of the tasks.
  const leaveOneOut = table.columns.flatMap((task, t) => {
    const reduced = scores.map((row) => row.filter((_, j) => j !== t));
    return methods.map((method) => ({task, method, winner: consensusOrder(reduced, method)[0]}));
  });
  const rng = createRandom(7);
  const subsetReps = n > 30 ? 60 : 200; // the heuristic Kemeny on GLUE takes ~0.3 s a run
  const wins = methods.map(() => new Map<number, number>());
  const half = Math.max(1, Math.floor(nTasks / 2));
  for (let r = 0; r < subsetReps; ++r) {
    const pool = Array.from({length: nTasks}, (_, i) => i);
    for (let i = 0; i < half; ++i) {
      const j = i + rng.int(nTasks - i);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    const keep = pool.slice(0, half);
    const reduced = scores.map((row) => keep.map((j) => row[j]));
    methods.forEach((method, m) => {
      const w = consensusOrder(reduced, method)[0];
      wins[m].set(w, (wins[m].get(w) ?? 0) + 1);
    });
  }
  const halfTaskWinners = methods.flatMap((method, m) => [...wins[m]].map(([system, count]) => ({method, system, share: count / subsetReps})));
  // Systems dropped: remove the top-k systems of the full Kemeny order one at a time; who wins then?
  const dropTop = [1, 2, 3].map((dropped) => {
    const removed = new Set(k.order.slice(0, dropped));
    const keepRows = scores.map((_, i) => i).filter((i) => !removed.has(i));
    const reduced = keepRows.map((i) => scores[i]);
    return {dropped, winners: Object.fromEntries(methods.map((m) => [m, keepRows[consensusOrder(reduced, m)[0]]]))};
  });

  return {
    id,
    name,
    systems: table.rows,
    tasks: table.columns,
    scores: scores.map((row) => row.map((v) => (Number.isNaN(v) ? null : v))),
    orders,
    costs,
    kemeny: {cost: k.cost, optimal: k.optimal, lowerBound: k.lowerBound, blocks: k.blocks},
    agreement,
    intervals,
    leaveOneOut,
    halfTaskWinners,
    halfTaskReps: subsetReps,
    halfTaskSize: half,
    dropTop
  };
});

process.stdout.write(JSON.stringify(out));
