import {describe, expect, it} from "vitest";
import {
  aggregateIqm,
  aggregateMean,
  aggregateMedian,
  aggregateOptimalityGap,
  averageScoreDistributionAt,
  intervalEstimates,
  optimalityGapAt,
  scoreDistributionAt
} from "../../lib/index.js";
import {planIntervalEstimates} from "../../lib/engine.js";
import {planSampleEfficiency} from "../../lib/rl/sample-efficiency.js";
import {expandedTails} from "../../lib/rl/strata.js";
import {leaveOutEvaluator} from "../../lib/rl/engine/leave-out.js";
import {evaluate, sampleMatrix} from "../../lib/rl/engine/plan.js";
import {atariMatrices} from "./atari-data.js";

// The expanded interval's jackknife reads built-in statistics off per-task sums and a pool sorted once
// (leave-out.ts); the generic path (forceGeneric) rebuilds each left-out matrix and calls the plain
// aggregates. Both must give the same bits.
const ALL = [aggregateMedian, aggregateIqm, aggregateMean, aggregateOptimalityGap, optimalityGapAt(0.5), scoreDistributionAt([0, 0.5, 1, 2]), averageScoreDistributionAt([0.25, 1])];

/** A ragged matrix with ties, ±0 and missing runs: `runs` × `tasks`, seeded by `k`. */
function ragged(runs: number, tasks: number, k: number): number[][] {
  return Array.from({length: runs}, (_, r) =>
    Array.from({length: tasks}, (_, t) => {
      const h = (r * 7919 + t * 104729 + k * 31337) % 997;
      if (h % 13 === 0 && r > 1) return NaN;
      if (h % 11 === 0) return r % 2 ? -0 : 0;
      if (h % 5 === 0) return 0.5; // ties
      return (h / 97) * (t + 1) - 1.5;
    })
  );
}

function tailsBoth(make: (forceGeneric: boolean) => Parameters<typeof expandedTails>[0]): [number[][], number[][]] {
  const fast = make(false);
  const slow = make(true);
  const run = (plan: typeof fast) => plan.entries.map((_, e) => expandedTails(plan, e, 0.95));
  return [run(fast), run(slow)];
}

describe("leave-cells-out jackknife (expanded interval)", () => {
  it("gives the generic path's tails bit for bit on ragged matrices with ties, ±0 and NaN", () => {
    for (const [runs, tasks] of [[3, 4], [10, 5], [23, 7], [4, 70]]) {
      const dict = {a: ragged(runs, tasks, 1), b: ragged(runs, tasks, 2)};
      const [fast, slow] = tailsBoth((forceGeneric) => planIntervalEstimates(dict, ALL, {reps: 10, forceGeneric}));
      expect(fast).toEqual(slow);
      expect(leaveOutEvaluator(planIntervalEstimates(dict, ALL, {reps: 10}), 0)).toBeDefined();
    }
  });
  it("evaluates each left-out set as the plain aggregates do on the matrix with those cells missing", () => {
    const plan = planIntervalEstimates({a: ragged(17, 9, 5)}, ALL, {reps: 10});
    const sample = plan.entries[0].samples[0];
    const leaveOut = leaveOutEvaluator(plan, 0)!;
    for (let t = 0; t < sample.tasks; ++t) {
      const from = sample.offsets[t];
      const n = sample.offsets[t + 1] - from;
      for (const pick of [[0], [n - 1], [1, 3, 4], Array.from({length: n - 1}, (_, i) => i + 1)]) {
        const cells = Int32Array.from(pick.filter((i) => i < n), (i) => from + i);
        const matrix = sampleMatrix(sample, 0);
        for (const c of cells) matrix[sample.rows[c]][t] = NaN;
        expect(leaveOut(t, cells, cells.length)).toEqual(evaluate(plan.statistics, undefined, [matrix], "test"));
      }
    }
  });
  it("matches the generic path on checkpoint curves (several layers)", () => {
    const curves = Array.from({length: 12}, (_, r) => Array.from({length: 5}, (_, t) => Array.from({length: 3}, (_, c) => ((r * 13 + t * 7 + c * 3) % 17) / 4 - (c === 1 && t === 2 ? 0 : 1))));
    const [fast, slow] = tailsBoth((forceGeneric) => planSampleEfficiency({x: curves}, ALL, {reps: 10, forceGeneric}));
    expect(fast).toEqual(slow);
  });
  it("matches the generic path on the Atari 100k scores (100 runs: groups of 10)", () => {
    const raw = atariMatrices();
    const dict = Object.fromEntries(Object.entries(raw).slice(0, 2).map(([k, m]) => [k, Array.from({length: 100}, (_, i) => m[i % m.length])]));
    const [fast, slow] = tailsBoth((forceGeneric) => planIntervalEstimates(dict, ALL, {reps: 10, forceGeneric}));
    expect(fast).toEqual(slow);
  });
  it("leaves the intervals unchanged (expanded, default method)", () => {
    const dict = {a: ragged(10, 6, 3)};
    const fast = intervalEstimates(dict, [aggregateIqm, aggregateMean], {reps: 300, seed: 4});
    const slow = intervalEstimates(dict, [aggregateIqm, aggregateMean], {reps: 300, seed: 4, forceGeneric: true});
    expect(fast).toEqual(slow);
  });
});
