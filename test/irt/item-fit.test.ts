import {describe, expect, it, vi} from "vitest";

// Generous per-test limit: the CI machine is shared, and wall time there can be several times CPU time.
vi.setConfig({testTimeout: 60000});
import {fitIrt, irtItemFit} from "../../lib/index.js";
import {irtItemFlags, irtProbability} from "../../lib/engine.js";
import {chiSquareUpperTail} from "../../lib/irt/chi-square.js";
import {irtQuadrature} from "../../lib/irt/quadrature.js";
import {expand, loadChembench, loadPatterns} from "./fixtures.js";

const lsat7 = loadPatterns("lsat7");

describe("chiSquareUpperTail(x, df)", () => {
  it("matches R's pchisq(x, df, lower.tail = FALSE) to 1e-12", () => {
    // Critical values qchisq(0.95, df) and a few tail values (R 4.x).
    expect(chiSquareUpperTail(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareUpperTail(5.991464547107979, 2)).toBeCloseTo(0.05, 12);
    expect(chiSquareUpperTail(11.070497693516351, 5)).toBeCloseTo(0.05, 12);
    expect(chiSquareUpperTail(2, 2)).toBeCloseTo(Math.exp(-1), 14); // df 2: exp(−x/2)
    expect(chiSquareUpperTail(0, 3)).toBe(1);
  });
});

describe("irtItemFit(fit, responses)", () => {
  it("computes S-X2 from the exact conditional probabilities P(x_j = 1 | S = k)", () => {
    // Independent check by enumerating all 2^5 patterns on the same grid (no Lord–Wingersky).
    const fit = fitIrt(lsat7.x, {model: "2pl", weights: lsat7.freq});
    const stats = irtItemFit(fit, lsat7.x, {weights: lsat7.freq});
    const {nodes, weights} = irtQuadrature();
    const patternProb = (pattern: number[]) =>
      nodes.reduce((s, t, q) => s + weights[q] * pattern.reduce((p, x, j) => p * (x ? irtProbability(fit.items[j], t) : 1 - irtProbability(fit.items[j], t)), 1), 0);
    const all = Array.from({length: 32}, (_, m) => [0, 1, 2, 3, 4].map((j) => (m >> (4 - j)) & 1));
    for (let j = 0; j < 5; ++j) {
      let x2 = 0;
      for (let k = 1; k <= 4; ++k) {
        const withK = all.filter((p) => p.reduce((s, v) => s + v, 0) === k);
        const pk = withK.filter((p) => p[j] === 1).reduce((s, p) => s + patternProb(p), 0) / withK.reduce((s, p) => s + patternProb(p), 0);
        let n = 0;
        let o1 = 0;
        lsat7.x.forEach((row, i) => {
          if (row.reduce((s, v) => s + v, 0) !== k) return;
          n += lsat7.freq[i];
          if (row[j] === 1) o1 += lsat7.freq[i];
        });
        x2 += (o1 - n * pk) ** 2 / (n * pk) + (n - o1 - n * (1 - pk)) ** 2 / (n * (1 - pk));
      }
      expect(stats[j].sx2).toBeCloseTo(x2, 9);
      expect(stats[j].df).toBe(2); // 4 score groups − 2 parameters
      expect(stats[j].p).toBeCloseTo(chiSquareUpperTail(x2, 2), 12);
    }
    // Item 2 is the one mirt's LSAT-7 example flags (S-X2 ≈ 14.5 on 2 df).
    expect(stats[1].p).toBeLessThan(0.01);
  });

  it("gives outfit = infit = e for residuals of one logit against the ability", () => {
    const fit = fitIrt(lsat7.x, {model: "rasch", weights: lsat7.freq});
    const oneItem = {...fit, items: [{...fit.items[0], a: 1, d: 0}]};
    // θ = 1 answering wrong and θ = −1 answering right: (x − P)²/(P(1 − P)) = e for both.
    const [f] = irtItemFit(oneItem, [[0], [1]], {thetas: [1, -1]});
    expect(f.outfit).toBeCloseTo(Math.E, 12);
    expect(f.infit).toBeCloseTo(Math.E, 12);
    expect(f.zOutfit).toBeGreaterThan(0);
  });

  it("returns infit/outfit near 1 for Rasch-fitting LSAT-7 items and notes S-X2 limits", () => {
    const fit = fitIrt(lsat7.x, {model: "rasch", weights: lsat7.freq});
    const stats = irtItemFit(fit, lsat7.x, {weights: lsat7.freq});
    for (const s of stats) {
      expect(s.infit).toBeGreaterThan(0.7);
      expect(s.infit).toBeLessThan(1.3);
      expect(s.df).toBe(3);
    }
    const missing = expand(lsat7).map((r, i) => (i === 0 ? [NaN, ...r.slice(1)] : r));
    const withNa = irtItemFit(fitIrt(missing, {model: "rasch"}), missing);
    expect(withNa[0].note).toMatch(/complete data/);
    expect(Number.isNaN(withNa[0].sx2)).toBe(true);
  });
});

describe("irtItemFlags(fit)", () => {
  it("flags saturated items of the real ChemBench matrix (134 answered by no model)", () => {
    const {x} = loadChembench();
    const fit = fitIrt(x, {model: "rasch", standardErrors: false});
    const flags = irtItemFlags(fit);
    expect(flags.filter((f) => f.flags.includes("nobody-correct")).length).toBe(134);
    expect(flags.filter((f) => f.flags.includes("everybody-correct")).length).toBe(0);
  }, 60000);

  it("flags a reverse-keyed item as negative discrimination", () => {
    const rows = expand(lsat7).map((r) => [...r.slice(0, 4), 1 - r[4]]);
    const fit = fitIrt(rows, {model: "2pl"});
    expect(fit.items[4].a).toBeLessThan(0);
    expect(irtItemFlags(fit)[4].flags).toContain("negative-discrimination");
    expect(irtItemFlags(fit)[0].flags).toEqual([]);
  });

  it("flags 3PL guessing parameters that ran to the bound on LSAT-7", () => {
    const fit = fitIrt(lsat7.x, {model: "3pl", weights: lsat7.freq});
    const bounded = irtItemFlags(fit).filter((f) => f.flags.includes("guessing-at-bound"));
    expect(bounded.length).toBeGreaterThanOrEqual(3);
  });
});
