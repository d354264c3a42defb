import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {
  BenchstatsError,
  agreementWithConfidence,
  intervalEstimates,
  aggregateMean,
  monotonicity,
  pairRankBrier,
  seedVariance,
  separability,
  signalToNoise
} from "../../lib/index.js";
import {encodeLabels, normalCdf} from "../../lib/engine.js";
import {shuffled} from "../inference/eval-data.js";
import {pairedReference, worst} from "../inference/paired-data.js";

const ATARI = ["DER", "DrQ", "DrQ_eps", "OTRainbow", "PlayVirtual", "SPR", "SimPLe"];

/** Atari 100k final scores as long rows: algorithm, game, seed (the run index), score. */
function atariRuns(): {algorithm: string; game: string; seed: number; score: number}[] {
  const rows: {algorithm: string; game: string; seed: number; score: number}[] = [];
  for (const name of ATARI) {
    const byGame = JSON.parse(readFileSync(new URL(`../../data/rl/atari100k/${name}.json`, import.meta.url), "utf8")) as Record<string, number[]>;
    for (const [game, scores] of Object.entries(byGame)) scores.forEach((score, seed) => rows.push({algorithm: name, game, seed, score}));
  }
  return rows;
}

/** DER's 10-checkpoint learning curves: game, run_number, iteration, eval_average_return. */
function derCurves(): {game: string; run_number: number; iteration: number; eval_average_return: number}[] {
  const [, ...lines] = readFileSync(new URL("../../data/rl/atari100k/DER_10_evals.csv", import.meta.url), "utf8").trimEnd().split("\n");
  return lines.map((line) => {
    const [game, run, iteration, value] = line.split(",");
    return {game, run_number: Number(run), iteration: Number(iteration), eval_average_return: Number(value)};
  });
}

const runsColumns = {model: "algorithm", benchmark: "game", value: "score"};

describe("seedVariance and signalToNoise agree with pandas on Atari 100k (7 agents × 26 games × 5–100 seeds)", () => {
  it("per game and agent: seeds, mean and SD (ddof 1) to 1e-12", () => {
    const ours = seedVariance(atariRuns(), {columns: runsColumns});
    const ref = pairedReference.seed_variance;
    expect(ours.map((r) => [r.benchmark, r.model, r.seeds])).toEqual(ref.map((r) => [r.benchmark, r.model, r.seeds]));
    const w = worst(ours.flatMap((r, i) => [[`mean ${r.benchmark}/${r.model}`, r.mean, ref[i].mean], [`sd ${r.benchmark}/${r.model}`, r.sd, ref[i].sd]] as [string, number, number][]));
    expect(w.value, w.at).toBeLessThan(1e-12);
  });

  it("per game: signal (SD of the agents' means), pooled seed noise and their ratio to 1e-12", () => {
    const ours = signalToNoise(atariRuns(), {columns: runsColumns});
    const ref = pairedReference.signal_to_noise;
    expect(ours.map((r) => [r.benchmark, r.models])).toEqual(ref.map((r) => [r.benchmark, r.models]));
    const w = worst(ours.flatMap((r, i) => [["signal", r.signal, ref[i].signal], ["noise", r.noise, ref[i].noise], [`ratio ${r.benchmark}`, r.ratio, ref[i].ratio]] as [string, number, number][]));
    expect(w.value, w.at).toBeLessThan(1e-12);
    expect(ours.every((r) => r.warning === undefined)).toBe(true);
  });

  it("the same numbers for shuffled rows and for a columnar table with a numeric seed column", () => {
    const rows = atariRuns().filter((r) => r.game < "C");
    const base = seedVariance(rows, {columns: runsColumns});
    expect(seedVariance(shuffled(rows, 8), {columns: runsColumns})).toEqual(base);
    const columnar = {
      length: rows.length,
      columns: {
        algorithm: encodeLabels(rows.map((r) => r.algorithm)),
        game: encodeLabels(rows.map((r) => r.game)),
        seed: Float64Array.from(rows, (r) => r.seed),
        score: Float64Array.from(rows, (r) => r.score)
      }
    };
    expect(seedVariance(columnar, {columns: runsColumns})).toEqual(base);
  });

  it("noise pools only the models with two seeds or more; signal uses every model's mean", () => {
    const rows = [
      {model: "a", seed: 1, score: 0.5}, {model: "a", seed: 2, score: 0.7},
      {model: "b", seed: 1, score: 0.2}, {model: "b", seed: 2, score: 0.2}, {model: "b", seed: 3, score: 0.5},
      {model: "c", seed: 1, score: 0.9}
    ];
    const [r] = signalToNoise(rows);
    const noise = Math.sqrt((0.02 + 0.03) / 2); // variances of a (0.02) and b (0.03); c has one seed
    const means = [0.6, 0.3, 0.9];
    const signal = Math.sqrt(means.reduce((s, m) => s + (m - 0.6) ** 2, 0) / 2);
    expect(r).toMatchObject({benchmark: "", models: 3});
    expect(r.noise).toBeCloseTo(noise, 15);
    expect(r.signal).toBeCloseTo(signal, 15);
    expect(r.ratio).toBeCloseTo(signal / noise, 14);
  });

  it("one seed and one model warn instead of a silent NaN; a run scored twice is an error", () => {
    const [row] = seedVariance([{model: "m", seed: 1, score: 0.5}]);
    expect(row).toMatchObject({benchmark: "", seeds: 1, mean: 0.5, warning: "one seed: a seed standard deviation needs at least two"});
    expect(row.sd).toBeNaN();
    const [snr] = signalToNoise([{model: "m", seed: 1, score: 0.5}]);
    expect(snr.warning).toBe("one model: no spread between models; no model has two seeds: no seed noise");
    expect(() => seedVariance([{model: "m", seed: 1, score: 0.5}, {model: "m", seed: 1, score: 0.6}])).toThrow(/^score, row 1: seedVariance: m seed 1 has two scores; give one per run/);
    expect(() => seedVariance([{model: "m", seed: "", score: 0.5}])).toThrow(/^seed, row 0: seedVariance: a row with a score has no seed/);
    expect(() => seedVariance([{model: "m", seed: 1, score: Infinity}])).toThrow(BenchstatsError);
    expect(() => seedVariance([{model: "m", seed: 1, value: 1}])).toThrow(/no "score" column/);
  });
});

