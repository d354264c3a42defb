import {describe, expect, it, vi} from "vitest";
import erfc from "@stdlib/math-base-special-erfc";
import {BenchstatsError} from "../../lib/index.js";
import {normalCdf, normalQuantile} from "../../lib/engine.js";

// Generous per-test limit: CI's 2 cores may be shared; the suite itself takes a few seconds.
vi.setConfig({testTimeout: 30000});

// Reference: stdlib's erfc (FreeBSD msun algorithm, double precision), Φ(x) = erfc(−x/√2)/2.
const phi = (x: number): number => 0.5 * (erfc as (x: number) => number)(-x / Math.SQRT2);

describe("normalCdf(x)", () => {
  it("matches stdlib's erfc to 1e-15 absolute and 1e-10 relative in the lower tail", () => {
    for (let x = -37; x <= 8; x += 0.0137) {
      const ref = phi(x);
      expect(Math.abs(normalCdf(x) - ref)).toBeLessThan(1e-15);
      if (x < 0) expect(Math.abs(normalCdf(x) - ref) / ref).toBeLessThan(1e-10);
    }
  });
  it("gives the textbook values", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(NaN)).toBeNaN();
  });
});

describe("normalQuantile(p)", () => {
  it("inverts stdlib's Φ to 1e-10 relative over 1e-15 ≤ p ≤ 1 − 1e-12", () => {
    for (let p = 1e-15; p < 1 - 1e-12; p = p < 0.5 ? p * 1.07 : 1 - (1 - p) / 1.07) {
      const x = normalQuantile(p);
      const back = x < 0 ? phi(x) : 1 - phi(-x);
      expect(Math.abs(back - p) / Math.min(p, 1 - p)).toBeLessThan(1e-10);
    }
  });
  it("gives scipy.stats.norm.ppf's z values and the limits", () => {
    // scipy.stats.norm.ppf(0.975) = 1.959963984540054, ppf(0.995) = 2.5758293035489004
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(BenchstatsError);
  });
});
