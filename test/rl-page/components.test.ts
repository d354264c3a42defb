import {describe, expect, it, vi} from "vitest";
// @ts-ignore jsdom ships no types and @types/jsdom is not installed
import {JSDOM} from "jsdom";

vi.mock("npm:@observablehq/plot", async () => await import("@observablehq/plot"));

// The components are plain JavaScript (Framework's convention), so they are loaded untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const component = (name: string): Promise<any> => import(`../../src/components/${name}.js`);
const {IntervalPlot} = await component("rl-interval-plot");
const {PerformanceProfilePlot} = await component("rl-performance-profile-plot");
const {ProbabilityOfImprovementPlot} = await component("rl-probability-of-improvement-plot");
const {SampleEfficiencyPlot} = await component("rl-sample-efficiency-plot");
const {RankDistributionPlot} = await component("rl-rank-distribution-plot");
const {algorithmColor, colorFor, intervalRows, pairRows, rankRows, withMinWidth} = await component("rl-shapes");

const document = new JSDOM("<!DOCTYPE html><body></body>").window.document;

type Scaled = Element & {scale(name: string): {apply(v: unknown): number}};

const estimates = {
  DER: {point: [0.19, 0.18, 0.35, 0.7], lower: [0.15, 0.16, 0.3, 0.68], upper: [0.22, 0.2, 0.4, 0.72]},
  SPR: {point: Float64Array.of(0.43, 0.34, 0.62, 0.58), lower: Float64Array.of(0.38, 0.3, 0.55, 0.55), upper: Float64Array.of(0.48, 0.38, 0.7, 0.6)}
};
const metrics = ["Median", "IQM", "Mean", "Optimality gap"];

describe("intervalRows(estimates, {metrics})", () => {
  it("names each statistic index by its metric and keeps typed-array values", () => {
    const rows = intervalRows(estimates, {metrics});
    expect(rows).toHaveLength(8);
    expect(rows[5]).toEqual({algorithm: "SPR", metric: "IQM", point: 0.34, lower: 0.3, upper: 0.38});
  });
  it("refuses estimates whose point, lower and upper lengths differ", () => {
    expect(() => intervalRows({A: {point: [1, 2], lower: [0], upper: [3, 4]}})).toThrow(/same length/);
  });
  it("refuses more statistics than metric names", () => {
    expect(() => intervalRows(estimates, {metrics: ["Median"]})).toThrow(/no metric name for statistic 1/);
  });
});

describe("IntervalPlot(estimates, options)", () => {
  const element = IntervalPlot(estimates, {metrics, document, width: 800});
  it("draws one panel per metric, titled by the metric, algorithm labels on the first only", () => {
    const panels = [...element.children[0].children];
    expect(panels).toHaveLength(4);
    expect(element.children[1].textContent).toBe("Human-normalised score");
    expect(panels.map((p) => p.querySelector("h2")?.textContent)).toEqual(metrics);
    expect(panels[0].textContent).toContain("DER");
    expect(panels[1].querySelector("[aria-label='y-axis tick label']")).toBeNull();
  });
  it("fits its panels into the given width", () => {
    const widths = [...element.querySelectorAll("svg")].map((svg) => Number(svg.getAttribute("width")));
    expect(widths).toHaveLength(4);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(800);
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThan(780);
  });
  it("spans each bar from the lower to the upper CI end and puts the tick at the point estimate", () => {
    const panel = element.children[0].children[2] as Scaled; // Mean
    const x = panel.scale("x");
    const bars = [...panel.querySelectorAll("[aria-label='bar'] rect")];
    expect(bars).toHaveLength(2);
    const spans = bars.map((r) => [Number(r.getAttribute("x")), Number(r.getAttribute("x")) + Number(r.getAttribute("width"))]);
    expect(spans[0][0]).toBeCloseTo(x.apply(0.3), 6);
    expect(spans[0][1]).toBeCloseTo(x.apply(0.4), 6);
    expect(spans[1][0]).toBeCloseTo(x.apply(0.55), 6);
    const ticks = [...panel.querySelectorAll("[aria-label='tick'] line")].map((l) => Number(l.getAttribute("x1")));
    expect(ticks[1]).toBeCloseTo(x.apply(0.62), 6);
  });
  it("uses the colorblind palette in algorithm order unless told otherwise", () => {
    expect(algorithmColor(["DER", "SPR"])).toEqual({domain: ["DER", "SPR"], range: ["#0173b2", "#de8f05"]});
    const fills = [...element.children[0].children[0].querySelectorAll("[aria-label='bar'] rect")].map((r) => r.getAttribute("fill"));
    expect(fills).toEqual(["#0173b2", "#de8f05"]);
  });
  it("shows only the algorithms asked for, in that order", () => {
    const only = IntervalPlot(estimates, {metrics, algorithms: ["SPR"], document});
    expect(only.querySelectorAll(".rl-interval-plot > div > :first-child [aria-label='bar'] rect")).toHaveLength(1);
  });
});

