import {describe, expect, it} from "vitest";
import {missingDataRobustness, selectSamples} from "../../lib/engine.js";
import {chembenchSamples} from "./fixtures.js";

const samples = chembenchSamples();
const small = samples.filter((r) => Number(String(r.item).slice(1)) < 200);

describe("missingDataRobustness(samples)", () => {
  it("follows ONEBench's protocol by default: 10 fractions × 3 repeats against mean accuracy", () => {
    const {runs, summary, reference} = missingDataRobustness(small, {seed: 1});
    expect(runs).toHaveLength(30);
    expect(summary.map((s) => s.fraction)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    const accuracy = reference.find((r) => r.model === "o1")!.score;
    const o1 = small.filter((r) => r.model === "o1");
    expect(accuracy).toBeCloseTo(o1.reduce((s, r) => s + (r.value as number), 0) / o1.length, 12);
  });

  it("gives τ = 1 at 0% missing against the full-data fit of the same method", () => {
    const {summary} = missingDataRobustness(small, {fractions: [0], repeats: 1, reference: "full", methods: ["plackettLuce", "bradleyTerry", "elo"]});
    for (const s of summary) expect(s.mean).toBe(1);
  });

  it("degrades gracefully on real ChemBench data: τ stays high at 50% and drops by 90% missing", () => {
    const {summary} = missingDataRobustness(samples, {fractions: [0.5, 0.9], repeats: 3, seed: 3, reference: "full"});
    expect(summary[0].mean).toBeGreaterThan(0.8);
    expect(summary[1].mean).toBeLessThan(summary[0].mean);
    expect(summary[1].mean).toBeGreaterThan(0.4);
  });

  it("is reproducible for a seed and changes with the seed", () => {
    const options = {fractions: [0.8], repeats: 2, reference: "full" as const};
    const a = missingDataRobustness(samples, {...options, seed: 5}).runs;
    expect(missingDataRobustness(samples, {...options, seed: 5}).runs).toEqual(a);
    expect(missingDataRobustness(samples, {...options, seed: 6}).runs.map((r) => r.tau)).not.toEqual(a.map((r) => r.tau));
  });

  it("can drop whole samples (ONEBench top-k study) instead of single measurements", () => {
    const {runs} = missingDataRobustness(samples, {fractions: [0.5], repeats: 1, unit: "sample", reference: "full"});
    expect(runs[0].models).toBe(22);
    expect(runs[0].tau).toBeGreaterThan(0.7);
  });

  it("compares one set of refits with several references: the same runs as one study per reference", () => {
    const options = {fractions: [0, 0.5], repeats: 2, seed: 4, methods: ["plackettLuce", "elo"] as const};
    const both = missingDataRobustness(small, {...options, reference: ["full", "mean"]});
    for (const reference of ["full", "mean"] as const) {
      const one = missingDataRobustness(small, {...options, reference});
      expect(both.runs.filter((r) => r.reference === reference)).toEqual(one.runs.map((r) => ({...r, reference})));
      expect(both.summary.filter((r) => r.reference === reference)).toEqual(one.summary.map((r) => ({...r, reference})));
    }
    expect(both.reference).toEqual(missingDataRobustness(small, {...options, reference: "full"}).reference);
    expect(() => missingDataRobustness(small, {reference: ["full", "median" as "mean"]})).toThrow(/reference/);
  });

  it("rejects fractions outside [0, 1)", () => {
    expect(() => missingDataRobustness(samples, {fractions: [1]})).toThrow(/fractions must be in \[0, 1\)/);
  });
});

describe("selectSamples(samples, options)", () => {
  const rows = [
    {model: "a", item: "i1", value: 1, benchmark: "chem"},
    {model: "a", item: "i2", value: 0, benchmark: "chem"},
    {model: "a", item: "i3", value: 1, benchmark: "math"},
  ];
  const metadata = [
    {item: "i1", tags: ["organic"], text: "Which reagent converts an alcohol to an alkyl halide?"},
    {item: "i2", tags: "inorganic;safety", text: "Name the oxidation state of iron in rust."},
    {item: "i3", tags: ["algebra"], text: "Solve for x."},
  ];

  it("filters by benchmark", () => {
    expect(selectSamples(rows, {benchmarks: ["math"]}).map((r) => r.item)).toEqual(["i3"]);
  });

  it("filters by tag (list or delimited string)", () => {
    expect(selectSamples(rows, {metadata, tags: ["safety"]}).map((r) => r.item)).toEqual(["i2"]);
  });

  it("keeps items matching a text query, most relevant first with topK", () => {
    expect(selectSamples(rows, {metadata, query: "alcohol halide reagent"}).map((r) => r.item)).toEqual(["i1"]);
    expect(selectSamples(rows, {metadata, query: "iron oxidation alcohol", topK: 1}).map((r) => r.item)).toEqual(["i2"]);
  });

  it("asks for metadata when tags or a query are given without it", () => {
    expect(() => selectSamples(rows, {query: "x"})).toThrow(/need item metadata/);
  });
});
