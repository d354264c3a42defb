import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {encodeLabels} from "../../lib/core/columns.js";
import {summarizeSamples} from "../../lib/index.js";
import {ExactSum, meanErrorBar} from "../../lib/engine.js";
import {alpacaRows, chembenchRows, reference, shuffled, worstDifference, type ReferenceCase} from "./eval-data.js";

const rowsOf = (c: ReferenceCase) => (c.data === "alpaca_eval" ? alpacaRows() : chembenchRows());

describe("summarizeSamples agrees with statsmodels OLS on real eval items (scripts/reference/summarize_samples.py)", () => {
  for (const c of reference.cases) {
    it(`${c.name}: n, mean, plain SE and interval to 1e-12`, () => {
      const rows = rowsOf(c);
      const out = summarizeSamples(rows, {by: c.by, confidence: c.confidence});
      expect(out.map((r) => c.by.map((k) => r[k]))).toEqual(c.rows.map((r) => c.by.map((k) => r[k])));
      expect(out.map((r) => r.n)).toEqual(c.rows.map((r) => r.n));
      const {worst, field, group} = worstDifference(out, c.rows, c.by, {mean: "mean", se: "se", lower: "lower", upper: "upper"});
      expect(worst, `${field} of ${group}`).toBeLessThan(1e-12);
    });
    if (!c.cluster) continue;
    for (const correction of ["cr0", "cr1"] as const) {
      it(`${c.name}: clustered SE (${correction.toUpperCase()}) and interval to 1e-12, with G`, () => {
        const out = summarizeSamples(rowsOf(c), {by: c.by, cluster: c.cluster!, clusterCorrection: correction, confidence: c.confidence});
        const {worst, field, group} = worstDifference(out, c.rows, c.by, {[`se_${correction}`]: "se", [`lower_${correction}`]: "lower", [`upper_${correction}`]: "upper", mean: "mean"});
        expect(worst, `${field} of ${group}`).toBeLessThan(1e-12);
        expect(out.map((r) => r.n_clusters)).toEqual(c.rows.map((r) => r.n_clusters));
        // Five datasets are too few clusters for a settled SE; 80+ instructions per dataset are not.
        for (const row of out) {
          if (row.n_clusters! < 20) expect(row.warning).toMatch(/5 clusters: with fewer than 20 the clustered standard error is itself noisy/);
          else expect(row.warning).toBeUndefined();
        }
      });
    }
  }

  it("the clustered SE differs from the plain one on these data (the comparison can tell them apart)", () => {
    const c = reference.cases.find((x) => x.cluster)!;
    const ratio = c.rows.map((r) => (r.se_cr0 as number) / r.se).filter((x) => Number.isFinite(x));
    expect(Math.max(...ratio.map((x) => Math.abs(x - 1)))).toBeGreaterThan(0.1);
  });
});

describe("summarizeSamples: same answer for any row order and either table form", () => {
  it("gives identical numbers for shuffled rows and for a columnar table", () => {
    const rows = alpacaRows();
    const options = {by: ["model"], cluster: "dataset"};
    const base = summarizeSamples(rows, options);
    expect(summarizeSamples(shuffled(rows, 7), options)).toEqual(base);
    const columnar = {
      length: rows.length,
      columns: {
        model: encodeLabels(rows.map((r) => r.model)),
        item: encodeLabels(rows.map((r) => r.item)),
        dataset: encodeLabels(rows.map((r) => r.dataset!)),
        metric: encodeLabels(rows.map((r) => r.metric)),
        value: Float64Array.from(rows, (r) => r.value)
      }
    };
    expect(summarizeSamples(columnar, options)).toEqual(base);
  });

  it("sorts groups by their labels and keeps metrics apart", () => {
    const rows = [
      {model: "b", metric: "acc", item: "1", value: 1},
      {model: "a", metric: "f1", item: "1", value: 0.5},
      {model: "a", metric: "acc", item: "1", value: 0},
      {model: "a", metric: "acc", item: "2", value: 1}
    ];
    expect(summarizeSamples(rows).map((r) => [r.model, r.metric, r.n])).toEqual([["a", "acc", 2], ["a", "f1", 1], ["b", "acc", 1]]);
    expect(summarizeSamples(rows, {metric: "acc"}).map((r) => [r.model, r.metric])).toEqual([["a", "acc"], ["b", "acc"]]);
    expect(summarizeSamples(rows, {by: []}).map((r) => [r.metric, r.n])).toEqual([["acc", 3], ["f1", 1]]);
  });
});

