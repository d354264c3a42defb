import {describe, expect, it} from "vitest";
import {
  BenchstatsError,
  adjustPValues,
  compareAllPairs,
  itemsNeeded,
  mcnemarTest,
  minimumDetectableEffect,
  pairedBootstrap,
  pairedDifference,
  pairedPermutationTest,
  runsNeeded
} from "../../lib/index.js";
import {shuffled} from "./eval-data.js";

describe("paired tests: bad input is a BenchstatsError naming the argument", () => {
  const x = [1, 0, 1, 1];
  const y = [0, 0, 1, 0];
  const cases: [string, () => unknown, RegExp][] = [
    ["unequal lengths", () => pairedDifference([1, 2, 3], [1, 2]), /^y: pairedDifference: x and y must hold the same items, one value each; x has 3, y has 2/],
    ["fewer than 2 shared items", () => pairedDifference([1, NaN, 3], [NaN, 2, 3]), /^x: pairedDifference: needs at least 2 items that both x and y have a value on, got 1 \(of 3\)/],
    ["not an array", () => mcnemarTest("1010" as unknown as number[], y), /^x: mcnemarTest: x must be an array of numbers/],
    ["a string value", () => pairedDifference([1, "2", 3] as unknown as number[], [1, 2, 3]), /^x, row 1: pairedDifference: x must hold numbers/],
    ["infinite value", () => pairedPermutationTest([1, 2, Infinity], [1, 2, 3]), /^x, row 2: pairedPermutationTest: x must be finite or NaN/],
    ["labels of the wrong length", () => pairedDifference(x, y, {clusters: ["a", "b"]}), /^clusters: pairedDifference: clusters must give one label per item; it has 2, x has 4/],
    ["an empty cluster label", () => pairedBootstrap(x, y, {clusters: ["a", "", "b", "b"]}), /^clusters, row 1: pairedBootstrap: item 1 has values but no cluster label/],
    ["non-0/1 values to McNemar", () => mcnemarTest([1, 0, 0.5], [1, 1, 0]), /^x, row 2: mcnemarTest: x must be 0 or 1 .* got 0\.5/],
    ["non-0/1 in y", () => mcnemarTest([1, 0, 1], [1, 2, 0]), /^y, row 1: mcnemarTest: y must be 0 or 1/],
    ["McNemar exact option", () => mcnemarTest(x, y, {exact: "yes" as unknown as boolean}), /^exact: mcnemarTest: exact must be true, false or "auto"/],
    ["p-value above 1", () => adjustPValues([0.1, 1.5]), /^pValues, row 1: adjustPValues: a p-value must lie in \[0, 1\], got 1\.5/],
    ["negative p-value", () => adjustPValues([-0.01]), /^pValues, row 0: .*got -0\.01/],
    ["unknown adjustment", () => adjustPValues([0.1], {method: "sidak" as "holm"}), /^method: adjustPValues: method must be one of holm, hochberg, bh, by, bonferroni/],
    ["reps beyond the cap", () => pairedPermutationTest(x, y, {exact: false, reps: 2e6}), /^reps: pairedPermutationTest: reps must be an integer in \[1, 1000000\]/],
    ["fractional reps", () => pairedBootstrap(x, y, {reps: 10.5}), /^reps: pairedBootstrap: reps must be an integer in \[2, 1000000\]/],
    ["exact permutation beyond 40 items", () => pairedPermutationTest(new Array(41).fill(1), new Array(41).fill(0), {exact: true}), /^exact: pairedPermutationTest: exact enumeration takes at most 40 items/],
    ["NaN seed", () => pairedBootstrap(x, y, {seed: NaN}), /^seed: pairedBootstrap: seed must be a finite number/],
    ["confidence", () => pairedDifference(x, y, {confidence: 95}), /^confidence: pairedDifference: confidence must be a finite number in \(0, 1\)/],
    ["bootstrap method", () => pairedBootstrap(x, y, {method: "student" as "bca"}), /^method: pairedBootstrap: method must be one of percentile, basic, bc, bca, norm/],
    ["n beyond the cap", () => minimumDetectableEffect({n: 1e13, sd: 1}), /^n: minimumDetectableEffect: n must be a number of items in \[1, 1000000000000\]/],
    ["n below 1", () => minimumDetectableEffect({n: 0, sd: 1}), /^n: minimumDetectableEffect/],
    ["sd", () => itemsNeeded({delta: 0.1, sd: -1}), /^sd: itemsNeeded: sd \(of the paired differences\) must be a positive number/],
    ["zero delta", () => itemsNeeded({delta: 0, sd: 1}), /^delta: itemsNeeded: delta must be a finite non-zero difference/],
    ["an answer beyond the cap", () => itemsNeeded({delta: 1e-9, sd: 10}), /^delta: itemsNeeded: detecting delta = 1e-9 would take more than 1000000000000 items/],
    ["power", () => itemsNeeded({delta: 0.1, sd: 1, power: 1}), /^power: itemsNeeded: power must be a number in \(0, 1\)/],
    ["icc", () => minimumDetectableEffect({n: 10, sd: 1, clusters: {size: 5, icc: 2}}), /^clusters\.icc: minimumDetectableEffect/],
    ["runs below 2", () => runsNeeded([[1], [2]], [[1], [3]], {runs: [1, 5]}), /^runs: runsNeeded: runs must be 1 to 50 ascending integers in \[2, 10000\]/],
    ["simulations × reps", () => runsNeeded([[1], [2]], [[1], [3]], {simulations: 10000, reps: 100000}), /^reps: runsNeeded: simulations × reps = 1000000000 exceeds 100000000/],
    ["tasks differ", () => runsNeeded([[1, 2]], [[1]]), /^scoresY: runsNeeded: scoresX has 2 tasks and scoresY 1/],
    ["all-pairs test", () => compareAllPairs([{model: "a", item: "1", value: 1}], {test: "t" as "paired"}), /^test: compareAllPairs: test must be one of paired, mcnemar, permutation, bootstrap/],
    ["all-pairs duplicate", () => compareAllPairs([{model: "a", item: "1", value: 1}, {model: "a", item: "1", value: 0}, {model: "b", item: "1", value: 0}]), /^item, row 1: compareAllPairs: model "a" has two values on item \/1/],
    ["all-pairs cluster disagreement", () => compareAllPairs([{model: "a", item: "1", value: 1, passage: "p"}, {model: "b", item: "1", value: 0, passage: "q"}], {cluster: "passage"}), /^passage, row 1: compareAllPairs: item \/1 is in cluster "p" on one row and "q" on another/],
    ["all-pairs several metrics", () => compareAllPairs([{model: "a", item: "1", value: 1, metric: "acc"}, {model: "b", item: "1", value: 0, metric: "f1"}]), /^metric: compareAllPairs: the table holds several metrics \(acc, f1\); choose one with metric/],
    ["all-pairs without a value column", () => compareAllPairs([{model: "a", item: "1", score: 1}]), /^value: compareAllPairs: the table has no "value" column/],
    ["all-pairs with every value missing", () => compareAllPairs([{model: "a", item: "1", value: NaN}, {model: "b", item: "1", value: null}]), /^value: compareAllPairs: no row has a value/],
    ["null options", () => pairedDifference(x, y, null as unknown as {}), /^options: pairedDifference: options must be an object, got null/],
    ["numeric options", () => adjustPValues([0.1], 3 as unknown as {}), /^options: adjustPValues: options must be an object, got number/],
    ["all-pairs one model", () => compareAllPairs([{model: "a", item: "1", value: 1}]), /^model: compareAllPairs: needs at least 2 models, got 1/],
    ["all-pairs unknown model", () => compareAllPairs([{model: "a", item: "1", value: 1}], {models: ["a", "z"]}), /^models: compareAllPairs: model "z" has no values in the table/],
    ["clusters with McNemar", () => compareAllPairs([{model: "a", item: "1", value: 1, p: "x"}, {model: "b", item: "1", value: 0, p: "x"}, {model: "a", item: "2", value: 1, p: "x"}, {model: "b", item: "2", value: 1, p: "x"}], {test: "mcnemar", cluster: "p"}), /^cluster: the mcnemar test treats items as independent/]
  ];
  for (const [name, f, message] of cases) {
    it(name, () => {
      expect(f).toThrow(BenchstatsError);
      expect(f).toThrow(message);
    });
  }
});

