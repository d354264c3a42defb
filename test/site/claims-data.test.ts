// The data loaders of "Is A really better than B?" (src/data/claims-*.ts), run as Framework runs them, checked
// against independent computations on the real data: the matrices parsed here with plain string splitting
// (test/inference/eval-data.ts), textbook formulas written out below, and the statsmodels/scipy reference
// values committed in test/fixtures/inference/.
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import erfc from "@stdlib/math-base-special-erfc";
import {beforeAll, describe, expect, it} from "vitest";
import {queryRows, sqlString} from "../../loaders/tidy/duckdb.js";
import {alpacaRows, chembenchRows, reference, type SampleRow} from "../inference/eval-data.js";
import {pairedReference} from "../inference/paired-data.js";

const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
const loader = (name: string): Buffer => execFileSync(tsx, [fileURLToPath(new URL(`../../src/data/${name}`, import.meta.url))], {maxBuffer: 1 << 28});
const dir = mkdtempSync(join(tmpdir(), "claims-data-"));
async function parquetRows<T>(name: string): Promise<T[]> {
  const file = join(dir, name.replace(/\.ts$/, ""));
  writeFileSync(file, loader(name));
  return (await queryRows(`SELECT * FROM read_parquet(${sqlString(file)})`)) as T[];
}

/** |a − b| within `relative`·|b| (and 1e-15 absolute, for values at 0). */
const near = (a: number, b: number, relative = 1e-12) => Math.abs(a - b) <= relative * Math.abs(b) + 1e-15;
/** Two-sided normal p-value of z. */
const normalP = (z: number) => erfc(Math.abs(z) / Math.SQRT2);

/**
 * Each model's values in the order of `items` (NaN = not measured), from independently parsed rows (item
 * names trimmed: the ChemBench file ends its lines with CR LF, which eval-data.ts's split on LF keeps).
 */
function byModel(parsed: SampleRow[]): {items: string[]; values: Map<string, number[]>; dataset: Map<string, string>} {
  const rows = parsed.map((r) => ({...r, item: r.item.trim()}));
  const items = [...new Set(rows.map((r) => r.item))];
  const at = new Map(items.map((item, i) => [item, i]));
  const values = new Map<string, number[]>();
  const dataset = new Map<string, string>();
  for (const r of rows) {
    if (!values.has(r.model)) values.set(r.model, items.map(() => NaN));
    values.get(r.model)![at.get(r.item)!] = r.value;
    if (r.dataset) dataset.set(r.item, r.dataset);
  }
  return {items, values, dataset};
}

const alpaca = byModel(alpacaRows().map((r) => ({...r, value: r.value - 1})));
const chembench = byModel(chembenchRows());

/** The paired z test written out: d̄, s_d/√n, and the clustered CR0 standard error when clusters are given. */
function pairedByHand(x: number[], y: number[], clusters?: string[]) {
  const shared = x.map((_, i) => i).filter((i) => !Number.isNaN(x[i]) && !Number.isNaN(y[i]));
  const d = shared.map((i) => x[i] - y[i]);
  const n = d.length;
  const mean = d.reduce((s, v) => s + v, 0) / n;
  let se = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) / n);
  if (clusters) {
    const sums = new Map<string, number>();
    shared.forEach((i, k) => sums.set(clusters[i], (sums.get(clusters[i]) ?? 0) + d[k] - mean));
    se = Math.sqrt([...sums.values()].reduce((s, v) => s + v * v, 0)) / n;
  }
  return {n, mean, se, pValue: normalP(mean / se)};
}

describe("claims-samples.parquet.ts", () => {
  let rows: {model: string; benchmark: string; item: string; metric: string; value: number; dataset: string | null}[];
  beforeAll(async () => void (rows = await parquetRows("claims-samples.parquet.ts")), 120_000);

  it("holds AlpacaEval 2 as preference − 1 with each instruction's source dataset, empty cells left out", () => {
    const mine = rows.filter((r) => r.benchmark === "alpaca_eval_2");
    expect(mine).toHaveLength(58 * 805 - 10);
    expect(new Set(mine.map((r) => r.metric))).toEqual(new Set(["win"]));
    const index = new Map(alpaca.items.map((item, i) => [item, i]));
    for (const r of mine) {
      expect(r.value).toBe(alpaca.values.get(r.model)![index.get(r.item)!]);
      expect(r.dataset).toBe(alpaca.dataset.get(r.item));
    }
  });

  it("holds ChemBench's 0/1 answers for all 22 models × 2,854 questions, without clusters", () => {
    const mine = rows.filter((r) => r.benchmark === "chembench");
    expect(mine).toHaveLength(22 * 2854);
    const index = new Map(chembench.items.map((item, i) => [item, i]));
    for (const r of mine) expect(r.value).toBe(chembench.values.get(r.model)![index.get(r.item)!]);
    expect(mine.every((r) => !r.dataset && r.metric === "all_correct")).toBe(true);
  });
});

