import {describe, expect, it} from "vitest";
import {BenchstatsError, createRandom} from "../../lib/index.js";

describe("createRandom(seed)", () => {
  it("gives the same sequence for the same seed", () => {
    const a = createRandom(123), b = createRandom(123);
    for (let i = 0; i < 100; ++i) expect(a.uint32()).toBe(b.uint32());
  });

  it("gives different sequences for different seeds and streams", () => {
    const a = createRandom(1), b = createRandom(2), c = createRandom(1, 1);
    const sa = Array.from({length: 8}, () => a.uint32());
    expect(Array.from({length: 8}, () => b.uint32())).not.toEqual(sa);
    expect(Array.from({length: 8}, () => c.uint32())).not.toEqual(sa);
  });

  it("keeps its pinned output sequence across releases", () => {
    // Pinned outputs: a regression guard that the sequence never changes across releases and
    // platforms (all arithmetic is 32-bit integer, so Node and browsers agree).
    const rng = createRandom(42);
    expect(Array.from({length: 4}, () => rng.uint32())).toMatchSnapshot();
  });

  it("int(n) is uniform without modulo bias (chi-square over 7 bins)", () => {
    const rng = createRandom(7);
    const n = 7, draws = 70000, counts = new Array(n).fill(0);
    for (let i = 0; i < draws; ++i) counts[rng.int(n)]++;
    const expected = draws / n;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(22.46); // 0.999 quantile of chi-square with 6 df
  });

  it("int(n) stays in range for large n and rejects invalid n", () => {
    const rng = createRandom(9);
    for (let i = 0; i < 1000; ++i) {
      const x = rng.int(3_000_000_000);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(3_000_000_000);
    }
    expect(() => rng.int(0)).toThrow(BenchstatsError);
    expect(() => rng.int(2.5)).toThrow(BenchstatsError);
  });

  it("float() is in [0, 1) with mean near 1/2", () => {
    const rng = createRandom(11);
    let sum = 0, outside = 0;
    for (let i = 0; i < 100000; ++i) {
      const x = rng.float();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / 100000).toBeCloseTo(0.5, 2);
  });

  it("normal() has mean 0 and variance 1", () => {
    const rng = createRandom(5);
    let s = 0, s2 = 0;
    const n = 100000;
    for (let i = 0; i < n; ++i) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    expect(s / n).toBeCloseTo(0, 1);
    expect(s2 / n).toBeCloseTo(1, 1);
  });

  it("rejects a non-finite seed", () => {
    expect(() => createRandom(NaN)).toThrow(/seed/);
  });
});
