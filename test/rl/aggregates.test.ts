import {describe, expect, it, vi} from "vitest";
import {
  BenchstatsError,
  aggregateIqm,
  aggregateMean,
  aggregateMedian,
  aggregateOptimalityGap,
  averageScoreDistribution,
  probabilityOfImprovement,
  scoreDistribution
} from "../../lib/index.js";
import {probabilityOfImprovementPerTask} from "../../lib/engine.js";
import {AGENTS, atariMatrices, readFixture} from "./atari-data.js";

// Generous per-test limit: CI's 2 cores may be shared; the suite itself takes a few seconds.
vi.setConfig({testTimeout: 30000});

// The golden file was produced with rliable (metrics.py) on three small matrices; values are float64
// outputs, so 1e-12 only absorbs summation-order differences.
const golden = JSON.parse(readFixture("rliable_tiny.json"));
const GOLDEN_TOL = 1e-12;

// Independent reference implementations straight from rliable's definitions, with plain sorting.
const col = (m: number[][], t: number) => m.map((r) => r[t]).filter((v) => !Number.isNaN(v));
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const taskMeans = (m: number[][]) => m[0].map((_, t) => mean(col(m, t)));
const npMedian = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const trimMean = (m: number[][]) => {
  const s = m.flat().filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const g = Math.floor(0.25 * s.length);
  return mean(s.slice(g, s.length - g));
};
const optimalityGap = (m: number[][], gamma: number) => gamma - mean(m.flat().filter((v) => !Number.isNaN(v)).map((v) => Math.min(v, gamma)));

describe("aggregates on rliable's golden matrices", () => {
  for (const name of ["X", "Y", "Z"]) {
    it(`match rliable's mean, median, IQM and optimality gaps for ${name}`, () => {
      const m = golden[name] as number[][];
      const want = golden.aggregates[name];
      expect(Math.abs(aggregateMean(m) - want.mean)).toBeLessThan(GOLDEN_TOL);
      expect(Math.abs(aggregateMedian(m) - want.median)).toBeLessThan(GOLDEN_TOL);
      expect(Math.abs(aggregateIqm(m) - want.iqm)).toBeLessThan(GOLDEN_TOL);
      expect(Math.abs(aggregateOptimalityGap(m) - want.optimality_gap_gamma1)).toBeLessThan(GOLDEN_TOL);
      expect(Math.abs(aggregateOptimalityGap(m, 0.5) - want["optimality_gap_gamma0.5"])).toBeLessThan(GOLDEN_TOL);
    });
  }

  it("match rliable's score distributions of X (strict >)", () => {
    const got = scoreDistribution(golden.X, golden.tau);
    const avg = averageScoreDistribution(golden.X, golden.tau);
    golden.score_distribution_X.forEach((v: number, i: number) => expect(Math.abs(got[i] - v)).toBeLessThan(GOLDEN_TOL));
    golden.average_score_distribution_X.forEach((v: number, i: number) => expect(Math.abs(avg[i] - v)).toBeLessThan(GOLDEN_TOL));
  });

  it("match rliable's probability of improvement, per task, reversed, self and with fewer runs", () => {
    const p = golden.probability_of_improvement;
    expect(Math.abs(probabilityOfImprovement(golden.X, golden.Y) - p.X_over_Y)).toBeLessThan(GOLDEN_TOL);
    expect(Math.abs(probabilityOfImprovement(golden.Y, golden.X) - p.Y_over_X)).toBeLessThan(GOLDEN_TOL);
    expect(probabilityOfImprovement(golden.X, golden.X)).toBe(0.5);
    probabilityOfImprovementPerTask(golden.X, golden.Y).forEach((v, i) => expect(Math.abs(v - p.per_task_X_over_Y[i])).toBeLessThan(GOLDEN_TOL));
    expect(Math.abs(probabilityOfImprovement(golden.X.slice(0, 2), golden.Y) - p.X_first2runs_over_Y)).toBeLessThan(GOLDEN_TOL);
  });
});

describe("aggregates on the real Atari 100k scores", () => {
  // Done-when: point estimates equal rliable's to 1e-9.
  const TOL = 1e-9;
  for (const runs of [10, Infinity]) {
    const dict = atariMatrices(runs);
    it(`equal the definitions computed independently, ${runs === 10 ? "first 10 runs" : "all runs"}, all seven agents`, () => {
      for (const agent of AGENTS) {
        const m = dict[agent];
        expect(Math.abs(aggregateMean(m) - mean(taskMeans(m)))).toBeLessThan(TOL);
        expect(Math.abs(aggregateMedian(m) - npMedian(taskMeans(m)))).toBeLessThan(TOL);
        expect(Math.abs(aggregateIqm(m) - trimMean(m))).toBeLessThan(TOL);
        expect(Math.abs(aggregateOptimalityGap(m) - optimalityGap(m, 1))).toBeLessThan(TOL);
      }
    });
  }

  it("reproduce the SPR median and mean printed in rliable's colab (all 100 runs)", () => {
    const spr = atariMatrices().SPR;
    expect(Math.abs(aggregateMedian(spr) - 0.39562938291779215)).toBeLessThan(1e-12);
    expect(Math.abs(aggregateMean(spr) - 0.6157957428691673)).toBeLessThan(1e-12);
  });
});

describe("aggregates with missing runs (ragged run counts)", () => {
  const ragged = [
    [0.1, NaN, 1.2],
    [0.2, 0.6, NaN],
    [0.3, 0.7, 0.9],
    [NaN, 0.8, 2.0]
  ];

  it("average each task over its present runs and pool only present scores", () => {
    expect(aggregateMean(ragged)).toBeCloseTo(mean([0.2, 0.7, (1.2 + 0.9 + 2.0) / 3]), 14);
    expect(aggregateMedian(ragged)).toBeCloseTo(0.7, 14);
    expect(aggregateIqm(ragged)).toBeCloseTo(trimMean(ragged), 14);
    expect(aggregateOptimalityGap(ragged)).toBeCloseTo(optimalityGap(ragged, 1), 14);
    expect(scoreDistribution(ragged, [0.5])).toEqual([6 / 9]);
  });

  it("equal the dense result when a missing run is dropped from a task", () => {
    const dense = [
      [1, 5],
      [2, 6],
      [3, 7]
    ];
    const withNaN = [
      [1, 5],
      [2, 6],
      [3, 7],
      [NaN, NaN].map((v, t) => (t === 0 ? NaN : v))
    ];
    withNaN[3][1] = NaN;
    expect(aggregateMean(withNaN)).toBe(aggregateMean(dense));
    expect(aggregateIqm(withNaN)).toBe(aggregateIqm(dense));
  });
});

describe("aggregate input errors", () => {
  it("name the row when rows have different lengths", () => {
    expect(() => aggregateIqm([[1, 2], [3]])).toThrow(/row 1 has 1 tasks, expected 2/);
    expect(() => aggregateIqm([[1, 2], [3]])).toThrow(BenchstatsError);
  });
  it("reject non-numbers, infinities, empty input and tasks without runs", () => {
    expect(() => aggregateMean([[1, "2" as unknown as number]])).toThrow(/row 0, task 1/);
    expect(() => aggregateMean([[1, Infinity]])).toThrow(/finite/);
    expect(() => aggregateMean([])).toThrow(/no runs/);
    expect(() => aggregateMean([[1, NaN], [2, NaN]])).toThrow(/task 1 has no runs/);
    expect(() => probabilityOfImprovement([[1, 2]], [[1]])).toThrow(/same tasks/);
  });
});
