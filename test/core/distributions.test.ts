import {describe, expect, it} from "vitest";
import {binomialCdf, logGamma, pearsonTwoSided, regularizedBeta, studentTwoSided, upperGamma} from "../../lib/core/distributions.js";
import {normalSurvival} from "../../lib/core/normal.js";
import {BenchstatsError} from "../../lib/core/errors.js";

// Reference values printed by scipy 1.x (scipy.special.gammaln / betainc / gammaincc,
// scipy.stats.binom.cdf / t.sf / norm.sf / pearsonr), full double precision.
const rel = (got: number, want: number, tol: number) => expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(tol);

describe("special functions", () => {
  it("logGamma matches scipy.special.gammaln, both sides of the reflection", () => {
    rel(logGamma(0.3), 1.0957979948180756, 1e-14);
    rel(logGamma(12.5), 18.73434751193645, 1e-14);
    rel(logGamma(5), Math.log(24), 1e-14);
  });
  it("regularizedBeta matches scipy.special.betainc", () => {
    rel(regularizedBeta(0.3, 2.5, 3.5), 0.2967529892956661, 1e-13);
  });
  it("upperGamma matches scipy.special.gammaincc on the series and the continued fraction", () => {
    rel(upperGamma(0.5, 3), 0.014305878435429641, 1e-13);
    rel(upperGamma(4, 2), 0.857123460498547, 1e-13);
    rel(upperGamma(3, 10), 0.0027693957155115775, 1e-13);
    expect(upperGamma(1, 0)).toBe(1);
  });
});

describe("tail probabilities", () => {
  it("match scipy.stats", () => {
    rel(binomialCdf(3, 20, 0.3), 0.10708680450373087, 1e-13);
    rel(studentTwoSided(2, 10), 0.07338803477074039, 1e-13);
    // numpy.corrcoef([1..5], [1.2, 1.9, 3.5, 3.7, 5.4]) and its pearsonr p-value
    rel(pearsonTwoSided(0.9791410966433858, 5), 0.0036050189345139486, 1e-10);
  });
  it("normalSurvival keeps relative precision far in the tail", () => {
    rel(normalSurvival(1.5), 0.06680720126885807, 1e-14);
    rel(normalSurvival(-2), 0.9772498680518208, 1e-15);
    rel(normalSurvival(30), 4.906713927147908e-198, 1e-12);
    expect(normalSurvival(Infinity)).toBe(0);
    expect(normalSurvival(NaN)).toBeNaN();
  });
  it("reject arguments outside their domain", () => {
    expect(() => studentTwoSided(1, 0)).toThrow(BenchstatsError);
    expect(() => pearsonTwoSided(1.5, 5)).toThrow(BenchstatsError);
    expect(() => normalSurvival("1" as unknown as number)).toThrow(BenchstatsError);
  });
});