describe("summarizeSamples: the formulas on numbers small enough to check by hand", () => {
  // Cluster a = {1, 0}, b = {1, 1}: x̄ = 0.75, deviations sum to −0.5 in a and +0.5 in b.
  const rows = [
    {model: "m", item: "1", passage: "a", value: 1},
    {model: "m", item: "2", passage: "a", value: 0},
    {model: "m", item: "3", passage: "b", value: 1},
    {model: "m", item: "4", passage: "b", value: 1},
    {model: "m", item: "5", passage: "b", value: NaN}
  ];

  it("plain SE = s/√n with n − 1, NaN not counted", () => {
    const [row] = summarizeSamples(rows);
    expect(row.n).toBe(4);
    expect(row.mean).toBe(0.75);
    expect(row.se).toBeCloseTo(Math.sqrt(0.75 / 3 / 4), 15);
    expect(row.upper - row.mean).toBeCloseTo(1.959963984540054 * row.se, 14);
  });

  it("CR0 = √(Σ_c (Σ_{i∈c} d_i)²)/n and CR1 = CR0·√(G/(G − 1))", () => {
    const [cr0] = summarizeSamples(rows, {cluster: "passage"});
    expect(cr0.se).toBeCloseTo(Math.sqrt(0.5) / 4, 15);
    expect(cr0.n_clusters).toBe(2);
    const [cr1] = summarizeSamples(rows, {cluster: "passage", clusterCorrection: "cr1"});
    expect(cr1.se).toBeCloseTo((Math.sqrt(0.5) / 4) * Math.sqrt(2), 15);
  });

  it("reads a numeric cluster column of a columnar table as cluster ids", () => {
    const table = {
      length: 4,
      columns: {model: encodeLabels(["m", "m", "m", "m"]), passage: Float64Array.of(7, 7, 8, 8), value: Float64Array.of(1, 0, 1, 1)}
    };
    expect(summarizeSamples(table, {cluster: "passage"})[0].se).toBeCloseTo(Math.sqrt(0.5) / 4, 15);
  });

  it("warns instead of a silent NaN: one value, no values, one cluster", () => {
    const out = summarizeSamples([
      {model: "one", item: "1", value: 1},
      {model: "none", item: "1", value: NaN},
      {model: "two", item: "1", value: 1, passage: "p"},
      {model: "two", item: "2", value: 0, passage: "p"}
    ].map((r) => ({passage: "q", ...r})), {cluster: "passage"});
    const byModel = Object.fromEntries(out.map((r) => [r.model, r]));
    expect(byModel.one).toMatchObject({n: 1, mean: 1, warning: "one value: a standard error needs at least two"});
    expect(byModel.one.se).toBeNaN();
    expect(byModel.none).toMatchObject({n: 0, warning: "no values (all missing): no mean"});
    expect(byModel.none.mean).toBeNaN();
    expect(byModel.two).toMatchObject({n: 2, n_clusters: 1, warning: "one cluster: a clustered standard error needs at least two"});
    expect(byModel.two.se).toBeNaN();
  });
});

describe("summarizeSamples: bad input names the argument", () => {
  const rows = [{model: "a", item: "1", value: 1}];
  const cases: [string, () => unknown, RegExp][] = [
    ["confidence", () => summarizeSamples(rows, {confidence: 1.5}), /confidence: summarizeSamples: confidence must be a finite number in \(0, 1\), got number 1\.5/],
    ["correction", () => summarizeSamples(rows, {clusterCorrection: "cr2" as "cr1"}), /clusterCorrection must be "cr0" or "cr1", got "cr2"/],
    ["by column", () => summarizeSamples(rows, {by: ["benchmark"]}), /benchmark: summarizeSamples: the table has no "benchmark" column/],
    ["cluster column", () => summarizeSamples(rows, {cluster: "passage"}), /no "passage" column/],
    ["cluster in by", () => summarizeSamples(rows, {cluster: "model"}), /the cluster column "model" is also a group key/],
    ["metric column", () => summarizeSamples(rows, {metric: "acc"}), /metric "acc" asked for, but the table has no metric column/],
    ["metric value", () => summarizeSamples([{...rows[0], metric: "f1"}], {metric: "acc"}), /no rows with metric "acc" \(metrics: f1\)/],
    ["empty cluster", () => summarizeSamples([{...rows[0], passage: ""}], {cluster: "passage"}), /passage, row 0: summarizeSamples: row 0 has a value but no passage/],
    ["infinite value", () => summarizeSamples([{...rows[0], value: Infinity}]), /value, row 0: .*must be finite or NaN/],
    ["empty table", () => summarizeSamples([]), /the table has no rows/],
    ["value type", () => summarizeSamples([{...rows[0], value: "1"}]), /value must be a number/]
  ];
  for (const [name, f, message] of cases) {
    it(name, () => {
      expect(f).toThrow(BenchstatsError);
      expect(f).toThrow(message);
    });
  }
});

describe("meanErrorBar and ExactSum", () => {
  it("meanErrorBar matches its documented example", () => {
    const bar = meanErrorBar({n: 4, mean: 0.5, sumSquares: 1});
    expect(bar.se).toBeCloseTo(0.2886751345948129, 15);
    expect(bar.lower).toBeCloseTo(0.5 - 1.959963984540054 * 0.2886751345948129, 14);
  });

  it("ExactSum is the correctly rounded sum in any order", () => {
    const s = new ExactSum();
    for (const x of [1e100, 1, -1e100, 0.1]) s.add(x);
    expect(s.value()).toBe(1.1);
    const values = Array.from({length: 1000}, (_, i) => Math.sin(i) * 10 ** ((i % 7) - 3));
    const forward = new ExactSum();
    const backward = new ExactSum();
    values.forEach((v) => forward.add(v));
    [...values].reverse().forEach((v) => backward.add(v));
    expect(forward.value()).toBe(backward.value());
    const sorted = new ExactSum();
    shuffled(values, 3).forEach((v) => sorted.add(v));
    expect(sorted.value()).toBe(forward.value());
  });
});
