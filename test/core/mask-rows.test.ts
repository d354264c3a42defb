import {describe, expect, it} from "vitest";
import {columnarFromRows, maskRows} from "../../lib/core/columns.js";
import {groupSamples, samplesColumns, samplesToTop1, type SampleRow} from "../../lib/pairwise/samples.js";

describe("maskRows", () => {
  it("keeps the masked rows of every column, labels unchanged", () => {
    const table = columnarFromRows([{m: "a", v: 1}, {m: "b", v: 2}, {m: "a", v: 3}], {labels: ["m"], numbers: ["v"]}, "test");
    const kept = maskRows(table, Uint8Array.of(0, 1, 1));
    expect(kept.length).toBe(2);
    expect([...(kept.columns.v as Float64Array)]).toEqual([2, 3]);
    expect(kept.columns.m).toEqual({codes: Uint8Array.of(1, 0), labels: ["a", "b"]});
  });

  it("groups a masked samples table exactly as the same rows given as objects", () => {
    const rows: SampleRow[] = [];
    for (let i = 0; i < 30; ++i) for (const model of ["x", "y", "z"]) rows.push({model, item: i, value: (i * 7 + model.charCodeAt(0)) % 5});
    const mask = Uint8Array.from(rows, (_, i) => (i % 4 === 1 ? 0 : 1));
    const kept = maskRows(samplesColumns(rows), mask);
    const plain = rows.filter((_, i) => mask[i] === 1);
    expect(groupSamples(kept)).toEqual(groupSamples(plain));
    expect(samplesToTop1(kept)).toEqual(samplesToTop1(plain));
  });
});
