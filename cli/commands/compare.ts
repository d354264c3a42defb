// `benchstats compare`: is model A really better than model B on the same items? One pair, or every pair
// of a samples file with the p-values adjusted for the number of comparisons.
import {REPS} from "../../lib/bootstrap/index.js";
import {adjustPValues, BenchstatsError, compareAllPairs, LIMITS, type AdjustMethod, type PairComparison, type PairTest} from "../../lib/index.js";
import {FEW_CLUSTERS} from "../../lib/engine.js";
import {mcnemarFromCounts} from "../../lib/inference/mcnemar.js";
import {pairedDifferenceFromMoments} from "../../lib/inference/paired-difference.js";
import {compareText} from "../../lib/core/order.js";
import {pairCounts} from "../../loaders/tidy/sufficient.js";
import {readTable, tableFileFormat} from "../../loaders/tidy/read.js";
import {choiceOption, intOption, listOption, numberOption, seedOption, stringOption, UsageError, type RawOptions} from "../args.js";
import type {Command} from "../command.js";
import {loadTable} from "../inputs.js";
import type {OutputRow} from "../output.js";

const TESTS = ["paired", "mcnemar", "permutation", "bootstrap"] as const;
const ADJUST = ["holm", "hochberg", "bh", "by", "bonferroni"] as const;

export const compare: Command = {
  name: "compare",
  summary: "is model A really better than B on the same items? paired tests, or every pair with adjusted p-values",
  help: `Usage: benchstats compare <A> <B> <samples> [--test paired|mcnemar|permutation|bootstrap] [--cluster COLUMN]
       benchstats compare --all <samples> [--adjust holm|hochberg|bh|by|bonferroni] [--alpha 0.05] [--wins]

<samples> is a tidy samples table (model, item, value; optional benchmark, metric) as CSV, TSV, JSON,
JSONL or Parquet, or a file a samples loader reads. Two models are compared on the items both have a
value on (d = A − B per item), by one of these tests:

  paired        the mean difference with its standard error (s_d/√n; clustered with --cluster, as in
                Miller 2024, "Adding Error Bars to Evals"), normal interval and z test (default)
  mcnemar       McNemar's test for 0/1 results: exact binomial on the discordant items when fewer than
                25, else χ² with continuity correction (--exact true|false to choose)
  permutation   sign-flip permutation test of the mean difference (exact up to 20 items, else --reps
                random sign patterns)
  bootstrap     paired bootstrap of the mean difference: percentile interval, items (or whole
                clusters with --cluster) resampled

  --all                    compare every pair of models; p-values adjusted by --adjust (default holm:
                           family-wise error; bh: false discovery rate)
  --alpha A                level for "significant" and the count of wins (default 0.05)
  --wins                   with --all: one row per model with its significant wins and losses (raw and
                           adjusted) instead of one row per pair
  --models L               with --all: only these models (comma-separated)
  --metric M               only the rows of metric M (required when the file holds several)
  --cluster COLUMN         the file's column of cluster ids (a question's passage, a prompt's source):
                           clustered SE (paired) or cluster resampling (bootstrap)
  --cluster-correction C   cr0 (default) or cr1 = cr0 · sqrt(G/(G − 1))
  --confidence C           interval level (default 0.95)
  --reps N                 permutation / bootstrap resamples (default ${REPS.pairedItems}; at most 1000000)
  --exact E                mcnemar and permutation: auto (default), true or false
  --no-correction          mcnemar χ²: no continuity correction

The paired test without clusters and McNemar's test need only per-pair counts and sums, which DuckDB
computes next to the data (files of any size); the other tests read the file into memory.

Output: one row per pair (A first; with --all, models sorted): model_a, model_b, test, n, mean (A − B),
se, lower, upper, statistic (z or McNemar's), p_value (and p_adjusted, significant,
significant_adjusted with --all), n_clusters, a_only, b_only (McNemar's discordant counts), warning.
With fewer than ${FEW_CLUSTERS} clusters the clustered SE is itself noisy: a warning says so.`,
  options: {
    all: {type: "boolean"},
    test: {type: "string"},
    adjust: {type: "string"},
    alpha: {type: "string"},
    wins: {type: "boolean"},
    models: {type: "string"},
    metric: {type: "string"},
    cluster: {type: "string"},
    "cluster-correction": {type: "string"},
    confidence: {type: "string"},
    reps: {type: "string"},
    exact: {type: "string"},
    "no-correction": {type: "boolean"}
  },
  async run({values, positionals, note}) {
    const all = Boolean(values.all);
    if (all ? positionals.length !== 1 : positionals.length !== 3) {
      throw new UsageError(all ? `compare --all needs one samples file, got ${positionals.length} arguments` : `compare needs <A> <B> <samples>, got ${positionals.length} arguments`);
    }
    if (!all && (values.wins || values.models !== undefined || values.adjust !== undefined)) throw new UsageError("--wins, --models and --adjust go with --all");
    const path = positionals[positionals.length - 1];
    const settings = readSettings(values);
    const pairs = await comparePairs(path, all ? listOption(values, "models") : [positionals[0], positionals[1]], settings, stringOption(values, "input-format"));
    if (!all) {
      const pair = oriented(pairs[0], positionals[0]);
      if (pair.warning) note(pair.warning);
      return [pairRow(pair)];
    }
    const adjusted = adjustPValues(pairs.map((p) => p.pValue), {method: settings.adjust});
    const alpha = settings.alpha;
    const significant = (p: number, pair: PairComparison) => p <= alpha && pair.mean !== 0;
    const raw = pairs.filter((pair) => significant(pair.pValue, pair)).length;
    const after = pairs.filter((pair, k) => significant(adjusted[k], pair)).length;
    const models = [...new Set(pairs.flatMap((p) => [p.modelA, p.modelB]))].sort(compareText);
    note(`${models.length} models, ${pairs.length} pairs (${settings.test} test): ${raw} differ at α = ${alpha}, ${after} after ${settings.adjust} adjustment`);
    if (values.wins) {
      const tally = new Map(models.map((m) => [m, {model: m, wins: 0, losses: 0, wins_adjusted: 0, losses_adjusted: 0}]));
      pairs.forEach((pair, k) => {
        const [winner, loser] = pair.mean > 0 ? [pair.modelA, pair.modelB] : [pair.modelB, pair.modelA];
        if (significant(pair.pValue, pair)) {
          tally.get(winner)!.wins++;
          tally.get(loser)!.losses++;
        }
        if (significant(adjusted[k], pair)) {
          tally.get(winner)!.wins_adjusted++;
          tally.get(loser)!.losses_adjusted++;
        }
      });
      return [...tally.values()].sort((a, b) => b.wins_adjusted - a.wins_adjusted || a.losses_adjusted - b.losses_adjusted || compareText(a.model, b.model));
    }
    return pairs.map((pair, k) => pairRow(pair, {p_adjusted: adjusted[k], significant: significant(pair.pValue, pair), significant_adjusted: significant(adjusted[k], pair)}));
  }
};

