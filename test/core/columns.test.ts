import {describe, expect, it} from "vitest";
import {columnarFromRows, encodeLabels, firstSeen, pickColumns, tableColumns, codesFor} from "../../lib/core/columns.js";

describe("columnar tables in lib", () => {
  it("encodes labels in first-seen order into the narrowest codes", () => {
    const column = encodeLabels(["b", "a", "b"]);
    expect(column.labels).toEqual(["b", "a"]);
    expect([...column.codes]).toEqual([0, 1, 0]);
    expect(column.codes).toBeInstanceOf(Uint8Array);
    expect(encodeLabels(Array.from({length: 300}, (_, i) => String(i))).codes).toBeInstanceOf(Uint16Array);
    expect(codesFor(1, 70000)).toBeInstanceOf(Uint32Array);
  });

  it("converts rows, naming the row and column of a wrong type", () => {
    const table = columnarFromRows([{model: "a", item: 1, value: 1}, {model: "b", item: 2, value: null}], {labels: ["model", "item"], numbers: ["value"]}, "f");
    expect(table.length).toBe(2);
    expect(table.columns.value).toEqual(Float64Array.of(1, NaN));
    expect(() => columnarFromRows([{model: "a", item: 1, value: "1"}], {labels: ["model", "item"], numbers: ["value"]}, "f")).toThrow(/f: value must be a number.*row 0|row 0.*value/);
    expect(() => columnarFromRows([{model: true, item: 1, value: 1}], {labels: ["model", "item"], numbers: ["value"]}, "f")).toThrow(/model must be a string/);
  });

  it("checks a columnar table's columns and codes", () => {
    const spec = {labels: ["model"], numbers: ["value"]};
    expect(() => pickColumns({length: 1, columns: {value: Float64Array.of(1)}}, spec, "f")).toThrow(/no "model" column/);
    expect(() => pickColumns({length: 2, columns: {model: {codes: Uint8Array.of(0, 0), labels: ["a"]}, value: Float64Array.of(1)}}, spec, "f")).toThrow(/1 entries, the table 2/);
    expect(() => pickColumns({length: 1, columns: {model: {codes: Uint8Array.of(3), labels: ["a"]}, value: Float64Array.of(1)}}, spec, "f")).toThrow(/no label/);
    expect(() => tableColumns("x" as never, spec, "f")).toThrow(/expected an array of rows or a columnar table/);
  });

  it("numbers labels in the order rows give them, whatever the dictionary order", () => {
    const {order, rank} = firstSeen({codes: Uint8Array.of(2, 0, 2), labels: ["x", "y", "z"]});
    expect(order).toEqual([2, 0]);
    expect([...rank]).toEqual([1, -1, 0]);
  });
});