describe("claims-pairs.parquet.ts", () => {
  type Pair = {benchmark: string; test: string; model_a: string; model_b: string; n: number; mean: number; se: number | null; lower: number | null; upper: number | null; statistic: number; p_value: number; a_only: number | null; b_only: number | null; n_clusters: number | null};
  let pairs: Pair[];
  beforeAll(async () => void (pairs = await parquetRows<Pair>("claims-pairs.parquet.ts")), 120_000);
  const of = (benchmark: string, test: string) => pairs.filter((p) => p.benchmark === benchmark && p.test === test);

  it("compares every pair once per test: 1,653 AlpacaEval pairs (plain and clustered), 231 ChemBench pairs (z and McNemar)", () => {
    expect(of("alpaca_eval_2", "paired")).toHaveLength(1653);
    expect(of("alpaca_eval_2", "paired-clustered")).toHaveLength(1653);
    expect(of("chembench", "paired")).toHaveLength(231);
    expect(of("chembench", "mcnemar")).toHaveLength(231);
    expect(pairs).toHaveLength(2 * 1653 + 2 * 231);
  });

  it("gives each pair the mean difference, standard error and p-value of the paired z test written out", () => {
    const clusters = alpaca.items.map((item) => alpaca.dataset.get(item)!);
    for (const [benchmark, test, data, groups] of [
      ["alpaca_eval_2", "paired", alpaca, undefined],
      ["alpaca_eval_2", "paired-clustered", alpaca, clusters],
      ["chembench", "paired", chembench, undefined]
    ] as const) {
      for (const p of of(benchmark, test)) {
        const hand = pairedByHand(data.values.get(p.model_a)!, data.values.get(p.model_b)!, groups);
        expect(p.n).toBe(hand.n);
        expect(near(p.mean, hand.mean), `${test} ${p.model_a} − ${p.model_b} mean`).toBe(true);
        if (hand.se === 0) continue; // a constant difference: checked below
        expect(near(p.se!, hand.se, 1e-10), `${test} ${p.model_a} − ${p.model_b} se`).toBe(true);
        expect(near(p.p_value, hand.pValue, 1e-8) || (p.p_value < 1e-290 && hand.pValue < 1e-290), `${test} ${p.model_a} − ${p.model_b} p`).toBe(true);
      }
    }
    expect(of("alpaca_eval_2", "paired-clustered").every((p) => p.n_clusters === 5)).toBe(true);
  });

  it("agrees with statsmodels' OLS on a constant (plain and cluster covariance) for the reference pairs", () => {
    const find = (benchmark: string, test: string, a: string, b: string) => {
      const hit = of(benchmark, test).find((p) => (p.model_a === a && p.model_b === b) || (p.model_a === b && p.model_b === a))!;
      return {hit, sign: hit.model_a === a ? 1 : -1};
    };
    for (const ref of pairedReference.paired.alpaca_eval) {
      const plain = find("alpaca_eval_2", "paired", ref.model_a, ref.model_b);
      expect(near(plain.sign * plain.hit.mean, ref.mean)).toBe(true);
      expect(near(plain.hit.se!, ref.se)).toBe(true);
      const clustered = find("alpaca_eval_2", "paired-clustered", ref.model_a, ref.model_b);
      expect(near(clustered.hit.se!, ref.se_cr0!)).toBe(true);
      if (ref.p_cr0! > 1e-300) expect(near(clustered.hit.p_value, ref.p_cr0!, 1e-9)).toBe(true);
    }
    for (const ref of pairedReference.paired.chembench) {
      const {hit, sign} = find("chembench", "paired", ref.model_a, ref.model_b);
      expect(near(sign * hit.mean, ref.mean)).toBe(true);
      expect(near(hit.se!, ref.se)).toBe(true);
      if (ref.p > 1e-300) expect(near(hit.p_value, ref.p, 1e-9)).toBe(true);
    }
  });

  it("runs McNemar's test as statsmodels does: exact below 25 discordant items, else χ² with continuity correction", () => {
    for (const ref of pairedReference.mcnemar) {
      const {hit, sign} = (() => {
        const p = of("chembench", "mcnemar").find((q) => (q.model_a === ref.model_a && q.model_b === ref.model_b) || (q.model_a === ref.model_b && q.model_b === ref.model_a))!;
        return {hit: p, sign: p.model_a === ref.model_a ? 1 : -1};
      })();
      const [aOnly, bOnly] = sign > 0 ? [hit.a_only, hit.b_only] : [hit.b_only, hit.a_only];
      expect([aOnly, bOnly]).toEqual([ref.a_only, ref.b_only]);
      const exact = ref.a_only + ref.b_only < 25;
      const expected = exact ? ref.exact_p_rational : ref.chi2_p;
      if (expected > 1e-300) expect(near(hit.p_value, expected, 1e-9), `${ref.model_a} vs ${ref.model_b}`).toBe(true);
      else expect(hit.p_value).toBeLessThan(1e-290);
    }
  });
});

