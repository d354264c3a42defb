// Issue 14: a 10⁸-row result pool on one machine, end to end from a Parquet file. DuckDB writes a
// synthetic pool of 2,000 models × 50,000 items (bench/pool.ts: Rasch-generated 0/1 results, 3 % not run,
// items in passages of 50), then each case runs in its own process (so its peak RSS is its own):
//
//   summarize            per-model mean and SE in SQL (loaders/tidy/summarize.ts)      goal ≤ 10 s, ≤ 2 GiB
//   summarize, clustered the same with the passage-clustered SE                        goal ≤ 10 s, ≤ 2 GiB
//   response matrix      the models × items byte matrix (readResponseMatrix)           goal ≤ 30 s
//   Rasch                readResponseMatrix + fitIrt(matrix, {model: "rasch"})          goal ≤ 10 min
//   Plackett–Luce        readResponseMatrix + matrixToGroupedTop1 + plackettLuce        goal ≤ 10 min
//   ingest CSV / JSONL   readTable of a 2 × 10⁶-row long samples file (~65 MB)          goal ≥ 50 MB/s
//
//   node --import tsx bench/scale.bench.ts                               # the full pool (written once, minutes)
//   node --import tsx bench/scale.bench.ts --models 200 --items 5000     # a small pool, seconds
//   node --import tsx bench/scale.bench.ts --case rasch                  # one case
//
// Figures are printed, never asserted. This machine is shared: CPU time is the steadier figure, and the
// load average is printed beside each case.
import {spawnSync} from "node:child_process";
import {existsSync, readFileSync, statSync} from "node:fs";
import {loadavg} from "node:os";
import {resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {fitIrt, plackettLuce, type ResponseMatrix} from "../lib/index.js";
import {matrixToGroupedTop1} from "../lib/engine.js";
import {correlation} from "../test/irt/fixtures.js";
import {parquetPool, type PoolOptions} from "./pool.js";

const {values} = parseArgs({
  options: {
    models: {type: "string"},
    items: {type: "string"},
    case: {type: "string"},
    method: {type: "string"},
    child: {type: "string"}
  }
});

const options: PoolOptions = {
  models: Number(values.models ?? 2000),
  items: Number(values.items ?? 50000),
  clusterSize: 50,
  missing: 0.03
};

/** One case's figures, printed by the child as its last line of output. */
interface Figures {
  wall: number;
  cpu: number;
  rss: number;
  /** What the case measured besides time (rows, iterations, recovery). */
  note: string;
  /** Part of the wall time spent on a stage named in `note` (the matrix read of the fits). */
  stages?: Record<string, number>;
}

const CASES: Record<string, {goal: string; run: (file: string) => Promise<Figures>}> = {
  summarize: {goal: "≤ 10 s, ≤ 2 GiB", run: (file) => summarize(file, false)},
  "summarize, clustered": {goal: "≤ 10 s, ≤ 2 GiB", run: (file) => summarize(file, true)},
  "response matrix": {goal: "≤ 30 s", run: responseMatrix},
  Rasch: {goal: "≤ 10 min", run: rasch},
  "Plackett–Luce": {goal: "≤ 10 min", run: plackettLuceCase},
  "ingest CSV": {goal: "≥ 50 MB/s", run: (file) => ingest(file, "csv")},
  "ingest JSONL": {goal: "≥ 50 MB/s", run: (file) => ingest(file, "jsonl")}
};

async function main(): Promise<void> {
  const pool = await parquetPool(options);
  console.log(
    `node ${process.version}; pool ${options.models.toLocaleString("en")} models × ${options.items.toLocaleString("en")} items = ${pool.rows.toExponential(2)} rows, ` +
      `${(options.missing * 100).toFixed(0)} % not run, passages of ${options.clusterSize}; Parquet ${(pool.bytes / 2 ** 20).toFixed(0)} MiB (${pool.file})`
  );
  const wanted = values.case ? [values.case] : Object.keys(CASES);
  for (const name of wanted) {
    if (!CASES[name]) throw new Error(`unknown case ${name}; cases: ${Object.keys(CASES).join(", ")}`);
    const load = loadavg()[0];
    const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), ...process.argv.slice(2).filter((a, i, all) => a !== "--case" && all[i - 1] !== "--case"), "--case", name, "--child", pool.file], {encoding: "utf8", stdio: ["ignore", "pipe", "inherit"]});
    if (child.status !== 0) throw new Error(`case ${name} failed (status ${child.status})`);
    const figures = JSON.parse(child.stdout.trim().split("\n").pop()!) as Figures;
    const stages = Object.entries(figures.stages ?? {}).map(([stage, s]) => `${stage} ${s.toFixed(1)} s`).join(", ");
    console.log(
      `${name.padEnd(22)} wall ${figures.wall.toFixed(1).padStart(6)} s  cpu ${figures.cpu.toFixed(1).padStart(6)} s  peak RSS ${(figures.rss / 2 ** 30).toFixed(2)} GiB  ` +
        `(goal ${CASES[name].goal}; load ${load.toFixed(1)})${stages ? `  [${stages}]` : ""}\n    ${figures.note}`
    );
  }
}

/** Wall and CPU seconds of `f` and the process's peak RSS (bytes). */
async function timed<T>(f: () => Promise<T>): Promise<{result: T; wall: number; cpu: number; rss: number}> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await f();
  const c = process.cpuUsage(c0);
  return {result, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, rss: process.resourceUsage().maxRSS * 1024};
}

async function startDuckdb(): Promise<void> {
  // A long-running process has its database open already: start it outside the timed part.
  const {duckdb} = await import("../loaders/tidy/duckdb.js");
  await duckdb();
}

