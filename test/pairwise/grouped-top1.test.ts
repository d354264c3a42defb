import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {BenchstatsError, createRandom, plackettLuce, samplesToTop1, type GroupedTop1} from "../../lib/index.js";
import {matrixToGroupedTop1} from "../../lib/engine.js";
import {compileGroupedTop1, groupedStronglyConnected} from "../../lib/pairwise/grouped-top1.js";
import {readCsv} from "./fixtures.js";
import {plackettLuceNewton} from "./reference-mle.js";

// Grouped top-1 data (one loser set shared by all winners of a sample) must give the fit of the expanded
// events: the same iterates up to round-off, so 1e-10 on centred log-strengths.
const SAME = 1e-10;

function maxAbsDiff(x: readonly number[], y: readonly number[]): number {
  return Math.max(...x.map((v, i) => Math.abs(v - y[i])));
}

/** The ChemBench 22 × 600 slice as a byte matrix, written here straight from the CSV (models × items). */
function chembenchMatrix(maskMissing: boolean): {models: string[]; nItems: number; data: Uint8Array} {
  const rows = readCsv("chembench_22x600.csv");
  const items = Object.keys(rows[0]).filter((k) => k !== "model");
  const data = new Uint8Array(rows.length * items.length);
  rows.forEach((r, m) =>
    items.forEach((item, t) => {
      // A deterministic ~10% of cells "not run", to exercise missing cells.
      data[m * items.length + t] = maskMissing && (m * 7 + t * 13) % 10 === 0 ? 255 : Number(r[item]);
    }),
  );
  return {models: rows.map((r) => r.model), nItems: items.length, data};
}

/** The same matrix as tidy samples, expanded by samplesToTop1 (ONEBench's generate_top1_list). */
function expandedFromMatrix(models: string[], nItems: number, data: Uint8Array) {
  const rows = [];
  for (let m = 0; m < models.length; ++m) {
    for (let t = 0; t < nItems; ++t) {
      const v = data[m * nItems + t];
      if (v !== 255) rows.push({model: models[m], item: t, value: v});
    }
  }
  return samplesToTop1(rows, {models});
}

describe("matrixToGroupedTop1", () => {
  it("makes each item a group: models right are winners, models wrong are losers, 255 is skipped", () => {
    // 3 models × 3 items: item 2 has no loser (kept as an empty-loser group)
    const g = matrixToGroupedTop1({nRespondents: 3, nItems: 3, data: Uint8Array.of(1, 0, 1, 0, 1, 1, 0, 255, 255)});
    expect(g.nItems).toBe(3);
    expect(Array.from(g.groupedTop1.winnerOffsets)).toEqual([0, 1, 2, 4]);
    expect(Array.from(g.groupedTop1.winners)).toEqual([0, 1, 0, 1]);
    expect(Array.from(g.groupedTop1.loserOffsets)).toEqual([0, 2, 3, 3]);
    expect(Array.from(g.groupedTop1.losers)).toEqual([1, 2, 0]);
  });

  it("lists models in ascending order within each group across the blocks it walks (300 models)", () => {
    const nModels = 300;
    const nItems = 7;
    const data = new Uint8Array(nModels * nItems);
    for (let k = 0; k < data.length; ++k) data[k] = (k * 2654435761) % 5 === 0 ? 255 : ((k * 40503) >> 3) & 1;
    const {groupedTop1: g} = matrixToGroupedTop1({nRespondents: nModels, nItems, data});
    for (let t = 0; t < nItems; ++t) {
      const winners = Array.from(g.winners.subarray(g.winnerOffsets[t], g.winnerOffsets[t + 1]));
      const losers = Array.from(g.losers.subarray(g.loserOffsets[t], g.loserOffsets[t + 1]));
      const expectedW: number[] = [];
      const expectedL: number[] = [];
      for (let m = 0; m < nModels; ++m) {
        if (data[m * nItems + t] === 1) expectedW.push(m);
        if (data[m * nItems + t] === 0) expectedL.push(m);
      }
      expect(winners).toEqual(expectedW);
      expect(losers).toEqual(expectedL);
    }
  });

  it("names the model and item of a byte that is not 0, 1 or 255, and checks the shape", () => {
    const bad = () => matrixToGroupedTop1({nRespondents: 2, nItems: 2, data: Uint8Array.of(1, 0, 0, 2)});
    expect(bad).toThrow(BenchstatsError);
    expect(bad).toThrow(/matrix, row 1, column 1: .*got 2/);
    expect(() => matrixToGroupedTop1({nRespondents: 2, nItems: 3, data: new Uint8Array(5)})).toThrow(/5 bytes, expected .* 6/);
  });
});

