import {describe, expect, it} from "vitest";
import {logistic, softplus} from "../../lib/core/logistic.js";

// Reference values from scipy.special.expit and numpy.logaddexp(0, z) (the values are exact
// closed forms or printed to full double precision).
describe("logistic", () => {
  it("matches σ(z) = 1/(1 + e^−z) and is symmetric", () => {
    expect(logistic(0)).toBe(0.5);
    expect(logistic(2)).toBeCloseTo(0.8807970779778823, 15);
    expect(logistic(-2)).toBeCloseTo(0.11920292202211755, 15);
    for (const z of [-30, -3.5, -0.1, 0.1, 3.5, 30]) expect(logistic(z) + logistic(-z)).toBeCloseTo(1, 15);
  });
  it("saturates at exactly 0 and 1 without NaN", () => {
    expect(logistic(Infinity)).toBe(1);
    expect(logistic(-Infinity)).toBe(0);
    expect(logistic(-800)).toBe(0);
    expect(logistic(800)).toBe(1);
  });
});

describe("softplus", () => {
  it("matches log(1 + e^z)", () => {
    expect(softplus(0)).toBe(Math.LN2);
    expect(softplus(1)).toBeCloseTo(1.3132616875182228, 15);
    expect(softplus(-1)).toBeCloseTo(0.31326168751822286, 15);
    expect(softplus(-50)).toBeCloseTo(1.9287498479639178e-22, 36);
  });
  it("does not overflow and gives the log-likelihood identities", () => {
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
    for (const z of [-4, -0.5, 0.5, 4]) {
      expect(-softplus(-z)).toBeCloseTo(Math.log(logistic(z)), 14);
      expect(-softplus(z)).toBeCloseTo(Math.log(1 - logistic(z)), 14);
    }
  });
});
