// The "compare two models" view of the claims report, as functions: which of lib's tests run on which
// data, and their results as rows the page shows side by side. Item-level data (a models × items matrix
// from `itemMatrix`) get the paired tests of Miller (2024) and McNemar's test; runs × tasks data (rliable
// score matrices) get the same paired tests over tasks plus rliable's probability of improvement and IQM.
// All resampling is seeded, so the page shows the numbers Node gives for the same seed.
import {
  aggregateIqm,
  intervalEstimates,
  mcnemarTest,
  pairedBootstrap,
  pairedDifference,
  pairedPermutationTest,
  probabilityOfImprovementIntervals,
  rankIntervals
} from "../lib/index.js";
import {probabilityOfImprovementPerTask} from "../lib/engine.js";

/**
 * Model `a` against model `b` on the items both answered (`matrix` from `itemMatrix`): the paired z test
 * (and its clustered form when the items have clusters), the paired bootstrap (items, and whole clusters),
 * the sign-flip permutation test and, for 0/1 results (`binary`), McNemar's test. Each row reads A − B:
 * `{test, estimate, lower, upper, pValue, note}` (bounds NaN where a test gives none; `note` carries lib's
 * warnings: few clusters, no discordant items, a constant difference). With clusters, `subsets` repeats
 * the paired z test within each cluster (a cluster where the two share fewer than 2 items says so).
 *
 * @example compareOnItems(itemMatrix(columns, "chembench"), "GPT-4o", "o1", {binary: true, seed: 1}).tests[0]; // {test: "paired z test", estimate: −0.032, …}
 */
export function compareOnItems(matrix, a, b, {reps = 2000, permutations = 10000, seed = 0, binary = false} = {}) {
  const x = matrix.values.get(a);
  const y = matrix.values.get(b);
  if (!x || !y) throw new Error(`no item results for ${x ? b : a}`);
  const clusters = matrix.clusters ?? undefined;
  const tests = [];
  const z = pairedDifference(x, y);
  tests.push(intervalRow(clusters ? "paired z test, items independent" : "paired z test", z));
  if (clusters) {
    const c = pairedDifference(x, y, {clusters});
    tests.push(intervalRow(`paired z test, clustered (${c.nClusters} clusters)`, c));
  }
  tests.push(intervalRow("paired bootstrap, items resampled", pairedBootstrap(x, y, {reps, seed})));
  if (clusters) tests.push(intervalRow("paired bootstrap, whole clusters resampled", pairedBootstrap(x, y, {reps, seed, clusters})));
  const flips = pairedPermutationTest(x, y, {reps: permutations, seed});
  tests.push({test: "sign-flip permutation test", estimate: flips.mean, lower: NaN, upper: NaN, pValue: flips.pValue, note: flips.warning ?? `${flips.exact ? "all" : flips.patterns.toLocaleString("en-US")} sign patterns`});
  if (binary) {
    const m = mcnemarTest(x, y);
    tests.push({
      test: `McNemar's test (${m.exact ? "exact binomial" : "χ², continuity-corrected"})`,
      estimate: (m.aOnly - m.bOnly) / m.n,
      lower: NaN,
      upper: NaN,
      pValue: m.pValue,
      note: m.warning ?? `${m.aOnly.toLocaleString("en-US")} items only A answered, ${m.bOnly.toLocaleString("en-US")} only B`
    });
  }
  const subsets = clusters ? withinClusters(x, y, clusters) : [];
  return {n: z.n, tests, subsets};
}

function intervalRow(test, r) {
  return {test, estimate: r.mean, lower: r.lower, upper: r.upper, pValue: r.pValue, note: r.warning ?? ""};
}

/**
 * The paired z test of x − y within each cluster (`clusters[i]` is item i's), clusters in name order:
 * rows `{label, n, estimate, lower, upper, pValue, note}`; a cluster where the two share fewer than 2 items
 * says so in `note` instead of a test.
 *
 * @example withinClusters([1, 0, 1, 1], [0, 0, 1, 0], ["a", "a", "b", "b"]); // [{label: "a", n: 2, estimate: 0.5, …}, {label: "b", …}]
 */
export function withinClusters(x, y, clusters) {
  const names = [...new Set(clusters)].sort();
  return names.map((name) => {
    const index = clusters.flatMap((c, i) => (c === name ? [i] : []));
    const xs = index.map((i) => x[i]);
    const ys = index.map((i) => y[i]);
    const shared = index.filter((_, k) => !Number.isNaN(xs[k]) && !Number.isNaN(ys[k])).length;
    if (shared < 2) return {label: name, n: shared, estimate: NaN, lower: NaN, upper: NaN, pValue: NaN, note: `${shared} shared item(s): too few to compare`};
    const r = pairedDifference(xs, ys);
    return {label: name, n: r.n, estimate: r.mean, lower: r.lower, upper: r.upper, pValue: r.pValue, note: r.warning ?? ""};
  });
}

