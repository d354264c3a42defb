import {describe, expect, it, vi} from "vitest";

// Generous per-test limit: the CI machine is shared, and wall time there can be several times CPU time.
vi.setConfig({testTimeout: 60000});
import {BenchstatsError, fitIrt} from "../../lib/index.js";
import {expand, loadJson, loadPatterns} from "./fixtures.js";

// Reference: an independent numpy/scipy maximisation of mirt's discretised likelihood
// (test/fixtures/irt/reference_lsat.py). Both sides converge far tighter than 1e-6, so 1e-6 on
// parameters and log-likelihoods is a real check; SEs use 1e-4 relative (the reference differentiates
// numerically with step 1e-4).
const reference = loadJson("lsat_reference.json");
const lsat7 = loadPatterns("lsat7");
const lsat6 = loadPatterns("lsat6");

describe("fitIrt(responses, {model: '2pl'})", () => {
  it("matches mirt's LSAT-7 2PL (reference maximiser to 1e-6, mirt's printed values to their rounding)", () => {
    const fit = fitIrt(lsat7.x, {model: "2pl", weights: lsat7.freq});
    const ref = reference.lsat7["2pl"];
    expect(fit.converged).toBe(true);
    expect(fit.logLik).toBeCloseTo(ref.logLik, 6);
    fit.items.forEach((item, j) => {
      expect(item.a).toBeCloseTo(ref.a[j], 6);
      expect(item.d).toBeCloseTo(ref.d[j], 6);
      expect(item.b).toBeCloseTo(-ref.d[j] / ref.a[j], 6);
      expect(item.g).toBe(0);
      expect(item.se.a / ref.se.a[j]).toBeCloseTo(1, 4);
      expect(item.se.d / ref.se.d[j]).toBeCloseTo(1, 4);
    });
    // mirt's documentation (3 decimals). mirt stops EM at TOL = 1e-4 on this slowly converging
    // 5-item set, so its d3 (1.804) is 1.2e-3 short of the maximiser (1.80521): tolerance 2e-3.
    const mirtA = [0.988, 1.081, 1.707, 0.765, 0.736];
    const mirtD = [1.856, 0.808, 1.804, 0.486, 1.855];
    fit.items.forEach((item, j) => {
      expect(Math.abs(item.a - mirtA[j])).toBeLessThan(2e-3);
      expect(Math.abs(item.d - mirtD[j])).toBeLessThan(2e-3);
    });
    expect(fit.logLik).toBeCloseTo(-2658.805, 3);
  });

  it("gives the same estimates from 1000 expanded rows as from 32 weighted patterns", () => {
    const fromRows = fitIrt(expand(lsat7), {model: "2pl"});
    const fromPatterns = fitIrt(lsat7.x, {model: "2pl", weights: lsat7.freq});
    expect(fromRows.logLik).toBeCloseTo(fromPatterns.logLik, 7);
    fromRows.items.forEach((item, j) => expect(item.a).toBeCloseTo(fromPatterns.items[j].a, 6));
    expect(fromRows.nRespondents).toBe(1000);
  });

  // ltm integrates with 21-point Gauss-Hermite quadrature rather than mirt's 61-node grid; with the
  // 3-decimal rounding that leaves differences up to 2e-3 in b.
  it("reproduces ltm's LSAT-6 2PL (Rizopoulos 2006) to 2.5e-3", () => {
    const fit = fitIrt(lsat6.x, {model: "2pl", weights: lsat6.freq});
    const b = [-3.36, -1.37, -0.28, -1.866, -3.124];
    const a = [0.825, 0.723, 0.89, 0.689, 0.657];
    fit.items.forEach((item, j) => {
      expect(Math.abs(item.b - b[j])).toBeLessThan(2.5e-3);
      expect(Math.abs(item.a - a[j])).toBeLessThan(1e-3);
      expect(item.a).toBeCloseTo(reference.lsat6["2pl"].a[j], 6);
    });
    expect(fit.logLik).toBeCloseTo(-2466.653, 3);
  });

  it("reports AIC and BIC from logLik, the parameter count and N", () => {
    const fit = fitIrt(lsat7.x, {model: "2pl", weights: lsat7.freq});
    expect(fit.nParameters).toBe(10);
    expect(fit.aic).toBeCloseTo(-2 * fit.logLik + 20, 9);
    expect(fit.bic).toBeCloseTo(-2 * fit.logLik + 10 * Math.log(1000), 9);
  });
});

