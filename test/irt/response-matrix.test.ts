import {describe, expect, it, vi} from "vitest";
import {BenchstatsError, fitIrt, irtAbilities, irtItemFit, type ResponseMatrix} from "../../lib/index.js";
import {expand, loadChembench, loadJson, loadPatterns} from "./fixtures.js";

// Generous per-test limit: the CI machine is shared, and wall time there can be several times CPU time.
vi.setConfig({testTimeout: 60000});

/** Rows of 0/1/NaN as one byte per cell (255 = not administered), written independently of lib/irt. */
function toBytes(rows: ArrayLike<number>[]): ResponseMatrix {
  const nItems = rows[0].length;
  const data = new Uint8Array(rows.length * nItems);
  rows.forEach((r, i) => {
    for (let j = 0; j < nItems; ++j) data[i * nItems + j] = Number.isNaN(r[j]) ? 255 : r[j];
  });
  return {nRespondents: rows.length, nItems, data};
}

const lsat7 = loadPatterns("lsat7");

/** LSAT-7 (1000 rows) with the missing pattern of reference_missing_paths.py. */
function lsat7MissingPaths(): number[][] {
  return expand(lsat7).map((r, i) => r.map((v, j) => ((j === 0 && i % 5 < 3) || (j === 1 && i % 7 === 0) || (j === 3 && i % 2 === 0) ? NaN : v)));
}

describe("fitIrt on a ResponseMatrix (one byte per cell)", () => {
  // Reference: reference_missing_paths.py, a direct quasi-Newton maximisation (analytic gradient, not EM)
  // of mirt's discretised marginal likelihood with missing cells skipped. Items are missing in 60%, 14%,
  // 0% and 50% of the rows, and 43 rows miss three of the five items, so every way the EM engine
  // handles missing cells is used. BFGS and L-BFGS-B agree to 3e-8, so 1e-6 is a real check.
  const ref = loadJson("lsat7_missing_paths_reference.json");
  const rows = lsat7MissingPaths();
  const bytes = toBytes(rows);
  for (const model of ["rasch", "2pl"] as const) {
    it(`matches an independent maximiser on LSAT-7 with heavy missingness (${model}) to 1e-6`, () => {
      const fit = fitIrt(bytes, {model, tolerance: 1e-9, maxIterations: 5000});
      expect(fit.converged).toBe(true);
      expect(fit.logLik).toBeCloseTo(ref[model].logLik, 6);
      expect(fit.latentVariance).toBeCloseTo(ref[model].latentVariance, 6);
      fit.items.forEach((item, j) => {
        expect(item.a).toBeCloseTo(ref[model].a[j], 6);
        expect(item.d).toBeCloseTo(ref[model].d[j], 6);
      });
    });
  }

  it("gives exactly the fit of the array form, with missing cells (LSAT-7, all four models)", () => {
    for (const model of ["rasch", "1pl", "2pl", "3pl"] as const) {
      const options = {model, standardErrors: model === "3pl" ? ("block" as const) : ("full" as const), maxIterations: 100};
      expect(fitIrt(bytes, options)).toEqual(fitIrt(rows, options));
    }
  });

  it("gives exactly the fit of the array form on real data: ChemBench 22 models × 2854 items (Rasch, 1PL)", () => {
    const {x} = loadChembench();
    const matrix = toBytes(x);
    for (const model of ["rasch", "1pl"] as const) {
      const fromBytes = fitIrt(matrix, {model});
      expect(fromBytes).toEqual(fitIrt(x, {model}));
      expect(fromBytes.standardErrors).toBe("block-diagonal");
    }
  });

  it("gives exactly the fit of the array form on ChemBench with 5% of cells not administered", () => {
    const {x} = loadChembench();
    const masked = x.map((r, i) => r.map((v, j) => ((i * 31 + j * 17) % 20 === 0 ? NaN : v)));
    const fromBytes = fitIrt(toBytes(masked), {model: "rasch"});
    expect(fromBytes).toEqual(fitIrt(masked, {model: "rasch"}));
    expect(fromBytes.converged).toBe(true);
  });

  it("takes row weights like the array form (LSAT-7's 32 patterns with frequencies)", () => {
    const fit = fitIrt(toBytes(lsat7.x), {model: "2pl", weights: lsat7.freq});
    expect(fit).toEqual(fitIrt(lsat7.x, {model: "2pl", weights: lsat7.freq}));
    expect(fit.logLik).toBeCloseTo(-2658.805, 3); // mirt's documented value
  });

  it("reads the caller's bytes without changing them", () => {
    const copy = bytes.data.slice();
    fitIrt(bytes, {model: "rasch"});
    expect(bytes.data).toEqual(copy);
  });

  it("names the row and column of a byte that is not 0, 1 or 255, and checks the shape", () => {
    const data = Uint8Array.of(1, 0, 1, 0, 1, 0, 2, 1, 0);
    const bad = () => fitIrt({nRespondents: 3, nItems: 3, data});
    expect(bad).toThrow(BenchstatsError);
    expect(bad).toThrow(/responses, row 2, column 0: fitIrt: responses.data must hold 0, 1 or 255 .*got 2/);
    expect(() => fitIrt({nRespondents: 3, nItems: 4, data})).toThrow(/9 bytes, expected nRespondents × nItems = 3 × 4 = 12/);
    expect(() => fitIrt({nRespondents: 0, nItems: 9, data})).toThrow(/nRespondents must be a positive integer/);
  });
});

describe("irtAbilities and irtItemFit on a ResponseMatrix", () => {
  const rows = lsat7MissingPaths();
  const bytes = toBytes(rows);
  const fit = fitIrt(rows, {model: "2pl"});
  it("scores rows exactly as the array form (EAP, MAP, MLE), skipping 255 cells", () => {
    for (const method of ["eap", "map", "mle"] as const) {
      expect(irtAbilities(fit, bytes, {method})).toEqual(irtAbilities(fit, rows, {method}));
    }
  });

  it("maps the matrix columns to model items with `items`", () => {
    const sub = {nRespondents: 2, nItems: 3, data: Uint8Array.of(1, 0, 255, 0, 1, 1)};
    expect(irtAbilities(fit, sub, {items: [4, 2, 0]})).toEqual(irtAbilities(fit, [[1, 0, NaN], [0, 1, 1]], {items: [4, 2, 0]}));
    expect(() => irtAbilities(fit, sub)).toThrow(/expected 5 responses per row, got a matrix of 3 items/);
    expect(() => irtAbilities(fit, {...sub, data: Uint8Array.of(1, 0, 3, 0, 1, 1)}, {items: [4, 2, 0]})).toThrow(/row 0, column 2/);
  });

  it("gives the item fit of the array form", () => {
    expect(irtItemFit(fit, bytes)).toEqual(irtItemFit(fit, rows));
  });
});