const taus = [0, 0.5, 1, 1.5, 2];
const profiles = {
  A: {point: [1, 0.8, 0.4, 0.2, 0], lower: [1, 0.7, 0.3, 0.1, 0], upper: [1, 0.9, 0.5, 0.3, 0]},
  B: {point: [1, 0.6, 0.2, 0, 0], lower: [1, 0.5, 0.1, 0, 0], upper: [1, 0.7, 0.3, 0.1, 0]}
};

describe("PerformanceProfilePlot(profiles, options)", () => {
  it("draws a line and a CI band per algorithm over tau", () => {
    const chart = PerformanceProfilePlot(profiles, {taus, document});
    expect(chart.querySelectorAll("[aria-label='line'] path")).toHaveLength(2);
    expect(chart.querySelectorAll("[aria-label='area'] path")).toHaveLength(2);
  });
  it("warps tau to 1 − mean profile and labels the axis in tau at rliable's ticks when nonLinear is set", () => {
    const chart = PerformanceProfilePlot(profiles, {taus, nonLinear: true, document}) as Element as Scaled;
    const labels = [...chart.querySelectorAll("[aria-label='x-axis tick label'] text")].map((t) => t.textContent);
    // int32(logspace(0, log2(4), 5, base=2)) = [1, 1, 2, 2, 4] (2^0, 2^0.5, 2^1, 2^1.5, 2^2), i.e. τ = 0.5, 1, 2.
    expect(labels).toEqual(["0.5", "1", "2"]);
    const x = chart.scale("x");
    const ticks = [...chart.querySelectorAll("[aria-label='x-axis tick'] path")].map((p) => Number(/translate\(([-\d.]+)/.exec(p.getAttribute("transform")!)?.[1]));
    // mean profiles at τ = 0.5, 1, 2 are 0.7, 0.3, 0, so the ticks sit at 0.3, 0.7 and 1.
    expect(ticks[0]).toBeCloseTo(x.apply(0.3), 6);
    expect(ticks[1]).toBeCloseTo(x.apply(0.7), 6);
    expect(ticks[2]).toBeCloseTo(x.apply(1), 6);
  });
  it("puts ticks at the taus it is given", () => {
    const chart = PerformanceProfilePlot(profiles, {taus, nonLinear: true, tickTaus: [0, 1.5], document});
    expect([...chart.querySelectorAll("[aria-label='x-axis tick label'] text")].map((t) => t.textContent)).toEqual(["0", "1.5"]);
  });
  it("keeps page-wide colours but lists only the algorithms shown in the legend", () => {
    const page = algorithmColor(["Z", "A", "B"]);
    expect(colorFor(["B"], page)).toEqual({domain: ["B"], range: ["#029e73"]});
    const chart = PerformanceProfilePlot(profiles, {taus, color: page, document});
    const legend = chart.querySelector("[class$='-swatches']")?.textContent ?? chart.textContent;
    expect(legend).toContain("A");
    expect(legend).not.toContain("Z");
  });
  it("never draws narrower than its margins (no negative bar widths)", () => {
    expect(withMinWidth({width: 30, height: 5}, 240)).toEqual({width: 240, height: 5});
    expect(withMinWidth({}, 240)).toEqual({});
  });
  it("draws no band for point-only profiles", () => {
    const chart = PerformanceProfilePlot({A: [1, 0.5, 0, 0, 0]}, {taus, document});
    expect(chart.querySelectorAll("[aria-label='area']")).toHaveLength(0);
  });
  it("asks for taus when given an estimate object without them", () => {
    expect(() => PerformanceProfilePlot(profiles, {document})).toThrow(/pass the x values/);
  });
});

const poi = {"SPR,DER": {point: [0.72], lower: [0.66], upper: [0.78]}, "DrQ(ε),DER": {point: [0.61], lower: [0.55], upper: [0.67]}};

describe("ProbabilityOfImprovementPlot(estimates, options)", () => {
  it("splits 'X,Y' keys into the two algorithms", () => {
    expect(pairRows(poi)[1]).toEqual({x: "DrQ(ε)", y: "DER", pair: "DrQ(ε),DER", point: 0.61, lower: 0.55, upper: 0.67});
    expect(() => pairRows({SPR: {point: [0.5]}})).toThrow(/should look like "X,Y"/);
  });
  it("names X on the left, Y on the right, with a dashed line at 0.5", () => {
    const chart = ProbabilityOfImprovementPlot(poi, {document}) as Element as Scaled;
    const left = [...chart.querySelectorAll("[aria-label='y-axis tick label'] text")].map((t) => t.textContent);
    expect(left).toEqual(["SPR", "DrQ(ε)"]);
    const right = [...chart.querySelectorAll("[aria-label='text'] text")].map((t) => t.textContent);
    expect(right).toEqual(expect.arrayContaining(["DER", "Algorithm Y"]));
    const rule = chart.querySelector("[aria-label='rule'] line")!;
    expect(Number(rule.getAttribute("x1"))).toBeCloseTo(chart.scale("x").apply(0.5), 6);
  });
});

describe("SampleEfficiencyPlot(curves, options)", () => {
  it("draws a point per checkpoint with a band", () => {
    const steps = [10_000, 20_000, 30_000];
    const chart = SampleEfficiencyPlot({DER: {point: [0.05, 0.1, 0.18], lower: [0.04, 0.09, 0.16], upper: [0.06, 0.11, 0.2]}}, {steps, document});
    expect(chart.querySelectorAll("[aria-label='dot'] circle")).toHaveLength(3);
    expect(chart.querySelectorAll("[aria-label='area'] path")).toHaveLength(1);
  });
});

describe("RankDistributionPlot(ranks, options)", () => {
  const ranks = {algorithms: ["A", "B"], probabilities: [[0.7, 0.3], [0.3, 0.7]]};
  it("reads an algorithms × ranks matrix into rows (rank 1 = best)", () => {
    expect(rankRows(ranks)).toEqual([
      {algorithm: "A", rank: 1, probability: 0.7}, {algorithm: "A", rank: 2, probability: 0.3},
      {algorithm: "B", rank: 1, probability: 0.3}, {algorithm: "B", rank: 2, probability: 0.7}
    ]);
  });
  it("stacks each algorithm's rank probabilities to a full bar", () => {
    const chart = RankDistributionPlot(ranks, {document}) as Element as Scaled;
    const rects = [...chart.querySelectorAll("[aria-label='bar'] rect")];
    expect(rects).toHaveLength(4);
    const x = chart.scale("x");
    const widthA = rects.slice(0, 2).reduce((s, r) => s + Number(r.getAttribute("width")), 0);
    expect(widthA).toBeCloseTo(x.apply(1) - x.apply(0), 6);
  });
});
