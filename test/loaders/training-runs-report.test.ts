import {describe, expect, it} from "vitest";
import {execFileSync} from "node:child_process";
import {fileURLToPath} from "node:url";
import {csvParse} from "d3";
import {readRuns} from "../../loaders/index.js";
import {tdmpc2NormalizedScore, tdmpc2Suite} from "../../loaders/runs/tdmpc2.js";
import {TidyTable} from "../../loaders/tidy/table.js";
import type {RunRow} from "../../loaders/types.js";
import {curveSummaries, finalScores} from "../../src/data/training-runs.js";
// @ts-expect-error plain-JS page component without type declarations
import {bandRows, seedRows, t975} from "../../src/components/runs-curve-bands.js";
import {bundled} from "./helpers.js";

const run = (algorithm: string, task: string, seed: string, step: number, value: number, metric = "reward"): RunRow => ({experiment: "x", algorithm, task, seed, step, metric, value});

describe("curveSummaries(rows)", () => {
  it("summarises the seeds at each step: n, mean, sample sd, min, max; NaN values left out", () => {
    const points = curveSummaries([run("a", "t", "1", 0, 1), run("a", "t", "2", 0, 2), run("a", "t", "3", 0, 4), run("a", "t", "1", 10, 5), run("a", "t", "2", 10, NaN)]);
    expect(points).toHaveLength(2);
    expect(points[0]).toMatchObject({step: 0, n: 3, mean: 7 / 3, min: 1, max: 4, seeds: {"1": 1, "2": 2, "3": 4}});
    expect(points[0].sd).toBeCloseTo(Math.sqrt(7 / 3), 12); // Σ(x − 7/3)² / 2 = 7/3
    expect(points[1]).toMatchObject({step: 10, n: 1, mean: 5});
    expect(points[1].sd).toBeNaN();
  });
});

describe("finalScores(rows)", () => {
  it("compares runs at the task's common budget: the last evaluation at or before the shortest run's end", () => {
    const rows = [
      ...[0, 100, 200, 300].map((s) => run("tdmpc2", "t", "1", s, s)),
      ...[0, 100, 250].map((s) => run("sac", "t", "1", s, s / 10)), // shortest run: budget 250
      run("tdmpc2", "only-one-algorithm", "1", 0, 1)
    ];
    const scores = finalScores(TidyTable.fromRows("runs", rows), ["tdmpc2", "sac"]);
    expect(scores.map((s) => [s.algorithm, s.budget, s.step, s.value, s.normalized])).toEqual([
      ["tdmpc2", 250, 200, 200, 0.2],
      ["sac", 250, 250, 25, 0.025]
    ]);
  });

  it("gives 104 tasks × 4 algorithms × 3 seeds on the real TD-MPC2 data, every score at or before the budget", async () => {
    const scores = finalScores(await readRuns(bundled("runs/tdmpc2/tdmpc2_results_long.csv")));
    expect(scores).toHaveLength(104 * 4 * 3);
    expect(scores.every((s) => s.step <= s.budget)).toBe(true);
    // Evaluation grids have gaps in 10 of the 1,248 runs (checked in the CSV: TD-MPC myo-hand-pose seed 1 jumps
    // from 1.45M to 2M; DreamerV3 dog runs skip steps), so those scores lie more than 100k steps before the budget.
    expect(scores.filter((s) => s.budget - s.step > 100000)).toHaveLength(10);
    // humanoid-walk: one DreamerV3 seed stops at 11.2M while the others reach 13.8M–14M (checked in the CSV).
    expect(scores.find((s) => s.task === "humanoid-walk")!.budget).toBe(11200000);
    expect(scores.every((s) => s.normalized >= 0 && s.normalized <= 1)).toBe(true);
  });
});

describe("tdmpc2Suite(task) / tdmpc2NormalizedScore(metric, value)", () => {
  it("names the suite from the task prefix, rescales return by 1/1000 and keeps success fractions", () => {
    expect(["walker-run", "mw-assembly", "myo-hand-reach", "lift-cube", "turn-faucet"].map(tdmpc2Suite)).toEqual(["DMControl", "Meta-World", "MyoSuite", "ManiSkill2", "ManiSkill2"]);
    expect([tdmpc2NormalizedScore("reward", 850), tdmpc2NormalizedScore("success", 0.4)]).toEqual([0.85, 0.4]);
  });
});

describe("the final-scores data loader (src/data/training-runs-final.csv.ts)", () => {
  const loader = fileURLToPath(new URL("../../src/data/training-runs-final.csv.ts", import.meta.url));
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

  it("writes every value through the one table writer, unrounded: the CSV parses back to finalScores' numbers", async () => {
    const parsed = csvParse(execFileSync(tsx, [loader], {encoding: "utf8"}));
    const scores = finalScores(await readRuns(bundled("runs/tdmpc2/tdmpc2_results_long.csv")));
    expect(parsed.columns).toEqual(["algorithm", "suite", "task", "seed", "metric", "budget", "step", "value", "normalized"]);
    expect(parsed.map((d) => Number(d.normalized))).toEqual(scores.map((s) => s.normalized));
    expect(parsed.map((d) => d.task)).toEqual(scores.map((s) => s.task));
  });
});

describe("bandRows(rows, band) / t975(df)", () => {
  const rows = [{algorithm: "a", task: "t", step: 0, n: 3, mean: 7 / 3, sd: Math.sqrt(7 / 3), seed_1: 1, seed_2: 2, seed_3: 4}];

  it("uses exact Student-t 0.975 quantiles (scipy.stats.t.ppf(0.975, df))", () => {
    const scipy: [number, number][] = [
      [1, 12.706204736432095],
      [2, 4.302652729911275],
      [3, 3.182446305284263],
      [10, 2.2281388519649385],
      [11, 2.200985160082949], // the old table said 2.042 from 11 to 30 df
      [20, 2.0859634472658364],
      [29, 2.045229642132703],
      [31, 2.0395134463964077], // and 1.96 beyond
      [100, 1.9839715184496334]
    ];
    for (const [df, want] of scipy) expect(t975(df)).toBeCloseTo(want, 9);
    expect(t975(0)).toBeNaN();
  });

  it("draws min–max, the 95% t-interval or ± 1 SE of the mean across seeds", () => {
    expect(bandRows(rows, "range")[0]).toMatchObject({lower: 1, upper: 4});
    const half = (4.302652729911275 * Math.sqrt(7 / 3)) / Math.sqrt(3);
    expect(bandRows(rows, "ci95")[0].lower).toBeCloseTo(7 / 3 - half, 9); // stdlib's t quantile agrees with scipy's to ~1e-10
    expect(bandRows(rows, "se")[0].upper).toBeCloseTo(7 / 3 + Math.sqrt(7 / 3) / Math.sqrt(3), 12);
    expect(bandRows(rows, "none")[0].lower).toBeUndefined();
  });

  it("gives no band to a step with one seed and lists seeds in long form", () => {
    const one = [{algorithm: "a", task: "t", step: 0, n: 1, mean: 5, sd: NaN, seed_1: 5, seed_2: NaN, seed_3: NaN}];
    expect(bandRows(one, "ci95")[0].lower).toBeUndefined();
    expect(seedRows(rows)).toEqual([
      {algorithm: "a", task: "t", step: 0, seed: "1", value: 1},
      {algorithm: "a", task: "t", step: 0, seed: "2", value: 2},
      {algorithm: "a", task: "t", step: 0, seed: "3", value: 4}
    ]);
  });
});
