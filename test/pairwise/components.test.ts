import {describe, expect, it, vi} from "vitest";
// @ts-ignore jsdom ships no types and @types/jsdom is not installed
import {JSDOM} from "jsdom";
import {bradleyTerry} from "../../lib/index.js";
import {positionBias} from "../../lib/engine.js";
import {arenaBattles, readCsv, tidyWinner} from "./fixtures.js";

vi.mock("npm:@observablehq/plot", async () => await import("@observablehq/plot"));

// Components are plain JavaScript (Framework's convention), loaded untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const component = (name: string): Promise<any> => import(`../../src/components/${name}.js`);
const {RatingIntervalPlot} = await component("pairwise-interval-plot");
const {RobustnessPlot} = await component("pairwise-robustness-plot");
const {SubsetRankPlot} = await component("pairwise-subset-plot");
const {PositionBiasPlot, JudgeRatingsPlot} = await component("pairwise-judge-plots");

const document = new JSDOM("<!DOCTYPE html><body></body>").window.document;
type Scaled = Element & {scale(name: string): {apply(v: unknown): number}};
/** The chart's own SVG inside a figure with a legend (the legend swatches come first). */
const mainSvg = (el: Element): Element => (el.tagName.toLowerCase() === "svg" ? el : [...el.querySelectorAll("svg")].at(-1)!);

describe("RatingIntervalPlot(ratings)", () => {
  const ratings = bradleyTerry(arenaBattles(), {reps: 50, seed: 1});
  const svg = RatingIntervalPlot(ratings, {document, width: 640}) as Scaled;

  it("draws one dot and one interval rule per model, from lower to upper", () => {
    expect(svg.querySelectorAll("circle")).toHaveLength(ratings.length);
    const rules = [...svg.querySelector('g[stroke-width="3"]')!.querySelectorAll("line")];
    expect(rules).toHaveLength(ratings.length);
    const x = svg.scale("x");
    const xs = rules.map((l) => [Number(l.getAttribute("x1")), Number(l.getAttribute("x2"))].sort((a, b) => a - b));
    const expected = ratings.map((r) => [x.apply(r.lower), x.apply(r.upper)].sort((a, b) => a - b));
    expect(xs.map((p) => p.map(Math.round))).toEqual(expected.map((p) => p.map(Math.round)));
  });

  it("labels rows with the CI-aware rank", () => {
    const labels = [...svg.querySelectorAll("text")].map((t) => t.textContent).filter((t) => t?.startsWith("#"));
    expect(labels).toEqual(ratings.map((r) => `#${r.ciRank}`));
  });
});

describe("PositionBiasPlot(bias)", () => {
  it("stacks a / tie / b shares to the full width with no negative bars", () => {
    const rows = readCsv("arena_every6th.csv");
    const bias = ["winner_human", "winner_gpt35_turbo"].map((c) => ({judge: c, ...positionBias(rows.map((r) => tidyWinner(r[c])))}));
    const svg = PositionBiasPlot(bias, {document, width: 640}) as Element;
    const rects = [...mainSvg(svg).querySelectorAll("rect")].filter((r) => r.getAttribute("fill")?.startsWith("#"));
    expect(rects).toHaveLength(6);
    for (const r of rects) expect(Number(r.getAttribute("width"))).toBeGreaterThanOrEqual(0);
  });
});

describe("RobustnessPlot(runs)", () => {
  it("draws a mean line per series and a dot per repeat", () => {
    const runs = [0, 0.5, 0.9].flatMap((fraction) =>
      [0, 1, 2].flatMap((repeat) => ["full", "mean"].map((reference) => ({fraction, repeat, reference, tau: 1 - fraction / 2 - repeat / 100}))),
    );
    const svg = RobustnessPlot(runs, {document, width: 640}) as Element;
    const chart = mainSvg(svg);
    expect(chart.querySelectorAll("circle")).toHaveLength(runs.length);
    expect(chart.querySelectorAll("path").length).toBeGreaterThanOrEqual(4);
  });
});

describe("SubsetRankPlot(subsets) and JudgeRatingsPlot(ratings)", () => {
  it("labels each shown model at the last subset", () => {
    const data = ["s1", "s2"].flatMap((subset, i) => ["a", "b"].map((model, j) => ({subset, model, rank: ((i + j) % 2) + 1})));
    const svg = SubsetRankPlot(data, {document, width: 640}) as Element;
    const labels = [...svg.querySelectorAll("text")].map((t) => t.textContent);
    expect(labels).toContain("a");
    expect(labels).toContain("b");
  });

  it("plots each judge against the reference, one facet per judge", () => {
    const ratings = [
      {judge: "human", model: "x", rating: 1100, lower: 1090, upper: 1110},
      {judge: "human", model: "y", rating: 900, lower: 890, upper: 910},
      {judge: "gpt", model: "x", rating: 1050, lower: 1040, upper: 1060},
      {judge: "gpt", model: "y", rating: 950, lower: 940, upper: 960},
    ];
    const svg = JudgeRatingsPlot(ratings, {document, width: 640}) as Element;
    expect(svg.querySelectorAll("circle")).toHaveLength(2);
  });
});
