import {describe, expect, it} from "vitest";
import {aggregateIqm, aggregateMean, aggregateMedian, aggregateOptimalityGap, createRandom, pairedDifference} from "../../lib/index.js";
import {probabilityOfImprovementPerTask} from "../../lib/engine.js";
import {samplePaired, truePairedDifference} from "../../bench/coverage/paired.js";
import {makeScenario, normalCdf, pooledCdf, pooledQuantile, sampleMatrix, trueIqm, trueMean, trueMedian, trueOptimalityGap, trueProbabilityOfImprovement} from "../../bench/coverage/simulate.js";

describe("normalCdf(z) of the coverage study", () => {
  it("matches tabulated values of Φ (to 1e-12 relative in the tails)", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(2.5)).toBeCloseTo(0.9937903346742238, 14);
    expect(normalCdf(-3.5) / 2.3262907903552504e-4).toBeCloseTo(1, 11);
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 11);
  });
});

describe("the closed-form truths of the simulated scenarios", () => {
  for (const family of ["lognormal", "bimodal"] as const) {
    it(`agree with large Monte-Carlo samples (${family}, 20 tasks, 20,000 runs each)`, () => {
      const scenario = makeScenario(family, 20, 7);
      const rng = createRandom(11);
      const x = sampleMatrix(scenario.x, 20000, rng);
      const y = sampleMatrix(scenario.y, 2000, rng);
      // Relative tolerances of several Monte-Carlo standard errors (400,000 draws; P(X > Y) from 40M pairs per task).
      expect(Math.abs(aggregateMean(x) / trueMean(scenario.x) - 1)).toBeLessThan(0.01);
      expect(Math.abs(aggregateIqm(x) / trueIqm(scenario.x) - 1)).toBeLessThan(0.01);
      expect(Math.abs(aggregateMedian(x) / trueMedian(scenario.x) - 1)).toBeLessThan(0.02);
      expect(Math.abs(aggregateOptimalityGap(x) / trueOptimalityGap(scenario.x) - 1)).toBeLessThan(0.01);
      const poi = probabilityOfImprovementPerTask(x.slice(0, 2000), y);
      expect(Math.abs(poi.reduce((s, p) => s + p, 0) / poi.length - trueProbabilityOfImprovement(scenario.x, scenario.y))).toBeLessThan(0.005);
      expect(pooledCdf(scenario.x, pooledQuantile(scenario.x, 0.25))).toBeCloseTo(0.25, 12);
    }, 60000); // 400,000 draws: slow on a shared machine
  }

  it("keeps tasks fixed per (family, tasks, seed): same scenario, same truth", () => {
    expect(makeScenario("bimodal", 5, 3)).toEqual(makeScenario("bimodal", 5, 3));
    expect(trueIqm(makeScenario("lognormal", 5, 3).x)).not.toBe(trueIqm(makeScenario("lognormal", 5, 4).x));
  });
});

describe("the paired-difference scenarios of the coverage study (bench/coverage/paired.ts)", () => {
  for (const affinitySd of [0, 1]) {
    it(`the true mean difference matches a large Monte-Carlo sample (τ = ${affinitySd}, 4,000 clusters × 50 items)`, () => {
      const scenario = {clusters: 4000, perCluster: 50, thetaA: 0.3, thetaB: 0, clusterSd: 1, itemSd: 1, affinitySd};
      const {x, y, clusters} = samplePaired(scenario, createRandom(5));
      let sum = 0;
      for (let i = 0; i < x.length; ++i) sum += x[i] - y[i];
      // 200,000 items in 4,000 clusters: the clustered SE of the mean difference is below 0.004
      const {se} = pairedDifference(x, y, {clusters});
      expect(se).toBeLessThan(0.004);
      expect(Math.abs(sum / x.length - truePairedDifference(scenario))).toBeLessThan(4 * se);
      expect(clusters[49]).toBe(0);
      expect(clusters[50]).toBe(1);
    });
  }

  it("the truth is the logistic-normal integral (θ = 0 gives exactly ½; a larger spread shrinks the difference)", () => {
    const base = {clusters: 1, perCluster: 1, thetaA: 0, thetaB: 0, clusterSd: 1, itemSd: 1, affinitySd: 0};
    expect(truePairedDifference(base)).toBe(0);
    const narrow = truePairedDifference({...base, thetaA: 0.3, clusterSd: 0.1, itemSd: 0.1});
    expect(narrow).toBeCloseTo(1 / (1 + Math.exp(-0.3)) - 0.5, 2);
    expect(truePairedDifference({...base, thetaA: 0.3, affinitySd: 1})).toBeLessThan(truePairedDifference({...base, thetaA: 0.3}));
  });
});
