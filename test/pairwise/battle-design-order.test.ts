import {describe, expect, it} from "vitest";
import {battleDesign} from "../../lib/pairwise/battles.js";
import {createRandom} from "../../lib/core/random.js";

// battleDesign puts rows in a canonical order (models by name, rows by model a, model b, outcome, then
// input order): a counting sort without covariates, a comparison sort with them. Both must agree.
const rng = createRandom(3);
const names = ["m3", "m1", "m0", "m2", "m4"];
const outcomes = ["a", "b", "tie"] as const;
const battles = Array.from({length: 400}, () => {
  const i = rng.int(5);
  const j = (i + 1 + rng.int(4)) % 5;
  return {model_a: names[i], model_b: names[j], winner: outcomes[rng.int(3)], f: 1 + rng.int(3), g: 1};
});

describe("battleDesign row order", () => {
  it("is the same with and without covariates, and independent of the input order", () => {
    const plain = battleDesign(battles, {dedupe: false});
    // A covariate that depends on the models only (constant within each (a, b, y) key) leaves the comparator's order
    // to the input order, as the counting sort does.
    const withCov = battleDesign(battles.map((r) => ({...r, fa: Number(r.model_a[1]), fb: Number(r.model_b[1])})), {dedupe: false, covariates: [{name: "c", a: "fa", b: "fb", transform: "difference"}]});
    expect(plain.models).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    expect(withCov.a).toEqual(plain.a);
    expect(withCov.b).toEqual(plain.b);
    expect(withCov.y).toEqual(plain.y);
    const reversed = battleDesign([...battles].reverse());
    expect(reversed).toEqual(battleDesign(battles));
  });
});
