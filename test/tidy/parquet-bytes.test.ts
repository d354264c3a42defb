// loaders/tidy/parquet.ts writes on one DuckDB thread (its row groups otherwise split by thread timing: the
// Atari runs written alone and beside another loader came out as two files with the same rows, 8 Dec; a test
// of that depends on the machine's load and passed either way, so it is not kept) and puts the database's
// thread setting back afterwards.
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";

describe("Parquet output", () => {
  it("leaves the database's thread setting as it was", async () => {
    const {duckdbConnection} = await import("../../loaders/tidy/duckdb.js");
    const {writeTable} = await import("../../loaders/tidy/write.js");
    const {TidyTable} = await import("../../loaders/tidy/table.js");
    const threads = async () => {
      const connection = await duckdbConnection();
      const value = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
      connection.closeSync();
      return String(value);
    };
    const before = await threads();
    const path = join(mkdtempSync(join(tmpdir(), "benchstats-threads-")), "scores.parquet");
    await writeTable(TidyTable.fromRows("scores", [{model: "m", task: "t", score: 0.5}]), path);
    expect(readFileSync(path).subarray(0, 4).toString()).toBe("PAR1");
    expect(await threads()).toBe(before);
  });
});
