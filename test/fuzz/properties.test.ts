// Invariants that hold for any input, checked with fast-check on generated data (and GLUE's real
// leaderboard): the same seed gives the same bits; shuffling rows, tasks or systems changes nothing;
// scores scaled by c > 0 scale location statistics by c and leave rank statistics alone; swapping the two
// sides of a symmetric statistic keeps it (or flips its sign). Runs: BENCHSTATS_FUZZ_RUNS (default 15).
import {readFileSync} from "node:fs";
import fc from "fast-check";
import {describe, expect, it, vi} from "vitest";
import {
  aggregateIqm,
  aggregateMean,
  benchmarkAgreement,
  bradleyTerryFit,
  intervalEstimates,
  kemeny,
  kendallTau,
  pairedDifference,
  parseWideTable,
  pearson,
  runsToScoreMatrices,
  spearman
} from "../../lib/index.js";

const numRuns = Number(process.env.BENCHSTATS_FUZZ_RUNS ?? 15);
const seed = Number(process.env.BENCHSTATS_FUZZ_SEED ?? 1);
const params = {numRuns, seed};
// Generous limits: CI's two cores are shared, and a long run (npm run test:fuzz) makes many more draws.
vi.setConfig({testTimeout: 60_000 * Math.max(1, numRuns / 15)});

/** Scores with two decimals in [−1000, 1000], as benchmarks report them (range checks are tested elsewhere). */
const score = fc.integer({min: -100_000, max: 100_000}).map((v) => v / 100);

/** Equal to 1e-9 relative, NaN equal to NaN (a zero-variance input leaves r or ρ undefined on both sides). */
function expectClose(actual: number, expected: number): void {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}
/** A runs × tasks matrix of 2–6 runs and 1–5 tasks. */
const matrix = (tasks: number) => fc.array(fc.array(score, {minLength: tasks, maxLength: tasks}), {minLength: 2, maxLength: 6});
/** Two or three algorithms on the same tasks. */
const scoreDict = fc.integer({min: 1, max: 5}).chain((tasks) => fc.record({A: matrix(tasks), B: matrix(tasks), C: matrix(tasks)}));
/** Paired vectors of 3–30 values. */
const pairedVectors = fc.integer({min: 3, max: 30}).chain((n) => fc.tuple(fc.array(score, {minLength: n, maxLength: n}), fc.array(score, {minLength: n, maxLength: n})));

/** `list` in the order of `order` (a permutation drawn by fast-check). */
function permuted<T>(list: readonly T[], keys: readonly number[]): T[] {
  return list
    .map((item, i) => ({item, key: keys[i % keys.length] * 1e6 + i}))
    .sort((a, b) => a.key - b.key)
    .map((d) => d.item);
}
const shuffleKeys = fc.array(fc.integer({min: 0, max: 1000}), {minLength: 1, maxLength: 50});

describe("same seed, same bits", () => {
  it("intervalEstimates twice with one seed gives identical bits; the key order of the dict does not matter", () => {
    fc.assert(
      fc.property(scoreDict, fc.integer({min: 0, max: 2 ** 31}), (dict, s) => {
        const a = intervalEstimates(dict, aggregateIqm, {reps: 50, seed: s});
        const b = intervalEstimates({C: dict.C, B: dict.B, A: dict.A}, aggregateIqm, {reps: 50, seed: s});
        for (const key of ["A", "B", "C"]) expect(b[key].lower).toEqual(a[key].lower);
      }),
      params
    );
  });
});

