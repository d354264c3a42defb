import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {summarizeSamples} from "../../lib/index.js";
import {readTable} from "../../loaders/tidy/read.js";
import {summarizeFile} from "../../loaders/tidy/summarize.js";
import {writeTable} from "../../loaders/tidy/write.js";
import {alpacaRows, chembenchRows, reference, shuffled, worstDifference, type ReferenceRow} from "../inference/eval-data.js";
import {expectLocated} from "../loaders/helpers.js";

const dir = mkdtempSync(join(tmpdir(), "bs-summarize-"));
const files: Record<string, string> = {};

beforeAll(async () => {
  const alpaca = alpacaRows();
  for (const [name, rows] of [["alpaca_eval", alpaca], ["chembench", chembenchRows()], ["alpaca_shuffled", shuffled(alpaca, 11)]] as const) {
    for (const format of ["parquet", "csv"]) {
      files[`${name}.${format}`] = join(dir, `${name}.${format}`);
      await writeTable(rows, files[`${name}.${format}`]);
    }
  }
}, 60_000);

/** The summary's fields as reference rows (the reference names the clustered SE se_cr0 / se_cr1). */
const asReference = (rows: Record<string, unknown>[]) => rows as unknown as ReferenceRow[];

describe("summarizeFile (DuckDB) agrees with statsmodels and with summarizeSamples on real eval items", () => {
  for (const c of reference.cases) {
    for (const format of ["parquet", "csv"]) {
      it(`${c.name} from ${format}: plain and clustered SEs to 1e-12 of statsmodels, and to lib`, async () => {
        const file = files[`${c.data}.${format}`];
        const plain = await summarizeFile(file, {by: c.by, confidence: c.confidence});
        expect(plain.map((r) => [...c.by.map((k) => r[k]), r.n])).toEqual(c.rows.map((r) => [...c.by.map((k) => r[k]), r.n]));
        let result = worstDifference(plain, c.rows, c.by, {mean: "mean", se: "se", lower: "lower", upper: "upper"});
        expect(result.worst, `${result.field} of ${result.group}`).toBeLessThan(1e-12);
        const rows = c.data === "alpaca_eval" ? alpacaRows() : chembenchRows();
        const lib = summarizeSamples(rows, {by: c.by, confidence: c.confidence});
        result = worstDifference(plain, asReference(lib), c.by, {mean: "mean", se: "se", lower: "lower", upper: "upper"});
        expect(result.worst, `${result.field} of ${result.group} vs lib`).toBeLessThan(1e-13);
        if (!c.cluster) return;
        for (const correction of ["cr0", "cr1"] as const) {
          const clustered = await summarizeFile(file, {by: c.by, cluster: c.cluster, clusterCorrection: correction, confidence: c.confidence});
          result = worstDifference(clustered, c.rows, c.by, {[`se_${correction}`]: "se", [`lower_${correction}`]: "lower", [`upper_${correction}`]: "upper"});
          expect(result.worst, `${result.field} of ${result.group}`).toBeLessThan(1e-12);
          expect(clustered.map((r) => r.n_clusters)).toEqual(c.rows.map((r) => r.n_clusters));
          const libClustered = summarizeSamples(rows, {by: c.by, cluster: c.cluster, clusterCorrection: correction, confidence: c.confidence});
          expect(clustered.map((r) => r.warning)).toEqual(libClustered.map((r) => r.warning));
          result = worstDifference(clustered, asReference(libClustered), c.by, {se: "se", lower: "lower", upper: "upper"});
          expect(result.worst, `${result.field} of ${result.group} vs lib`).toBeLessThan(1e-13);
        }
      });
    }
  }

  it("gives the same summaries for a file with its rows in another order", async () => {
    const options = {by: ["model"], cluster: "dataset"};
    const a = await summarizeFile(files["alpaca_eval.parquet"], options);
    const b = await summarizeFile(files["alpaca_shuffled.parquet"], options);
    expect(b.map((r) => [r.model, r.n, r.n_clusters, r.warning])).toEqual(a.map((r) => [r.model, r.n, r.n_clusters, r.warning]));
    const result = worstDifference(b, asReference(a), ["model"], {mean: "mean", se: "se"});
    expect(result.worst).toBeLessThan(1e-13);
  });

  it("pools everything into one group with by = [] (plain and clustered), as lib does", async () => {
    const rows = alpacaRows().map(({metric: _metric, ...row}) => row);
    const path = join(dir, "no-metric.parquet");
    await writeTable(rows, path);
    for (const cluster of [undefined, "item", "dataset"]) {
      const sql = await summarizeFile(path, {by: [], cluster});
      const lib = summarizeSamples(rows, {by: [], cluster});
      expect(sql.map((r) => [r.metric, r.n, r.n_clusters, r.warning])).toEqual(lib.map((r) => [r.metric, r.n, r.n_clusters, r.warning]));
      expect(worstDifference(sql, asReference(lib), ["metric"], {mean: "mean", se: "se"}).worst).toBeLessThan(1e-13);
    }
  });

  it("reads an extra column into a TidyTable with extraColumns, so lib and SQL see the same cluster", async () => {
    const table = await readTable(files["alpaca_eval.csv"], "samples", {extraColumns: ["DATASET"]});
    expect(table.columnNames).toEqual(["model", "item", "metric", "value", "DATASET"]);
    expect(new Set(table.labels("DATASET").labels)).toEqual(new Set(["helpful_base", "koala", "oasst", "selfinstruct", "vicuna"]));
    const lib = summarizeSamples(table, {by: ["DATASET"], cluster: "item"});
    const sql = await summarizeFile(files["alpaca_eval.csv"], {by: ["DATASET"], cluster: "item"});
    expect(worstDifference(sql, asReference(lib), ["DATASET"], {mean: "mean", se: "se"}).worst).toBeLessThan(1e-13);
  });
});

