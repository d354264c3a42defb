import {Matrix, inverse} from "ml-matrix";
import {describe, expect, it} from "vitest";
import {type BattleRow, BenchstatsError, bradleyTerry, bradleyTerryFit, onlineElo, plackettLuce} from "../../lib/index.js";
import {kendallTau} from "../../lib/correlation/kendall.js";
import {arenaBattles, readCsv, tidyWinner} from "./fixtures.js";
import {logisticIrls} from "./reference-mle.js";

const battles = arenaBattles();

/** FastChat's compute_mle_elo design: one ±ln(base) row per ordered pair, ties half each way. */
function fastChatRatings(rows: BattleRow[], models: string[], scale = 400, base = 10, init = 1000): Map<string, number> {
  const n = models.length;
  const idx = new Map(models.map((m, i) => [m, i]));
  const win = Array.from({length: n}, () => new Array(n).fill(0));
  for (const r of rows) {
    const a = idx.get(r.model_a)!;
    const b = idx.get(r.model_b)!;
    if (r.winner === "a") win[a][b] += 2;
    else if (r.winner === "b") win[b][a] += 2;
    else {
      win[a][b] += 1;
      win[b][a] += 1;
    }
  }
  const X: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (let a = 0; a < n; ++a) {
    for (let b = 0; b < n; ++b) {
      if (a === b || win[a][b] + win[b][a] === 0) continue;
      const row = new Array(n).fill(0);
      row[a] = Math.log(base);
      row[b] = -Math.log(base);
      X.push(row, row);
      y.push(1, 0);
      w.push(win[a][b], win[b][a]);
    }
  }
  const beta = logisticIrls(X, y, w);
  const mean = beta.reduce((s, v) => s + v, 0) / n;
  return new Map(models.map((m, i) => [m, scale * (beta[i] - mean) + init]));
}

describe("bradleyTerry(battles)", () => {
  it("equals FastChat's logistic-regression MLE (independent IRLS) on 4,487 real arena battles to 1e-6 Elo", () => {
    const ours = bradleyTerry(battles, {reps: 0});
    const reference = fastChatRatings(battles, ours.map((r) => r.model));
    for (const r of ours) expect(Math.abs(r.rating - reference.get(r.model)!)).toBeLessThan(1e-6);
    expect(ours.reduce((s, r) => s + r.rating, 0) / ours.length).toBeCloseTo(1000, 9);
  });

  it("equals Plackett–Luce on pairs with wins counted twice and ties once each way", () => {
    const ours = bradleyTerry(battles, {reps: 0});
    const models = ours.map((r) => r.model);
    const idx = new Map(models.map((m, i) => [m, i]));
    const pairs: [number, number][] = [];
    for (const b of battles) {
      const a = idx.get(b.model_a)!;
      const c = idx.get(b.model_b)!;
      if (b.winner === "a") pairs.push([a, c], [a, c]);
      else if (b.winner === "b") pairs.push([c, a], [c, a]);
      else pairs.push([a, c], [c, a]);
    }
    const {params} = plackettLuce({nItems: models.length, pairs}, {tol: 1e-12});
    ours.forEach((r, i) => expect(r.rating).toBeCloseTo((400 / Math.log(10)) * params[i] + 1000, 5));
  });

  it("puts the anchor model at its rating and shifts everyone else by the same amount", () => {
    const free = bradleyTerry(battles, {reps: 0});
    const anchored = bradleyTerry(battles, {reps: 0, anchor: {model: "vicuna-13b", rating: 1114}});
    const shift = 1114 - free.find((r) => r.model === "vicuna-13b")!.rating;
    expect(anchored.find((r) => r.model === "vicuna-13b")!.rating).toBeCloseTo(1114, 9);
    anchored.forEach((r, i) => expect(r.rating).toBeCloseTo(free[i].rating + shift, 9));
  });

  it("uses scale and base: ratings scale linearly with `scale`", () => {
    const a = bradleyTerry(battles, {reps: 0, scale: 400, init: 0});
    const b = bradleyTerry(battles, {reps: 0, scale: 800, init: 0});
    a.forEach((r, i) => expect(b[i].rating).toBeCloseTo(2 * r.rating, 8));
  });

  it("drops ties when asked, matching a fit on the battles without ties", () => {
    const dropped = bradleyTerry(battles, {reps: 0, ties: "drop"});
    const manual = bradleyTerry(battles.filter((b) => b.winner !== "tie"), {reps: 0});
    dropped.forEach((r, i) => expect(r.rating).toBeCloseTo(manual[i].rating, 9));
  });
});