describe("order of the rows", () => {
  it("a runs table in any row order gives the same matrices and the same bootstrap at a fixed seed", () => {
    fc.assert(
      fc.property(scoreDict, shuffleKeys, (dict, keys) => {
        const rows = Object.entries(dict).flatMap(([algorithm, m]) => m.flatMap((run, r) => run.map((value, t) => ({algorithm, task: `t${t}`, seed: String(r), value}))));
        const a = runsToScoreMatrices(rows);
        const b = runsToScoreMatrices(permuted(rows, keys));
        expect(b.tasks).toEqual(a.tasks);
        for (const name of ["A", "B", "C"]) expect(b.matrices[name]).toEqual(a.matrices[name]);
        const ia = intervalEstimates(a.matrices, aggregateMean, {reps: 30, seed: 3});
        const ib = intervalEstimates(b.matrices, aggregateMean, {reps: 30, seed: 3});
        expect(ib.B.upper).toEqual(ia.B.upper);
      }),
      params
    );
  });

  it("Bradley–Terry ratings and seeded intervals do not depend on the order of the battles", () => {
    const models = ["m0", "m1", "m2", "m3"];
    // A cycle of wins keeps the win graph strongly connected whatever else is drawn.
    const base = models.map((m, i) => ({model_a: m, model_b: models[(i + 1) % 4], winner: "a"}));
    const battle = fc.record({a: fc.integer({min: 0, max: 3}), d: fc.integer({min: 1, max: 3}), w: fc.constantFrom("a", "b", "tie")});
    fc.assert(
      fc.property(fc.array(battle, {minLength: 4, maxLength: 40}), shuffleKeys, (drawn, keys) => {
        const battles = [...base, ...drawn.map(({a, d, w}) => ({model_a: models[a], model_b: models[(a + d) % 4], winner: w}))];
        const x = bradleyTerryFit(battles, {reps: 20, seed: 5});
        const y = bradleyTerryFit(permuted(battles, keys), {reps: 20, seed: 5});
        expect(y.ratings).toEqual(x.ratings);
      }),
      {...params, numRuns: Math.max(3, Math.round(numRuns / 3))}
    );
  });

  it("benchmarkAgreement's z-scores do not depend on the order of the rows (corrected mode, fixed seed)", () => {
    const scenarios = ["aggregate", "s1", "s2", "s3"];
    const modelNames = ["m1", "m2", "m3", "m4", "m5", "m6"];
    fc.assert(
      fc.property(fc.array(score, {minLength: 24, maxLength: 24}), shuffleKeys, (values, keys) => {
        const rows = scenarios.flatMap((scenario, s) => modelNames.map((model, m) => ({model, scenario, score: values[s * 6 + m], source: scenario})));
        const a = benchmarkAgreement(rows, {nExps: 3, seed: 2, sizes: [4]});
        const b = benchmarkAgreement(permuted(rows, keys), {nExps: 3, seed: 2, sizes: [4]});
        expect(b.zScores).toEqual(a.zScores);
      }),
      {...params, numRuns: Math.max(3, Math.round(numRuns / 3))}
    );
  });

  it("Kemeny's order on GLUE (heuristic blocks) is the same for any order of the systems", () => {
    const glue = parseWideTable(readFileSync(new URL("../fixtures/ranking/leaderboards/data_task_glue.csv", import.meta.url), "utf8"), {file: "glue", drop: ["Score"]}).values;
    const reference = kemeny(glue);
    fc.assert(
      fc.property(shuffleKeys, (keys) => {
        const order = permuted(glue.map((_, i) => i), keys);
        const r = kemeny(order.map((i) => glue[i]));
        expect(r.cost).toBe(reference.cost);
        expect(r.order.map((i) => order[i])).toEqual(reference.order);
      }),
      {...params, numRuns: Math.max(1, Math.round(numRuns / 8))}
    );
  });
});

describe("scaling and symmetry", () => {
  it("scores scaled by c > 0 scale the mean and the paired difference by c and leave τ, ρ and r unchanged", () => {
    fc.assert(
      fc.property(pairedVectors, fc.double({min: 0.01, max: 100, noNaN: true}), ([x, y], c) => {
        const cx = x.map((v) => v * c);
        const cy = y.map((v) => v * c);
        expectClose(aggregateMean([cx]), c * aggregateMean([x]));
        const d = pairedDifference(x, y);
        const dc = pairedDifference(cx, cy);
        expectClose(dc.mean, c * d.mean);
        expectClose(dc.se, c * d.se);
        expectClose(kendallTau(cx, cy).tau, kendallTau(x, y).tau);
        expectClose(spearman(cx, cy).rho, spearman(x, y).rho);
        expectClose(pearson(cx, cy).r, pearson(x, y).r);
      }),
      params
    );
  });

  it("swapping x and y keeps τ, ρ and r and flips the sign of the paired difference", () => {
    fc.assert(
      fc.property(pairedVectors, ([x, y]) => {
        expectClose(kendallTau(y, x).tau, kendallTau(x, y).tau);
        expectClose(spearman(y, x).rho, spearman(x, y).rho);
        expectClose(pearson(y, x).r, pearson(x, y).r);
        const d = pairedDifference(x, y);
        const e = pairedDifference(y, x);
        expectClose(e.mean, -d.mean);
        expectClose(e.se, d.se);
      }),
      params
    );
  });
});
