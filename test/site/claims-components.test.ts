// The claims report's shaping helpers, its "compare two models" wiring and its chart components: the helpers
// on small hand-made inputs, the comparisons against direct lib calls on the real data, the charts as SVG
// (jsdom) with their marks where the data put them.
import {describe, expect, it, vi} from "vitest";
// @ts-ignore jsdom ships no types and @types/jsdom is not installed
import {JSDOM} from "jsdom";
import {mcnemarTest, pairedBootstrap, pairedDifference, probabilityOfImprovement, runsToScoreMatrices} from "../../lib/index.js";
import {alpacaRows, chembenchRows} from "../inference/eval-data.js";

vi.mock("npm:@observablehq/plot", async () => await import("@observablehq/plot"));

// Components are plain JavaScript (Framework's convention), loaded untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const component = (name: string): Promise<any> => import(`../../src/components/${name}.js`);
const {itemMatrix, pairLookup, pairCells, formatP, points, labelMargin, byLowerCase, VERDICTS} = await component("claims-shapes");
const {compareOnItems, compareOnRuns, taskMeans, runRankIntervals, withinClusters} = await component("claims-compare");
const {ErrorBarPlot, WideningPlot} = await component("claims-error-bar-plot");
const {PairMatrixPlot} = await component("claims-pair-matrix-plot");
const {IntervalRowsPlot} = await component("claims-interval-rows-plot");
const {DetectableEffectPlot, GapPlot} = await component("claims-detectable-plot");
const {SeparabilityPlot} = await component("claims-separability-plot");
const {CoveragePlot} = await component("claims-coverage-plot");
const {RankIntervalPlot} = await component("ranking-interval-plot");

const document = new JSDOM("<!DOCTYPE html><body></body>").window.document;
type Scaled = Element & {scale(name: string): {apply(v: unknown): number}};
/** The chart's own SVG inside a figure with a legend (the legend swatches come first). */
const mainSvg = (el: Element): Scaled => (el.tagName.toLowerCase() === "svg" ? el : [...el.querySelectorAll("svg")].at(-1)!) as Scaled;

/** Samples rows as the parallel columns arquero's `table.array(name)` gives the page. */
function columnsOf(rows: {model: string; item: string; value: number; dataset?: string}[], benchmark: string) {
  const kept = rows.filter((r) => !Number.isNaN(r.value));
  return {benchmark: kept.map(() => benchmark), model: kept.map((r) => r.model), item: kept.map((r) => r.item.trim()), value: kept.map((r) => r.value), dataset: kept.map((r) => r.dataset ?? null)};
}

describe("itemMatrix(columns, benchmark)", () => {
  it("lines every model up on one item order, NaN where a model has no result, with the items' clusters", () => {
    const m = itemMatrix({benchmark: ["b", "b", "b", "x"], model: ["y", "x", "x", "x"], item: ["q2", "q1", "q2", "q9"], value: [1, 0, 1, 5], dataset: ["s", "t", "s", "u"]}, "b");
    expect(m.models).toEqual(["x", "y"]);
    expect(m.items).toEqual(["q2", "q1"]);
    expect(Array.from(m.values.get("x"))).toEqual([1, 0]);
    expect(Array.from(m.values.get("y"))).toEqual([1, NaN]);
    expect(m.clusters).toEqual(["s", "t"]);
  });

  it("gives no clusters when some item has none (a benchmark without cluster labels)", () => {
    expect(itemMatrix({benchmark: ["b", "b"], model: ["x", "x"], item: ["q1", "q2"], value: [1, 0], dataset: [null, "s"]}, "b").clusters).toBeNull();
  });
});