describe("degenerate but valid input: a documented result with a warning, never a silent NaN", () => {
  it("McNemar with no discordant items: statistic 0, p = 1", () => {
    for (const exact of [true, false, "auto"] as const) {
      const r = mcnemarTest([1, 0, 1], [1, 0, 1], {exact});
      expect(r).toMatchObject({n: 3, aOnly: 0, bOnly: 0, statistic: 0, pValue: 1});
      expect(r.warning).toMatch(/no discordant items/);
    }
  });

  it("a constant difference: se 0, p = 1 when it is 0 and 0 otherwise", () => {
    const zero = pairedDifference([1, 2, 3], [1, 2, 3]);
    expect(zero).toMatchObject({n: 3, mean: 0, se: 0, z: 0, pValue: 1});
    expect(zero.warning).toMatch(/the difference is 0 on every item: its standard error is 0/);
    const shift = pairedDifference([2, 3, 4], [1, 2, 3]);
    expect(shift).toMatchObject({mean: 1, se: 0, z: Infinity, pValue: 0});
    expect(pairedPermutationTest([1, 2], [1, 2])).toMatchObject({pValue: 1, warning: expect.stringMatching(/every difference is 0/)});
  });

  it("one cluster: NaN se with the reason, in the z test and the cluster bootstrap", () => {
    const z = pairedDifference([1, 0, 1], [0, 0, 0], {clusters: ["p", "p", "p"]});
    expect(z.se).toBeNaN();
    expect(z.pValue).toBeNaN();
    expect(z.warning).toMatch(/one cluster: a clustered standard error needs at least two/);
    const boot = pairedBootstrap([1, 0, 1], [0, 0, 0], {clusters: ["p", "p", "p"]});
    expect(boot).toMatchObject({n: 3, nClusters: 1, warning: expect.stringMatching(/one cluster/)});
    expect(boot.lower).toBeNaN();
  });
});