describe("bradleyTerry bootstrap intervals", () => {
  const fit = bradleyTerryFit(battles, {reps: 200, seed: 7});
  it("is reproducible for a seed and brackets every point estimate", () => {
    const again = bradleyTerryFit(battles, {reps: 200, seed: 7});
    expect(again.ratings).toEqual(fit.ratings);
    for (const r of fit.ratings) {
      expect(r.lower).toBeLessThan(r.rating);
      expect(r.upper).toBeGreaterThan(r.rating);
    }
    expect(fit.bootstrap).toEqual({reps: 200, failed: 0, confidence: 0.95});
  });

  it("has bootstrap SEs close to the sandwich (robust asymptotic) SEs of the MLE", () => {
    // Battle bootstrap estimates Cov = H⁺ M H⁺ with H the Fisher information (Laplacian) and M the sum
    // of per-battle score outer products (ties have y = ½). 200 replicates give SEs within ~±10%.
    const factor = 400 / Math.log(10);
    const models = fit.ratings.map((r) => r.model);
    const n = models.length;
    const idx = new Map(models.map((m, i) => [m, i]));
    const theta = fit.ratings.map((r) => (r.rating - 1000) / factor);
    const H = Matrix.zeros(n, n);
    const M = Matrix.zeros(n, n);
    for (const b of battles) {
      const i = idx.get(b.model_a)!;
      const j = idx.get(b.model_b)!;
      const p = 1 / (1 + Math.exp(theta[j] - theta[i]));
      const y = b.winner === "a" ? 1 : b.winner === "b" ? 0 : 0.5;
      const h = p * (1 - p);
      const g = y - p;
      for (const [u, v, sign] of [[i, i, 1], [j, j, 1], [i, j, -1], [j, i, -1]]) {
        H.set(u, v, H.get(u, v) + sign * h);
        M.set(u, v, M.get(u, v) + sign * g * g);
      }
    }
    const J = Matrix.ones(n, n).div(n);
    const Hplus = inverse(H.clone().add(J)).sub(J);
    const cov = Hplus.mmul(M).mmul(Hplus);
    fit.ratings.forEach((r, i) => {
      const ratio = r.se / (factor * Math.sqrt(cov.get(i, i)));
      expect(ratio).toBeGreaterThan(0.8);
      expect(ratio).toBeLessThan(1.25);
    });
  });

  it("computes CI-aware ranks as 1 + #models whose lower bound beats this upper bound", () => {
    for (const r of fit.ratings) {
      expect(r.ciRank).toBe(1 + fit.ratings.filter((o) => o.lower > r.upper).length);
      expect(r.ciRank).toBeLessThanOrEqual(r.rank);
    }
    expect(fit.ratings[0].ciRank).toBe(1);
  });

  it("widens the other models' intervals when one model is anchored (FastChat#3377)", () => {
    const anchored = bradleyTerryFit(battles, {reps: 200, seed: 7, anchor: {model: "llama-13b", rating: 800}});
    const width = (f: typeof fit, m: string) => {
      const r = f.ratings.find((x) => x.model === m)!;
      return r.upper - r.lower;
    };
    expect(width(anchored, "llama-13b")).toBeCloseTo(0, 9);
    expect(width(anchored, "gpt-4")).toBeGreaterThan(width(fit, "gpt-4"));
  });
});