describe("pairLookup(pairs) / pairCells(pairs, {order, adjusted})", () => {
  const pairs = [{model_a: "x", model_b: "y", mean: 0.1, lower: 0.02, upper: 0.18, statistic: 2.5, p_value: 0.01, a_only: 7, b_only: 2}];

  it("reads a pair in either order, turned to A − B", () => {
    const find = pairLookup(pairs);
    expect(find("x", "y")).toBe(pairs[0]);
    expect(find("y", "x")).toMatchObject({model_a: "y", model_b: "x", mean: -0.1, lower: -0.18, upper: -0.02, statistic: -2.5, a_only: 2, b_only: 7});
    expect(find("x", "z")).toBeUndefined();
  });

  it("gives both cells of a pair, ahead and behind, and says whether the adjustment kept the difference", () => {
    const kept = pairCells(pairs, {order: ["x", "y"], adjusted: [0.02]});
    expect(kept.map((c: {row: string; verdict: string}) => [c.row, c.verdict])).toEqual([["x", VERDICTS[0]], ["y", VERDICTS[4]]]);
    const raw = pairCells(pairs, {order: ["x", "y"], adjusted: [0.2]});
    expect(raw.map((c: {verdict: string}) => c.verdict)).toEqual([VERDICTS[1], VERDICTS[3]]);
    const none = pairCells([{...pairs[0], p_value: 0.3}], {order: ["x", "y"], adjusted: [0.6]});
    expect(none.map((c: {verdict: string}) => c.verdict)).toEqual([VERDICTS[2], VERDICTS[2]]);
    // A tie is never "significant", whatever its p-value.
    expect(pairCells([{...pairs[0], mean: 0, p_value: 0}], {order: ["x", "y"], adjusted: [0]})[0].verdict).toBe(VERDICTS[2]);
  });
});

describe("formatP, points, labelMargin, byLowerCase", () => {
  it("writes p-values, percentage points and margins for the page, never NaN or undefined", () => {
    expect([formatP(0), formatP(3.2e-7), formatP(0.0421), formatP(NaN), formatP(undefined), formatP(null)]).toEqual(["< 1e-300", "3.2e-7", "0.042", "–", "–", "–"]);
    expect([points(0.0123), points(-0.004, {signed: true}), points(0.004, {signed: true}), points(-0.00001, {signed: true}), points(NaN)]).toEqual(["1.2", "−0.4", "+0.4", "0.0", "–"]);
    expect(labelMargin(["gpt-4", "Mixtral-8x7B-Instruct-v0.1_concise"])).toBe(237);
    expect(labelMargin([])).toBe(60);
    expect(byLowerCase(["GPT-4o", "o1"]).get("gpt-4o")).toBe("GPT-4o");
  });
});

describe("compareOnItems(matrix, a, b) on the real data", () => {
  const chem = itemMatrix(columnsOf(chembenchRows(), "chembench"), "chembench");
  const alpaca = itemMatrix(columnsOf(alpacaRows().map((r) => ({...r, value: r.value - 1})), "alpaca_eval_2"), "alpaca_eval_2");

  it("runs on ChemBench the paired z test, the paired bootstrap, the permutation test and McNemar's test, as lib gives them", () => {
    const [a, b] = ["GPT-4o", "Llama-3.1-405B-Instruct"];
    const out = compareOnItems(chem, a, b, {binary: true, seed: 3, reps: 500, permutations: 2000});
    const [x, y] = [chem.values.get(a), chem.values.get(b)];
    expect(out.n).toBe(2854);
    expect(out.tests.map((t: {test: string}) => t.test)).toEqual(["paired z test", "paired bootstrap, items resampled", "sign-flip permutation test", "McNemar's test (χ², continuity-corrected)"]);
    const z = pairedDifference(x, y);
    expect(out.tests[0]).toMatchObject({estimate: z.mean, lower: z.lower, upper: z.upper, pValue: z.pValue});
    expect(out.tests[1].upper).toBe(pairedBootstrap(x, y, {reps: 500, seed: 3}).upper);
    const m = mcnemarTest(x, y);
    expect(out.tests[3]).toMatchObject({estimate: (m.aOnly - m.bOnly) / m.n, pValue: m.pValue});
    expect(out.tests[3].note).toContain(`${m.aOnly} items only A answered`);
    expect(out.subsets).toEqual([]);
  });

  it("adds the clustered forms on AlpacaEval and repeats the paired z test within each source collection", () => {
    const out = compareOnItems(alpaca, "NullModel", "gpt4_1106_preview", {seed: 1, reps: 200, permutations: 500});
    const [x, y] = [alpaca.values.get("NullModel"), alpaca.values.get("gpt4_1106_preview")];
    const clustered = pairedDifference(x, y, {clusters: alpaca.clusters});
    expect(out.tests[1]).toMatchObject({test: "paired z test, clustered (5 clusters)", estimate: clustered.mean, lower: clustered.lower, pValue: clustered.pValue});
    expect(out.tests[1].note).toMatch(/fewer than 20/);
    expect(out.subsets.map((s: {label: string}) => s.label)).toEqual(["helpful_base", "koala", "oasst", "selfinstruct", "vicuna"]);
    expect(out.subsets.reduce((n: number, s: {n: number}) => n + s.n, 0)).toBe(out.n);
  });

  it("reads B − A as the mirror of A − B", () => {
    const ab = compareOnItems(chem, "o1", "GPT-4", {binary: true, reps: 200, permutations: 500});
    const ba = compareOnItems(chem, "GPT-4", "o1", {binary: true, reps: 200, permutations: 500});
    expect(ba.tests[0].estimate).toBeCloseTo(-ab.tests[0].estimate, 14);
    expect(ba.tests[0].pValue).toBeCloseTo(ab.tests[0].pValue, 14);
    expect(ba.tests[3].pValue).toBe(ab.tests[3].pValue);
  });

  it("says so instead of failing where a pair has no discordant items or a cluster too few shared items", () => {
    const m = {models: ["a", "b"], items: ["1", "2", "3", "4"], values: new Map([["a", Float64Array.of(1, 0, 1, NaN)], ["b", Float64Array.of(1, 0, 1, 1)]]), clusters: ["s", "s", "s", "t"]};
    const out = compareOnItems(m, "a", "b", {binary: true, reps: 100, permutations: 100});
    expect(out.tests.at(-1).note).toMatch(/no discordant items/);
    expect(out.tests.at(-1).pValue).toBe(1);
    expect(out.subsets[1]).toMatchObject({label: "t", n: 0, note: "0 shared item(s): too few to compare"});
    expect(() => compareOnItems(m, "a", "c")).toThrow(/no item results for c/);
  });
});