describe("paired tests: formulas on numbers small enough to check by hand", () => {
  // d = [1, 0, 0, 1, 1, −1]: d̄ = 1/3, Σ(d − d̄)² = 10/3; clusters a = {0, 1, 2}, b = {3, 4, 5}.
  const x = [1, 1, 0, 1, 1, 0];
  const y = [0, 1, 0, 0, 0, 1];
  const clusters = ["a", "a", "a", "b", "b", "b"];

  it("plain SE = s_d/√n, z = d̄/SE, p = 2(1 − Φ(|z|))", () => {
    const r = pairedDifference(x, y);
    const se = Math.sqrt(10 / 3 / 5 / 6);
    expect(r.mean).toBeCloseTo(1 / 3, 15);
    expect(r.se).toBeCloseTo(se, 15);
    expect(r.z).toBeCloseTo(1 / 3 / se, 14);
    expect(r.pValue).toBeCloseTo(0.3173105078629141, 14); // z = 1
  });

  it("CR0 = √(Σ_c (Σ_{i∈c} (d_i − d̄))²)/n, CR1 = CR0·√(G/(G − 1))", () => {
    // cluster sums of deviations: a: 1 − 1 = 0, b: 1 − 1 = 0 → CR0 = 0; use another split to get non-zero sums
    const uneven = ["a", "a", "b", "b", "b", "b"];
    const sa = 1 + 0 - 2 / 3;
    const sb = 0 + 1 + 1 - 1 - 4 / 3;
    const cr0 = pairedDifference(x, y, {clusters: uneven});
    expect(cr0.se).toBeCloseTo(Math.sqrt(sa * sa + sb * sb) / 6, 15);
    expect(pairedDifference(x, y, {clusters: uneven, clusterCorrection: "cr1"}).se).toBeCloseTo((Math.sqrt(sa * sa + sb * sb) / 6) * Math.sqrt(2), 15);
    // Here the deviations cancel within each cluster (up to the rounding of d̄ = 1/3)…
    expect(pairedDifference(x, y, {clusters}).se).toBeLessThan(1e-16);
    // …and exactly so when d̄ is exact: the clustered SE is 0, with a warning saying why.
    const balanced = pairedDifference([1, 0, 1, 0], [0, 1, 0, 1], {clusters: ["a", "a", "b", "b"]});
    expect(balanced).toMatchObject({mean: 0, se: 0, pValue: 1});
    expect(balanced.warning).toMatch(/2 clusters: .*; the deviations from the mean difference sum to 0 in every cluster/);
  });

  it("NaN items are left out of every test; the same items in another order give the same z test", () => {
    const withGaps = pairedDifference([...x, NaN, 1], [...y, 0, NaN]);
    expect(withGaps).toEqual(pairedDifference(x, y));
    const order = shuffled([0, 1, 2, 3, 4, 5], 5);
    expect(pairedDifference(order.map((i) => x[i]), order.map((i) => y[i]))).toEqual(pairedDifference(x, y));
    expect(pairedDifference(order.map((i) => x[i]), order.map((i) => y[i]), {clusters: order.map((i) => clusters[i])})).toEqual(pairedDifference(x, y, {clusters}));
    // clusters are numbered by sorted label: relabelling order does not change a cluster bootstrap
    const many = Array.from({length: 40}, (_, i) => i);
    const xs = many.map((i) => (i * 7) % 3);
    const ys = many.map((i) => (i * 5) % 2);
    const labels = many.map((i) => `c${i % 8}`);
    const perm = shuffled(many, 2);
    expect(pairedBootstrap(perm.map((i) => xs[i]), perm.map((i) => ys[i]), {clusters: perm.map((i) => labels[i]), reps: 500, seed: 4}).se).toBeCloseTo(pairedBootstrap(xs, ys, {clusters: labels, reps: 500, seed: 4}).se, 12);
  });
});
