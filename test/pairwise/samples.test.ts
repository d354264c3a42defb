import {describe, expect, it} from "vitest";
import {BenchstatsError, groupSamples, samplesToBattles, samplesToPairs, samplesToTop1} from "../../lib/index.js";
import {wideToSamples} from "../../lib/engine.js";

const binary = [
  {model: "a", item: "q1", value: 1},
  {model: "b", item: "q1", value: 0},
  {model: "c", item: "q1", value: 1},
  {model: "d", item: "q1", value: 0},
  {model: "a", item: "q2", value: 1},
  {model: "b", item: "q2", value: 1},
  {model: "c", item: "q2", value: NaN},
];

describe("samplesToTop1(samples)", () => {
  it("makes every correct model a winner over all incorrect ones (ONEBench generate_top1_list)", () => {
    const {top1, models, samples} = samplesToTop1(binary);
    expect(models).toEqual(["a", "b", "c", "d"]);
    expect(samples).toEqual(["/q1/", "/q2/"]);
    // q2: nobody wrong (c missing) → no information.
    expect(top1).toEqual([
      [0, [1, 3]],
      [2, [1, 3]],
    ]);
  });

  it("peels numeric score levels from the top, not comparing ties within a level", () => {
    const rows = [
      {model: "a", item: 1, value: 0.9},
      {model: "b", item: 1, value: 0.5},
      {model: "c", item: 1, value: 0.9},
      {model: "d", item: 1, value: 0.1},
    ];
    expect(samplesToTop1(rows).top1).toEqual([
      [0, [1, 3]],
      [2, [1, 3]],
      [1, [3]],
    ]);
  });

  it("negates scores when lower is better", () => {
    const rows = [
      {model: "fast", item: 1, value: 10},
      {model: "slow", item: 1, value: 99},
    ];
    expect(samplesToTop1(rows, {lowerIsBetter: true}).top1).toEqual([[0, [1]]]);
  });

  it("keeps benchmark and metric apart: the same item id in two benchmarks is two samples", () => {
    const rows = [
      {model: "a", item: 1, value: 1, benchmark: "x"},
      {model: "b", item: 1, value: 0, benchmark: "x"},
      {model: "a", item: 1, value: 0, benchmark: "y"},
      {model: "b", item: 1, value: 1, benchmark: "y"},
    ];
    const {top1, sampleOf} = samplesToTop1(rows);
    expect(top1).toEqual([
      [0, [1]],
      [1, [0]],
    ]);
    expect(Array.from(sampleOf)).toEqual([0, 1]);
  });
});

describe("samplesToPairs(samples) and samplesToBattles(samples)", () => {
  it("adds both orders for a tie (ONEBench compute_plackett_luce_pairwise)", () => {
    const rows = [
      {model: "a", item: 1, value: 1},
      {model: "b", item: 1, value: 1},
      {model: "c", item: 1, value: 0},
    ];
    expect(samplesToPairs(rows).pairs).toEqual([
      [0, 1],
      [1, 0],
      [0, 2],
      [1, 2],
    ]);
    expect(samplesToPairs(rows, {ties: "drop"}).pairs).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it("emits tidy battles with winner a | b | tie", () => {
    expect(samplesToBattles(binary.slice(0, 3))).toEqual([
      {model_a: "a", model_b: "b", winner: "a", sample: "/q1/"},
      {model_a: "a", model_b: "c", winner: "tie", sample: "/q1/"},
      {model_a: "b", model_b: "c", winner: "b", sample: "/q1/"},
    ]);
  });
});

describe("groupSamples(samples) validation", () => {
  it("names the row of a non-numeric value", () => {
    expect(() => groupSamples([{model: "a", item: 1, value: "high" as unknown as number}])).toThrow(/value, row 0/);
  });

  it("rejects a model measured twice on one sample", () => {
    expect(() =>
      groupSamples([
        {model: "a", item: 1, value: 1},
        {model: "a", item: 1, value: 0},
      ]),
    ).toThrow(BenchstatsError);
  });

  it("treats null and NaN as not measured", () => {
    const g = groupSamples([
      {model: "a", item: 1, value: null},
      {model: "b", item: 1, value: NaN},
      {model: "c", item: 1, value: 1},
    ]);
    expect(g.models).toEqual(["c"]);
  });
});

describe("wideToSamples(table)", () => {
  it("melts a models × items matrix, skipping empty cells", () => {
    expect(wideToSamples([{model: "m", q0: "1", q1: "", q2: 0}], {benchmark: "b"})).toEqual([
      {model: "m", item: "q0", value: 1, benchmark: "b", metric: undefined},
      {model: "m", item: "q2", value: 0, benchmark: "b", metric: undefined},
    ]);
  });

  it("names the cell that is not a number", () => {
    expect(() => wideToSamples([{model: "m", q0: "yes"}])).toThrow(/q0, row 0/);
  });
});
