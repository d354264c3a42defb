import {describe, expect, it, vi} from "vitest";
import {
  aggregateIqm,
  aggregateMean,
  averageScoreDistribution,
  intervalEstimates,
  nonLinearTauScaling,
  performanceProfiles,
  probabilityOfImprovement,
  probabilityOfImprovementIntervals,
  sampleEfficiencyCurves,
  scoreDistribution
} from "../../lib/index.js";
import {atariMatrices, derCurves} from "./atari-data.js";

// Generous per-test limit: CI's 2 cores may be shared; the suite itself takes a few seconds.
vi.setConfig({testTimeout: 30000});

const first10 = atariMatrices(10);
const taus = Array.from({length: 201}, (_, i) => i / 100);

describe("performanceProfiles(scoreDict, taus, options)", () => {
  it("has the run-score distribution as point estimate and bands that contain it", () => {
    const dict = {DER: first10.DER, SPR: first10.SPR};
    const p = performanceProfiles(dict, taus, {reps: 500, seed: 1});
    for (const k of Object.keys(dict) as (keyof typeof dict)[]) {
      expect(p[k].point).toEqual(scoreDistribution(dict[k], taus));
      expect(p[k].point.length).toBe(201);
      for (let i = 0; i < taus.length; ++i) {
        expect(p[k].lower[i]).toBeLessThanOrEqual(p[k].upper[i]);
        expect(p[k].lower[i]).toBeGreaterThanOrEqual(0);
        expect(p[k].upper[i]).toBeLessThanOrEqual(1);
      }
    }
    // At τ above every score the band collapses to 0.
    const top = performanceProfiles({DER: first10.DER}, [1000], {reps: 200, method: "bca"}).DER;
    expect([top.lower[0], top.point[0], top.upper[0]]).toEqual([0, 0, 0]);
  });

  it("uses the average-score distribution with {average: true}", () => {
    const p = performanceProfiles({DER: first10.DER}, [0, 0.2, 0.5], {reps: 200, average: true});
    expect(p.DER.point).toEqual(averageScoreDistribution(first10.DER, [0, 0.2, 0.5]));
  });

  it("gives the same bands through the generic path", () => {
    const a = performanceProfiles({DER: first10.DER}, taus, {reps: 300, seed: 4});
    const b = performanceProfiles({DER: first10.DER}, taus, {reps: 300, seed: 4, forceGeneric: true});
    expect(a).toEqual(b);
  });
});

describe("nonLinearTauScaling(profiles, taus)", () => {
  it("maps τ to 1 − mean profile and puts ticks at numpy's logspace indices", () => {
    const profiles = {A: scoreDistribution(first10.DER, taus), B: scoreDistribution(first10.SPR, taus)};
    const s = nonLinearTauScaling(profiles, taus);
    expect(s.x[10]).toBeCloseTo(1 - (profiles.A[10] + profiles.B[10]) / 2, 15);
    // np.int32(np.logspace(0, np.log2(200), 5, base=2)) = [1, 3, 14, 53, 199]
    expect(s.tickLabels).toEqual([1, 3, 14, 53, 199].map((i) => taus[i]));
    // Other lengths, from numpy: 81 → [1, 2, 8, 26, 80], 101 → [1, 3, 9, 31, 99], 11 → [1, 1, 3, 5, 9]
    for (const [m, want] of [
      [81, [1, 2, 8, 26, 80]],
      [101, [1, 3, 9, 31, 99]],
      [11, [1, 1, 3, 5, 9]]
    ] as const) {
      const t = Array.from({length: m}, (_, i) => i);
      expect(nonLinearTauScaling({A: t.map(() => 0.5)}, t).tickLabels).toEqual(want);
    }
  });
});

