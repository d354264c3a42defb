import {describe, expect, it, vi} from "vitest";
// @ts-ignore jsdom ships no types and @types/jsdom is not installed
import {JSDOM} from "jsdom";
import {rectCentres, yLabelCentres} from "./layout-helpers.js";

vi.mock("npm:@observablehq/plot", async () => await import("@observablehq/plot"));
// The components are plain JavaScript (Framework's convention), so they are loaded untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const component = (name: string): Promise<any> => import(`../../src/components/${name}.js`);
const {IntervalPlot} = await component("rl-interval-plot");

const document = new JSDOM("<!DOCTYPE html><body></body>").window.document;
const estimates = {
  DER: {point: [0.19, 0.18, 0.35, 0.7], lower: [0.15, 0.16, 0.3, 0.68], upper: [0.22, 0.2, 0.4, 0.72]},
  SPR: {point: [0.43, 0.34, 0.62, 0.58], lower: [0.38, 0.3, 0.55, 0.55], upper: [0.48, 0.38, 0.7, 0.6]},
  "CURL with a long name": {point: [0.1, 0.11, 0.2, 0.8], lower: [0.05, 0.08, 0.15, 0.75], upper: [0.15, 0.14, 0.25, 0.85]}
};
const metrics = ["Median", "IQM", "Mean", "Optimality gap"];

describe("IntervalPlot layout: every bar level with its algorithm's label", () => {
  for (const width of [360, 800, 1200]) {
    it(`at width ${width}: band centres in every panel match the first panel's labels within a pixel`, () => {
      const element = IntervalPlot(estimates, {metrics, document, width});
      const svgs = [...element.querySelectorAll("svg")];
      expect(svgs).toHaveLength(4);
      const labels = yLabelCentres(svgs[0]);
      expect([...labels.keys()]).toEqual(Object.keys(estimates));
      // Panels sit in a row of figures with the same title line and the same SVG height, so
      // equal in-SVG positions are equal positions on the page.
      const heights = svgs.map((svg) => svg.getAttribute("height"));
      expect(new Set(heights).size).toBe(1);
      for (const svg of svgs) {
        const centres = rectCentres(svg);
        expect(centres).toHaveLength(3);
        centres.forEach((centre, i) => expect(Math.abs(centre - [...labels.values()][i])).toBeLessThan(1));
      }
    });
  }
});
