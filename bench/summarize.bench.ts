// `summarize` through DuckDB on a large synthetic samples pool: wall time, CPU time and peak RSS.
//
//   node --import tsx bench/summarize.bench.ts                          # 2,000 models × 50,000 items = 10⁸ rows
//   node --import tsx bench/summarize.bench.ts --models 200 --items 5000  # a quick run (10⁶ rows)
//   node --import tsx bench/summarize.bench.ts --threads 2 --memory 1GB   # DuckDB settings for the cases
//
// The pool is written once, by DuckDB, to .bench/summarize/ as Parquet: model, item, passage (50 items to a
// passage), metric, value ∈ {0, 1} with P(1) = the model's skill + the passage's difficulty (so answers
// within a passage are correlated and the clustered SE is larger than the plain one). Each case runs in
// its own process, so peak RSS (process.resourceUsage().maxRSS) belongs to that case alone; the figures
// are printed, not asserted (goal on the 2-core machine: ≤ 10 s and ≤ 2 GiB at 10⁸ rows). The machine is
// shared, so wall time may be inflated by other tenants; CPU time is the steadier figure.
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, statSync} from "node:fs";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";

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
  const dir = join(root, ".bench", "summarize");
  mkdirSync(dir, {recursive: true});
  const file = join(dir, `samples-${models}x${items}-c${clusterSize}.parquet`);
  if (!existsSync(file)) {
    const t0 = performance.now();
    await generate(file, models, items, clusterSize);
    console.log(`wrote ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const rows = models * items;
  console.log(`pool: ${models.toLocaleString("en")} models × ${items.toLocaleString("en")} items = ${rows.toExponential(2)} rows, ${Math.ceil(items / clusterSize)} passages; Parquet ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`);
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

async function generate(file: string, models: number, items: number, clusterSize: number): Promise<void> {
  const {execute, sqlString} = await import("../loaders/tidy/duckdb.js");
  const tmp = `${file}.tmp`;
  // hash() is DuckDB's deterministic 64-bit hash: the same pool on every run. Skills spread over [0.2, 0.8],
  // passage difficulties over [−0.15, 0.15].
  await execute(`COPY (
      SELECT 'm' || lpad(CAST(m AS VARCHAR), 5, '0') AS model,
        'q' || CAST(i AS VARCHAR) AS item,
        'p' || CAST(i // ${clusterSize} AS VARCHAR) AS passage,
        'acc' AS metric,
        CASE WHEN (hash(m, i) % 1000000) / 1e6 < 0.2 + 0.6 * (hash(m, -1) % 1000) / 1e3 + 0.3 * ((hash(-1, i // ${clusterSize}) % 1000) / 1e3 - 0.5)
          THEN 1.0 ELSE 0.0 END AS value
      FROM range(${models}) AS a(m), range(${items}) AS b(i)
    ) TO ${sqlString(tmp)} (FORMAT parquet)`);
  const {rename} = await import("node:fs/promises");
  await rename(tmp, file);
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