describe("probabilityOfImprovementIntervals(scoreDict, options)", () => {
  it("compares every pair once by default, with point estimates equal to probabilityOfImprovement", () => {
    const dict = {SPR: first10.SPR, DER: first10.DER, DrQ: first10.DrQ};
    const poi = probabilityOfImprovementIntervals(dict, {reps: 300, seed: 1});
    expect(Object.keys(poi)).toEqual(["SPR,DER", "SPR,DrQ", "DER,DrQ"]);
    expect(poi["SPR,DER"].point[0]).toBe(probabilityOfImprovement(dict.SPR, dict.DER));
    expect(poi["SPR,DER"].lower[0]).toBeLessThan(poi["SPR,DER"].point[0]);
  });

  it("gives each pair the same interval alone or among others, and equals intervalEstimates on the pair", () => {
    const dict = {SPR: first10.SPR, DER: first10.DER, DrQ: first10.DrQ};
    const all = probabilityOfImprovementIntervals(dict, {reps: 300, seed: 1});
    const one = probabilityOfImprovementIntervals(dict, {reps: 300, seed: 1, pairs: [["DER", "DrQ"]]});
    expect(one["DER,DrQ"]).toEqual(all["DER,DrQ"]);
    const direct = intervalEstimates({"DER,DrQ": [dict.DER, dict.DrQ]}, probabilityOfImprovement, {reps: 300, seed: 1});
    expect(direct["DER,DrQ"]).toEqual(one["DER,DrQ"]);
  });

  it("returns exactly 0.5 with a zero-width interval for an algorithm against itself", () => {
    const poi = probabilityOfImprovementIntervals({A: first10.DER, B: first10.DER}, {reps: 200});
    expect(poi["A,B"].point[0]).toBe(0.5);
    // Resamples of A and B differ, so the interval is not degenerate, but it is centred on 0.5.
    expect(poi["A,B"].lower[0]).toBeLessThan(0.5);
    expect(poi["A,B"].upper[0]).toBeGreaterThan(0.5);
  });

  it("counts ties as one half", () => {
    const x = [[1], [2]];
    const y = [[2], [2]];
    expect(probabilityOfImprovement(x, y)).toBe((0 + 0.5 + 0 + 0.5) / 4 + 0 * 1);
    expect(probabilityOfImprovement(y, x)).toBe(1 - 0.25);
  });

  it("rejects unknown keys", () => {
    expect(() => probabilityOfImprovementIntervals({A: first10.DER}, {pairs: [["A", "Z"]]})).toThrow(/"Z"/);
  });
});

describe("sampleEfficiencyCurves(curveDict, statistic, options)", () => {
  const curves = derCurves().slice(0, 20);

  it("has one point per checkpoint equal to the aggregate of that checkpoint, ending at DER's final IQM", () => {
    const c = sampleEfficiencyCurves({DER: curves}, aggregateIqm, {reps: 200, seed: 1});
    expect(c.DER.point.length).toBe(10);
    for (let k = 0; k < 10; ++k) {
      const slice = curves.map((run) => run.map((task) => task[k]));
      expect(c.DER.point[k]).toBe(aggregateIqm(slice));
      expect(c.DER.lower[k]).toBeLessThanOrEqual(c.DER.point[k] + 1e-12);
    }
    // DER.json is iteration 9 of the curves (SOURCE.md): the last point is the final-score IQM.
    expect(c.DER.point[9]).toBeCloseTo(aggregateIqm(atariMatrices(20).DER), 6);
  });

  it("resamples whole trajectories by default and cells on request, both matching the generic path", () => {
    for (const resample of ["runs", "cells"] as const) {
      const a = sampleEfficiencyCurves({DER: curves}, [aggregateIqm, aggregateMean], {reps: 150, seed: 2, resample});
      const b = sampleEfficiencyCurves({DER: curves}, [aggregateIqm, aggregateMean], {reps: 150, seed: 2, resample, forceGeneric: true});
      expect(a).toEqual(b);
      expect(a.DER.point.length).toBe(20);
    }
    const runs = sampleEfficiencyCurves({DER: curves}, aggregateMean, {reps: 150, seed: 2});
    const cells = sampleEfficiencyCurves({DER: curves}, aggregateMean, {reps: 150, seed: 2, resample: "cells"});
    expect(runs.DER.lower).not.toEqual(cells.DER.lower);
  });

  it("rejects a run that is missing at only some checkpoints", () => {
    const broken = curves.map((run) => run.map((task) => task.slice()));
    broken[3][5][2] = NaN;
    expect(() => sampleEfficiencyCurves({DER: broken}, aggregateIqm, {reps: 10})).toThrow(/run 3, task 5 is missing at 1 of 10 checkpoints/);
  });
});