describe("plackettLuce({nItems, groupedTop1}) against the expanded top-1 events", () => {
  for (const missing of [false, true]) {
    const {models, nItems, data} = chembenchMatrix(missing);
    const expanded = expandedFromMatrix(models, nItems, data);
    const grouped = matrixToGroupedTop1({nRespondents: models.length, nItems, data});
    for (const method of ["ilsr", "mm", "lsr"] as const) {
      for (const alpha of [0, 0.01]) {
        it(`ChemBench 22 × 600${missing ? " with 10% cells missing" : ""}: ${method}, alpha ${alpha}, same params to 1e-10`, () => {
          const a = plackettLuce({nItems: expanded.nItems, top1: expanded.top1}, {method, alpha});
          const b = plackettLuce(grouped, {method, alpha});
          expect(maxAbsDiff(b.params, a.params)).toBeLessThan(SAME);
          expect(b.iterations).toBe(a.iterations);
          expect(Math.abs(b.logLik - a.logLik)).toBeLessThan(1e-9 * Math.abs(a.logLik));
          expect(b.diagnostics).toEqual(a.diagnostics);
        });
      }
    }
  }

  it("equals an independent Newton MLE on the real data to 1e-6", () => {
    const {models, nItems, data} = chembenchMatrix(true);
    const {top1} = expandedFromMatrix(models, nItems, data);
    const reference = plackettLuceNewton(models.length, top1.map(([w, l]) => [w, [w, ...l]]));
    const {params} = plackettLuce(matrixToGroupedTop1({nRespondents: models.length, nItems, data}));
    expect(maxAbsDiff(params, reference)).toBeLessThan(1e-6);
  });

  it("weights a group like repeating each of its events", () => {
    const {models, nItems, data} = chembenchMatrix(false);
    const grouped = matrixToGroupedTop1({nRespondents: models.length, nItems, data});
    const weights = Array.from({length: nItems}, (_, t) => (t % 3) + (t % 2) * 0.5);
    const expanded = expandedFromMatrix(models, nItems, data);
    const eventWeights = Array.from(expanded.sampleOf, (t) => weights[t]);
    for (const method of ["ilsr", "mm"] as const) {
      const a = plackettLuce({nItems: expanded.nItems, top1: expanded.top1, weights: eventWeights}, {method});
      const b = plackettLuce({...grouped, weights}, {method});
      expect(maxAbsDiff(b.params, a.params)).toBeLessThan(SAME);
    }
  });
});

describe("plackettLuce({groupedTop1}) on choix's top-1 test cases (one group per datum)", () => {
  const cases = JSON.parse(readFileSync(new URL("../fixtures/pairwise/choix_testcases.json", import.meta.url), "utf8"));
  const centredLog = (w: number[]) => {
    const logs = w.map(Math.log);
    const mean = logs.reduce((s, v) => s + v, 0) / logs.length;
    return logs.map((v) => v - mean);
  };
  for (const c of cases.top1) {
    it(`ilsr_top1 / lsr_top1: ${c.desc}`, () => {
      const data = c.data as [number, number[]][];
      const groupedTop1: GroupedTop1 = {
        winnerOffsets: data.map((_, i) => i).concat(data.length),
        winners: data.map(([w]) => w),
        loserOffsets: data.reduce((o, [, l]) => [...o, o[o.length - 1] + l.length], [0]),
        losers: data.flatMap(([, l]) => l),
      };
      const ml = plackettLuce({nItems: c.n_items, groupedTop1}).params;
      const lsr = plackettLuce({nItems: c.n_items, groupedTop1}, {method: "lsr"}).params;
      // choix stores ML estimates to its own test tolerance (1e-4) and single LSR steps to 8 decimals.
      c.ml_est.forEach((v: number, i: number) => expect(Math.abs(ml[i] - v)).toBeLessThan(1e-4));
      c.lsr_est.forEach((v: number, i: number) => expect(Math.abs(lsr[i] - v)).toBeLessThan(1e-7));
      const expanded = plackettLuce({nItems: c.n_items, top1: data}).params;
      expect(maxAbsDiff(ml, expanded)).toBeLessThan(SAME);
    });
  }
  it("converges on a two-item chain whose jump chain is periodic", () => {
    // 0 beats 1 twice, 1 beats 0 once: θ₀ − θ₁ = ln 2.
    const groupedTop1 = {winnerOffsets: [0, 1, 2, 3], winners: [0, 0, 1], loserOffsets: [0, 1, 2, 3], losers: [1, 1, 0]};
    const {params} = plackettLuce({nItems: 2, groupedTop1});
    expect(params[0] - params[1]).toBeCloseTo(Math.log(2), 12);
  });
});

