import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {queryRows, sqlString} from "../../loaders/tidy/duckdb.js";
import {writeTable} from "../../loaders/tidy/write.js";
import {alpacaRows, reference, worstDifference} from "../inference/eval-data.js";
import {cli, cliJson} from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "benchstats-summarize-"));
const samples = join(dir, "alpaca.parquet");
beforeAll(async () => writeTable(alpacaRows(), samples), 30_000);

describe("benchstats summarize", () => {
  const c = reference.cases.find((x) => x.name === "alpaca_by_model_cluster_dataset")!;

  it("prints per-model mean, SE and interval that match statsmodels (plain and clustered CR1)", async () => {
    const plain = await cliJson("summarize", samples);
    expect(Object.keys(plain[0])).toEqual(["model", "metric", "n", "mean", "se", "lower", "upper", "warning"]);
    expect(worstDifference(plain, c.rows, ["model"], {mean: "mean", se: "se", lower: "lower", upper: "upper"}).worst).toBeLessThan(1e-12);
    const clustered = await cliJson("summarize", samples, "--cluster", "dataset", "--cluster-correction", "cr1");
    expect(Object.keys(clustered[0])).toEqual(["model", "metric", "n", "mean", "se", "lower", "upper", "n_clusters", "warning"]);
    expect(worstDifference(clustered, c.rows, ["model"], {se_cr1: "se", lower_cr1: "lower", upper_cr1: "upper"}).worst).toBeLessThan(1e-12);
    expect(clustered[0].warning).toMatch(/5 clusters/);
  });

  it("writes CSV and Parquet, and notes warnings on stderr", async () => {
    const {status, stdout, stderr} = await cli("summarize", samples, "--by", "dataset", "--cluster", "item", "--confidence", "0.9", "-f", "csv");
    expect(status).toBe(0);
    expect(stdout.split("\n")[0]).toBe("dataset,metric,n,mean,se,lower,upper,n_clusters,warning");
    expect(stdout.trimEnd().split("\n")).toHaveLength(6);
    expect(stderr).toMatch(/5 group\(s\) clustered by item/);
    const out = join(dir, "summary.parquet");
    expect((await cli("summarize", samples, "-o", out)).status).toBe(0);
    const [{n}] = await queryRows(`SELECT count(*) AS n FROM ${sqlString(out)}`);
    expect(n).toBe(58);
    const columns = await queryRows(`DESCRIBE SELECT * FROM ${sqlString(out)}`);
    expect(columns.map((d) => [d.column_name, d.column_type])).toEqual([
      ["model", "VARCHAR"], ["metric", "VARCHAR"], ["n", "DOUBLE"], ["mean", "DOUBLE"], ["se", "DOUBLE"], ["lower", "DOUBLE"], ["upper", "DOUBLE"], ["warning", "VARCHAR"]
    ]);
  });

  it("rejects bad options and files with a message naming them", async () => {
    let result = await cli("summarize", samples, "--confidence", "95");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--confidence: expected a number in \(0, 1\), got "95"/);
    result = await cli("summarize", samples, "--cluster", "passage");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/alpaca\.parquet, passage: no "passage" column/);
    result = await cli("summarize", join(dir, "missing.csv"));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/missing\.csv: no such file/);
    result = await cli("summarize");
    expect(result.status).toBe(2);
    expect((await cli("summarize", "--help")).stdout).toMatch(/Usage: benchstats summarize <samples>/);
  });
});
