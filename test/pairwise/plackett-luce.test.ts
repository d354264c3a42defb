import {describe, expect, it} from "vitest";
import {BenchstatsError, createRandom, plackettLuce, plackettLuceIntervals, samplesToTop1} from "../../lib/index.js";
import {kendallTau} from "../../lib/correlation/kendall.js";
import {chembenchSamples} from "./fixtures.js";
import {plackettLuceNewton} from "./reference-mle.js";

// Tolerance: both estimators converge far below 1e-6 (I-LSR to choix's tol = 1e-8·n in L1, Newton to
// 1e-13), so 1e-6 on centred log-strengths is the acceptance bar with margin.
const TOL = 1e-6;

function maxAbsDiff(x: readonly number[], y: readonly number[]): number {
  return Math.max(...x.map((v, i) => Math.abs(v - y[i])));
}

/** Synthetic Plackett–Luce rankings (Gumbel-max sampling) over random subsets, seeded. */
function syntheticRankings(nItems: number, nRankings: number, size: number, seed: number): number[][] {
  const rng = createRandom(seed);
  const theta = Array.from({length: nItems}, () => rng.normal());
  return Array.from({length: nRankings}, () => {
    const set = new Set<number>();
    while (set.size < size) set.add(rng.int(nItems));
    const keyed = [...set].map((i) => ({i, key: theta[i] - Math.log(-Math.log(rng.float() || 1e-300))}));
    return keyed.sort((a, b) => b.key - a.key).map((k) => k.i);
  });
}

const toTop1 = (rankings: number[][]): [number, number[]][] =>
  rankings.flatMap((r) => r.slice(0, -1).map((w, i) => [w, r.slice(i + 1)] as [number, number[]]));

describe("plackettLuce({nItems, pairs})", () => {
  it("recovers the closed-form two-item MLE θ₀ − θ₁ = ln(wins₀ / wins₁)", () => {
    const {params} = plackettLuce({nItems: 2, pairs: [[0, 1], [0, 1], [0, 1], [1, 0]]});
    expect(params[0]).toBeCloseTo(Math.log(3) / 2, 9);
    expect(params[1]).toBeCloseTo(-Math.log(3) / 2, 9);
  });

  it("equals an independent Newton MLE on synthetic pairwise data to 1e-6", () => {
    const pairs = syntheticRankings(12, 600, 2, 7) as [number, number][];
    const ours = plackettLuce({nItems: 12, pairs}).params;
    const reference = plackettLuceNewton(12, pairs.map(([w, l]) => [w, [w, l]]));
    expect(maxAbsDiff(ours, reference)).toBeLessThan(TOL);
    expect(ours.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12);
  });
});

describe("plackettLuce({nItems, rankings})", () => {
  it("finds the true MLE of choix's 'partial rankings' case (choix stores it to 1e-4 only)", () => {
    const rankings = [[0, 1, 2], [3, 2, 0], [1, 3]];
    const ours = plackettLuce({nItems: 4, rankings}).params;
    const reference = plackettLuceNewton(4, toTop1(rankings).map(([w, l]) => [w, [w, ...l]]));
    expect(maxAbsDiff(ours, reference)).toBeLessThan(1e-7);
  });

  it("equals an independent Newton MLE on synthetic rankings to 1e-6", () => {
    const rankings = syntheticRankings(15, 400, 5, 11);
    const ours = plackettLuce({nItems: 15, rankings});
    const reference = plackettLuceNewton(15, toTop1(rankings).map(([w, l]) => [w, [w, ...l]]));
    expect(maxAbsDiff(ours.params, reference)).toBeLessThan(TOL);
    expect(ours.iterations).toBeGreaterThan(1);
  });

  it("gives the same strengths from rankings and from their top-1 decomposition", () => {
    const rankings = syntheticRankings(10, 200, 4, 3);
    const a = plackettLuce({nItems: 10, rankings}).params;
    const b = plackettLuce({nItems: 10, top1: toTop1(rankings)}).params;
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-12);
  });

  it("MM and I-LSR reach the same MLE", () => {
    const rankings = syntheticRankings(8, 300, 4, 5);
    const ilsr = plackettLuce({nItems: 8, rankings}).params;
    const mm = plackettLuce({nItems: 8, rankings}, {method: "mm", tol: 1e-12}).params;
    expect(maxAbsDiff(ilsr, mm)).toBeLessThan(TOL);
  });
});

