import {describe, expect, it} from "vitest";
// @ts-expect-error plain ESM page component (no type declarations)
import {fewRunsText, RUNS_NEEDED} from "../../src/components/few-runs-note.js";

describe("fewRunsText(runCounts, method)", () => {
  it("says nothing when every algorithm has the runs the interval needs", () => {
    expect(fewRunsText({A: 5, B: 10})).toBeNull();
    expect(fewRunsText({A: 10}, "percentile")).toBeNull();
    expect(fewRunsText({})).toBeNull();
  });
  it("names the run count and, when only some are short, which algorithms", () => {
    expect(fewRunsText({A: 3, B: 3})).toMatch(/^Built from 3 runs per task, fewer than the 5/);
    expect(fewRunsText({A: 3, B: 10})).toMatch(/^Built from 3 runs per task \(A: 3\)/);
    expect(fewRunsText({SimPLe: 5, SPR: 10}, "percentile")).toMatch(/\(SimPLe: 5\), fewer than the 10 .*percentile 95% intervals/);
    expect(RUNS_NEEDED.expanded).toBeLessThan(RUNS_NEEDED.percentile);
  });
});
