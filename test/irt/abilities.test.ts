import {describe, expect, it, vi} from "vitest";

// Generous per-test limit: the CI machine is shared, and wall time there can be several times CPU time.
vi.setConfig({testTimeout: 60000});
import {BenchstatsError, fitIrt, irtAbilities, testInformation} from "../../lib/index.js";
import {loadJson, loadPatterns, loadSimulated} from "./fixtures.js";

const reference = loadJson("lsat_reference.json");
const lsat7 = loadPatterns("lsat7");

describe("irtAbilities(fit, responses, {method: 'eap'})", () => {
  // Reference EAPs: reference_lsat.py, posterior on mirt's grid with the fitted prior (mirt fscores EAP).
  it("matches mirt's fixed-grid EAP and posterior SD on LSAT-7 (2PL and Rasch) to 1e-6", () => {
    for (const model of ["2pl", "rasch"] as const) {
      const fit = fitIrt(lsat7.x, {model, weights: lsat7.freq});
      const scores = irtAbilities(fit, lsat7.x);
      const ref = reference.lsat7[model];
      scores.forEach((s, i) => {
        expect(s.theta).toBeCloseTo(ref.eap[i], 6);
        expect(s.se).toBeCloseTo(ref.eapSd[i], 6);
        expect(s.refined).toBeUndefined();
      });
    }
  });

  it("detects posteriors narrower than the grid spacing and refines them around the mode", () => {
    // True parameters of the first 800 simulated items: posterior SDs near 0.1, half the 0.2 spacing.
    const sim = loadSimulated();
    const items = sim.a.slice(0, 800).map((a, j) => ({a, d: sim.d[j]}));
    const rows = sim.x.slice(0, 3).map((r) => r.subarray(0, 800));
    const fixed = irtAbilities({items}, rows, {refine: false});
    const refined = irtAbilities({items}, rows);
    refined.forEach((s, i) => {
      expect(s.refined).toBe(true);
      // Brute force: the posterior on 4,001 nodes spaced 0.0005 over the grid EAP ± 1 (> 10 SDs).
      const lo = fixed[i].theta - 1;
      let sum = 0, m1 = 0, m2 = 0, max = -Infinity;
      const lp: number[] = [];
      for (let k = 0; k <= 4000; ++k) {
        const t = lo + k * 0.0005;
        let f = -t * t / 2;
        for (let j = 0; j < items.length; ++j) {
          const z = items[j].a * t + items[j].d;
          f -= rows[i][j] === 1 ? Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        }
        lp.push(f);
        if (f > max) max = f;
      }
      lp.forEach((f, k) => {
        const w = Math.exp(f - max);
        const t = lo + k * 0.0005;
        sum += w; m1 += w * t; m2 += w * t * t;
      });
      const mean = m1 / sum;
      const sd = Math.sqrt(m2 / sum - mean * mean);
      expect(s.theta).toBeCloseTo(mean, 6);
      expect(s.se).toBeCloseTo(sd, 6);
      // The fixed grid snaps: its SD is far below the true one, its mean off by up to half a node.
      expect(fixed[i].se).toBeLessThan(0.2);
      expect(Math.abs(fixed[i].theta - mean)).toBeLessThan(0.1);
      expect(Math.abs(s.se - 1 / Math.sqrt(testInformation(items, s.theta) + 1))).toBeLessThan(0.01 * s.se);
    });
  }, 30000);
});

describe("irtAbilities(fit, responses, {method: 'map' | 'mle'})", () => {
  it("matches the reference MAP and ML scores on LSAT-7 (2PL) to 1e-6", () => {
    const fit = fitIrt(lsat7.x, {model: "2pl", weights: lsat7.freq});
    const ref = reference.lsat7["2pl"];
    const map = irtAbilities(fit, lsat7.x, {method: "map"});
    const mle = irtAbilities(fit, lsat7.x, {method: "mle"});
    lsat7.x.forEach((row, i) => {
      expect(map[i].theta).toBeCloseTo(ref.map[i][0], 6);
      expect(map[i].se).toBeCloseTo(ref.map[i][1], 6);
      if (ref.mle[i] === null) {
        const total = row.reduce((s, v) => s + v, 0);
        expect(mle[i].theta).toBe(total === 0 ? -Infinity : Infinity);
        expect(mle[i].note).toMatch(/no finite MLE/);
      } else {
        expect(mle[i].theta).toBeCloseTo(ref.mle[i][0], 6);
        expect(mle[i].se).toBeCloseTo(ref.mle[i][1], 6);
      }
    });
  });

  it("scores a new respondent on a subset of items through {items}", () => {
    const fit = fitIrt(lsat7.x, {model: "2pl", weights: lsat7.freq});
    const [sub] = irtAbilities(fit, [[1, 0]], {items: [2, 4], method: "map"});
    const [full] = irtAbilities(fit, [[NaN, NaN, 1, NaN, 0]], {method: "map"});
    expect(sub.theta).toBeCloseTo(full.theta, 12);
    expect(() => irtAbilities(fit, [[1, 0]], {items: [2, 9]})).toThrowError(BenchstatsError);
    expect(() => irtAbilities(fit, [[1, 0.5]], {items: [2, 4]})).toThrowError(/column 1/);
  });

  it("returns the prior for a respondent with no responses", () => {
    const fit = fitIrt(lsat7.x, {model: "rasch", weights: lsat7.freq});
    const [eap] = irtAbilities(fit, [[NaN, NaN, NaN, NaN, NaN]]);
    expect(eap.theta).toBeCloseTo(0, 12);
    expect(eap.se).toBeCloseTo(Math.sqrt(fit.latentVariance), 6);
    const [mle] = irtAbilities(fit, [[NaN, NaN, NaN, NaN, NaN]], {method: "mle"});
    expect(Number.isNaN(mle.theta)).toBe(true);
    expect(mle.note).toMatch(/no responses/);
  });
});
