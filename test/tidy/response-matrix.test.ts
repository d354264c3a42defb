import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readResponseMatrix} from "../../loaders/tidy/response-matrix.js";
import {execute, sqlString} from "../../loaders/tidy/duckdb.js";
import {bundled, expectLocated} from "../loaders/helpers.js";

const dir = mkdtempSync(join(tmpdir(), "bs-matrix-"));

/** ChemBench's models × items 0/1 table (bundled) as a long samples CSV, rows shuffled by a fixed permutation. */
function chembenchLong(): {path: string; wide: Map<string, Map<string, number>>} {
  const lines = readFileSync(bundled("samples", "chembench", "chembench_models_x_items.csv"), "utf8").trim().split("\n");
  const header = lines[0].trim().split(",");
  const wide = new Map<string, Map<string, number>>();
  const rows: string[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.trim().split(",");
    const model = cells[0];
    wide.set(model, new Map());
    cells.slice(1).forEach((cell, j) => {
      if (cell === "") return;
      wide.get(model)!.set(header[j + 1], Number(cell));
      rows.push(`${model},chembench,${header[j + 1]},acc,${cell}`);
    });
  }
  // Shuffle deterministically: the matrix must not depend on row order.
  const order = rows.map((_, k) => k).sort((a, b) => ((a * 2654435761) % 4294967296) - ((b * 2654435761) % 4294967296));
  const path = join(dir, "chembench_long.csv");
  writeFileSync(path, "model,benchmark,item,metric,value\n" + order.map((k) => rows[k]).join("\n") + "\n");
  return {path, wide};
}

describe("readResponseMatrix", () => {
  it("builds the models × items byte matrix of a real 0/1 table, sorted, whatever the row order", async () => {
    const {path, wide} = chembenchLong();
    const {models, items, matrix, rows} = await readResponseMatrix(path);
    expect(models).toEqual([...wide.keys()].sort());
    expect(matrix.nRespondents).toBe(models.length);
    let measured = 0;
    models.forEach((model, i) =>
      items.forEach((item, j) => {
        const expected = wide.get(model)!.get(item);
        expect(matrix.data[i * items.length + j]).toBe(expected === undefined ? 255 : expected);
        if (expected !== undefined) ++measured;
      })
    );
    expect(rows).toBe(measured);
    const parquet = join(dir, "chembench.parquet");
    await execute(`COPY (SELECT * FROM read_csv(${sqlString(path)})) TO ${sqlString(parquet)} (FORMAT parquet)`);
    expect((await readResponseMatrix(parquet)).matrix.data).toEqual(matrix.data);
  });

  it("rejects a value other than 0, 1 or missing, a model measured twice, and a mix of metrics", async () => {
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    await expectLocated(readResponseMatrix(write("half.csv", "model,item,value\na,q1,1\nb,q1,0.5\n")), /expected 0\/1 results.*0\.5.*model "b", item "q1"/, {row: 1});
    await expectLocated(readResponseMatrix(write("twice.csv", "model,item,value\na,q1,1\na,q1,0\n")), /model "a" has two results on item "q1"/, {});
    await expectLocated(readResponseMatrix(write("metrics.csv", "model,item,metric,value\na,q1,acc,1\na,q1,f1,0\n")), /several metrics/, {});
    const m = await readResponseMatrix(write("metrics2.csv", "model,item,metric,value\na,q1,acc,1\na,q1,f1,0\nb,q2,acc,NaN\n"), {metric: "acc"});
    expect([...m.matrix.data]).toEqual([1, 255, 255, 255]);
  });
});
