import {arrayArg, checkLimit, enumArg, intArg, optionsArg, seedArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {createRandom} from "../core/random.js";
import {kendallTau} from "../correlation/kendall.js";
import {pearson} from "../correlation/pearson.js";
import {spearman} from "../correlation/spearman.js";
import {valueCountsOrder} from "./pandas-order.js";
import {PythonRandom} from "./python-random.js";
import {compareCodePoints, scoreRowsArg, type ScoreRow} from "./scores.js";
import type {AgreementCorrelation, AgreementRow, ModelSelection} from "./agreement-row.js";
import {agreementZScores, type ZScoreRow} from "./z-score.js";

export type {AgreementCorrelation, AgreementRow, ModelSelection} from "./agreement-row.js";

export interface BenchmarkAgreementOptions {
  /**
   * "faithful" reproduces IBM/benchbench @ 1dfd46a (`Tester.all_vs_all_agreement_testing` +
   * `Reporter.get_all_z_scores`), quirks included; "corrected" (default) fixes them — see
   * {@link benchmarkAgreement}.
   */
  mode?: "faithful" | "corrected";
  /** Name of the reference scenario (built with addAggregateReference; default "aggregate"). */
  reference?: string;
  /** Correlations to compute (default ["kendall"], Kendall τ-b). Spearman is corrected mode only. */
  correlations?: AgreementCorrelation[];
  /** Model-subset strategies (default ["random"]); "adjacent" = BenchBench's "somewhere_aggregate". */
  strategies?: ModelSelection[];
  /** Subset sizes; 0 = every model scored on both scenarios (default [0]). */
  sizes?: number[];
  /**
   * Repetitions of the random and adjacent strategies (default 10; the others run once); at most
   * `LIMITS.experiments`, and pairs × nExps × correlations × strategies × sizes at most
   * `LIMITS.measurements` (each measurement is a correlation and two output rows).
   */
  nExps?: number;
  /** Skip a pair when fewer models are scored on both than max(size, minModels) (default 5). */
  minModels?: number;
  /** Only test the pairs that involve one of these scenarios (default: all pairs). */
  only?: readonly string[];
  /** Sources left out of the z-score reference distribution. */
  blacklistSources?: readonly string[];
  /**
   * Seed. Corrected mode: seeds every experiment's own stream. Faithful mode: BenchBench reseeds
   * Python's `random` with the repetition number for the random strategy, but draws the sort scenario of
   * the directed strategies from the unseeded global state; we start that state from `seed` (default 0).
   */
  seed?: number;
}

export interface BenchmarkAgreementResult {
  /** Every measurement, each pair listed in both orientations. */
  agreements: AgreementRow[];
  /** Relative agreement with the reference per scenario, highest z first. */
  zScores: ZScoreRow[];
}

const STRATEGY_NAMES: Record<ModelSelection, string> = {
  random: "random",
  top: "top_aggregate",
  bottom: "bottom_aggregate",
  middle: "middle_aggregate",
  adjacent: "somewhere_aggregate"
};

/**
 * Benchmark Agreement Testing (Perlitz et al. 2024, "Do These LLM Benchmarks Agree? Fixing
 * Benchmark Evaluation with BenchBench", arXiv 2407.13696; IBM/benchbench).
 *
 * For every pair of scenarios (benchmarks), every correlation, strategy, subset size and repetition:
 * take the models scored on both (skip the pair if fewer than max(size, minModels)), choose k =
 * min(size, #shared) of them (size 0 = all) by the strategy — `random` (a uniform subset), `top` /
 * `bottom` (the k best / worst), `middle` (k around the median), `adjacent` (a random window of k
 * consecutive models) — and correlate the two scenarios' scores on them. Then, per scenario, the
 * relative agreement with the reference: z = (mean correlation with the reference − mean over all
 * scenarios of their mean correlation with it) / sample SD of the latter (see agreementZScores).
 *
 * Faithful mode reproduces BenchBench exactly: CPython's MT19937 `random` (`random.seed(exp)` +
 * `random.sample(shared, k)`), the directed strategies ordered by a scenario drawn with
 * `random.choice([scenario, ref])` (not by the aggregate, whatever the strategy's name says),
 * Kendall τ-b / Pearson with scipy's p-values, reversed rows that swap the scenario names but not
 * their sources, z-scores with the reference hard-coded as "aggregate". Shared models are listed in
 * the order pandas' `value_counts` gives them (numpy's unstable quicksort emulated, see
 * pandas-order.ts), since that order decides which subset `random.sample` picks; numpy builds that
 * dispatch a SIMD argsort (x86-simd-sort) order ties differently, so random subsets smaller than the
 * shared set match BenchBench run with numpy's generic sort (verified: pandas 1.5.3, numpy 1.24.2);
 * with size 0 (all shared models) the result does not depend on it. Corrected mode: windows ordered by the reference scenario (models without a
 * reference score excluded; ties by name), shared models in name order, our seeded generator with one stream per
 * (pair, experiment) (results do not depend on which other pairs are tested), scenario pairs oriented and listed in
 * name order (so neither the subsets nor the output depend on the order of the rows), Spearman allowed, reversed rows swap sources too, and the
 * z-score uses `reference`. Build the reference with ties as half wins
 * (`addAggregateReference(…, {ties: "half"})`) for the fully corrected protocol.
 *
 * @param rows long scores (`benchmarkRows`), including the reference scenario
 * @returns `{agreements: AgreementRow[], zScores: ZScoreRow[]}` where a z row is
 *   `{scenario, source, zScore, corrWithReference, pValue, nModels}`
 * @example
 * const rows = addAggregateReference(catalogRows, {scenarios: holistic});
 * const {zScores} = benchmarkAgreement(rows, {mode: "faithful", strategies: ["random"], sizes: [0], nExps: 1});
 */
export function benchmarkAgreement(rows: readonly ScoreRow[], options: BenchmarkAgreementOptions = {}): BenchmarkAgreementResult {
  const fn = "benchmarkAgreement";
  scoreRowsArg(rows, fn);
  const {
    mode = "corrected",
    reference = "aggregate",
    correlations = ["kendall"],
    strategies = ["random"],
    sizes = [0],
    nExps = 10,
    minModels = 5,
    only,
    blacklistSources = [],
    seed = 0
  } = optionsArg(options, fn);
  const faithful = mode === "faithful";
  enumArg(mode, "mode", fn, ["faithful", "corrected"]);
  stringArg(reference, "reference", fn, {code: "option"});
  arrayArg(correlations, "correlations", fn, {minLength: 1});
  arrayArg(strategies, "strategies", fn, {minLength: 1});
  arrayArg(sizes, "sizes", fn, {minLength: 1});
  intArg(nExps, "nExps", fn, {min: 1, limit: "experiments"});
  intArg(minModels, "minModels", fn, {min: 2});
  if (only !== undefined) arrayArg(only, "only", fn).forEach((s) => stringArg(s, "only", fn, {code: "option"}));
  arrayArg(blacklistSources, "blacklistSources", fn).forEach((s) => stringArg(s, "blacklistSources", fn, {empty: true, code: "option"}));
  seedArg(seed, fn);
  for (const c of correlations) {
    if (c !== "kendall" && c !== "pearson" && !(c === "spearman" && !faithful)) {
      throw new BenchstatsError("option", `benchmarkAgreement: correlation ${JSON.stringify(c)} is not available in ${mode} mode`);
    }
  }
  for (const s of strategies) if (typeof s !== "string" || !Object.hasOwn(STRATEGY_NAMES, s)) throw new BenchstatsError("option", `benchmarkAgreement: unknown strategy ${JSON.stringify(s)}`);
  for (const k of sizes) if (!Number.isInteger(k) || k < 0) throw new BenchstatsError("option", `benchmarkAgreement: sizes must be integers ≥ 0, got ${k}`);

  // Scenarios in order of first appearance, with their scores (table order) and source.
  const scenarios: string[] = [];
  const scoreOf = new Map<string, Map<string, number>>();
  const sourceOf = new Map<string, string>();
  for (const r of rows) {
    let scores = scoreOf.get(r.scenario);
    if (!scores) {
      scores = new Map();
      scoreOf.set(r.scenario, scores);
      sourceOf.set(r.scenario, r.source);
      scenarios.push(r.scenario);
    } else if (sourceOf.get(r.scenario) !== r.source) {
      throw new BenchstatsError("duplicate", `benchmarkAgreement: scenario "${r.scenario}" comes from several sources (${sourceOf.get(r.scenario)}, ${r.source}); run clearRepeatedScenarios first`);
    }
    if (scores.has(r.model)) throw new BenchstatsError("duplicate", `benchmarkAgreement: model "${r.model}" appears twice in scenario "${r.scenario}"`);
    scores.set(r.model, r.score);
  }
  if (!faithful && !scoreOf.has(reference)) {
    throw new BenchstatsError("missing", `benchmarkAgreement: reference scenario "${reference}" is not in the rows (build it with addAggregateReference)`);
  }
  if (scenarios.length < 3) {
    throw new BenchstatsError("degenerate", `${fn}: needs the reference and at least 2 other scenarios to compare (z-scores rank scenarios against each other), got ${scenarios.length} scenarios`, {field: "rows"});
  }
  // Corrected mode: scenarios (hence each pair's orientation and random stream, and the output order)
  // in name order, so that shuffling the rows cannot change a result. Faithful mode keeps BenchBench's
  // first-appearance order, which its results depend on.
  if (!faithful) scenarios.sort(compareCodePoints);
  const onlySet = only ? new Set(only) : null;
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < scenarios.length; ++i)
    for (let j = i + 1; j < scenarios.length; ++j)
      if (!onlySet || onlySet.has(scenarios[i]) || onlySet.has(scenarios[j])) pairs.push([scenarios[i], scenarios[j]]);

  checkLimit(pairs.length * nExps * correlations.length * strategies.length * sizes.length, "measurements", "nExps", fn, "the measurements (scenario pairs × nExps × correlations × strategies × sizes)");
  const python = new PythonRandom(seed);
  const out: AgreementRow[] = [];
  for (const correlation of correlations)
    for (const strategy of strategies)
      for (const size of sizes)
        pairs.forEach(([s1, s2]) => {
          const a = scoreOf.get(s1)!;
          const b = scoreOf.get(s2)!;
          // Shared models. Faithful: in the order pandas' value_counts lists them (see pandas-order.ts).
          const first = scenarios.indexOf(s1) < scenarios.indexOf(s2) ? a : b;
          const second = first === a ? b : a;
          const unordered = [...first.keys()].filter((m) => second.has(m));
          // The order only matters to random.sample with k < |shared| (the draws themselves depend
          // only on the sizes, so the global random state is the same either way).
          let ordered: string[] | null = null;
          const sharedInOrder = (): string[] => {
            if (ordered) return ordered;
            if (!faithful) return (ordered = unordered.slice().sort());
            const keys = [...first.keys(), ...[...second.keys()].filter((m) => !first.has(m))];
            const counts = keys.map((m) => (first.has(m) && second.has(m) ? 2 : 1));
            return (ordered = valueCountsOrder(keys, counts).filter((m) => first.has(m) && second.has(m)));
          };
          const shared = unordered;
          for (let exp = 0; exp < nExps; ++exp) {
            const sortBy = faithful ? python.choice([s1, s2]) : reference;
            if (shared.length < Math.max(size, minModels)) continue;
            const k = size === 0 ? shared.length : Math.min(size, shared.length);
            const directed = strategy !== "random";
            if (directed && exp !== 0 && strategy !== "adjacent") continue;
            let chosen: string[];
            if (strategy === "random") {
              const population = k < shared.length || !faithful ? sharedInOrder() : shared;
              if (faithful) {
                python.seed(exp);
                chosen = python.sample(population, k);
              } else chosen = seededSample(population, k, seed, exp, pairStream(s1, s2));
            } else {
              const ordering = scoreOf.get(sortBy)!;
              const sharedSet = new Set(shared);
              // In the sort scenario's row order, so that stable sorts keep pandas' tie order.
              const candidates = [...ordering.keys()].filter((m) => sharedSet.has(m));
              if (candidates.length < k) continue;
              chosen = selectWindow(candidates, ordering, strategy, k, faithful, () =>
                faithful ? python.randrange(candidates.length - k + 1) : createRandom(seed + exp, pairStream(s1, s2)).int(candidates.length - k + 1)
              );
            }
            const x = chosen.map((m) => a.get(m)!);
            const y = chosen.map((m) => b.get(m)!);
            const {value, pValue} = correlate(correlation, x, y);
            const base = {correlation, strategy, sizeRequested: size, exp, nModels: chosen.length, value, pValue};
            out.push({scenario: s1, scenarioSource: sourceOf.get(s1)!, refScenario: s2, refSource: sourceOf.get(s2)!, ...base});
          }
        });
  // Both orientations of every pair. BenchBench renames only the scenario columns.
  const reversed = out.map((r) => ({
    ...r,
    scenario: r.refScenario,
    refScenario: r.scenario,
    scenarioSource: faithful ? r.scenarioSource : r.refSource,
    refSource: faithful ? r.refSource : r.scenarioSource
  }));
  const agreements = [...out, ...reversed];
  const zScores = agreementZScores(agreements, {reference: faithful ? "aggregate" : reference, blacklistSources});
  return {agreements, zScores};
}

