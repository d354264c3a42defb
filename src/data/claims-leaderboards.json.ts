// The leaderboards of "Is A really better than B?": per model of each benchmark, the mean with its error
// bar with items taken as independent and, where items have clusters, clustered (lib's summarizeSamples,
// Miller 2024); each model's rank interval when the items are resampled (rankIntervals, mean score,
// 1,000 replicates); and the Arena-Hard leaderboard with its published intervals.
import {rankIntervals, summarizeSamples} from "../../lib/index.js";
import {samplesMatrix} from "../../lib/inference/samples-matrix.js";
import {arenaHardRows, benchmarkRows, CLAIMS_BENCHMARKS, claimsSamples} from "./claims.js";

const RANK_REPS = 1000;
const RANK_SEED = 1;
const samples = await claimsSamples();

const benchmarks = CLAIMS_BENCHMARKS.map((benchmark) => {
  const table = benchmarkRows(samples, benchmark);
  const iid = summarizeSamples(table, {metric: benchmark.metric});
  const clustered = benchmark.cluster ? summarizeSamples(table, {metric: benchmark.metric, cluster: benchmark.cluster}) : undefined;
  // Both summaries come sorted by model, so row i is the same model in each.
  const models = iid.map((row, i) => ({
    model: row.model as string,
    n: row.n,
    mean: row.mean,
    se: row.se,
    lower: row.lower,
    upper: row.upper,
    clustered: clustered ? {se: clustered[i].se, lower: clustered[i].lower, upper: clustered[i].upper, nClusters: clustered[i].n_clusters, warning: clustered[i].warning ?? ""} : null
  }));
  const matrix = samplesMatrix(table, {metric: benchmark.metric, cluster: benchmark.cluster});
  const m = matrix.items.length;
  const scores = matrix.models.map((_, k) => matrix.values.subarray(k * m, (k + 1) * m));
  const ranks = rankIntervals(scores, {method: "mean", reps: RANK_REPS, seed: RANK_SEED}).map(({system, ...r}) => ({model: matrix.models[system], ...r}));
  const clusters = matrix.clusters ? [...new Set(matrix.clusters)].sort().map((name) => ({name, items: matrix.clusters!.filter((c) => c === name).length})) : [];
  return {...benchmark, items: m, rows: table.length, models, ranks, rankReps: RANK_REPS, rankSeed: RANK_SEED, clusters};
});

process.stdout.write(JSON.stringify({benchmarks, arenaHard: await arenaHardRows()}));
