import {describe, expect, it, vi} from "vitest";
// @ts-ignore jsdom ships no types and @types/jsdom is not installed
import {JSDOM} from "jsdom";

vi.mock("npm:@observablehq/plot", async () => await import("@observablehq/plot"));

// The components are plain JavaScript (Framework's convention), so they are loaded untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const component = (name: string): Promise<any> => import(`../../src/components/${name}.js`);
const {LearningCurves} = await component("runs-learning-curves");
const {FinalScoreDots} = await component("runs-final-scores");

const document = new JSDOM("<!DOCTYPE html><body></body>").window.document;
type Scaled = Element & {scale(name: string): {apply(v: unknown): number}};

// Two algorithms × two tasks × two steps, three seeds each (the shape of training-runs-curves.csv).
const point = (algorithm: string, task: string, step: number, seeds: number[]) => {
  const mean = seeds.reduce((s, v) => s + v, 0) / seeds.length;
  const sd = Math.sqrt(seeds.reduce((s, v) => s + (v - mean) ** 2, 0) / (seeds.length - 1));
  return {algorithm, suite: "DMControl", task, metric: "reward", step, n: seeds.length, mean, sd, seed_1: seeds[0], seed_2: seeds[1], seed_3: seeds[2]};
};
const curves = [
  point("tdmpc2", "walker-run", 0, [10, 20, 30]),
  point("tdmpc2", "walker-run", 100000, [500, 600, 700]),
  point("sac", "walker-run", 0, [5, 10, 15]),
  point("sac", "walker-run", 100000, [200, 300, 400]),
  point("tdmpc2", "dog-run", 0, [1, 2, 3]),
  point("tdmpc2", "dog-run", 100000, [50, 60, 70])
];

describe("LearningCurves(data, options)", () => {
  it("draws one titled chart per task, in the order asked", () => {
    const element = LearningCurves(curves, {tasks: ["dog-run", "walker-run"], document, width: 900});
    const charts = [...element.querySelectorAll("figure")] as Element[];
    expect(charts.map((c) => c.querySelector("h2")?.textContent)).toEqual(["dog-run", "walker-run"]);
  });

  it("shades the min–max band over seeds and draws the mean line", () => {
    const element = LearningCurves(curves, {tasks: ["walker-run"], algorithms: ["tdmpc2"], band: "range", document, width: 600});
    const figure = element.querySelector("figure") as Scaled; // Plot returns a <figure> (title) carrying the scales
    const y = figure.scale("y");
    const svg = figure.querySelector("svg")!;
    const area = svg.querySelector("[aria-label='area'] path")!.getAttribute("d")!;
    // The band's path visits y(700) (max at step 100k) and y(10) (min at step 0).
    const ys = [...area.matchAll(/[ML,]\s*[\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    expect(Math.min(...ys)).toBeCloseTo(y.apply(700), 3);
    expect(Math.max(...ys)).toBeCloseTo(y.apply(10), 3);
    expect(svg.querySelectorAll("[aria-label='line'] path")).toHaveLength(1);
  });

  it("draws no band with band 'none' and one thin line per seed with seeds: true", () => {
    const element = LearningCurves(curves, {tasks: ["walker-run"], band: "none", seeds: true, document, width: 600});
    const svg = element.querySelector("figure svg")!;
    expect(svg.querySelector("[aria-label='area']")).toBeNull();
    const lines = svg.querySelectorAll("[aria-label='line']");
    expect(lines[0].querySelectorAll("path")).toHaveLength(2 * 3); // per-seed lines: 2 algorithms × 3 seeds
    expect(lines[1].querySelectorAll("path")).toHaveLength(2); // mean lines
  });
});

describe("FinalScoreDots(data, options)", () => {
  const finals = [
    {algorithm: "tdmpc2", task: "walker-run", seed: 1, step: 4e6, normalized: 0.8},
    {algorithm: "tdmpc2", task: "walker-run", seed: 2, step: 4e6, normalized: 0.9},
    {algorithm: "sac", task: "walker-run", seed: 1, step: 4e6, normalized: 0.3},
    {algorithm: "sac", task: "walker-run", seed: 2, step: 4e6, normalized: 0.5}
  ];
  it("puts a dot per seed and a tick at each algorithm's mean", () => {
    const plot = FinalScoreDots(finals, {document, width: 600}) as Scaled; // a <figure> (legend) carrying the scales
    const x = plot.scale("x");
    expect(plot.querySelectorAll("[aria-label='dot'] circle")).toHaveLength(4);
    const ticks = [...plot.querySelectorAll("[aria-label='tick'] line")].map((l) => Number(l.getAttribute("x1"))).sort((a, b) => a - b);
    expect(ticks[0]).toBeCloseTo(x.apply(0.4), 6);
    expect(ticks[1]).toBeCloseTo(x.apply(0.85), 6);
  });
});