describe("plackettLuce({groupedTop1}) input checks and identifiability", () => {
  const ok = {winnerOffsets: [0, 1, 2], winners: [0, 1], loserOffsets: [0, 1, 2], losers: [1, 0]};
  it("names the group with an out-of-range or repeated index", () => {
    expect(() => plackettLuce({nItems: 2, groupedTop1: {...ok, losers: [1, 2]}})).toThrow(/groupedTop1, row 1: plackettLuce: loser index in group 1 .* got 2/);
    expect(() => plackettLuce({nItems: 2, groupedTop1: {...ok, losers: [0, 0]}})).toThrow(/row 0: .*item 0 appears twice in group 0/);
    expect(() => plackettLuce({nItems: 2, groupedTop1: {...ok, winnerOffsets: [0, 3, 2]}})).toThrow(/winnerOffsets decreases at group 1/);
    expect(() => plackettLuce({nItems: 2, groupedTop1: {...ok, loserOffsets: [0, 1]}})).toThrow(/one entry per group/);
    expect(() => plackettLuce({nItems: 2, groupedTop1: ok, weights: [1]})).toThrow(/weights has 1 entries for 2 groups/);
    expect(() => plackettLuce({nItems: 2, groupedTop1: ok, pairs: [[0, 1]]})).toThrow(/exactly one/);
  });

  it("throws the named identifiability error for an undefeated model, and fits it with alpha > 0", () => {
    // Model 2 is right on every item it is given.
    const data = Uint8Array.of(1, 0, 1, 0, 1, 0, 1, 1, 255);
    const grouped = matrixToGroupedTop1({nRespondents: 3, nItems: 3, data});
    expect(() => plackettLuce(grouped)).toThrow(/undefeated: #2/);
    const fit = plackettLuce(grouped, {alpha: 0.01});
    expect(fit.diagnostics.undefeated).toEqual([2]);
    expect(fit.params[2]).toBeGreaterThan(fit.params[0]);
  });

  it("ignores groups without winners or losers", () => {
    const {models, nItems, data} = chembenchMatrix(false);
    const base = plackettLuce(matrixToGroupedTop1({nRespondents: models.length, nItems, data})).params;
    // Add two items: everybody right, everybody wrong.
    const wider = new Uint8Array(models.length * (nItems + 2));
    for (let m = 0; m < models.length; ++m) {
      wider.set(data.subarray(m * nItems, (m + 1) * nItems), m * (nItems + 2));
      wider[m * (nItems + 2) + nItems] = 1;
    }
    const params = plackettLuce(matrixToGroupedTop1({nRespondents: models.length, nItems: nItems + 2, data: wider})).params;
    expect(maxAbsDiff(params, base)).toBeLessThan(1e-12);
  });
});

describe("grouped identifiability diagnostics", () => {
  /** Random sparse groups over n items, each group a random small set split into winners and losers. */
  function randomGroups(n: number, nGroups: number, seed: number): [number, number[]][][] {
    const rng = createRandom(seed);
    return Array.from({length: nGroups}, () => {
      const members = new Set<number>();
      const size = 2 + rng.int(3);
      while (members.size < size) members.add(rng.int(n));
      const list = [...members];
      const nWinners = 1 + rng.int(size - 1);
      const losers = list.slice(nWinners);
      return list.slice(0, nWinners).map((w) => [w, losers] as [number, number[]]);
    });
  }
  const toGrouped = (groups: [number, number[]][][]): GroupedTop1 => ({
    winnerOffsets: groups.reduce((o, g) => [...o, o[o.length - 1] + g.length], [0]),
    winners: groups.flatMap((g) => g.map(([w]) => w)),
    loserOffsets: groups.reduce((o, g) => [...o, o[o.length - 1] + g[0][1].length], [0]),
    losers: groups.flatMap((g) => g[0][1]),
  });

  it("agree with the expanded events' diagnostics on random sparse data, connected or not", () => {
    let connected = 0;
    for (let seed = 1; seed <= 40; ++seed) {
      const n = 8;
      const groups = randomGroups(n, 5 + seed, seed);
      const top1 = groups.flat();
      const a = plackettLuce({nItems: n, top1}, {alpha: 0.1});
      const b = plackettLuce({nItems: n, groupedTop1: toGrouped(groups)}, {alpha: 0.1});
      expect(b.diagnostics).toEqual(a.diagnostics);
      expect(maxAbsDiff(b.params, a.params)).toBeLessThan(SAME);
      if (a.diagnostics.stronglyConnected) ++connected;
    }
    expect(connected).toBeGreaterThan(3);
    expect(connected).toBeLessThan(37);
  });

  it("falls back to the full graph when the reachability passes do not settle (a long cycle)", () => {
    // 0 ← 1 ← 2 ← … ← 39 ← 0 one pair per group: backwards it takes one pass per item.
    const n = 40;
    const groups = Array.from({length: n}, (_, i) => [[(i + 1) % n, [i]] as [number, number[]]]);
    const grouped = toGrouped(groups);
    expect(groupedStronglyConnected(compileGroupedTop1(n, grouped, undefined))).toBe(null);
    const b = plackettLuce({nItems: n, groupedTop1: grouped});
    expect(b.diagnostics.stronglyConnected).toBe(true);
    expect(maxAbsDiff(b.params, plackettLuce({nItems: n, top1: groups.flat()}).params)).toBeLessThan(SAME);
  });
});