describe("claims-leaderboards.json.ts", () => {
  type Bar = {model: string; n: number; mean: number; se: number; lower: number; upper: number; clustered: {se: number; lower: number; upper: number; nClusters: number} | null};
  type Board = {id: string; items: number; models: Bar[]; ranks: {model: string; rank: number; lower: number; upper: number; pFirst: number}[]; clusters: {name: string; items: number}[]};
  let out: {benchmarks: Board[]; arenaHard: {model: string; score: number; lower: number; upper: number}[]};
  beforeAll(() => void (out = JSON.parse(loader("claims-leaderboards.json.ts").toString("utf8"))), 120_000);
  const board = (id: string) => out.benchmarks.find((b) => b.id === id)!;

  it("gives AlpacaEval's error bars as statsmodels does, plain and clustered by source dataset (means shifted by −1)", () => {
    const ref = reference.cases.find((c) => c.name === "alpaca_by_model_cluster_dataset")!;
    const bars = board("alpaca_eval_2").models;
    expect(bars).toHaveLength(ref.rows.length);
    for (const row of ref.rows) {
      const mine = bars.find((b) => b.model === row.model)!;
      expect(mine.n).toBe(row.n);
      expect(near(mine.mean, row.mean - 1, 1e-11)).toBe(true);
      expect(near(mine.se, row.se)).toBe(true);
      expect(near(mine.clustered!.se, row.se_cr0 as number)).toBe(true);
      // Widths to 1e-14 absolute: statsmodels leaves 2e-15 for the baseline judged against itself (width 0).
      expect(Math.abs(mine.clustered!.upper - mine.clustered!.lower - ((row.upper_cr0 as number) - (row.lower_cr0 as number)))).toBeLessThan(1e-14);
      expect(mine.clustered!.nClusters).toBe(5);
    }
    expect(board("alpaca_eval_2").clusters.map((c) => c.name)).toEqual(["helpful_base", "koala", "oasst", "selfinstruct", "vicuna"]);
    expect(board("alpaca_eval_2").clusters.reduce((s, c) => s + c.items, 0)).toBe(805);
  });

  it("gives ChemBench's error bars as statsmodels does, with no clustered ones", () => {
    const ref = reference.cases.find((c) => c.name === "chembench_by_model")!;
    for (const row of ref.rows) {
      const mine = board("chembench").models.find((b) => b.model === row.model)!;
      expect([mine.n, near(mine.mean, row.mean), near(mine.se, row.se), near(mine.lower, row.lower), mine.clustered]).toEqual([row.n, true, true, true, null]);
    }
  });

  it("ranks every model by its mean, with a bootstrap rank interval around that rank", () => {
    for (const [id, data] of [["alpaca_eval_2", alpaca], ["chembench", chembench]] as const) {
      const means = [...data.values].map(([model, v]) => {
        const present = v.filter((x) => !Number.isNaN(x));
        return {model, mean: present.reduce((s, x) => s + x, 0) / present.length};
      });
      const order = means.sort((a, b) => b.mean - a.mean).map((m) => m.model);
      const ranks = board(id).ranks;
      expect(ranks).toHaveLength(order.length);
      for (const r of ranks) {
        expect(r.rank, r.model).toBe(order.indexOf(r.model) + 1);
        expect(r.lower <= r.rank && r.rank <= r.upper).toBe(true);
      }
      expect(ranks.reduce((s, r) => s + r.pFirst, 0)).toBeCloseTo(1, 12);
    }
  });

  it("passes the Arena-Hard leaderboard through with its published intervals", () => {
    const [, ...lines] = readFileSync(fileURLToPath(new URL("../../data/scores/arena_hard/arena_hard_leaderboard_20240731.csv", import.meta.url)), "utf8").trimEnd().split("\n");
    const csv = lines.map((line) => line.split(","));
    expect(out.arenaHard.map((r) => [r.model, r.score, r.lower, r.upper])).toEqual(csv.map((c) => [c[0], Number(c[1]), Number(c[2]), Number(c[3])]));
  });
});