/**
 * Each task's mean over the runs that have a score there (NaN where none has), from a runs × tasks matrix.
 *
 * @example taskMeans([[1, NaN], [3, 4]]); // [2, 4]
 */
export function taskMeans(matrix) {
  const tasks = matrix[0]?.length ?? 0;
  return Array.from({length: tasks}, (_, t) => {
    let sum = 0;
    let n = 0;
    for (const run of matrix) if (!Number.isNaN(run[t])) (sum += run[t]), ++n;
    return n ? sum / n : NaN;
  });
}

/**
 * Algorithm `a` against `b` on runs × tasks score matrices (`matrices`, rliable's layout, the same tasks in
 * both): the paired z, bootstrap and permutation tests on the per-task mean scores (tasks are the paired
 * units), the probability of improvement P(A > B) with its stratified-bootstrap interval, and each one's IQM
 * with its interval. `perTask` holds P(A > B) on each task (`tasks` names them); with `groups` (task →
 * suite) `suites` repeats the paired z test and the probability of improvement within each suite.
 *
 * @example compareOnRuns(scoreDict, "SPR", "DER", {tasks: games, seed: 1}).poi; // {estimate: 0.74, lower: 0.70, upper: 0.78}
 */
export function compareOnRuns(matrices, a, b, {tasks, groups, reps = 2000, permutations = 10000, seed = 0} = {}) {
  const [ma, mb] = [matrices[a], matrices[b]];
  if (!ma || !mb) throw new Error(`no runs for ${ma ? b : a}`);
  const [xa, xb] = [taskMeans(ma), taskMeans(mb)];
  const z = pairedDifference(xa, xb);
  const flips = pairedPermutationTest(xa, xb, {reps: permutations, seed});
  const tests = [
    intervalRow("paired z test over tasks", z),
    intervalRow("paired bootstrap over tasks", pairedBootstrap(xa, xb, {reps, seed})),
    {test: "sign-flip permutation test over tasks", estimate: flips.mean, lower: NaN, upper: NaN, pValue: flips.pValue, note: flips.warning ?? `${flips.exact ? "all" : flips.patterns.toLocaleString("en-US")} sign patterns`}
  ];
  const key = `${a}\u0001${b}`;
  const poi = probabilityOfImprovementIntervals({[a]: ma, [b]: mb}, {pairs: [[a, b]], separator: "\u0001", reps, seed})[key];
  const iqm = intervalEstimates({[a]: ma, [b]: mb}, aggregateIqm, {reps, seed});
  const perTask = probabilityOfImprovementPerTask(ma, mb).map((p, t) => ({label: tasks?.[t] ?? String(t), estimate: p}));
  const suites = groups ? suiteRows(perTask, xa, xb, tasks, groups) : [];
  return {
    n: z.n,
    tests,
    poi: {estimate: poi.point[0], lower: poi.lower[0], upper: poi.upper[0]},
    iqm: [a, b].map((name) => ({label: name, estimate: iqm[name].point[0], lower: iqm[name].lower[0], upper: iqm[name].upper[0]})),
    perTask,
    suites
  };
}

function suiteRows(perTask, xa, xb, tasks, groups) {
  const names = [...new Set(tasks.map((t) => groups.get(t)))].sort();
  return names.map((suite) => {
    const index = tasks.flatMap((t, i) => (groups.get(t) === suite ? [i] : []));
    const poi = index.reduce((s, i) => s + perTask[i].estimate, 0) / index.length;
    if (index.length < 2) return {label: suite, tasks: index.length, poi, estimate: xa[index[0]] - xb[index[0]], lower: NaN, upper: NaN, pValue: NaN, note: "one task: no test"};
    const r = pairedDifference(index.map((i) => xa[i]), index.map((i) => xb[i]));
    return {label: suite, tasks: index.length, poi, estimate: r.mean, lower: r.lower, upper: r.upper, pValue: r.pValue, note: r.warning ?? ""};
  });
}

/**
 * Rank stability of runs × tasks data: each algorithm's rank by mean rank over tasks (scale-free across
 * tasks), with its bootstrap interval when tasks — and the runs within each task — are resampled
 * (`rankIntervals`). Rows `{model, rank, lower, upper, pFirst}`.
 *
 * @example runRankIntervals(scoreDict, {reps: 1000, seed: 1});
 */
export function runRankIntervals(matrices, {reps = 1000, seed = 0} = {}) {
  const names = Object.keys(matrices);
  const scores = names.map((name) => taskMeans(matrices[name]));
  const runs = names.map((name) => scores[0].map((_, t) => matrices[name].map((run) => run[t]).filter((v) => !Number.isNaN(v))));
  return rankIntervals(scores, {method: "meanRank", runs, reps, seed}).map(({system, ...r}) => ({model: names[system], ...r}));
}
