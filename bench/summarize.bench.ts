// `summarize` through DuckDB on a large synthetic samples pool: wall time, CPU time and peak RSS.
//
//   node --import tsx bench/summarize.bench.ts                          # 2,000 models × 50,000 items = 10⁸ rows
//   node --import tsx bench/summarize.bench.ts --models 200 --items 5000  # a quick run (10⁶ rows)
//   node --import tsx bench/summarize.bench.ts --threads 2 --memory 1GB   # DuckDB settings for the cases
//
// The pool (bench/pool.ts, shared with bench/scale.bench.ts) is written once, by DuckDB, as Parquet: model,
// item, passage (50 items to a passage), metric, value ∈ {0, 1, NaN} from a Rasch model with a passage
// effect (so answers within a passage are correlated and the clustered SE is larger than the plain one). Each case runs in
// its own process, so peak RSS (process.resourceUsage().maxRSS) belongs to that case alone; the figures
// are printed, not asserted (goal on the 2-core machine: ≤ 10 s and ≤ 2 GiB at 10⁸ rows). The machine is
// shared, so wall time may be inflated by other tenants; CPU time is the steadier figure.
import {spawnSync} from "node:child_process";
import {resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {parquetPool} from "./pool.js";

const {values} = parseArgs({
  options: {
    models: {type: "string"},
    items: {type: "string"},
    "cluster-size": {type: "string"},
    threads: {type: "string"},
    memory: {type: "string"},
    case: {type: "string"},
    file: {type: "string"}
  }
});
const root = resolve(fileURLToPath(import.meta.url), "..", "..");

const CASES = {
  "by model": {by: ["model"]},
  "by model, clustered by passage": {by: ["model"], cluster: "passage"}
} as const;

if (values.case) await runCase(values.case as keyof typeof CASES, values.file!);
else await main();

async function main(): Promise<void> {
  const models = Number(values.models ?? 2000);
  const items = Number(values.items ?? 50000);
  const clusterSize = Number(values["cluster-size"] ?? 50);
  if (![models, items, clusterSize].every((n) => Number.isInteger(n) && n > 0)) throw new Error("--models, --items and --cluster-size must be positive integers");
  const pool = await parquetPool({models, items, clusterSize, missing: 0.03});
  const file = pool.file;
  const rows = pool.rows;
  console.log(`pool: ${models.toLocaleString("en")} models × ${items.toLocaleString("en")} items = ${rows.toExponential(2)} rows, ${Math.ceil(items / clusterSize)} passages; Parquet ${(pool.bytes / 2 ** 20).toFixed(0)} MiB`);
  const env = {...process.env};
  if (values.threads) env.BENCHSTATS_DUCKDB_THREADS = values.threads;
  if (values.memory) env.BENCHSTATS_DUCKDB_MEMORY = values.memory;
  for (const name of Object.keys(CASES)) {
    const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--case", name, "--file", file], {env, encoding: "utf8", cwd: root});
    if (child.status !== 0) throw new Error(`case ${name} failed:\n${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split("\n").pop()!) as {wall: number; cpu: number; rss: number; groups: number; sample: string};
    console.log(
      `summarize ${name.padEnd(32)} wall ${(result.wall / 1000).toFixed(2).padStart(6)} s  cpu ${(result.cpu / 1000).toFixed(2).padStart(6)} s  peak RSS ${(result.rss / 2 ** 30).toFixed(2)} GiB  ` +
        `(${result.groups} groups; ${(rows / (result.wall / 1000) / 1e6).toFixed(0)} M rows/s; ${result.sample})`
    );
  }
}

async function runCase(name: keyof typeof CASES, file: string): Promise<void> {
  const {summarizeFile} = await import("../loaders/tidy/summarize.js");
  const {duckdb} = await import("../loaders/tidy/duckdb.js");
  await duckdb(); // start the database outside the timed part, as a long-running process has it
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await summarizeFile(file, CASES[name]);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const first = out[0];
  const sample = `${first.model}: mean ${first.mean.toFixed(4)}, se ${first.se.toExponential(2)}${first.n_clusters ? `, ${first.n_clusters} clusters` : ""}`;
  console.log(JSON.stringify({wall, cpu: (cpu.user + cpu.system) / 1000, rss: process.resourceUsage().maxRSS * 1024, groups: out.length, sample}));
}