describe("withinClusters(x, y, clusters)", () => {
  it("runs the paired z test on each cluster's shared items", () => {
    const rows = withinClusters([1, 0, 1, 1, 0], [0, 0, 1, 0, NaN], ["b", "b", "a", "a", "a"]);
    expect(rows.map((r: {label: string; n: number}) => [r.label, r.n])).toEqual([["a", 2], ["b", 2]]);
    expect(rows[0]).toMatchObject({estimate: pairedDifference([1, 1], [1, 0]).mean, pValue: pairedDifference([1, 1], [1, 0]).pValue});
  });
});

describe("compareOnRuns(matrices, a, b) / taskMeans / runRankIntervals", () => {
  const rows = [
    ...[[3, 5, 1], [4, 6, 2]].flatMap((run, s) => run.map((value, t) => ({algorithm: "A", task: `t${t}`, seed: String(s), value}))),
    ...[[1, 5, 0], [2, 4, 1], [NaN, 3, 1]].flatMap((run, s) => run.map((value, t) => ({algorithm: "B", task: `t${t}`, seed: String(s), value})))
  ].filter((r) => !Number.isNaN(r.value));
  const {matrices, tasks} = runsToScoreMatrices(rows);

  it("averages each task over the runs present", () => {
    expect(taskMeans(matrices.B)).toEqual([1.5, 4, 2 / 3]);
  });

  it("pairs the algorithms on the tasks' means and adds the probability of improvement and each IQM", () => {
    const out = compareOnRuns(matrices, "A", "B", {tasks, groups: new Map([["t0", "s1"], ["t1", "s1"], ["t2", "s2"]]), reps: 200, permutations: 200, seed: 2});
    const z = pairedDifference(taskMeans(matrices.A), taskMeans(matrices.B));
    expect(out.tests[0]).toMatchObject({estimate: z.mean, pValue: z.pValue});
    expect(out.poi.estimate).toBe(probabilityOfImprovement(matrices.A, matrices.B));
    expect(out.poi.lower).toBeLessThanOrEqual(out.poi.estimate);
    expect(out.iqm.map((d: {label: string}) => d.label)).toEqual(["A", "B"]);
    expect(out.perTask.map((d: {label: string}) => d.label)).toEqual(tasks);
    expect(out.suites.map((d: {label: string; tasks: number}) => [d.label, d.tasks])).toEqual([["s1", 2], ["s2", 1]]);
    expect(out.suites[1].note).toBe("one task: no test");
  });

  it("ranks algorithms by mean rank over tasks, with bootstrap rank intervals", () => {
    const ranks = runRankIntervals(matrices, {reps: 100, seed: 1});
    expect(ranks.map((r: {model: string; rank: number}) => [r.model, r.rank])).toEqual([["A", 1], ["B", 2]]);
    for (const r of ranks) expect(r.lower <= r.rank && r.rank <= r.upper).toBe(true);
  });
});