/** k models ordered and cut as BenchBench's `sample_models_directed` (nlargest / nsmallest keep the first on ties). */
function selectWindow(
  candidates: string[],
  ordering: Map<string, number>,
  strategy: ModelSelection,
  k: number,
  faithful: boolean,
  randomStart: () => number
): string[] {
  const byName = (x: string, y: string) => (faithful ? 0 : x < y ? -1 : x > y ? 1 : 0);
  if (strategy === "top") return candidates.slice().sort((x, y) => ordering.get(y)! - ordering.get(x)! || byName(x, y)).slice(0, k);
  // Faithful: pandas' sort_values(ascending=False) (nargsort over numpy's unstable quicksort) orders ties.
  const descending = faithful
    ? valueCountsOrder(candidates, candidates.map((m) => ordering.get(m)!))
    : candidates.slice().sort((x, y) => ordering.get(y)! - ordering.get(x)! || byName(x, y));
  if (strategy === "bottom") {
    const ascending = candidates.slice().sort((x, y) => ordering.get(x)! - ordering.get(y)! || byName(x, y));
    return ascending.slice(0, k);
  }
  if (strategy === "middle") {
    const middle = Math.floor(descending.length / 2);
    const half = Math.floor(k / 2);
    return descending.slice(middle - half, middle + half + (k % 2));
  }
  const start = randomStart();
  return descending.slice(start, start + k);
}

/** Stream index of a scenario pair (FNV-1a of the two names): the same whatever other pairs are tested. */
function pairStream(s1: string, s2: string): number {
  let h = 0x811c9dc5;
  const text = `${s1}\u0000${s2}`;
  for (let i = 0; i < text.length; ++i) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Partial Fisher–Yates on a copy with an experiment-specific stream. */
function seededSample(population: string[], k: number, seed: number, exp: number, stream: number): string[] {
  const rng = createRandom(seed + exp, stream);
  const pool = population.slice();
  for (let i = 0; i < k; ++i) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}

function correlate(kind: AgreementCorrelation, x: number[], y: number[]): {value: number; pValue: number} {
  if (kind === "kendall") {
    const r = kendallTau(x, y);
    return {value: r.tau, pValue: r.pValue};
  }
  if (kind === "pearson") {
    const r = pearson(x, y);
    return {value: r.r, pValue: r.pValue};
  }
  const r = spearman(x, y);
  return {value: r.rho, pValue: r.pValue};
}

export {STRATEGY_NAMES as benchbenchStrategyNames};