describe("plackettLuce({nItems, top1}) on ChemBench samples (ONEBench binary conversion)", () => {
  const choices = samplesToTop1(chembenchSamples().filter((r) => Number(String(r.item).slice(1)) < 300));
  it("equals an independent Newton MLE on real data to 1e-6", () => {
    const ours = plackettLuce({nItems: choices.nItems, top1: choices.top1}).params;
    const reference = plackettLuceNewton(choices.nItems, choices.top1.map(([w, l]) => [w, [w, ...l]]));
    expect(maxAbsDiff(ours, reference)).toBeLessThan(TOL);
  });

  it("ranks models close to their accuracy on the same questions (τ-b > 0.75; PL also weighs whom a model beats)", () => {
    const {params} = plackettLuce({nItems: choices.nItems, top1: choices.top1});
    const samples = chembenchSamples().filter((r) => Number(String(r.item).slice(1)) < 300);
    const accuracy = choices.models.map((m) => {
      const mine = samples.filter((r) => r.model === m);
      return mine.reduce((s, r) => s + (r.value as number), 0) / mine.length;
    });
    expect(kendallTau(params, accuracy).tau).toBeGreaterThan(0.75);
  });
});

describe("plackettLuce regularisation (alpha)", () => {
  it("is the fixed point of choix's regularised LSR chain", () => {
    // Independent check of the fixed point: with rates α + Σ 1/(w_w + w_l) from loser to winner, the
    // stationary balance π_i Σ_j rate(i→j) = Σ_j π_j rate(j→i) must hold at π = e^θ.
    const pairs = syntheticRankings(6, 40, 2, 9) as [number, number][];
    const alpha = 0.5;
    const {params} = plackettLuce({nItems: 6, pairs}, {alpha, tol: 1e-12});
    const w = params.map(Math.exp);
    const s = w.reduce((a, b) => a + b, 0);
    const pi = w.map((v) => (6 * v) / s);
    const rate = Array.from({length: 6}, () => new Array(6).fill(alpha));
    for (const [win, lose] of pairs) rate[lose][win] += 1 / (pi[win] + pi[lose]);
    for (let i = 0; i < 6; ++i) {
      let outflow = 0;
      let inflow = 0;
      for (let j = 0; j < 6; ++j) {
        if (j === i) continue;
        outflow += pi[i] * rate[i][j];
        inflow += pi[j] * rate[j][i];
      }
      expect(Math.abs(outflow - inflow)).toBeLessThan(1e-9);
    }
  });

  it("shrinks strengths towards each other as alpha grows", () => {
    const pairs = syntheticRankings(6, 60, 2, 2) as [number, number][];
    const spread = (alpha: number) => {
      const p = plackettLuce({nItems: 6, pairs}, {alpha}).params;
      return Math.max(...p) - Math.min(...p);
    };
    expect(spread(0)).toBeGreaterThan(spread(1));
    expect(spread(1)).toBeGreaterThan(spread(10));
  });
});

