import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {compareAllPairs, pairedPermutationTest} from "../../lib/index.js";
import {writeTable} from "../../loaders/tidy/write.js";
import {alpacaRows, chembenchRows} from "../inference/eval-data.js";
import {alpacaWide, pairedReference, worst} from "../inference/paired-data.js";
import {cli, cliJson} from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "benchstats-compare-"));
const alpaca = join(dir, "alpaca.parquet");
const chembench = join(dir, "chembench.csv");
beforeAll(async () => {
  await writeTable(alpacaRows(), alpaca);
  await writeTable(chembenchRows(), chembench);
}, 60_000);

type Row = Record<string, number | string | boolean | null>;

describe("benchstats compare A B", () => {
  const ref = pairedReference.paired.alpaca_eval.find((r) => r.model_a === "claude-2.1" && r.model_b === "gpt4_gamed")!;

  it("paired z test from DuckDB's pair sums: statsmodels' SE to 1e-12 and p to 1e-9; B A flips the sign", async () => {
    const [row] = await cliJson<Row[]>("compare", "claude-2.1", "gpt4_gamed", alpaca);
    expect(Object.keys(row)).toEqual(["model_a", "model_b", "test", "n", "mean", "se", "lower", "upper", "statistic", "p_value", "warning"]);
    expect(row).toMatchObject({model_a: "claude-2.1", model_b: "gpt4_gamed", test: "paired", n: ref.n, warning: ""});
    const w = worst([["mean", row.mean as number, ref.mean], ["se", row.se as number, ref.se], ["lower", row.lower as number, ref.lower], ["upper", row.upper as number, ref.upper]]);
    expect(w.value, w.at).toBeLessThan(1e-12);
    expect(worst([["p", row.p_value as number, ref.p]]).value).toBeLessThan(1e-9);
    const [back] = await cliJson<Row[]>("compare", "gpt4_gamed", "claude-2.1", alpaca);
    expect(back).toMatchObject({model_a: "gpt4_gamed", model_b: "claude-2.1", mean: -(row.mean as number), lower: -(row.upper as number), statistic: -(row.statistic as number), p_value: row.p_value});
  });

  it("clustered by the instructions' dataset (in memory): statsmodels' CR1 SE, with the few-clusters warning", async () => {
    const [row] = await cliJson<Row[]>("compare", "claude-2.1", "gpt4_gamed", alpaca, "--cluster", "dataset", "--cluster-correction", "cr1");
    expect(row.n_clusters).toBe(5);
    expect(worst([["se", row.se as number, ref.se_cr1!], ["lower", row.lower as number, ref.lower_cr1!]]).value).toBeLessThan(1e-12);
    expect(worst([["p", row.p_value as number, ref.p_cr1!]]).value).toBeLessThan(1e-9);
    expect(row.warning).toMatch(/5 clusters/);
    const {stderr} = await cli("compare", "claude-2.1", "gpt4_gamed", alpaca, "--cluster", "dataset");
    expect(stderr).toMatch(/benchstats compare: 5 clusters: with fewer than 20/);
  });

  it("permutation and bootstrap tests are seeded and equal the library's", async () => {
    const [perm] = await cliJson<Row[]>("compare", "claude-2.1", "gpt4_gamed", alpaca, "--test", "permutation", "--reps", "2000", "--seed", "3");
    const t = alpacaWide();
    const direct = pairedPermutationTest(t.values.get("claude-2.1")!, t.values.get("gpt4_gamed")!, {reps: 2000, seed: 3});
    expect(perm.p_value).toBe(direct.pValue);
    const boot = await cliJson<Row[]>("compare", "gpt4_gamed", "claude-2.1", alpaca, "--test", "bootstrap", "--reps", "2000", "--seed", "3", "-f", "json");
    expect(boot[0].mean as number).toBeCloseTo(-ref.mean, 14);
    expect(boot[0].upper as number).toBeLessThan(0);
    expect(await cliJson<Row[]>("compare", "gpt4_gamed", "claude-2.1", alpaca, "--test", "bootstrap", "--reps", "2000", "--seed", "3")).toEqual(boot);
  });

  it("McNemar from DuckDB's discordant counts equals statsmodels on ChemBench", async () => {
    const r = pairedReference.mcnemar.find((m) => m.model_a === "GPT-4o" && m.model_b === "o1")!;
    const [row] = await cliJson<Row[]>("compare", "GPT-4o", "o1", chembench, "--test", "mcnemar", "--exact", "true");
    expect(row).toMatchObject({n: r.n, a_only: r.a_only, b_only: r.b_only, statistic: r.exact_statistic});
    expect(worst([["p", row.p_value as number, r.exact_p]]).value).toBeLessThan(1e-9);
    const [chi2] = await cliJson<Row[]>("compare", "o1", "GPT-4o", chembench, "--test", "mcnemar", "--exact", "false", "--no-correction");
    expect(chi2).toMatchObject({a_only: r.b_only, b_only: r.a_only});
    expect(worst([["p", chi2.p_value as number, r.chi2_plain_p]]).value).toBeLessThan(1e-9);
  });
});