interface Settings {
  test: PairTest;
  adjust: AdjustMethod;
  alpha: number;
  metric?: string;
  cluster?: string;
  clusterCorrection: "cr0" | "cr1";
  confidence: number;
  reps: number;
  seed: number;
  exact: boolean | "auto";
  correction: boolean;
}

function readSettings(values: RawOptions): Settings {
  const exact = choiceOption(values, "exact", ["auto", "true", "false"] as const, "auto");
  const settings: Settings = {
    test: choiceOption(values, "test", TESTS, "paired"),
    adjust: choiceOption(values, "adjust", ADJUST, "holm"),
    alpha: numberOption(values, "alpha", 0.05, 0, 1),
    metric: stringOption(values, "metric"),
    cluster: stringOption(values, "cluster"),
    clusterCorrection: choiceOption(values, "cluster-correction", ["cr0", "cr1"] as const, "cr0"),
    confidence: numberOption(values, "confidence", 0.95, 0, 1),
    reps: intOption(values, "reps", REPS.pairedItems, 1, LIMITS.reps),
    seed: seedOption(values),
    exact: exact === "auto" ? "auto" : exact === "true",
    correction: !values["no-correction"]
  };
  if (settings.cluster && (settings.test === "mcnemar" || settings.test === "permutation")) {
    throw new BenchstatsError("option", `the ${settings.test} test treats items as independent; --cluster goes with --test paired or bootstrap`, {field: "--cluster"});
  }
  return settings;
}

/**
 * The pairs among `models` (all models when undefined), A < B by name: from DuckDB's pair counts when the
 * test needs no more (paired without clusters, McNemar) and the file is a tidy table, else in memory.
 */
