import {describe, expect, it, vi} from "vitest";
// @ts-ignore jsdom ships no types and @types/jsdom is not installed
import {JSDOM} from "jsdom";
import {
  kernelEfficiency, memoryBandwidthSeries, shortenName, stragglers, timeBlockedOnFullQueue, traceDiff
} from "../../lib/gpu/index.js";
import {realTrace} from "./traces.js";

vi.mock("npm:@observablehq/plot", async () => await import("@observablehq/plot"));

// Components are plain JavaScript (Framework's convention), loaded untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const component = (name: string): Promise<any> => import(`../../src/components/${name}.js`);
const {BandwidthPlot, BlockedQueuePlot, FlopsByOperatorPlot, DiffPlot, StragglerPlot} = await component("gpu-beyond-plots");

const document = new JSDOM("<!DOCTYPE html><body></body>").window.document;
type Scaled = Element & {scale(name: string): {apply(v: unknown): number; domain: unknown[]}};
/** The chart's own SVG inside a figure with a legend (the legend swatches come first). */
const mainSvg = (el: Element): Scaled => (el.tagName.toLowerCase() === "svg" ? el : [...el.querySelectorAll("svg")].at(-1)!) as Scaled;
const texts = (el: Element) => [...el.querySelectorAll("text")].map((t) => t.textContent ?? "");
const bars = (svg: Element) => [...svg.querySelectorAll("rect")].filter((r) => r.getAttribute("fill")?.startsWith("#") || r.parentElement?.getAttribute("fill")?.startsWith("#"));

describe("BandwidthPlot(series) on the AlexNet trace", async () => {
  const series = memoryBandwidthSeries(await realTrace("alexnet"));
  const chart = BandwidthPlot(series, {document, width: 640}) as Element;

  it("draws one facet per rank and memory kind, each with a step area and a line", () => {
    const kinds = [...new Set(series.map((d) => d.name))];
    expect(kinds.sort()).toEqual(["Memcpy HtoD", "Memset"]);
    for (const kind of kinds) expect(texts(chart)).toContain(`rank 0 · ${kind}`);
    expect(chart.querySelectorAll('path[fill="#efb118"], g[fill="#efb118"] path')).toHaveLength(kinds.length);
    expect(chart.querySelectorAll('path[stroke="#b07d00"], g[stroke="#b07d00"] path')).toHaveLength(kinds.length);
  });

  it("puts the y axis in GB/s from 0 to at least the highest change point", () => {
    const y = (chart as Scaled).scale("y");
    expect(y.domain[0]).toBe(0);
    expect(Number(y.domain[1])).toBeGreaterThanOrEqual(Math.max(...series.map((d) => d.memory_bw_gbps)));
  });
});

describe("BlockedQueuePlot(rows)", async () => {
  const events = await realTrace("nccl");
  const rows = [1, 2, 4, 1024].flatMap((queueLimit) => timeBlockedOnFullQueue(events, {queueLimit}).map((r) => ({queue_limit: queueLimit, ...r})));

  it("draws one line per stream over a log scale of limits, with the share in percent", () => {
    const chart = BlockedQueuePlot(rows, {document, width: 640}) as Element;
    const svg = mainSvg(chart);
    const streams = new Set(rows.map((r) => r.stream));
    expect(svg.querySelectorAll("path[stroke], g[stroke] path").length).toBeGreaterThanOrEqual(streams.size);
    const scaled = chart as Scaled; // a figure with a legend carries the scales
    expect(scaled.scale("x").domain.map(Number)).toEqual([1, 1024]);
    const share = Math.max(...rows.map((r) => 100 * (r.relative_duration_at_max_queue_length ?? 0)));
    expect(Number(scaled.scale("y").domain[1])).toBeGreaterThanOrEqual(share);
    expect(share).toBeLessThanOrEqual(100);
  });
});