describe("fitIrt(responses, {model: 'rasch'})", () => {
  it("matches mirt's Rasch (slopes 1, latent variance estimated) on LSAT-7 to 1e-6", () => {
    const fit = fitIrt(lsat7.x, {model: "rasch", weights: lsat7.freq});
    const ref = reference.lsat7.rasch;
    expect(fit.logLik).toBeCloseTo(ref.logLik, 6);
    expect(fit.latentVariance).toBeCloseTo(ref.latentVariance, 6);
    expect(fit.latentVarianceSe / ref.se.latentVariance).toBeCloseTo(1, 4);
    fit.items.forEach((item, j) => {
      expect(item.a).toBe(1);
      expect(item.d).toBeCloseTo(ref.d[j], 6);
      expect(item.se.d / ref.se.d[j]).toBeCloseTo(1, 4);
      expect(Number.isNaN(item.se.a)).toBe(true);
    });
    expect(fit.nParameters).toBe(6);
  });

  // Bock & Aitkin (1981) used a coarse 10-point quadrature: their 3-decimal values differ by up to 1.6e-3.
  it("reproduces Bock & Aitkin's LSAT-6 Rasch difficulties (sum-to-zero) and σ to 2e-3", () => {
    const fit = fitIrt(lsat6.x, {model: "rasch", weights: lsat6.freq});
    const b = fit.items.map((i) => i.b);
    const mean = b.reduce((s, v) => s + v, 0) / b.length;
    const alpha = [-1.256, 0.475, 1.236, 0.168, -0.623];
    b.forEach((v, j) => expect(Math.abs(v - mean - alpha[j])).toBeLessThan(2e-3));
    expect(Math.sqrt(fit.latentVariance)).toBeCloseTo(0.755, 3);
    expect(fit.logLik).toBeCloseTo(reference.lsat6.rasch.logLik, 6);
  });

  it("equals the 1PL (common slope, N(0, 1)) in log-likelihood, with a = σ", () => {
    const rasch = fitIrt(lsat7.x, {model: "rasch", weights: lsat7.freq});
    const onePl = fitIrt(lsat7.x, {model: "1pl", weights: lsat7.freq});
    expect(onePl.logLik).toBeCloseTo(rasch.logLik, 5);
    expect(onePl.items[0].a).toBeCloseTo(Math.sqrt(rasch.latentVariance), 4);
    expect(new Set(onePl.items.map((i) => i.a)).size).toBe(1);
  });
});

describe("fitIrt(responses, {model: '3pl'})", () => {
  it("warns on LSAT-7, where the guessing parameters run to the boundary (a known ill-posed case)", () => {
    const fit = fitIrt(lsat7.x, {model: "3pl", weights: lsat7.freq});
    expect(fit.converged).toBe(false);
    expect(fit.warnings.join(" ")).toMatch(/guessing/);
    // The 3PL can never fit worse than the 2PL it contains.
    expect(fit.logLik).toBeGreaterThanOrEqual(-2658.8052);
  });

  it("is regularised by a beta prior on g", () => {
    const fit = fitIrt(lsat7.x, {model: "3pl", weights: lsat7.freq, priors: {g: {dist: "beta", alpha: 5, beta: 17}}});
    for (const item of fit.items) expect(item.g).toBeGreaterThan(0.05);
    expect(fit.logPosterior).not.toBe(fit.logLik);
  });
});

describe("fitIrt input handling", () => {
  it("rejects values other than 0, 1 and NaN with the row and column", () => {
    const x = lsat7.x.map((r) => r.slice());
    x[3][2] = 2;
    expect(() => fitIrt(x)).toThrowError(BenchstatsError);
    expect(() => fitIrt(x)).toThrowError(/row 3, column 2/);
  });

  it("rejects ragged rows and unknown models", () => {
    expect(() => fitIrt([[0, 1], [1]])).toThrowError(/row 1/);
    expect(() => fitIrt(lsat7.x, {model: "4pl" as never})).toThrowError(/model/);
  });

  it("leaves out items answered the same way by everyone, reporting them as not estimated", () => {
    const x = expand(lsat7).map((r) => [...r, 0, 1]);
    const fit = fitIrt(x, {model: "2pl"});
    expect(fit.items[5]).toMatchObject({estimated: false, d: -Infinity, b: Infinity});
    expect(fit.items[6]).toMatchObject({estimated: false, d: Infinity, b: -Infinity});
    expect(fit.warnings[0]).toMatch(/columns 5, 6/);
    // The other items are fitted exactly as without the constant columns.
    expect(fit.items[2].a).toBeCloseTo(reference.lsat7["2pl"].a[2], 6);
  });

  it("skips missing responses (NaN) in the likelihood, matching an independent maximiser to 1e-5", () => {
    // Item 1 missing in every 7th row; reference: test/fixtures/irt/reference_missing.py (BFGS, gtol 1e-10).
    const ref = loadJson("lsat7_missing_reference.json");
    const rows = expand(lsat7).map((r, i) => (i % 7 === 0 ? [NaN, ...r.slice(1)] : r));
    const fit = fitIrt(rows, {model: "2pl"});
    expect(fit.converged).toBe(true);
    expect(fit.logLik).toBeCloseTo(ref.logLik, 5);
    fit.items.forEach((item, j) => {
      expect(item.a).toBeCloseTo(ref.a[j], 5);
      expect(item.d).toBeCloseTo(ref.d[j], 5);
    });
  });
});