describe("plackettLuce identifiability and bad input", () => {
  it("throws a named identifiability error for an undefeated item without alpha", () => {
    const pairs: [number, number][] = [[0, 1], [0, 2], [1, 2], [2, 1]];
    expect(() => plackettLuce({nItems: 3, pairs}, {names: ["alpha-model", "b", "c"]})).toThrow(/undefeated: alpha-model/);
    try {
      plackettLuce({nItems: 3, pairs});
    } catch (error) {
      expect(error).toBeInstanceOf(BenchstatsError);
      expect((error as BenchstatsError).code).toBe("identifiability");
    }
  });

  it("returns a finite regularised answer for the same data with alpha > 0", () => {
    const pairs: [number, number][] = [[0, 1], [0, 2], [1, 2], [2, 1]];
    const result = plackettLuce({nItems: 3, pairs}, {alpha: 0.01});
    expect(result.params.every(Number.isFinite)).toBe(true);
    expect(result.diagnostics.undefeated).toEqual([0]);
    expect(result.params[0]).toBeGreaterThan(result.params[1]);
  });

  it("reports items that never appear", () => {
    expect(() => plackettLuce({nItems: 3, pairs: [[0, 1], [1, 0]]})).toThrow(/never compared: #2/);
  });

  it("throws like choix when the iteration cap is hit", () => {
    const rankings = syntheticRankings(8, 100, 4, 1);
    expect(() => plackettLuce({nItems: 8, rankings}, {maxIter: 1})).toThrow(/did not converge after 1 iterations/);
  });

  it("names the datum with an out-of-range or repeated index", () => {
    expect(() => plackettLuce({nItems: 3, pairs: [[0, 1], [0, 3]]})).toThrow(/pairs, row 1/);
    expect(() => plackettLuce({nItems: 3, top1: [[0, [1, 0]]]})).toThrow(/appears twice/);
    expect(() => plackettLuce({nItems: 3, pairs: [[0, 1]], top1: []})).toThrow(/exactly one/);
  });
});

describe("plackettLuce({…}, {method: \"lsr\"})", () => {
  it("takes one spectral step from equal weights, like choix.lsr_pairwise", () => {
    // From equal weights the chain rate l → w is wins(w over l)/2, so for two items the single step
    // already gives π₀/π₁ = wins₀/wins₁; with three items it differs from the MLE.
    const two = plackettLuce({nItems: 2, pairs: [[0, 1], [0, 1], [1, 0]]}, {method: "lsr"});
    expect(two.params[0] - two.params[1]).toBeCloseTo(Math.log(2), 12);
    expect(two.iterations).toBe(1);
    const pairs: [number, number][] = [[0, 1], [0, 1], [1, 2], [2, 0], [0, 2], [2, 1]];
    const one = plackettLuce({nItems: 3, pairs}, {method: "lsr"}).params;
    const mle = plackettLuce({nItems: 3, pairs}).params;
    expect(maxAbsDiff(one, mle)).toBeGreaterThan(1e-4);
  });
});

describe("plackettLuceIntervals(choices)", () => {
  const choices = samplesToTop1(chembenchSamples().filter((r) => Number(String(r.item).slice(1)) < 300));
  const rows = plackettLuceIntervals(choices, {alpha: 0.01, reps: 60, seed: 4});

  it("brackets each point strength, is seeded, and sorts best first", () => {
    expect(plackettLuceIntervals(choices, {alpha: 0.01, reps: 60, seed: 4})).toEqual(rows);
    for (const r of rows) {
      expect(r.lower).toBeLessThanOrEqual(r.strength);
      expect(r.upper).toBeGreaterThanOrEqual(r.strength);
    }
    for (let i = 1; i < rows.length; ++i) expect(rows[i].strength).toBeLessThanOrEqual(rows[i - 1].strength);
    const point = plackettLuce({nItems: choices.nItems, top1: choices.top1}, {alpha: 0.01}).params;
    expect(rows.find((r) => r.model === choices.models[0])!.strength).toBe(point[0]);
  });

  it("gives CI-aware ranks: 1 + models whose lower bound exceeds this upper bound", () => {
    for (const r of rows) expect(r.ciRank).toBe(1 + rows.filter((o) => o.lower > r.upper).length);
  });

  it("is wider when fewer samples are used", () => {
    const fewer = samplesToTop1(chembenchSamples().filter((r) => Number(String(r.item).slice(1)) < 75));
    const narrow = plackettLuceIntervals(fewer, {alpha: 0.01, reps: 60, seed: 4});
    const width = (rs: typeof rows) => rs.reduce((s, r) => s + r.upper - r.lower, 0) / rs.length;
    expect(width(narrow)).toBeGreaterThan(width(rows));
  });
});