async function summarize(file: string, clustered: boolean): Promise<Figures> {
  const {summarizeFile} = await import("../loaders/tidy/summarize.js");
  await startDuckdb();
  const {result, ...time} = await timed(() => summarizeFile(file, clustered ? {by: ["model"], cluster: "passage"} : {by: ["model"]}));
  const first = result[0];
  return {...time, note: `${result.length} groups; ${first.model}: n ${first.n}, mean ${first.mean.toFixed(4)}, se ${first.se.toExponential(3)}${first.n_clusters ? `, ${first.n_clusters} clusters` : ""}`};
}

async function readMatrix(file: string): Promise<{matrix: ResponseMatrix; seconds: number}> {
  const {readResponseMatrix} = await import("../loaders/tidy/response-matrix.js");
  const t0 = performance.now();
  const {matrix} = await readResponseMatrix(file);
  return {matrix, seconds: (performance.now() - t0) / 1000};
}

async function responseMatrix(file: string): Promise<Figures> {
  await startDuckdb();
  const {result, ...time} = await timed(() => readMatrix(file));
  const {nRespondents, nItems, data} = result.matrix;
  let ones = 0;
  let missing = 0;
  for (let k = 0; k < data.length; ++k) {
    if (data[k] === 1) ++ones;
    else if (data[k] === 255) ++missing;
  }
  return {...time, note: `${nRespondents} × ${nItems} bytes (${(data.length / 2 ** 20).toFixed(0)} MiB): ${ones} ones, ${missing} not run`};
}

async function rasch(file: string): Promise<Figures> {
  await startDuckdb();
  let read = 0;
  let fitSeconds = 0;
  const {result: fit, ...time} = await timed(async () => {
    const {matrix, seconds} = await readMatrix(file);
    read = seconds;
    const t0 = performance.now();
    const out = fitIrt(matrix, {model: "rasch"});
    fitSeconds = (performance.now() - t0) / 1000;
    return out;
  });
  const truth = poolTruth(file).difficulties;
  const b = fit.items.map((item) => item.b);
  const kept = b.map((v, t) => [v, truth[t]]).filter(([v]) => Number.isFinite(v));
  return {
    ...time,
    stages: {"matrix read": read, fit: fitSeconds},
    note: `${fit.iterations} EM iterations, converged ${fit.converged}, logLik ${fit.logLik.toFixed(1)}; b against the true difficulty: r = ${correlation(kept.map((k) => k[0]), kept.map((k) => k[1])).toFixed(4)} (${kept.length} items)`
  };
}

async function plackettLuceCase(file: string): Promise<Figures> {
  await startDuckdb();
  const method = (values.method ?? "ilsr") as "ilsr" | "mm" | "lsr";
  const stages: Record<string, number> = {};
  const {result: fit, ...time} = await timed(async () => {
    const {matrix, seconds} = await readMatrix(file);
    stages["matrix read"] = seconds;
    let t0 = performance.now();
    const grouped = matrixToGroupedTop1(matrix);
    stages["grouped top-1"] = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const out = plackettLuce(grouped, {method});
    stages[`fit (${method})`] = (performance.now() - t0) / 1000;
    return out;
  });
  const abilities = poolTruth(file).abilities;
  return {...time, stages, note: `${fit.iterations} iterations, logLik ${fit.logLik.toFixed(1)}; strengths against the true ability: r = ${correlation(fit.params, abilities).toFixed(4)}`};
}

/** A long samples file of the pool's first 2 × 10⁶ rows (~65 MB), written once by DuckDB, read by readTable. */
async function ingest(file: string, format: "csv" | "jsonl"): Promise<Figures> {
  const {execute, sqlString} = await import("../loaders/tidy/duckdb.js");
  const {readTable} = await import("../loaders/tidy/read.js");
  const target = file.replace(/\.parquet$/, `.ingest.${format}`);
  if (!existsSync(target)) {
    const models = Math.max(1, Math.round(2e6 / options.items));
    await execute(
      `COPY (SELECT model, benchmark, item, metric, value FROM read_parquet(${sqlString(file)}) WHERE model < ${sqlString("m" + String(models).padStart(5, "0"))}) TO ${sqlString(target)} (FORMAT ${format === "csv" ? "csv, HEADER" : "json"})`
    );
  }
  await startDuckdb();
  const bytes = statSync(target).size;
  const {result, ...time} = await timed(() => readTable(target, "samples"));
  let tableBytes = 0;
  for (const column of Object.values(result.columns)) tableBytes += column instanceof Float64Array ? column.byteLength : column.codes.byteLength;
  return {
    ...time,
    note:
      `${(bytes / 1e6).toFixed(0)} MB, ${result.length.toLocaleString("en")} rows: ${(bytes / 1e6 / time.wall).toFixed(0)} MB/s wall, ${(bytes / 1e6 / time.cpu).toFixed(0)} MB/s per CPU second; ` +
      `the table holds ${(tableBytes / result.length).toFixed(1)} bytes a row (goal ≤ 16)`
  };
}

function poolTruth(file: string): {abilities: Float64Array; difficulties: Float64Array} {
  const {abilities, difficulties} = JSON.parse(readFileSync(file.replace(/\.parquet$/, ".truth.json"), "utf8")) as {abilities: number[]; difficulties: number[]};
  return {abilities: Float64Array.from(abilities), difficulties: Float64Array.from(difficulties)};
}

if (values.child) {
  const figures = await CASES[values.case!].run(values.child);
  console.log(JSON.stringify(figures));
  process.exit(0);
} else if (resolve(process.argv[1] ?? "") === fileURLToPath(import.meta.url)) await main();