async function comparePairs(path: string, models: string[] | undefined, s: Settings, inputFormat: string | undefined): Promise<PairComparison[]> {
  if (models && models.length === 2 && models[0] === models[1]) throw new BenchstatsError("option", `compare a model with another one, got ${JSON.stringify(models[0])} twice`, {field: "<B>"});
  const tidyFile = (inputFormat === undefined || inputFormat === "tidy") && tableFileFormat(path) !== undefined;
  if (tidyFile && !s.cluster && (s.test === "paired" || s.test === "mcnemar")) {
    const counts = await pairCounts(path, {metric: s.metric, models});
    const present = new Set(counts.flatMap((c) => [c.model_a, c.model_b]));
    // A model without shared items: the in-memory path says which one and why (only on this error path).
    const absent = (models ?? []).filter((m) => !present.has(m));
    if (absent.length) {
      await inMemory(path, models, {...s, test: "permutation", reps: 1}, inputFormat);
      throw new BenchstatsError("value", `${absent.map((m) => JSON.stringify(m)).join(", ")}: no items shared with the other models`, {file: path, field: "model"});
    }
    return counts
      .map((c): PairComparison => {
        const [modelA, modelB, sumA, sumB, aOnly, bOnly] = compareText(c.model_a, c.model_b) <= 0 ? [c.model_a, c.model_b, c.sum_a, c.sum_b, c.a_only, c.b_only] : [c.model_b, c.model_a, c.sum_b, c.sum_a, c.b_only, c.a_only];
        const base = {modelA, modelB, test: s.test};
        if (s.test === "mcnemar") {
          if (Number.isNaN(aOnly)) throw new BenchstatsError("value", "McNemar's test needs 0/1 values; the file holds other values (use --test paired or permutation)", {file: path, field: "value"});
          const r = mcnemarFromCounts(c.n, aOnly, bOnly, {exact: s.exact, correction: s.correction});
          return {...base, n: r.n, mean: (aOnly - bOnly) / c.n, se: NaN, lower: NaN, upper: NaN, statistic: r.statistic, pValue: r.pValue, aOnly, bOnly, ...(r.warning ? {warning: r.warning} : {})};
        }
        if (c.n < 2) throw new BenchstatsError("shape", `${modelA} and ${modelB} share ${c.n} item(s); a paired comparison needs at least 2`, {file: path});
        const mean = (sumA - sumB) / c.n;
        // Σ(d − d̄)² = Σd² − n·d̄², clamped at 0 where rounding leaves a constant difference slightly negative.
        const sumSquares = Math.max(0, c.sum_sq_diff - c.n * mean * mean);
        const r = pairedDifferenceFromMoments({n: c.n, mean, sumSquares}, {confidence: s.confidence}, "compare");
        return {...base, n: r.n, mean: r.mean, se: r.se, lower: r.lower, upper: r.upper, statistic: r.z, pValue: r.pValue, ...(r.warning ? {warning: r.warning} : {})};
      })
      .sort((p, q) => compareText(p.modelA, q.modelA) || compareText(p.modelB, q.modelB));
  }
  return inMemory(path, models, s, inputFormat);
}

/** The pairs from the file's rows in memory (compareAllPairs); its errors are located at the file. */
async function inMemory(path: string, models: string[] | undefined, s: Settings, inputFormat: string | undefined): Promise<PairComparison[]> {
  const table = s.cluster ? await readTable(path, "samples", {extraColumns: [s.cluster]}) : await loadTable(path, "samples", inputFormat);
  const result = atFile(path, () => compareAllPairs(table, {
    test: s.test,
    models,
    metric: s.metric,
    cluster: s.cluster,
    clusterCorrection: s.clusterCorrection,
    confidence: s.confidence,
    reps: s.reps,
    seed: s.seed,
    exact: s.exact,
    correction: s.correction,
    adjust: s.adjust,
    alpha: s.alpha
  }));
  return result.pairs.map(({pAdjusted: _, ...pair}) => pair);
}

function atFile<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof BenchstatsError && !error.location?.file) throw new BenchstatsError(error.code, error.message, {file: path});
    throw error;
  }
}

/** The pair as `first` − other: the sign of the difference, interval and z follow the order asked for. */
function oriented(pair: PairComparison, first: string): PairComparison {
  if (pair.modelA === first) return pair;
  const flipped: PairComparison = {...pair, modelA: pair.modelB, modelB: pair.modelA, mean: -pair.mean, lower: -pair.upper, upper: -pair.lower, statistic: pair.test === "paired" ? -pair.statistic : pair.statistic};
  if (pair.aOnly !== undefined) [flipped.aOnly, flipped.bOnly] = [pair.bOnly, pair.aOnly];
  return flipped;
}

/** A pair as an output row; `adjusted` (p_adjusted and the significance flags of --all) follows p_value. */
function pairRow(pair: PairComparison, adjusted: OutputRow = {}): OutputRow {
  const row: OutputRow = {model_a: pair.modelA, model_b: pair.modelB, test: pair.test, n: pair.n, mean: pair.mean, se: pair.se, lower: pair.lower, upper: pair.upper, statistic: pair.statistic, p_value: pair.pValue, ...adjusted};
  if (pair.nClusters !== undefined) row.n_clusters = pair.nClusters;
  if (pair.aOnly !== undefined) Object.assign(row, {a_only: pair.aOnly, b_only: pair.bOnly});
  row.warning = pair.warning ?? "";
  return row;
}
