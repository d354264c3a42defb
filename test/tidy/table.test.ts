import {describe, expect, it} from "vitest";
import {tableFromIPC, tableToIPC} from "@uwdata/flechette";
import {BenchstatsError} from "../../lib/core/errors.js";
import {TidyTable, TidyTableBuilder, findProblem} from "../../loaders/tidy/table.js";
import {mapColumns} from "../../loaders/tidy/schema.js";

const samples = [
  {model: "a", item: "q1", value: 1},
  {model: "b", item: "q1", value: 0},
  {model: "a", item: "q2", value: NaN}
];

describe("TidyTable", () => {
  it("round-trips rows through the columnar form", () => {
    const table = TidyTable.fromRows("samples", samples);
    expect(table.rows()).toEqual(samples);
    expect(table.labels("model").labels).toContain("a");
    expect(table.length).toBe(3);
  });

  it("shares its buffers with Arrow and survives Arrow IPC and arquero", () => {
    const table = TidyTable.fromRows("samples", samples);
    const arrow = table.toArrow();
    expect(arrow.numRows).toBe(3);
    const back = tableFromIPC(tableToIPC(arrow, {})!);
    expect(back.toArray().map((r) => ({...r}))).toEqual(samples.map((r) => ({...r, value: Number.isNaN(r.value) ? NaN : r.value})));
    const aq = table.toArquero();
    expect(aq.groupby("model").count().objects()).toEqual([{model: "a", count: 2}, {model: "b", count: 1}]);
  });

  it("filters, takes and concatenates, re-coding labels into one dictionary", () => {
    const table = TidyTable.fromRows("samples", samples);
    expect(table.filter((i) => table.value("model", i) === "a").rows()).toEqual([samples[0], samples[2]]);
    const other = TidyTable.fromRows("samples", [{model: "c", item: "q9", value: 0.5, benchmark: "x"}]);
    const both = TidyTable.concat("samples", [table, other]);
    expect(both.rows().map((r) => [r.model, r.benchmark])).toEqual([["a", ""], ["b", ""], ["a", ""], ["c", "x"]]);
  });

  it("refuses row objects beyond the cap but gives slices", () => {
    const n = 5_000_001;
    const big = new TidyTable("samples", n, {model: {codes: new Uint8Array(n), labels: ["m"]}, item: {codes: new Uint8Array(n), labels: ["i"]}, value: new Float64Array(n)});
    expect(() => big.rows()).toThrow(/too many/);
    expect(big.rows({start: 10, end: 12})).toEqual([{model: "m", item: "i", value: 0}, {model: "m", item: "i", value: 0}]);
  });
});

describe("TidyTableBuilder and schema checks", () => {
  it("checks types as rows come, naming the row and column", () => {
    const builder = new TidyTableBuilder("samples");
    builder.add({model: "a", item: "q", value: 1});
    expect(() => builder.add({model: "a", item: "q", value: true})).toThrow(/boolean true/);
    expect(() => builder.add({model: "a", item: "q", value: "0.5"}, {file: "f.jsonl", line: 7})).toThrow(/f\.jsonl:7, value/);
  });

  it("finds the first row that breaks the schema, across columns", () => {
    const table = new TidyTable("gpu", 3, {
      rank: Float64Array.of(0, 0, 0),
      stream: Float64Array.of(7, 7, 7),
      name: {codes: Uint8Array.of(0, 0, 0), labels: ["k"]},
      start_us: Float64Array.of(0, Infinity, 3),
      dur_us: Float64Array.of(1, -1, -1)
    });
    expect(findProblem(table)).toMatchObject({row: 1});
    expect(() => TidyTable.fromRows("gpu", [{rank: 0, stream: 1, name: "k", start_us: 0, dur_us: NaN}])).toThrow(BenchstatsError);
  });

  it("requires the schema's columns", () => {
    expect(() => TidyTable.fromRows("samples", [{model: "a", value: 1}])).toThrow(/no item column/);
  });

  it("maps a file's column names through case and aliases", () => {
    expect(mapColumns("runs", ["Agent", "game", "run", "score", "note"])).toEqual({names: ["algorithm", "task", "seed", "value", undefined], missing: []});
    expect(mapColumns("battles", ["model_a", "model_b", "winner", "len_a"]).names).toEqual(["model_a", "model_b", "winner", "len_a"]);
    expect(mapColumns("samples", ["model", "value"]).missing).toEqual(["item"]);
  });
});
