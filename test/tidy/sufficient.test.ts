// Sufficient statistics in SQL give what the full data give.
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {bradleyTerry} from "../../lib/index.js";
import {readBattles} from "../../loaders/index.js";
import {battleCounts, pairCounts} from "../../loaders/tidy/sufficient.js";
import {writeTable} from "../../loaders/tidy/write.js";
import {bundled, expectLocated} from "../loaders/helpers.js";

const dir = mkdtempSync(join(tmpdir(), "bs-sufficient-"));

describe("battleCounts", () => {
  it("turns 30k+ arena votes into weighted rows that Bradley–Terry fits to the same ratings", async () => {
    const battles = await readBattles(bundled("battles", "chatbot_arena_20models.csv"), {judge: "human"});
    const path = join(dir, "battles.parquet");
    await writeTable(battles, path);
    const counts = await battleCounts(path);
    expect(counts.length).toBeLessThan(battles.length / 10);
    const weights = counts.numbers("weight");
    expect(weights.reduce((s, w) => s + w, 0)).toBe(battles.length);
    const full = bradleyTerry(battles, {reps: 0});
    const fromCounts = bradleyTerry(counts, {reps: 0});
    expect(fromCounts.map((r) => r.model)).toEqual(full.map((r) => r.model));
    fromCounts.forEach((r, i) => {
      expect(r.rating).toBeCloseTo(full[i].rating, 8);
      expect(r.battles).toBe(full[i].battles);
    });
  });

  it("refuses a weight that is no count", async () => {
    const path = join(dir, "weights.csv");
    writeFileSync(path, "model_a,model_b,winner,weight\nx,y,a,2\nx,y,b,-1\n");
    await expectLocated(battleCounts(path), /≥ 0/, {file: path, line: 3});
  });
});

describe("pairCounts", () => {
  it("counts, sums and discordant pairs of every two models on the items both answered (ChemBench)", async () => {
    const lines = readFileSync(bundled("samples", "chembench", "chembench_models_x_items.csv"), "utf8").trim().split("\n");
    const header = lines[0].trim().split(",");
    const wide = lines.slice(1).map((line) => line.trim().split(","));
    // Leave some cells out, so that "both answered" matters.
    const long = ["model,item,value"];
    const value = new Map<string, number>();
    wide.forEach((cells, m) =>
      cells.slice(1).forEach((cell, j) => {
        if (cell === "" || (m * 31 + j) % 17 === 0) return;
        long.push(`${cells[0]},${header[j + 1]},${cell}`);
        value.set(`${cells[0]}\u0000${header[j + 1]}`, Number(cell));
      })
    );
    const path = join(dir, "chembench.csv");
    writeFileSync(path, long.join("\n") + "\n");
    const pairs = await pairCounts(path);
    const models = wide.map((cells) => cells[0]).sort();
    expect(pairs).toHaveLength((models.length * (models.length - 1)) / 2);
    for (const pair of pairs.filter((_, k) => k % 20 === 0)) {
      let n = 0, sa = 0, sb = 0, sq = 0, ao = 0, bo = 0;
      for (const item of header.slice(1)) {
        const a = value.get(`${pair.model_a}\u0000${item}`);
        const b = value.get(`${pair.model_b}\u0000${item}`);
        if (a === undefined || b === undefined) continue;
        ++n;
        sa += a;
        sb += b;
        sq += (a - b) ** 2;
        if (a === 1 && b === 0) ++ao;
        if (a === 0 && b === 1) ++bo;
      }
      expect(pair).toEqual({model_a: pair.model_a, model_b: pair.model_b, n, sum_a: sa, sum_b: sb, sum_sq_diff: sq, a_only: ao, b_only: bo});
      expect(pair.model_a < pair.model_b).toBe(true);
    }
    const two = await pairCounts(path, {models: [models[0], models[1]]});
    expect(two).toHaveLength(1);
  });

  it("refuses two values of one model on an item, and several metrics without a choice", async () => {
    const twice = join(dir, "twice.csv");
    writeFileSync(twice, "model,item,value\na,q,1\na,q,0\nb,q,1\n");
    await expectLocated(pairCounts(twice), /two values on one item/, {file: twice});
    const metrics = join(dir, "metrics.csv");
    writeFileSync(metrics, "model,item,metric,value\na,q,acc,1\nb,q,f1,0.5\n");
    await expectLocated(pairCounts(metrics), /several metrics/, {file: metrics});
    const numeric = await pairCounts(metrics, {metric: "acc"});
    expect(numeric).toEqual([]);
  });
});
