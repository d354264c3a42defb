import {describe, expect, it, vi} from "vitest";
import {
  aggregateIqm,
  aggregateMedian,
  aggregateOptimalityGap,
  ciAwareRanks,
  createRandom,
  intervalEstimates,
  intervalEstimatesParallel,
  minMaxNormalizeRuns,
  minMaxScore,
  rankDistribution,
  runsToScoreCurves,
  runsToScoreMatrices,
  scoresToScoreMatrices
} from "../../lib/index.js";
import {minMaxNormalize, referenceScores, scoreMatricesToRuns} from "../../lib/engine.js";
import {atariMatrices, readFixture} from "./atari-data.js";

// Generous per-test limit: CI's 2 cores may be shared; the suite itself takes a few seconds.
vi.setConfig({testTimeout: 30000});

const first10 = atariMatrices(10);

describe("rankDistribution(scoreDict) per task (rliable colab's get_rank_matrix)", () => {
  it("matches a Monte-Carlo run of the colab's procedure (one random run per task and algorithm, random tie-breaks)", () => {
    const dict = {DER: first10.DER, SPR: first10.SPR, DrQ: first10.DrQ};
    const exact = rankDistribution(dict);
    // The colab's estimator, written out plainly: 10,000 draws per task.
    const rng = createRandom(1);
    const keys = Object.keys(dict) as (keyof typeof dict)[];
    const mc = keys.map(() => [0, 0, 0]);
    const n = 10000;
    for (let t = 0; t < 26; ++t) {
      for (let i = 0; i < n; ++i) {
        const draws = keys.map((k) => ({k, v: dict[k][rng.int(10)][t], tie: rng.float()}));
        draws.sort((a, b) => b.v - a.v || a.tie - b.tie);
        draws.forEach((d, r) => (mc[keys.indexOf(d.k)][r] += 1 / n / 26));
      }
    }
    // Each MC probability has sd ≤ √(0.25/(10000·26)) ≈ 1e-3; allow 5e-3.
    for (let a = 0; a < 3; ++a) for (let r = 0; r < 3; ++r) expect(Math.abs(exact.probabilities[a][r] - mc[a][r])).toBeLessThan(5e-3);
    for (const row of exact.probabilities) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(exact.perTask!.length).toBe(26);
  });

  it("splits ties evenly", () => {
    const r = rankDistribution({A: [[1]], B: [[1]]});
    expect(r.probabilities).toEqual([
      [0.5, 0.5],
      [0.5, 0.5]
    ]);
    expect(r.meanRank).toEqual([1.5, 1.5]);
  });
});

describe("rankDistribution(scoreDict, {statistic}) under bootstrap", () => {
  it("ranks the replicates of the aggregate, lower first for the optimality gap", () => {
    const dict = {DER: first10.DER, SPR: first10.SPR, SimPLe: first10.SimPLe};
    const iqm = rankDistribution(dict, {statistic: aggregateIqm, reps: 400, seed: 3});
    const est = intervalEstimates(dict, aggregateIqm, {reps: 400, seed: 3, keepReplicates: true});
    let sprFirst = 0;
    for (let b = 0; b < 400; ++b) {
      const v = ["DER", "SPR", "SimPLe"].map((k) => est[k].replicates![b]);
      if (v[1] > v[0] && v[1] > v[2]) ++sprFirst;
    }
    expect(iqm.probabilities[1][0]).toBeCloseTo(sprFirst / 400, 12);
    const og = rankDistribution(dict, {statistic: aggregateOptimalityGap, reps: 400, seed: 3});
    // SPR has the smallest optimality gap and the largest IQM: both put it first most often.
    expect(og.meanRank[1]).toBeLessThan(og.meanRank[2]);
  });
});

describe("ciAwareRanks(intervals)", () => {
  it("gives 1 + the number of algorithms whose interval is entirely better", () => {
    const rows = ciAwareRanks({
      A: {point: [0.5], lower: [0.4], upper: [0.6]},
      B: {point: [0.45], lower: [0.3], upper: [0.55]},
      C: {point: [0.1], lower: [0.05], upper: [0.2]}
    });
    expect(rows.map((r) => [r.key, r.rank, r.ciRank])).toEqual([
      ["A", 1, 1],
      ["B", 2, 1],
      ["C", 3, 3]
    ]);
    expect(ciAwareRanks({A: {point: [1], lower: [0.9], upper: [1.1]}, B: {point: [3], lower: [2], upper: [4]}}, {higherIsBetter: false})[0].key).toBe("A");
  });
});

describe("minMaxNormalize and referenceScores", () => {
  it("human-normalise Atari scores like the rliable colab", () => {
    const lines = readFixture("atari100k_reference_scores.csv").trim().split(/\r?\n/);
    const header = lines[0].split(",");
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i], i === 0 ? v : Number(v)])));
    const ref = referenceScores(rows);
    const games = rows.map((r) => r.game as string);
    const raw = JSON.parse(readFixture("DER.json")) as Record<string, number[]>;
    const matrix = raw[games[0]].map((_, r) => games.map((g) => raw[g][r]));
    const hns = minMaxNormalize(matrix, games, ref);
    expect(hns).toEqual(atariMatrices().DER);
  });
  it("explain missing tasks and zero ranges", () => {
    expect(() => minMaxNormalize([[1]], ["Pong"], {})).toThrow(/no reference scores for task "Pong"/);
    expect(() => referenceScores([{game: "X", random: 1, human: 1}])).toThrow(/zero range/);
  });
});

