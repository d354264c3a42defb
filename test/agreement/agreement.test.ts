import {readdirSync, readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {addAggregateReference, benchmarkAgreement, BenchstatsError, parseWideTable, type ScoreRow} from "../../lib/index.js";
import {
  agreementZScores,
  benchmarkRows,
  catalogRows,
  clearRepeatedScenarios,
  standardizeModelName,
  standardizeScenarioName
} from "../../lib/engine.js";

const dir = new URL("../fixtures/ranking/bat/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), "utf8");
const prettyNames = JSON.parse(read("prettified_bencmark_names.json"));
const names = JSON.parse(read("names_python.json"));
// Produced by running IBM/benchbench's own functions (pandas 1.5.3, scipy 1.10.1, CPython 3.11) on the same
// catalogue; see fixtures/ranking/bat/SOURCE.md.
const golden = JSON.parse(read("benchbench_golden.json"));

const files = readdirSync(new URL("benchmarks/", dir))
  .filter((f) => f.endsWith(".csv"))
  .sort()
  .map((name) => ({name, text: read(`benchmarks/${name}`)}));
const catalogue = catalogRows(files, {prettyNames, skipInvalid: true});
const holistic: string[] = golden.holistic;
const faithfulRows = addAggregateReference(catalogue.rows, {scenarios: holistic, minScenarios: Math.max(1, Math.floor(holistic.length / 3))});

describe("BenchBench name normalisation", () => {
  it("matches Benchmark.standardize_model_name on every catalogue model name", () => {
    for (const [raw, expected] of Object.entries(names.models)) expect(standardizeModelName(raw)).toBe(expected);
  });
  it("matches Benchmark.standardize_scenario_name (with prettified names) on every catalogue scenario", () => {
    for (const [raw, expected] of Object.entries(names.scenarios)) expect(standardizeScenarioName(raw, prettyNames)).toBe(expected);
  });
});

describe("catalogRows(files) and addAggregateReference(rows, options)", () => {
  it("loads the catalogue like BenchBench and skips the lvbench file it cannot load", () => {
    expect(catalogue.skipped.map((s) => s.name)).toEqual(["lvbench_241189_longcontext.csv"]);
    expect(catalogue.skipped[0].reason).toMatch(/headed "model"/);
    expect(golden.files).toEqual(files.map((f) => f.name).filter((f) => f !== "lvbench_241189_longcontext.csv"));
  });

  it("reproduces BenchBench's mean-win-rate aggregate for every model (ties as losses)", () => {
    const ours = new Map(faithfulRows.filter((r) => r.scenario === "aggregate").map((r) => [r.model, r.score]));
    expect(ours.size).toBe(Object.keys(golden.aggregate).length);
    for (const [model, score] of Object.entries(golden.aggregate)) expect(ours.get(model)).toBeCloseTo(score as number, 12);
  });

  it("counts ties as half wins in corrected mode", () => {
    const rows: ScoreRow[] = [
      {model: "a", scenario: "s", score: 1, source: "x"},
      {model: "b", scenario: "s", score: 1, source: "x"},
      {model: "c", scenario: "s", score: 0, source: "x"}
    ];
    const score = (ties: "loss" | "half") =>
      addAggregateReference(rows, {scenarios: ["s"], minScenarios: 1, ties}).filter((r) => r.scenario === "aggregate").map((r) => r.score);
    expect(score("loss")).toEqual([0.5, 0.5, 0]);
    expect(score("half")).toEqual([0.75, 0.75, 0]);
  });
});

describe("benchmarkAgreement(rows, {mode: 'faithful'})", () => {
  for (const run of golden.runs) {
    const c = run.config;
    const label = `${c.corr_types[0]}, ${c.strategies[0]}, size ${c.sizes[0]}, ${c.n_exps} exp(s)`;
    it(`reproduces BenchBench's correlations with the aggregate and z-scores (${label})`, () => {
      const result = benchmarkAgreement(faithfulRows, {
        mode: "faithful",
        correlations: c.corr_types,
        strategies: c.strategies,
        sizes: c.sizes,
        nExps: c.n_exps
      });
      expect(result.agreements.length).toBe(run.n_rows);
      const ours = new Map(result.agreements.filter((r) => r.refScenario === "aggregate").map((r) => [`${r.scenario}|${r.exp}`, r]));
      expect(ours.size).toBe(run.with_aggregate.length);
      for (const row of run.with_aggregate) {
        const mine = ours.get(`${row.scenario}|${row.exp_n}`)!;
        expect(mine, row.scenario).toBeDefined();
        // Correlations are ratios of integer counts (Kendall) or sums of a few hundred terms (Pearson).
        expect(mine.value).toBeCloseTo(row.correlation, 12);
        // scipy 1.10's p-values vs ours (same formulas; special functions differ in the last digits).
        expect(Math.abs(mine.pValue - row.p_value)).toBeLessThanOrEqual(1e-9 * Math.max(1e-300, Math.abs(row.p_value)) + 1e-15);
      }
      const z = new Map(result.zScores.map((r) => [r.scenario, r]));
      expect(z.size).toBe(run.z_scores.length);
      for (const row of run.z_scores) {
        const mine = z.get(row.scenario)!;
        expect(mine.zScore).toBeCloseTo(row.z_score, 10);
        expect(mine.corrWithReference).toBeCloseTo(row.corr_with_agg, 12);
        expect(mine.source).toBe(row.source);
      }
    });
  }
});

describe("benchmarkAgreement(rows, {mode: 'faithful'}) with directed strategies", () => {
  // BenchBench with random.seed(2024) before the loop, on 12 scenarios: top / bottom / middle / somewhere windows
  // ordered by a scenario drawn with random.choice, random subsets, Kendall and Pearson, sizes 5 and 10, 3 exps.
  const directed = JSON.parse(read("benchbench_directed.json"));
  const strategyName: Record<string, string> = {top_aggregate: "top", bottom_aggregate: "bottom", middle_aggregate: "middle", somewhere_aggregate: "adjacent", random: "random"};

  it("reproduces every correlation, p-value and z-score of BenchBench's run", () => {
    const keep = new Set(directed.scenarios);
    const rows = faithfulRows.filter((r) => keep.has(r.scenario));
    const c = directed.config;
    const result = benchmarkAgreement(rows, {mode: "faithful", seed: directed.seed, correlations: c.corr_types, strategies: c.strategies, sizes: c.sizes, nExps: c.n_exps});
    expect(result.agreements.length).toBe(directed.n_rows);
    const key = (scenario: string, ref: string, corr: string, strategy: string, size: number, exp: number) => [scenario, ref, corr, strategy, size, exp].join("|");
    const ours = new Map(result.agreements.map((r) => [key(r.scenario, r.refScenario, r.correlation, r.strategy, r.sizeRequested, r.exp), r]));
    for (const row of directed.rows) {
      const mine = ours.get(key(row.scenario, row.ref_scenario, row.corr_type, strategyName[row.model_select_strategy], row.model_subset_size_requested, row.exp_n));
      expect(mine, JSON.stringify(row)).toBeDefined();
      if (row.correlation === null) expect(mine!.value).toBeNaN();
      else expect(mine!.value).toBeCloseTo(row.correlation, 12);
      if (row.p_value !== null) expect(Math.abs(mine!.pValue - row.p_value)).toBeLessThanOrEqual(1e-9 * Math.abs(row.p_value) + 1e-15);
    }
    const z = new Map(result.zScores.map((r) => [r.scenario, r.zScore]));
    for (const row of directed.z_scores) expect(z.get(row.scenario)).toBeCloseTo(row.z_score, 10);
  });
});

describe("benchmarkAgreement(rows, {mode: 'corrected'})", () => {
  const correctedRows = addAggregateReference(catalogue.rows, {scenarios: holistic, minScenarios: 2, ties: "half"});

  it("does not depend on which other pairs are tested (one seeded stream per experiment)", () => {
    const options = {strategies: ["random" as const, "adjacent" as const], sizes: [8], nExps: 3, seed: 4};
    const focused = benchmarkAgreement(correctedRows, {...options, only: ["aggregate"]});
    const wider = benchmarkAgreement(correctedRows, {...options, only: ["aggregate", "LMSys Arena", "Helm Lite"]});
    const key = (r: {scenario: string; refScenario: string; strategy: string; exp: number}) => `${r.scenario}|${r.refScenario}|${r.strategy}|${r.exp}`;
    const widerMap = new Map(wider.agreements.map((r) => [key(r), r.value]));
    for (const r of focused.agreements) expect(widerMap.get(key(r))).toBe(r.value);
  });

  it("orders top/bottom windows by the reference and offers Spearman", () => {
    const result = benchmarkAgreement(correctedRows, {strategies: ["top", "bottom"], sizes: [5], nExps: 1, correlations: ["spearman"], only: ["LMSys Arena"]});
    const vsAggregate = result.agreements.filter((r) => r.scenario === "LMSys Arena" && r.refScenario === "aggregate");
    expect(vsAggregate.map((r) => r.strategy).sort()).toEqual(["bottom", "top"]);
    for (const r of vsAggregate) expect(r.nModels).toBe(5);
  });

  it("z-scores standardise mean agreement over scenarios (mean 0, SD 1 over the reference set)", () => {
    const {zScores} = benchmarkAgreement(correctedRows, {sizes: [0], nExps: 1, only: ["aggregate"]});
    const z = zScores.map((r) => r.zScore);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / (z.length - 1));
    expect(mean).toBeCloseTo(0, 12);
    expect(sd).toBeCloseTo(1, 12);
    expect(agreementZScores([], {})).toEqual([]);
  });

  it("places an uploaded benchmark (BenchBench's example my_bench.csv) in the leaderboard", () => {
    const mine = benchmarkRows(parseWideTable(read("example_my_bench.csv"), {file: "my_bench.csv"}), "uploaded");
    const rows = clearRepeatedScenarios([...correctedRows, ...mine], "uploaded");
    const {zScores} = benchmarkAgreement(rows, {sizes: [8], nExps: 10, only: ["aggregate"]});
    const row = zScores.find((r) => r.scenario === "my_bench");
    expect(row).toBeDefined();
    expect(Number.isFinite(row!.zScore)).toBe(true);
  });

  it("rejects duplicated scenarios, a missing reference and unknown options with BenchstatsError", () => {
    const rows: ScoreRow[] = [
      {model: "a", scenario: "s", score: 1, source: "x"},
      {model: "a", scenario: "s", score: 2, source: "y"}
    ];
    expect(() => benchmarkAgreement(rows, {mode: "corrected"})).toThrow(/several sources/);
    expect(() => benchmarkAgreement(rows.slice(0, 1))).toThrow(/reference scenario "aggregate"/);
    expect(() => benchmarkAgreement(faithfulRows, {mode: "faithful", correlations: ["spearman"]})).toThrow(BenchstatsError);
    expect(() => benchmarkAgreement(faithfulRows, {strategies: ["sideways" as "top"]})).toThrow(/unknown strategy/);
    expect(clearRepeatedScenarios(rows).length).toBe(1);
  });
});