describe("the claims charts", () => {
  const bars = [
    {model: "a", mean: 0.6, lower: 0.55, upper: 0.65, se: 0.025, clustered: {lower: 0.5, upper: 0.7, se: 0.05}},
    {model: "b", mean: 0.4, lower: 0.35, upper: 0.45, se: 0.025, clustered: {lower: 0.38, upper: 0.42, se: 0.01}},
    {model: "c", mean: 0.5, lower: 0.5, upper: 0.5, se: 0, clustered: {lower: 0.5, upper: 0.5, se: 0}}
  ];

  it("ErrorBarPlot: one plain and one clustered bar per model, best at the top, in points", () => {
    const figure = ErrorBarPlot(bars, {document, width: 640}) as Scaled;
    const svg = mainSvg(figure);
    const x = figure.scale("x");
    const lines = [...svg.querySelectorAll("[aria-label='rule'] line")];
    expect(lines).toHaveLength(6);
    const plain = [...svg.querySelectorAll("[aria-label='rule']")][1].querySelectorAll("line");
    expect(Number(plain[0].getAttribute("x1"))).toBeCloseTo(x.apply(55), 6);
    const labels = [...svg.querySelectorAll("[aria-label='y-axis tick label'] text")].map((t) => t.textContent);
    expect(labels).toEqual(["a", "c", "b"]);
  });

  it("WideningPlot: a dot per model with a ratio, and the median marked", () => {
    const svg = mainSvg(WideningPlot([{model: "a", ratio: 2}, {model: "b", ratio: 0.4}, {model: "c", ratio: NaN}], {document}));
    expect(svg.querySelectorAll("[aria-label='dot'] circle")).toHaveLength(2);
    expect(svg.textContent).toContain("median ×1.20");
  });

  it("PairMatrixPlot: k(k − 1) cells in leaderboard order, ranks on the columns", () => {
    const pairs = [
      {model_a: "a", model_b: "b", mean: 0.2, p_value: 0.001},
      {model_a: "a", model_b: "c", mean: 0.1, p_value: 0.04},
      {model_a: "b", model_b: "c", mean: -0.1, p_value: 0.3}
    ];
    const order = ["a", "c", "b"];
    const cells = pairCells(pairs, {order, adjusted: [0.003, 0.08, 0.3]});
    const svg = mainSvg(PairMatrixPlot(cells, {order, document, width: 500}));
    expect(svg.querySelectorAll("[aria-label='cell'] rect")).toHaveLength(6);
    expect([...svg.querySelectorAll("[aria-label='y-axis tick label'] text")].map((t) => t.textContent)).toEqual(["1. a", "2. c", "3. b"]);
    expect([...svg.querySelectorAll("[aria-label='x-axis tick label'] text")].map((t) => t.textContent)).toEqual(["1", "2", "3"]);
  });

  it("IntervalRowsPlot: bars only where both bounds exist, the reference line at its value", () => {
    const svg = mainSvg(IntervalRowsPlot([{label: "z", estimate: 0.03, lower: 0.01, upper: 0.05}, {label: "perm", estimate: 0.03, lower: NaN, upper: NaN}], {document, reference: 0, scale: 100}));
    expect(svg.querySelectorAll("[aria-label='dot'] circle")).toHaveLength(2);
    const rules = [...svg.querySelectorAll("[aria-label='rule']")];
    expect(rules[1].querySelectorAll("line")).toHaveLength(1);
    const x = svg.scale("x");
    expect(Number(rules[0].querySelector("line")!.getAttribute("x1"))).toBeCloseTo(x.apply(0), 6);
    // No rows: still a chart, not an error.
    expect(mainSvg(IntervalRowsPlot([], {document})).querySelectorAll("circle")).toHaveLength(0);
  });

  it("DetectableEffectPlot, GapPlot and SeparabilityPlot draw a mark per row", () => {
    const curves = [10, 100, 1000].flatMap((n) => [{series: "x", n, mde: 1 / Math.sqrt(n)}, {series: "y", n, mde: 2 / Math.sqrt(n)}]);
    const mde = mainSvg(DetectableEffectPlot(curves, {current: [{series: "x", n: 100, mde: 0.1}], document}));
    expect(mde.querySelectorAll("[aria-label='line'] path")).toHaveLength(2);
    expect(mde.textContent).toContain("10.0 at n = 100");
    const gaps = mainSvg(GapPlot([{series: "x", pair: "a − b", gap: 0.01}, {series: "x", pair: "b − c", gap: 0.05}], {thresholds: [{series: "x", mde: 0.03}], document}));
    expect([...gaps.querySelectorAll("[aria-label='dot'] circle")].map((c) => c.getAttribute("fill"))).toEqual(["#d62728", "#0173b2"]);
    const sep = mainSvg(SeparabilityPlot([{label: "A", separability: 0.5, separated: 3, pairs: 6, group: "g"}, {label: "B", separability: 1, separated: 1, pairs: 1, group: "h"}], {document}));
    expect(sep.querySelectorAll("[aria-label='bar'] rect")).toHaveLength(2);
    expect(sep.textContent).toContain("3 of 6");
  });

  it("CoveragePlot: a row per design, a dot per method at its coverage, the nominal line at 95", () => {
    const cells = [
      {clusters: 10, perCluster: 20, affinitySd: 1, method: "iid", coverage: 0.68, mcse: 0.007},
      {clusters: 10, perCluster: 20, affinitySd: 1, method: "cluster CR1", coverage: 0.9, mcse: 0.005},
      {clusters: 100, perCluster: 5, affinitySd: 0, method: "iid", coverage: 0.95, mcse: 0.003},
      {clusters: 100, perCluster: 5, affinitySd: 0, method: "cluster CR1", coverage: 0.949, mcse: 0.003}
    ];
    // With a legend Plot returns a figure: the scales live on it, the marks in its last SVG.
    const figure = CoveragePlot(cells, {methods: ["iid", "cluster CR1"], colors: {iid: "#0173b2", "cluster CR1": "#029e73"}, document}) as Scaled;
    const svg = mainSvg(figure);
    expect([...svg.querySelectorAll("[aria-label='y-axis tick label'] text")].map((t) => t.textContent)).toEqual(["10 × 20, τ = 1", "100 × 5, τ = 0"]);
    const dots = [...svg.querySelectorAll("[aria-label='dot'] circle")];
    expect(dots).toHaveLength(4);
    // One dot mark per method, filled with its colour.
    expect([...svg.querySelectorAll("[aria-label='dot']")].map((g) => g.getAttribute("fill"))).toEqual(["#0173b2", "#029e73"]);
    // The methods sit a few pixels apart within a row (a NaN offset would be an invalid transform).
    expect(svg.outerHTML).not.toMatch(/NaN/);
    expect(new Set([...svg.querySelectorAll("[aria-label='dot']")].map((g) => g.getAttribute("transform"))).size).toBe(2);
    const x = figure.scale("x");
    expect(Number(dots[0].getAttribute("cx"))).toBeCloseTo(x.apply(68), 6);
    const nominal = svg.querySelector("[aria-label='rule'] line")!;
    expect(Number(nominal.getAttribute("x1"))).toBeCloseTo(x.apply(95), 6);
  });

  it("RankIntervalPlot highlights the systems asked for", () => {
    const rows = [{system: 0, rank: 1, lower: 1, upper: 2, pFirst: 0.7}, {system: 1, rank: 2, lower: 1, upper: 2, pFirst: 0.3}];
    const svg = mainSvg(RankIntervalPlot(rows, {label: (i: number) => ["a", "b"][i], highlight: ["b"], document}));
    expect([...svg.querySelectorAll("[aria-label='dot'] circle")].map((c) => c.getAttribute("fill"))).toEqual(["steelblue", "#de8f05"]);
  });
});
