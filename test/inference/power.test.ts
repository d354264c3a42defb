import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {aggregateIqm, aggregateMean, itemsNeeded, minimumDetectableEffect, probabilityOfImprovement, runsNeeded} from "../../lib/index.js";
import {pairedReference} from "./paired-data.js";

describe("itemsNeeded and minimumDetectableEffect agree with statsmodels normal_sample_size_one_tail", () => {
  it("itemsNeeded is statsmodels' n rounded up, on sds of real AlpacaEval and ChemBench differences", () => {
    for (const c of pairedReference.power) {
      expect(itemsNeeded({delta: c.delta, sd: c.sd, alpha: c.alpha, power: c.power}), JSON.stringify(c)).toBe(Math.ceil(c.n));
      expect(itemsNeeded({delta: -c.delta, sd: c.sd, alpha: c.alpha, power: c.power})).toBe(Math.ceil(c.n));
    }
  });

  it("minimumDetectableEffect at statsmodels' n gives back δ to 1e-12", () => {
    let worst = 0;
    for (const c of pairedReference.power) {
      const delta = minimumDetectableEffect({n: c.n, sd: c.sd, alpha: c.alpha, power: c.power});
      worst = Math.max(worst, Math.abs(delta - c.delta) / c.delta);
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it("the documented examples, the defaults (α 0.05, power 0.8) and the design effect 1 + (m − 1)ρ", () => {
    expect(minimumDetectableEffect({n: 805, sd: 0.5})).toBeCloseTo(0.0493714521780606, 14);
    expect(itemsNeeded({delta: 0.02, sd: 0.5})).toBe(4906);
    const plain = minimumDetectableEffect({n: 1000, sd: 0.4});
    expect(minimumDetectableEffect({n: 1000, sd: 0.4, clusters: {size: 11, icc: 0.2}})).toBeCloseTo(plain * Math.sqrt(3), 14);
    expect(itemsNeeded({delta: 0.05, sd: 0.4, clusters: {size: 11, icc: 0.2}})).toBe(Math.ceil(((2.8015852220954866 * 0.4) / 0.05) ** 2 * 3));
    expect(minimumDetectableEffect({n: 400, sd: 1, alpha: 0.01, power: 0.9})).toBeCloseTo((2.5758293035489 + 1.2815515655446) / 20, 12);
  });
});

/** A rliable per-run JSON file ({game: [run scores]}) as a runs × tasks matrix. */
function atari(name: string): number[][] {
  const byGame = JSON.parse(readFileSync(new URL(`../../data/rl/atari100k/${name}.json`, import.meta.url), "utf8")) as Record<string, number[]>;
  const games = Object.keys(byGame).sort();
  return byGame[games[0]].map((_, run) => games.map((g) => byGame[g][run]));
}

describe("runsNeeded: power by simulation on the user's own runs (Atari 100k)", () => {
  const spr = atari("SPR");
  const der = atari("DER");

  it("power grows with the run count, the answer is the first count that reaches the target, and a seed reproduces it", () => {
    const options = {statistic: aggregateMean, runs: [2, 5, 20], simulations: 60, reps: 200, seed: 1, target: 0.8};
    const r = runsNeeded(spr, der, options);
    expect(r.nullValue).toBe(0);
    expect(r.observed).toBeCloseTo(aggregateMean(spr) - aggregateMean(der), 10);
    expect(r.power.map((p) => p.runs)).toEqual([2, 5, 20]);
    expect(r.power[2].power).toBeGreaterThan(r.power[0].power);
    const first = r.power.find((p) => p.power >= 0.8);
    expect(r.needed).toBe(first ? first.runs : NaN);
    expect(r.power[0].mcse).toBeCloseTo(Math.sqrt((r.power[0].power * (1 - r.power[0].power)) / 60), 15);
    expect(runsNeeded(spr, der, options)).toEqual(r);
  });

  it("with the IQM and with probability of improvement (null 0.5)", () => {
    const iqm = runsNeeded(spr, der, {statistic: aggregateIqm, runs: [3, 10], simulations: 30, reps: 200, seed: 2});
    expect(iqm.observed).toBeCloseTo(aggregateIqm(spr) - aggregateIqm(der), 10);
    const poi = runsNeeded(spr, der, {statistic: probabilityOfImprovement, runs: [3, 10], simulations: 30, reps: 200, seed: 2});
    expect(poi.nullValue).toBe(0.5);
    expect(poi.observed).toBeCloseTo(probabilityOfImprovement(spr, der), 12);
    expect(poi.power[1].power).toBeGreaterThanOrEqual(poi.power[0].power);
  });

  it("warns instead of answering when no run count reaches the target, or when there is no difference", () => {
    const same = runsNeeded(der, der, {statistic: aggregateMean, runs: [3], simulations: 10, reps: 50});
    expect(same.needed).toBeNaN();
    expect(same.warning).toMatch(/no direction to detect/);
    const hard = runsNeeded(spr, der, {statistic: aggregateMean, runs: [2], simulations: 20, reps: 100, target: 0.999});
    expect(hard.needed).toBeNaN();
    expect(hard.warning).toMatch(/no run count tried reaches power 0.999/);
  });
});
