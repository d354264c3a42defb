import {describe, expect, it, vi} from "vitest";
import {BenchstatsError} from "../../lib/index.js";
import {IndexStream} from "../../lib/engine.js";

// Generous per-test limit: CI's 2 cores may be shared; the suite itself takes a few seconds.
vi.setConfig({testTimeout: 30000});

describe("IndexStream", () => {
  it("draws each index in [0, n) about equally often (chi-square), for small, odd and large bounds", () => {
    for (const n of [2, 5, 100, 1000, 70000]) {
      const s = new IndexStream(7, n);
      const draws = Math.min(2e6, Math.ceil((200 * n) / 1000) * 1000);
      const counts = new Float64Array(n);
      const buf = new Int32Array(1001);
      for (let done = 0; done < draws; done += 1000) {
        s.fill(buf, 1000, n);
        for (let i = 0; i < 1000; ++i) counts[buf[i]]++;
      }
      const expected = draws / n;
      let chi2 = 0;
      for (const c of counts) chi2 += (c - expected) ** 2 / expected;
      // chi-square with n − 1 df: mean n − 1, sd √(2(n − 1)); 6 sd is a ~1e-9 false-alarm rate.
      expect(Math.abs(chi2 - (n - 1))).toBeLessThan(6 * Math.sqrt(2 * (n - 1)));
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(0);
    }
  });

  it("gives the same sequence whether or not the output has a spare slot", () => {
    const a = new IndexStream(3, 9);
    const b = new IndexStream(3, 9);
    const tight = new Int32Array(7);
    const roomy = new Int32Array(8);
    for (let k = 0; k < 100; ++k) {
      a.fill(tight, 7, 13);
      b.fill(roomy, 7, 13);
      expect(Array.from(tight)).toEqual(Array.from(roomy.subarray(0, 7)));
    }
  });

  it("is reproducible per (seed, stream) and differs across streams", () => {
    const draw = (seed: number, stream: number) => {
      const s = new IndexStream(seed, stream);
      const out = new Int32Array(20);
      s.fill(out, 20, 1000);
      return Array.from(out);
    };
    expect(draw(1, 2)).toEqual(draw(1, 2));
    expect(draw(1, 2)).not.toEqual(draw(1, 3));
    expect(draw(1, 2)).not.toEqual(draw(2, 2));
  });

  it("rejects bounds it cannot draw exactly", () => {
    expect(() => new IndexStream(1, 1).fill(new Int32Array(1), 1, 0)).toThrow(BenchstatsError);
    expect(() => new IndexStream(1, 1).fill(new Int32Array(1), 1, 2 ** 22)).toThrow(BenchstatsError);
  });
});
