import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {parseNumberCell} from "../../loaders/common/fail.js";

describe("parseNumberCell(text, location)", () => {
  it("reads decimals (with sign, exponent, surrounding spaces)", () => {
    const cases: [string, number][] = [["1", 1], ["-1", -1], ["+2.5", 2.5], [".5", 0.5], ["5.", 5], ["1e3", 1000], ["1E-3", 0.001], [" 7 ", 7], ["1.5e+10", 1.5e10]];
    for (const [text, value] of cases) expect(parseNumberCell(text, {})).toBe(value);
  });

  it("rejects ±inf and decimals too large for a double: a tidy table holds finite numbers", () => {
    for (const text of ["inf", "-Infinity", "+inf", "1e400", "-1e309"]) {
      expect(() => parseNumberCell(text, {file: "f.csv", line: 3, field: "value"})).toThrow(/f\.csv:3, value: expected a finite number/);
    }
  });

  it("reads the missing-value spellings as NaN", () => {
    for (const text of ["", "  ", "nan", "NaN", "N/A", "[N/A]", "null", "None"]) expect(parseNumberCell(text, {})).toBeNaN();
  });

  it("rejects what Number() would silently accept or mangle, naming the field", () => {
    for (const text of ["0x10", "0b1", "0o7", "1e", "e5", ".", "-", "1.2.3", "12..5", "abc", "1,5", "1_000", "--1"]) {
      expect(() => parseNumberCell(text, {file: "f.csv", line: 3, field: "value"})).toThrow(BenchstatsError);
    }
    expect(() => parseNumberCell("0x10", {file: "f.csv", line: 3, field: "value"})).toThrow('f.csv:3, value: expected a number, got "0x10"');
  });
});
