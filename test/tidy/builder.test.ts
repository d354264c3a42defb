import {describe, expect, it} from "vitest";
import {BenchstatsError} from "../../lib/core/errors.js";
import {TidyTableBuilder} from "../../loaders/tidy/builder.js";

describe("TidyTableBuilder", () => {
  it("keeps every value of a table spanning several chunks; a column first set late is missing before", () => {
    const n = 100_000;
    const b = new TidyTableBuilder("runs", {source: "x", emptyAllowed: ["algorithm", "task"]});
    const metric = b.labelColumn("metric");
    const value = b.numberColumn("value");
    for (let i = 0; i < n; ++i) {
      b.start({file: "x", line: i + 2});
      metric(i % 3 === 0 ? "reward" : "loss");
      value(i);
      b.labelColumn("algorithm")("");
      b.labelColumn("task")("");
      if (i >= 70_000) b.numberColumn("wall_time")(i / 2);
      b.end();
    }
    const table = b.finish();
    expect(table.length).toBe(n);
    const values = table.numbers("value");
    expect(values.every((v, i) => v === i)).toBe(true);
    const wall = table.numbers("wall_time");
    expect(Number.isNaN(wall[69_999]) && wall[70_000] === 35_000 && wall[n - 1] === (n - 1) / 2).toBe(true);
    const rows = table.rows({start: 65_535, end: 65_537});
    expect(rows.map((r) => r.metric)).toEqual(["reward", "loss"]);
  });

  it("names the line of a bad value that only the schema check at finish() finds, in a later chunk", () => {
    const b = new TidyTableBuilder("runs", {source: "runs.jsonl"});
    for (let i = 0; i < 50_000; ++i) b.add({algorithm: "a", task: "t", value: 1, std: i === 40_000 ? -1 : 0.5}, {file: "runs.jsonl", line: i + 1});
    const error = (() => {
      try {
        b.finish();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BenchstatsError);
    expect((error as BenchstatsError).location).toMatchObject({file: "runs.jsonl", line: 40_001, field: "std"});
  });
});