describe("bradleyTerry covariate (style) control", () => {
  const panda = readCsv("pandalm_testset_v1_5models.csv")
    .filter((r) => r.len_response_a !== "" && r.len_response_b !== "")
    .map((r) => ({
      model_a: r.model_a,
      model_b: r.model_b,
      winner: tidyWinner(r.winner_annotator1),
      len_a: Number(r.len_response_a),
      len_b: Number(r.len_response_b),
    }));
  const covariates = [{name: "length", a: "len_a", b: "len_b", transform: "ratio" as const}];

  it("equals an independent logistic regression with a standardised length-ratio column", () => {
    const fit = bradleyTerryFit(panda, {reps: 0, covariates});
    const models = [...new Set(panda.flatMap((b) => [b.model_a, b.model_b]))];
    const raw = panda.map((b) => (b.len_a - b.len_b) / (b.len_a + b.len_b + 1));
    const mean = raw.reduce((s, v) => s + v, 0) / raw.length;
    const sd = Math.sqrt(raw.reduce((s, v) => s + (v - mean) ** 2, 0) / raw.length);
    const X: number[][] = [];
    const y: number[] = [];
    const w: number[] = [];
    panda.forEach((b, r) => {
      const row = new Array(models.length + 1).fill(0);
      row[models.indexOf(b.model_a)] = 1;
      row[models.indexOf(b.model_b)] = -1;
      row[models.length] = (raw[r] - mean) / sd;
      if (b.winner === "tie") {
        X.push(row, row);
        y.push(1, 0);
        w.push(0.5, 0.5);
      } else {
        X.push(row);
        y.push(b.winner === "a" ? 1 : 0);
        w.push(1);
      }
    });
    const beta = logisticIrls(X, y, w);
    const factor = 400 / Math.log(10);
    const centre = beta.slice(0, models.length).reduce((s, v) => s + v, 0) / models.length;
    for (const r of fit.ratings) expect(r.rating).toBeCloseTo(factor * (beta[models.indexOf(r.model)] - centre) + 1000, 6);
    expect(fit.coefficients[0].estimate).toBeCloseTo(factor * beta[models.length], 6);
    // Longer answers win more often in PandaLM's human labels.
    expect(fit.coefficients[0].estimate).toBeGreaterThan(0);
  });

  it("removes a pure length effect: equally strong models whose wins follow length come out level", () => {
    // x writes the longer answer in 80% of battles; the longer answer wins 75% of the time whoever
    // wrote it; positions are balanced. Plain BT credits x (~0.65 win rate), style control should not.
    const rows: BattleRow[] = [];
    for (let i = 0; i < 800; ++i) {
      const xLonger = i % 10 < 8;
      const longerWins = Math.floor(i / 10) % 4 !== 0;
      const xFirst = Math.floor(i / 40) % 2 === 0;
      const xWins = xLonger === longerWins;
      const [lx, ly] = xLonger ? [300, 100] : [100, 300];
      rows.push(
        xFirst
          ? {model_a: "x", model_b: "y", winner: xWins ? "a" : "b", la: lx, lb: ly}
          : {model_a: "y", model_b: "x", winner: xWins ? "b" : "a", la: ly, lb: lx},
      );
    }
    const plain = bradleyTerry(rows, {reps: 0});
    const controlled = bradleyTerryFit(rows, {reps: 0, covariates: [{name: "length", a: "la", b: "lb"}]});
    const gap = (r: {model: string; rating: number}[]) => r.find((m) => m.model === "x")!.rating - r.find((m) => m.model === "y")!.rating;
    expect(gap(plain)).toBeGreaterThan(80);
    expect(Math.abs(gap(controlled.ratings))).toBeLessThan(1e-6);
    expect(controlled.coefficients[0].estimate).toBeGreaterThan(100);
  });

  it("names the row of a missing covariate", () => {
    const broken = [...panda.slice(0, 5), {model_a: "opt-7b", model_b: "llama-7b", winner: "a", len_a: 10}];
    expect(() => bradleyTerry(broken, {reps: 0, covariates})).toThrow(/row 5/);
  });
});

describe("bradleyTerry input errors and identifiability", () => {
  it("rejects winners outside a | b | tie, naming the row and column", () => {
    const bad = [...battles.slice(0, 3), {model_a: "x", model_b: "y", winner: "model_a"}];
    expect(() => bradleyTerry(bad, {reps: 0})).toThrow(/winner, row 3: .*"a", "b" or "tie"/);
  });

  it("rejects a model battling itself", () => {
    expect(() => bradleyTerry([{model_a: "x", model_b: "x", winner: "a"}])).toThrow(BenchstatsError);
  });

  it("explains an undefeated model instead of returning infinite ratings", () => {
    const rows: BattleRow[] = [
      {model_a: "champ", model_b: "x", winner: "a"},
      {model_a: "x", model_b: "y", winner: "a"},
      {model_a: "y", model_b: "x", winner: "a"},
    ];
    expect(() => bradleyTerry(rows, {reps: 0})).toThrow(/undefeated: champ/);
    const regularised = bradleyTerry(rows, {reps: 0, alpha: 0.1});
    expect(regularised[0].model).toBe("champ");
    expect(regularised.every((r) => Number.isFinite(r.rating))).toBe(true);
  });
});

describe("onlineElo(battles)", () => {
  it("applies FastChat's sequential update (k = 4, scale 400, base 10)", () => {
    const ratings = onlineElo([
      {model_a: "x", model_b: "y", winner: "a"},
      {model_a: "y", model_b: "x", winner: "tie"},
    ]);
    // Battle 1: both 1000, E = 0.5 → x 1002, y 998. Battle 2: E_y = 1/(1+10^(4/400)).
    const ey = 1 / (1 + 10 ** ((1002 - 998) / 400));
    const y = 998 + 4 * (0.5 - ey);
    const x = 1002 + 4 * (0.5 - (1 - ey));
    expect(ratings.find((r) => r.model === "x")!.rating).toBeCloseTo(x, 12);
    expect(ratings.find((r) => r.model === "y")!.rating).toBeCloseTo(y, 12);
  });

  it("ranks real arena models broadly like the Bradley–Terry MLE (τ-b > 0.8)", () => {
    const elo = new Map(onlineElo(battles).map((r) => [r.model, r.rating]));
    const bt = bradleyTerry(battles, {reps: 0});
    expect(kendallTau(bt.map((r) => r.rating), bt.map((r) => elo.get(r.model)!)).tau).toBeGreaterThan(0.8);
  });
});