describe("monotonicity agrees with scipy.stats.kendalltau on DER learning curves", () => {
  it("τ-b and p of score against step for every run of 6 games (600 runs) to 1e-12", () => {
    const games = new Set(pairedReference.monotonicity.games);
    const rows = derCurves().filter((r) => games.has(r.game)).map((r) => ({...r, model: "DER"}));
    const ours = monotonicity(rows, {columns: {benchmark: "game", seed: "run_number", step: "iteration", value: "eval_average_return"}});
    // seeds sort as text ("1", "10", "100", "11", …); match the reference by (game, run)
    const ref = new Map(pairedReference.monotonicity.rows.map((r) => [`${r.benchmark}/${r.seed}`, r]));
    expect(ours).toHaveLength(ref.size);
    const cases: [string, number, number][] = [];
    for (const row of ours) {
      const r = ref.get(`${row.benchmark}/${row.seed}`)!;
      expect(row.checkpoints).toBe(r.checkpoints);
      cases.push([`tau ${row.benchmark}/${row.seed}`, row.tau, r.tau], [`p ${row.benchmark}/${row.seed}`, row.pValue, r.p]);
    }
    const w = worst(cases);
    expect(w.value, w.at).toBeLessThan(1e-12);
  });

  it("a steadily rising run has τ = 1; one checkpoint warns; two scores at one step is an error", () => {
    const [up] = monotonicity([1, 2, 3, 4].map((step) => ({model: "m", seed: 0, step, score: step * step})));
    expect(up.tau).toBe(1);
    const [one] = monotonicity([{model: "m", seed: 0, step: 1, score: 1}]);
    expect(one.tau).toBeNaN();
    expect(one.warning).toBe("one checkpoint: a trend needs at least two");
    expect(() => monotonicity([{model: "m", seed: 0, step: 1, score: 1}, {model: "m", seed: 0, step: 1, score: 2}])).toThrow(/has two scores at one step/);
  });
});

/** The Arena-Hard-Auto leaderboard (bundled): score with its 95 % bootstrap interval. */
function arenaHard(): {model: string; score: number; lower: number; upper: number}[] {
  const [, ...lines] = readFileSync(new URL("../../data/scores/arena_hard/arena_hard_leaderboard_20240731.csv", import.meta.url), "utf8").trimEnd().split("\n");
  return lines.map((line) => {
    const [model, score, lower, upper] = line.split(",");
    return {model, score: Number(score), lower: Number(lower), upper: Number(upper)};
  });
}

