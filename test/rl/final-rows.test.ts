import {describe, expect, it} from "vitest";
import {finalRunRows, runsToScoreMatrices} from "../../lib/index.js";

const run = (seed: string, step: number, value: number, extra: Record<string, unknown> = {}) => ({algorithm: "A", task: "t", seed, step, metric: "return", value, ...extra});

describe("finalRunRows(table, options)", () => {
  it("keeps each run's row at its largest step, in row order", () => {
    const rows = [run("1", 0, 1), run("2", 0, 2), run("1", 10, 3), run("2", 10, 4), run("1", 20, 5)];
    expect(finalRunRows(rows)).toEqual({rows: [3, 4], repeated: 0});
  });

  it("takes each run's last row at or before its task's maxStep (a common budget)", () => {
    const rows = [run("1", 0, 1), run("1", 100, 2), run("1", 250, 3), {...run("1", 100, 7), task: "u"}, {...run("1", 300, 8), task: "u"}];
    expect(finalRunRows(rows, {maxStep: {t: 200}}).rows).toEqual([1, 4]);
  });

  it("keeps one row per metric with eachMetric, and otherwise asks for a metric", () => {
    const rows = [run("1", 10, 1), run("1", 10, 2, {metric: "loss"}), run("1", 20, 3)];
    expect(finalRunRows(rows, {eachMetric: true}).rows).toEqual([1, 2]);
    expect(() => finalRunRows(rows)).toThrow(/pass \{metric\}/);
  });

  it("rejects two rows for one run and step unless repeatedRows is 'first', which keeps the first and counts the rest", () => {
    const rows = [run("1", 10, 1), run("1", 20, 2), run("1", 20, 9)];
    expect(() => finalRunRows(rows)).toThrow(/runs row 2: a second value .* step 20 \(first at row 1\)/);
    expect(finalRunRows(rows, {repeatedRows: "first"})).toEqual({rows: [1], repeated: 1});
  });

  it("is the selection runsToScoreMatrices builds its matrices from", () => {
    const rows = [run("1", 0, 1), run("2", 0, 2), run("1", 10, 3), run("2", 10, 4), {...run("1", 10, 5), task: "u"}];
    const kept = finalRunRows(rows).rows.map((i) => rows[i].value);
    const {matrices} = runsToScoreMatrices(rows);
    expect(matrices.A.flat().filter((v) => !Number.isNaN(v)).sort()).toEqual(kept.sort());
  });
});