describe("summarizeFile: options and bad input", () => {
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("keeps metrics apart, filters one with metric, and reads NA as missing", async () => {
    const path = file("metrics.csv", "model,item,metric,value\na,1,acc,1\na,2,acc,NA\na,1,f1,0.5\nb,1,acc,0\nb,2,acc,1\n");
    const all = await summarizeFile(path);
    expect(all.map((r) => [r.model, r.metric, r.n])).toEqual([["a", "acc", 1], ["a", "f1", 1], ["b", "acc", 2]]);
    expect(all[0].warning).toBe("one value: a standard error needs at least two");
    const acc = await summarizeFile(path, {metric: "acc"});
    expect(acc.map((r) => [r.model, r.n])).toEqual([["a", 1], ["b", 2]]);
    expect(acc[1].se).toBeCloseTo(Math.sqrt(0.5 / 2), 15);
  });

  it("names the file and what is wrong", async () => {
    const ok = file("ok.csv", "model,item,value\na,1,1\na,2,0\n");
    await expectLocated(summarizeFile(ok, {cluster: "passage"}), /no "passage" column in the samples table \(found model, item, value\)/, {file: ok, field: "passage"});
    await expectLocated(summarizeFile(ok, {metric: "acc"}), /metric "acc" asked for, but the samples table has no metric column/, {file: ok});
    const metric = file("metric.csv", "model,item,metric,value\na,1,f1,1\n");
    await expectLocated(summarizeFile(metric, {metric: "acc"}), /no rows with metric "acc" \(metrics: f1\)/, {file: metric});
    const unclustered = file("unclustered.csv", "model,item,passage,value\na,1,p,1\na,2,,0\n");
    await expectLocated(summarizeFile(unclustered, {cluster: "passage"}), /1 row\(s\) have a value but an empty "passage"/, {file: unclustered});
    const noModel = file("no-model.csv", "model,item,value\na,1,1\n,2,0\n");
    await expectLocated(summarizeFile(noModel), /expected the model, got an empty value/, {file: noModel, line: 3});
    const infinite = file("infinite.csv", "model,item,passage,value\na,1,p,1\na,2,p,1e400\n");
    await expectLocated(summarizeFile(infinite), /expected a finite number, got Infinity/, {file: infinite, line: 3});
    await expectLocated(summarizeFile(infinite, {cluster: "passage"}), /expected a finite number, got Infinity/, {file: infinite, line: 3});
    const header = file("header.csv", "model,item,passage,value\n");
    for (const options of [{}, {by: []}, {by: [], cluster: "passage"}]) {
      await expectLocated(summarizeFile(header, options), /no data rows/, {file: header});
    }
    const text = file("text.csv", "model,item,value\na,1,1\na,2,oops\n");
    await expectLocated(summarizeFile(text), /expected a number .*got "oops"/, {file: text, line: 3});
    await expectLocated(summarizeFile(ok, {confidence: 95}), /confidence must be a finite number in \(0, 1\), got number 95/, {});
  });
});