describe("FlopsByOperatorPlot(kernels) on the CUPTI counter trace", async () => {
  const kernels = kernelEfficiency(await realTrace("cupti")).kernels;
  const chart = FlopsByOperatorPlot(kernels, {document, width: 640}) as Element;

  it("lists the top-level operators, largest total first, and stacks to each one's total GFLOP", () => {
    const totals = new Map<string, number>();
    for (const k of kernels) totals.set(k.top_level_op || "(no operator)", (totals.get(k.top_level_op || "(no operator)") ?? 0) + k.flops / 1e9);
    const order = [...totals].filter(([, f]) => f > 0).sort((a, b) => b[1] - a[1]).map(([op]) => op);
    const scaled = chart as Scaled; // a figure with a legend carries the scales
    expect(scaled.scale("y").domain).toEqual(order);
    const x = scaled.scale("x");
    expect(Number(x.domain[1])).toBeGreaterThanOrEqual(totals.get(order[0])! * 0.999);
  });

  it("has a legend with the precisions present", () => {
    expect(texts(chart).join(" ") + chart.textContent).toMatch(/FP32/);
  });
});

describe("DiffPlot(rows)", () => {
  const row = (name: string, control: number, test: number) => ({
    name, short: shortenName(name), control_counts: 1, control_total_duration: control, test_counts: 1, test_total_duration: test,
    diff_counts: 0, diff_duration: test - control, counts_change_categories: "="
  });

  it("orders by the size of the change, colours increases and decreases apart, and leaves out step markers", () => {
    const rows = [row("ProfilerStep#4", 100, 900), row("aten::mm", 50, 40), row("aten::add", 10, 30), row("aten::relu", 5, 5)];
    const svg = mainSvg(DiffPlot(rows, {document, width: 640, control: "step 4", test: "step 5"}));
    expect(svg.scale("y").domain).toEqual(["aten::add", "aten::mm", "aten::relu"]);
    const fills = bars(svg).map((r) => r.getAttribute("fill") ?? r.parentElement!.getAttribute("fill"));
    expect(fills).toEqual(["#ff725c", "#4269d0", "#4269d0"]);
    expect(texts(svg).join(" ")).toContain("step 5 − step 4");
  });

  it("keeps a bar for each of two kernels with the same short name", () => {
    const rows = [row("void k<float>(int)", 10, 20), row("void k<double>(int)", 10, 15)];
    const svg = mainSvg(DiffPlot(rows, {document, width: 640}));
    expect(svg.scale("y").domain).toEqual(["k", "k #2"]);
    expect(bars(svg)).toHaveLength(2);
  });

  it("draws the two ranks of the 128-GPU job", async () => {
    const events = await realTrace("job128");
    const rows = traceDiff(events, events, {controlRank: 0, testRank: 1}).map((r) => ({...r, short: shortenName(r.name)}));
    const svg = mainSvg(DiffPlot(rows, {document, width: 640, top: 10}));
    expect(bars(svg)).toHaveLength(10);
    expect(svg.scale("y").domain[0]).toBe("ncclKernel_SendRecv_RING_SIMPLE_Sum_int8_t");
  });
});

describe("StragglerPlot(metric) on the 128-GPU job", async () => {
  const result = stragglers(await realTrace("job128"), {numCandidates: 1});
  const svg = StragglerPlot(result.metric, {document, width: 640}) as Scaled;

  it("draws one bar per rank and step, spanning the collective's start to end", () => {
    const rects = bars(svg);
    expect(rects).toHaveLength(result.metric.length);
    const x = svg.scale("x");
    const spans = rects.map((r) => Math.round(Number(r.getAttribute("width")))).sort((a, b) => a - b);
    const expected = result.metric.map((d) => Math.round(x.apply((d.ts + d.dur) / 1000) - x.apply(d.ts / 1000))).sort((a, b) => a - b);
    expect(spans.map((w, i) => Math.abs(w - expected[i]) <= 1)).toEqual(expected.map(() => true));
  });

  it("labels the first rank to start and how late the others start", () => {
    const first = Math.min(...result.metric.map((d) => d.ts));
    const late = result.metric.find((d) => d.ts > first)!;
    const labels = texts(svg);
    expect(labels).toContain("first to start");
    expect(labels).toContain(`starts ${((late.ts - first) / 1000).toFixed(1)} ms late`);
  });

  it("colours the ranks HTA flags", () => {
    const flagged = result.metric.filter((d) => d.is_straggler).length;
    const red = bars(svg).filter((r) => (r.getAttribute("fill") ?? r.parentElement!.getAttribute("fill")) === "#ff725c");
    expect(red).toHaveLength(flagged);
    expect(flagged).toBe(1);
  });
});
