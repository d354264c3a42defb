// Loads the IRT test fixtures (test/fixtures/irt) and the bundled example data (data/irt).
import {readFileSync} from "node:fs";
import {gunzipSync} from "node:zlib";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const fixtureDir = join(here, "..", "fixtures", "irt");
export const dataDir = join(here, "..", "..", "data", "irt");

/** A *_patterns.csv file: 5 item columns and a frequency column. */
export function loadPatterns(name: "lsat7" | "lsat6"): {x: number[][]; freq: number[]} {
  const lines = readFileSync(join(fixtureDir, `${name}_patterns.csv`), "utf8").trim().split("\n").slice(1);
  const rows = lines.map((l) => l.split(",").map(Number));
  return {x: rows.map((r) => r.slice(0, 5)), freq: rows.map((r) => r[5])};
}

/** Expands patterns with frequencies to one row per respondent. */
export function expand({x, freq}: {x: number[][]; freq: number[]}): number[][] {
  const out: number[][] = [];
  x.forEach((row, i) => {
    for (let k = 0; k < freq[i]; ++k) out.push(row.slice());
  });
  return out;
}

export function loadJson<T = any>(name: string): T {
  return JSON.parse(readFileSync(join(fixtureDir, name), "utf8")) as T;
}

/** The ChemBench 22 models × 2854 items matrix. */
export function loadChembench(): {models: string[]; x: number[][]} {
  const lines = readFileSync(join(dataDir, "chembench_models_x_items.csv"), "utf8").trim().split("\n").slice(1);
  const models: string[] = [];
  const x = lines.map((l) => {
    const parts = l.split(",");
    models.push(parts[0]);
    return parts.slice(1).map(Number);
  });
  return {models, x};
}

/** The simulated 2PL set: responses (1000 × 2000) and true parameters. */
export function loadSimulated(): {x: Float64Array[]; a: number[]; d: number[]; theta: number[]} {
  const text = gunzipSync(readFileSync(join(dataDir, "sim_2pl_responses.txt.gz"))).toString("utf8").trim().split("\n");
  const x = text.map((l) => Float64Array.from(l, (c) => (c === "1" ? 1 : 0)));
  const items = readFileSync(join(dataDir, "sim_2pl_items.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
  const theta = readFileSync(join(dataDir, "sim_2pl_theta.csv"), "utf8").trim().split("\n").slice(1).map((l) => Number(l.split(",")[1]));
  return {x, a: items.map((r) => r[1]), d: items.map((r) => r[3]), theta};
}

export function correlation(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const n = u.length;
  let mu = 0;
  let mv = 0;
  for (let i = 0; i < n; ++i) {
    mu += u[i];
    mv += v[i];
  }
  mu /= n;
  mv /= n;
  let suv = 0;
  let su = 0;
  let sv = 0;
  for (let i = 0; i < n; ++i) {
    suv += (u[i] - mu) * (v[i] - mv);
    su += (u[i] - mu) ** 2;
    sv += (v[i] - mv) ** 2;
  }
  return suv / Math.sqrt(su * sv);
}
