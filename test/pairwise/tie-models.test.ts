import {readFileSync} from "node:fs";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {type BattleRow, BenchstatsError, bradleyTerry, bradleyTerryFit} from "../../lib/index.js";
import {tidyWinner} from "./fixtures.js";

// Independent scipy fits (scripts/reference/tie_models.py) on all 26,919 bundled Chatbot Arena battles.
const reference = JSON.parse(readFileSync(new URL("../fixtures/pairwise/tie-models.json", import.meta.url), "utf8"));
const battles: BattleRow[] = csvParse(readFileSync(new URL("../../data/battles/chatbot_arena_20models.csv", import.meta.url), "utf8")).map((r) => ({
  model_a: r.model_a!,
  model_b: r.model_b!,
  winner: tidyWinner(r.winner_human!),
}));

describe("bradleyTerry ties: Davidson and Rao–Kupper", () => {
  for (const [ties, key, param] of [["davidson", "davidson", "nu"], ["rao-kupper", "raoKupper", "theta_tie"]] as const) {
    it(`${ties}: strengths, tie parameter and log-likelihood equal an independent scipy MLE to 1e-6`, () => {
      expect(battles.length).toBe(26919);
      // scale 1, base e, init 0: the rating is the natural-log strength θ, centred to mean 0.
      const fit = bradleyTerryFit(battles, {ties, reps: 0, scale: 1, base: Math.E, init: 0});
      const theta = new Map(fit.ratings.map((r) => [r.model, r.rating]));
      reference.models.forEach((m: string, i: number) => expect(Math.abs(theta.get(m)! - reference[key].theta[i])).toBeLessThan(1e-6));
      expect(Math.abs(fit.tie!.estimate - reference[key][param])).toBeLessThan(1e-6);
      expect(Math.abs(fit.logLik - reference[key].logLik)).toBeLessThan(1e-6);
    });
  }

  it("reports the tie parameter with a bootstrap interval and the tie probability of equal models", () => {
    const fit = bradleyTerryFit(battles.slice(0, 4000), {ties: "davidson", reps: 20, seed: 3});
    const tie = fit.tie!;
    expect(tie.name).toBe("nu");
    expect(tie.lower).toBeLessThan(tie.estimate);
    expect(tie.upper).toBeGreaterThan(tie.estimate);
    expect(tie.tieProbabilityEqual).toBeCloseTo(tie.estimate / (2 + tie.estimate), 12);
    const rk = bradleyTerryFit(battles.slice(0, 4000), {ties: "rao-kupper", reps: 0}).tie!;
    expect(rk.name).toBe("theta");
    expect(rk.estimate).toBeGreaterThan(1);
    expect(bradleyTerryFit(battles, {reps: 0}).tie).toBeUndefined();
  });

  it("keeps the top of the ranking but moves tie-heavy models against 'a tie is half a win'", () => {
    const half = bradleyTerry(battles, {reps: 0}).map((r) => r.model);
    const davidson = bradleyTerry(battles, {ties: "davidson", reps: 0}).map((r) => r.model);
    expect(davidson[0]).toBe(half[0]);
    expect(new Set(davidson)).toEqual(new Set(half));
  });

  it("refuses battles without ties or with only ties, and unknown tie options, naming the field", () => {
    const noTies = battles.filter((b) => b.winner !== "tie").slice(0, 3000);
    for (const ties of ["davidson", "rao-kupper"] as const) {
      expect(() => bradleyTerry(noTies, {ties, reps: 0})).toThrow(/bound/);
      expect(() => bradleyTerry(noTies, {ties, reps: 0})).toThrow(BenchstatsError);
    }
    const allTies = battles.filter((b) => b.winner === "tie").slice(0, 500);
    expect(() => bradleyTerry(allTies, {ties: "davidson", reps: 0})).toThrow(/all 500 battles are ties/);
    expect(() => bradleyTerry(battles, {ties: "glenn-david" as never, reps: 0})).toThrow(/ties must be/);
  });

  it("never returns NaN ratings; with covariates the fit still converges", () => {
    const rows = battles.slice(0, 3000).map((b, i) => ({...b, len_a: 100 + (i % 37) * 10, len_b: 100 + (i % 23) * 15}));
    const fit = bradleyTerryFit(rows, {ties: "davidson", reps: 0, covariates: [{name: "length", a: "len_a", b: "len_b"}]});
    for (const r of fit.ratings) expect(Number.isFinite(r.rating)).toBe(true);
    expect(Number.isFinite(fit.coefficients[0].estimate)).toBe(true);
  });
});
