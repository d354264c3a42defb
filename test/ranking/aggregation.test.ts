import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {BenchstatsError, borda, consensusOrder, createRandom, parseWideTable, rankIntervals, twoLevel} from "../../lib/index.js";
import {positions} from "../../lib/engine.js";

const xtreme = parseWideTable(readFileSync(new URL("../fixtures/ranking/leaderboards/data_task_xtrem.csv", import.meta.url), "utf8"), {drop: ["Score"]}).values;

describe("twoLevel(perTask, {inner, outer})", () => {
  const rng = createRandom(3);
  // 4 systems, 3 tasks with 20 instances each; system s has quality s/2 plus instance noise.
  const perTask = [0, 1, 2].map((t) => Array.from({length: 4}, (_, s) => Array.from({length: 20}, () => s / 2 + rng.normal() + t * 100)));

  it("aggregates instances per task with Borda, then tasks with the outer rule (Colombo et al.'s two levels)", () => {
    const r = twoLevel(perTask, {inner: "borda", outer: "kemeny"});
    perTask.forEach((table, t) => expect(r.taskScores.map((row) => row[t])).toEqual(borda(table).scores));
    expect(r.order).toEqual(consensusOrder(r.taskScores, "kemeny"));
  });

  it("is unchanged by a monotone rescaling of one task's instance scores with inner Borda, unlike inner mean", () => {
    const rescaled = perTask.map((table, t) => (t === 0 ? table.map((row) => row.map((v) => Math.exp(v / 10))) : table));
    expect(twoLevel(rescaled).taskScores).toEqual(twoLevel(perTask).taskScores);
    expect(twoLevel(rescaled, {inner: "mean"}).taskScores).not.toEqual(twoLevel(perTask, {inner: "mean"}).taskScores);
  });

  it("rejects tasks with different systems", () => {
    expect(() => twoLevel([[[1], [2]], [[1]]])).toThrow(BenchstatsError);
    expect(() => twoLevel([])).toThrow(/one instance table per task/);
  });
});

describe("rankIntervals(scores, options)", () => {
  it("gives a system that wins every task the interval [1, 1] and pFirst 1", () => {
    const scores = [[9, 9, 9, 9], [1, 5, 2, 3], [2, 4, 3, 1], [3, 1, 1, 2]];
    const r = rankIntervals(scores, {method: "borda", reps: 200, seed: 1});
    expect(r[0]).toMatchObject({rank: 1, lower: 1, upper: 1, pFirst: 1});
    for (const row of r.slice(1)) expect(row.lower).toBeGreaterThanOrEqual(2);
  });

  it("reports the full-data positions, brackets them, and is reproducible for a seed (XTREME)", () => {
    const a = rankIntervals(xtreme, {method: "kemeny", reps: 100, seed: 5});
    expect(a).toEqual(rankIntervals(xtreme, {method: "kemeny", reps: 100, seed: 5}));
    expect(a.map((r) => r.rank)).toEqual(positions(consensusOrder(xtreme, "kemeny")));
    for (const r of a) {
      expect(r.lower).toBeLessThanOrEqual(r.upper);
      expect(r.lower).toBeGreaterThanOrEqual(1);
      expect(r.upper).toBeLessThanOrEqual(xtreme.length);
    }
    expect(a.reduce((s, r) => s + r.pFirst, 0)).toBeCloseTo(1, 12);
  });

  it("resamples runs inside cells: identical runs change nothing, noisy runs widen intervals", () => {
    const scores = [[3, 2, 3], [2, 3, 2], [1, 1, 1]];
    const same = scores.map((row) => row.map((v) => [v, v, v]));
    expect(rankIntervals(scores, {reps: 100, seed: 2, runs: same})).toEqual(rankIntervals(scores, {reps: 100, seed: 2}));
    const noisy = scores.map((row) => row.map((v) => [v - 5, v, v + 5]));
    const wide = rankIntervals(scores, {reps: 300, seed: 2, runs: noisy});
    expect(wide[2].lower).toBeLessThan(3);
  });

  it("rejects runs of the wrong shape and bad reps", () => {
    expect(() => rankIntervals([[1, 2]], {runs: [[[1]]]})).toThrow(/runs needs 2 tasks/);
    expect(() => rankIntervals([[1, 2]], {reps: 0})).toThrow(BenchstatsError);
  });
});
