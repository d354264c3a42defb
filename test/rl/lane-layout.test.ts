import {describe, expect, it} from "vitest";
import {trimLane, trimmedMeanOfSorted} from "../../lib/rl/aggregates.js";
import {laneLayout} from "../../lib/rl/engine/lane-layout.js";
import {atariMatrices} from "./atari-data.js";

const sortedDistinct = (values: number[]) => Float64Array.from(new Set(values)).sort();

describe("trimLane", () => {
  it("puts both zeros in lane 0 and spreads the real Atari scores over all four lanes", () => {
    expect(trimLane(0)).toBe(0);
    expect(trimLane(-0)).toBe(0);
    const values = Object.values(atariMatrices()).flatMap((m) => m.flat());
    const perLane = [0, 0, 0, 0];
    for (const v of values) perLane[trimLane(v)]++;
    for (const n of perLane) expect(n / values.length).toBeGreaterThan(0.2);
  });

  it("depends on the value alone (equal values share a lane)", () => {
    for (const v of [1, 2, 0.1, -3.5, 1e-300, 123456.789]) expect(trimLane(v)).toBe(trimLane(Number(String(v))));
  });
});

describe("trimmedMeanOfSorted", () => {
  it("equals the plain mean of the kept values to rounding (scipy's trim_mean, 25 %)", () => {
    const values = Object.values(atariMatrices())[0].flat().sort((a, b) => a - b);
    const n = values.length;
    const g = Math.floor(n / 4);
    const kept = values.slice(g, n - g);
    const plain = kept.reduce((a, b) => a + b, 0) / kept.length;
    expect(trimmedMeanOfSorted(Float64Array.from(values))).toBeCloseTo(plain, 14);
  });

  it("adds a run of equal values once, as value × copies (not copy by copy)", () => {
    const sorted = Float64Array.from([0, 0, 0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 9, 9, 9]); // keeps the six 0.1
    expect(trimmedMeanOfSorted(sorted)).toBe((0.1 * 6) / 6);
    expect((0.1 * 6) / 6).not.toBe((0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1) / 6);
  });
});

describe("laneLayout", () => {
  const entries = [sortedDistinct([0.5, -1, 2, 0.25, 7, 3, 0.125, 1e-3, 42]), sortedDistinct([1, 2, 3]), sortedDistinct([])];
  const groupBase = Int32Array.from([0, ...entries.map((e, i) => entries.slice(0, i + 1).reduce((s, x) => s + x.length, 0))]);
  const groupValues = Float64Array.from(entries.flatMap((e) => Array.from(e)));
  const layout = laneLayout(groupValues, groupBase);

  it("places every group's value at its count index, in its own lane, each lane ascending within an entry", () => {
    const seen = new Set<number>();
    for (let m = 0; m < groupValues.length; ++m) {
      const at = layout.countIndex[m];
      expect(seen.has(at)).toBe(false);
      seen.add(at);
      expect(layout.slotValues[at]).toBe(groupValues[m]);
      expect(at % 4).toBe(trimLane(groupValues[m]));
    }
    for (let e = 0; e + 1 < groupBase.length; ++e) {
      for (let m = groupBase[e] + 1; m < groupBase[e + 1]; ++m) {
        for (let k = groupBase[e]; k < m; ++k) {
          if (layout.countIndex[k] % 4 === layout.countIndex[m] % 4) expect(layout.countIndex[k]).toBeLessThan(layout.countIndex[m]);
        }
      }
      for (let m = groupBase[e]; m < groupBase[e + 1]; ++m) {
        const slot = layout.countIndex[m] >> 2;
        expect(slot).toBeGreaterThanOrEqual(layout.slotBase[e]);
        expect(slot).toBeLessThan(layout.slotBase[e + 1]);
      }
    }
  });

  it("gives per group the lane positions where its part of each lane list starts, and the lists' lengths last", () => {
    for (let e = 0; e + 1 < groupBase.length; ++e) {
      const counts = [0, 0, 0, 0];
      for (let m = groupBase[e]; m <= groupBase[e + 1]; ++m) {
        expect(Array.from(layout.below.subarray(4 * (m + e), 4 * (m + e) + 4))).toEqual(counts);
        if (m < groupBase[e + 1]) counts[trimLane(groupValues[m])]++;
      }
      expect(layout.slotBase[e + 1] - layout.slotBase[e]).toBe(Math.max(...counts));
    }
  });
});