describe("separability, agreement with confidence and pair-rank Brier score (Li et al. 2024)", () => {
  it("separability counts the pairs with disjoint intervals (touching intervals overlap)", () => {
    expect(separability([{model: "a", lower: 0, upper: 1}, {model: "b", lower: 2, upper: 3}, {model: "c", lower: 0.5, upper: 2.5}])).toEqual({separability: 1 / 3, separated: 1, pairs: 3, models: 3});
    expect(separability([{model: "a", lower: 0, upper: 1}, {model: "b", lower: 1, upper: 2}]).separated).toBe(0);
  });

  it("on the Arena-Hard leaderboard: the share of its 1,770 pairs that it separates, and self-agreement equal to it", () => {
    const rows = arenaHard();
    const s = separability(rows);
    expect(s.models).toBe(60);
    expect(s.pairs).toBe(1770);
    let brute = 0;
    for (const a of rows) for (const b of rows) if (a.model < b.model && (a.upper < b.lower || b.upper < a.lower)) ++brute;
    expect(s.separated).toBe(brute);
    expect(s.separability).toBeGreaterThan(0.5);
    const self = agreementWithConfidence(rows, rows);
    expect(self).toMatchObject({agree: brute, disagree: 0, pairs: 1770, models: 60});
    expect(self.agreement).toBe(s.separability);
    // a leaderboard read upside down disagrees on every pair it separates
    const flipped = rows.map((r) => ({model: r.model, score: -r.score, lower: -r.upper, upper: -r.lower}));
    expect(agreementWithConfidence(rows, flipped).agreement).toBe(-s.separability);
  });

  it("agreement scores +1 / −1 / 0 per pair over the models both hold", () => {
    const a = [{model: "x", lower: 0, upper: 1}, {model: "y", lower: 2, upper: 3}, {model: "z", lower: 4, upper: 5}, {model: "only-a", lower: 9, upper: 10}];
    // x < y separated the same way (+1); y < z reversed (−1); x vs z unresolved in b (0)
    const b = [{model: "x", lower: 0, upper: 1}, {model: "y", lower: 5, upper: 6}, {model: "z", lower: 0.5, upper: 4.5}];
    expect(agreementWithConfidence(a, b)).toEqual({agreement: 0, agree: 1, disagree: 1, pairs: 3, models: 3});
  });

  it("pair-rank Brier: mean (1 − Φ(gap/√(se_i² + se_j²)))² with se from the 95 % half-width", () => {
    const rows = [{model: "a", mean: 0.7, lower: 0.6, upper: 0.8}, {model: "b", mean: 0.5, lower: 0.4, upper: 0.6}, {model: "c", mean: 0.55, lower: 0.45, upper: 0.65, se: 0.02}];
    const se = 0.1 / 1.959963984540054;
    const p = (gap: number, s1: number, s2: number) => normalCdf(gap / Math.hypot(s1, s2));
    // reference order c > a > b: pairs (c, a), (c, b), (a, b)
    const expected = ((1 - p(-0.15, 0.02, se)) ** 2 + (1 - p(0.05, 0.02, se)) ** 2 + (1 - p(0.2, se, se)) ** 2) / 3;
    const r = pairRankBrier(rows, ["c", "a", "b", "unranked"]);
    expect(r.pairs).toBe(3);
    expect(r.brier).toBeCloseTo(expected, 14);
    const rows2 = arenaHard();
    const byScore = [...rows2].sort((x, y) => y.score - x.score).map((x) => x.model);
    expect(pairRankBrier(rows2, byScore).brier).toBeLessThan(0.1);
    expect(pairRankBrier(rows2, [...byScore].reverse()).brier).toBeGreaterThan(0.5);
  });

  it("reads intervalEstimates results and names bad rows", () => {
    const ci = intervalEstimates({a: [[1, 2], [1.1, 2.1], [0.9, 1.9]], b: [[5, 6], [5.1, 6.2], [4.9, 6.1]]}, aggregateMean, {reps: 200, seed: 1});
    expect(separability(ci).separated).toBe(1);
    expect(() => separability([{model: "a", lower: 2, upper: 1}, {model: "b", lower: 0, upper: 1}])).toThrow(/^rows, row 0: separability: rows row for "a" has lower 2 > upper 1/);
    expect(() => separability([{model: "a", lower: 0, upper: 1}, {model: "a", lower: 0, upper: 1}])).toThrow(/^rows, row 1: separability: model "a" appears twice in rows/);
    expect(() => separability([{model: "a", lower: 0, upper: NaN}, {model: "b", lower: 0, upper: 1}])).toThrow(/needs a finite upper/);
    expect(() => separability([{model: "a", lower: 0, upper: 1}])).toThrow(/^rows: separability: rows needs at least 2 models, got 1/);
    expect(() => agreementWithConfidence([{model: "a", lower: 0, upper: 1}, {model: "b", lower: 0, upper: 1}], [{model: "a", lower: 0, upper: 1}, {model: "c", lower: 0, upper: 1}])).toThrow(/^rowsB: agreementWithConfidence: rowsA and rowsB share 1 model/);
    expect(() => pairRankBrier([{model: "a", lower: 0, upper: 1}, {model: "b", lower: 0, upper: 1}], ["a", "a"])).toThrow(/^referenceOrder: pairRankBrier: referenceOrder names a model twice/);
  });
});