describe("tidy runs/scores tables ↔ score matrices", () => {
  const rows = [
    {experiment: "e", algorithm: "A", task: "t1", seed: 1, step: 10, metric: "return", value: 1},
    {experiment: "e", algorithm: "A", task: "t1", seed: 1, step: 20, metric: "return", value: 2},
    {experiment: "e", algorithm: "A", task: "t2", seed: 1, step: 20, metric: "return", value: 3},
    {experiment: "e", algorithm: "A", task: "t1", seed: 2, step: 20, metric: "return", value: 4},
    {experiment: "e", algorithm: "B", task: "t1", seed: 1, step: 20, metric: "return", value: 5},
    {experiment: "e", algorithm: "B", task: "t2", seed: 1, step: 20, metric: "return", value: 6}
  ];

  it("build runs × tasks matrices at the last step, NaN for missing seeds", () => {
    const m = runsToScoreMatrices(rows);
    expect(m.tasks).toEqual(["t1", "t2"]);
    expect(m.runs.A).toEqual(["1", "2"]);
    expect(m.matrices.A).toEqual([
      [2, 3],
      [4, NaN]
    ]);
    expect(runsToScoreMatrices(rows, {step: 10, algorithms: ["A"]}).matrices.A).toEqual([[1, NaN]]);
  });

  it("build runs × tasks × steps curves", () => {
    const c = runsToScoreCurves(rows);
    expect(c.steps).toEqual([10, 20]);
    expect(c.curves.A[0][0]).toEqual([1, 2]);
    expect(c.curves.A[1][1]).toEqual([NaN, NaN]);
  });

  it("round-trip matrices through runs rows", () => {
    const m = runsToScoreMatrices(rows);
    const back = runsToScoreMatrices(scoreMatricesToRuns(m.matrices, m.tasks, {runs: m.runs}));
    expect(back.matrices).toEqual(m.matrices);
  });

  it("read the scores table, repeated rows becoming runs", () => {
    const s = scoresToScoreMatrices([
      {model: "m", benchmark: "b", task: "x", score: 1},
      {model: "m", benchmark: "b", task: "x", score: 2},
      {model: "m", benchmark: "b", task: "y", score: 3}
    ]);
    expect(s.matrices.m).toEqual([
      [1, 3],
      [2, NaN]
    ]);
  });

  it("name the row on bad input and ask for a metric when several are present", () => {
    expect(() => runsToScoreMatrices([{...rows[0], value: "x" as unknown as number}])).toThrow(/row 0: runsToScoreMatrices: value must be a number/);
    expect(() => runsToScoreMatrices([...rows, {...rows[0], metric: "loss"}])).toThrow(/pass \{metric\}/);
    expect(() => runsToScoreMatrices([rows[1], rows[1]])).toThrow(/runs row 1: a second value/);
  });
});

describe("intervalEstimatesParallel", () => {
  it("gives the same result as the synchronous call for 1, 2 and 3 workers", async () => {
    const dict = {DER: first10.DER, SPR: first10.SPR, DrQ: first10.DrQ};
    const sync = intervalEstimates(dict, aggregateIqm, {reps: 1500, seed: 7});
    // The workers are JavaScript (the entry bundled once per process) and pooled across calls.
    for (const workers of [1, 2, 3]) {
      expect(await intervalEstimatesParallel(dict, aggregateIqm, {reps: 1500, seed: 7, workers})).toEqual(sync);
    }
  }, 30000);

  it("keeps its pooled threads apart when calls overlap, and the same bits again", async () => {
    const a = {DER: first10.DER, SPR: first10.SPR};
    const b = {DrQ: first10.DrQ};
    const [pa, pb] = await Promise.all([
      intervalEstimatesParallel(a, aggregateIqm, {reps: 1200, seed: 3, workers: 2}),
      intervalEstimatesParallel(b, aggregateMedian, {reps: 1200, seed: 4, workers: 2})
    ]);
    expect(pa).toEqual(intervalEstimates(a, aggregateIqm, {reps: 1200, seed: 3}));
    expect(pb).toEqual(intervalEstimates(b, aggregateMedian, {reps: 1200, seed: 4}));
  }, 30000);
});

describe("minMaxNormalizeRuns and minMaxScore", () => {
  it("normalise a runs table's values by task, the same as minMaxNormalize on the matrix", () => {
    const reference = {Pong: {min: -20.7, max: 14.6}, Alien: {min: 227.8, max: 7127.7}};
    const rows = [
      {algorithm: "A", task: "Pong", value: 14.6},
      {algorithm: "A", task: "Alien", value: 227.8},
      {algorithm: "A", task: "Pong", value: NaN}
    ];
    const out = minMaxNormalizeRuns(rows, reference);
    expect([...out]).toEqual([1, 0, NaN]);
    expect(out[0]).toBe(minMaxNormalize([[14.6, 227.8]], ["Pong", "Alien"], reference)[0][0]);
    expect(minMaxScore(-3.05, reference.Pong)).toBeCloseTo(0.5, 12);
  });

  it("name the row whose task has no reference", () => {
    expect(() => minMaxNormalizeRuns([{algorithm: "A", task: "Pong", value: 1}, {algorithm: "A", task: "Qbert", value: 1}], {Pong: {min: 0, max: 1}})).toThrow(/task, row 1: .*no reference scores for task "Qbert"/);
  });
});