describe("benchstats compare --all", () => {
  it("every ChemBench pair by McNemar with Holm-adjusted p-values, and how many differences survive", async () => {
    const {status, stdout, stderr} = await cli("compare", "--all", chembench, "--test", "mcnemar", "-f", "csv");
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("model_a,model_b,test,n,mean,se,lower,upper,statistic,p_value,p_adjusted,significant,significant_adjusted,a_only,b_only,warning");
    expect(lines).toHaveLength(232);
    const lib = compareAllPairs(chembenchRows(), {test: "mcnemar"});
    expect(stderr).toMatch(new RegExp(`22 models, 231 pairs \\(mcnemar test\\): ${lib.significantRaw} differ at α = 0.05, ${lib.significantAdjusted} after holm adjustment`));
    const rows = await cliJson<Row[]>("compare", "--all", chembench, "--test", "mcnemar");
    rows.forEach((row, k) => {
      expect([row.model_a, row.model_b]).toEqual([lib.pairs[k].modelA, lib.pairs[k].modelB]);
      expect(row.p_value).toBe(lib.pairs[k].pValue);
      expect(row.p_adjusted).toBe(lib.pairs[k].pAdjusted);
    });
  });

  it("the paired test from DuckDB's sums agrees with the in-memory library to 1e-12, and --wins tallies per model", async () => {
    const models = "NullModel,claude-2.1,gpt4_gamed,phi-2,alpaca-7b_verbose";
    const rows = await cliJson<Row[]>("compare", "--all", alpaca, "--models", models, "--adjust", "bh");
    const lib = compareAllPairs(alpacaRows(), {models: models.split(","), adjust: "bh"});
    expect(rows).toHaveLength(10);
    const cases: [string, number, number][] = [];
    const pValues: [string, number, number][] = [];
    rows.forEach((row, k) => {
      const pair = lib.pairs[k];
      expect([row.model_a, row.model_b, row.n]).toEqual([pair.modelA, pair.modelB, pair.n]);
      cases.push([`se ${pair.modelA} − ${pair.modelB}`, row.se as number, pair.se], [`mean ${pair.modelA} − ${pair.modelB}`, row.mean as number, pair.mean]);
      pValues.push([`p_adjusted ${pair.modelA} − ${pair.modelB}`, row.p_adjusted as number, pair.pAdjusted]);
    });
    expect(worst(cases).value, worst(cases).at).toBeLessThan(1e-12);
    expect(worst(pValues).value, worst(pValues).at).toBeLessThan(1e-9);
    const wins = await cliJson<Row[]>("compare", "--all", alpaca, "--models", models, "--adjust", "bh", "--wins");
    expect(Object.keys(wins[0])).toEqual(["model", "wins", "losses", "wins_adjusted", "losses_adjusted"]);
    const libWins = new Map(lib.wins.map((w) => [w.model, w]));
    for (const w of wins) expect([w.wins, w.losses, w.wins_adjusted, w.losses_adjusted]).toEqual([libWins.get(w.model as string)!.winsRaw, libWins.get(w.model as string)!.lossesRaw, libWins.get(w.model as string)!.winsAdjusted, libWins.get(w.model as string)!.lossesAdjusted]);
    // NullModel (a constant answer that beats the baseline 77 % of the time) beats every other model here
    expect(wins[0]).toMatchObject({model: "NullModel", wins_adjusted: 4, losses_adjusted: 0});
  });
});

describe("benchstats compare: bad input names the option or file", () => {
  const cases: [string, string[], number, RegExp][] = [
    ["unknown model", ["compare", "claude-2.1", "nobody", "ALPACA"], 1, /alpaca\.parquet: models: compareAllPairs: model "nobody" has no values in the table/],
    ["same model twice", ["compare", "phi-2", "phi-2", "ALPACA"], 1, /<B>: compare a model with another one/],
    ["McNemar on preferences", ["compare", "phi-2", "claude-2.1", "ALPACA", "--test", "mcnemar"], 1, /McNemar's test needs 0\/1 values/],
    ["cluster with McNemar", ["compare", "--all", "ALPACA", "--test", "mcnemar", "--cluster", "dataset"], 1, /--cluster: the mcnemar test treats items as independent/],
    ["reps beyond the cap", ["compare", "phi-2", "claude-2.1", "ALPACA", "--test", "permutation", "--reps", "2000000"], 1, /--reps: expected an integer in \[1, 1000000\], got "2000000"/],
    ["unknown adjustment", ["compare", "--all", "ALPACA", "--adjust", "sidak"], 1, /--adjust: expected one of holm, hochberg, bh, by, bonferroni/],
    ["missing cluster column", ["compare", "phi-2", "claude-2.1", "ALPACA", "--cluster", "passage"], 1, /alpaca\.parquet.*passage/],
    ["two arguments", ["compare", "phi-2", "ALPACA"], 2, /compare needs <A> <B> <samples>, got 2 arguments/],
    ["--wins without --all", ["compare", "phi-2", "claude-2.1", "ALPACA", "--wins"], 2, /--wins, --models and --adjust go with --all/],
    ["missing file", ["compare", "--all", "MISSING"], 1, /missing\.csv/]
  ];
  for (const [name, args, status, message] of cases) {
    it(name, async () => {
      const result = await cli(...args.map((a) => (a === "ALPACA" ? alpaca : a === "MISSING" ? join(dir, "missing.csv") : a)));
      expect(result.status, result.stderr).toBe(status);
      expect(result.stderr).toMatch(message);
    });
  }

  it("shows its help", async () => {
    expect((await cli("compare", "--help")).stdout).toMatch(/Usage: benchstats compare <A> <B> <samples>/);
  });
});
