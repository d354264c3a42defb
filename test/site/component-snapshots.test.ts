// SVG snapshots of chart components on fixed data (as Observable Plot tests its own marks): a change to a
// component's output shows up as a snapshot diff to review (`npx vitest run -u` to accept it), and the
// label checks assert that long names are cut to their margins.
import {describe, expect, it, vi} from "vitest";
// @ts-ignore jsdom ships no types and @types/jsdom is not installed
import {JSDOM} from "jsdom";

vi.mock("npm:@observablehq/plot", async () => await import("@observablehq/plot"));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const component = (name: string): Promise<any> => import(`../../src/components/${name}.js`);
const {IntervalPlot} = await component("rl-interval-plot");
const {RankingOrdersPlot} = await component("ranking-orders-plot");
const {RankIntervalPlot} = await component("ranking-interval-plot");
const {AbilityPlot} = await component("irt-ability-plot");

const document = new JSDOM("<!DOCTYPE html><body></body>").window.document;
const systems = ["SuperGLUE Human Baselines - SuperGLUE Human Baselines", "T5", "DeBERTa Team - Microsoft - DeBERTa / TuringNLRv4", "ERNIE"];
const orderRows = ["kemeny", "borda", "mean"].flatMap((method, m) => systems.map((system, s) => ({system, method, position: ((s + m) % systems.length) + 1})));

describe("component SVG snapshots on fixed data", () => {
  it("IntervalPlot", () => {
    const estimates = {DER: {point: [0.19, 0.35], lower: [0.15, 0.3], upper: [0.22, 0.4]}, SPR: {point: [0.43, 0.62], lower: [0.38, 0.55], upper: [0.48, 0.7]}};
    expect(IntervalPlot(estimates, {metrics: ["IQM", "Mean"], document, width: 600}).outerHTML).toMatchSnapshot();
  });
  it("RankingOrdersPlot cuts long names to its margins", () => {
    const svg = RankingOrdersPlot(orderRows, {methods: ["kemeny", "borda", "mean"], top: 4, width: 640, document});
    expect(svg.outerHTML).toMatchSnapshot();
    const labels = [...svg.querySelectorAll("[aria-label='text'] text")].map((t: Element) => t.textContent);
    expect(labels.some((l: string) => l.endsWith("…"))).toBe(true);
    expect(labels).toContain("2. T5");
  });
  it("RankIntervalPlot sizes its margin to the names", () => {
    const intervals = systems.map((_, system) => ({system, rank: system + 1, lower: Math.max(1, system), upper: system + 2, pFirst: system === 0 ? 0.8 : 0.05}));
    const svg = RankIntervalPlot(intervals, {label: (i: number) => systems[i], width: 640, document});
    expect(svg.outerHTML).toMatchSnapshot();
    const labels = [...svg.querySelectorAll("[aria-label='y-axis tick label'] text")].map((t: Element) => t.textContent);
    expect(labels).toContain("T5");
  });
  it("AbilityPlot leaves room for its accuracy labels", () => {
    const models = [
      {model: "Llama-3.1-405B-Instruct", theta: 1.2, lower: 1.1, upper: 1.3, accuracy: 0.566, se: 0.05},
      {model: "o1", theta: 1.7, lower: 1.6, upper: 1.8, accuracy: 0.629, se: 0.05},
      {model: "Galatica-120b", theta: -6.4, lower: -6.8, upper: -5.9, accuracy: 0.015, se: 0.2}
    ];
    const svg = AbilityPlot(models, {width: 640, document});
    expect(svg.outerHTML).toMatchSnapshot();
    expect(Number(svg.getAttribute("width"))).toBe(640);
  });
});
