// A synthetic samples pool written to Parquet by DuckDB, shared by the scale and summarize benches.
//
// Models m00000… and items q000000… (zero-padded, so sorted order is numeric order: row i of a response
// matrix is model i). Abilities θ_m and difficulties b_i are N(0, 1) by Box–Muller from DuckDB's
// deterministic hash(), items come in passages of `clusterSize` with a passage effect (so answers within
// a passage are correlated and a clustered SE exceeds the plain one), a share `missing` of the cells is
// NaN (not run), and a cell is 1 with the Rasch probability σ(θ_m − b_i + passage effect). The same
// arguments always give the same file; the true θ and b go to a JSON file beside it.
import {existsSync, mkdirSync, readFileSync, renameSync, statSync} from "node:fs";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

export interface PoolOptions {
  models: number;
  items: number;
  /** Items per passage (the cluster column). */
  clusterSize: number;
  /** Share of cells not run (value NaN). */
  missing: number;
}

export interface Pool {
  file: string;
  rows: number;
  bytes: number;
  /** True abilities (per model) and difficulties (per item), in sorted-name order. */
  truth: () => {abilities: Float64Array; difficulties: Float64Array};
}

const root = resolve(fileURLToPath(import.meta.url), "..", "..");

/** The pool's Parquet file under .bench/pool/, written on first use (minutes at 10⁸ rows). */
export async function parquetPool(options: PoolOptions, log: (line: string) => void = console.log): Promise<Pool> {
  const {models, items, clusterSize, missing} = options;
  const dir = join(root, ".bench", "pool");
  mkdirSync(dir, {recursive: true});
  const stem = join(dir, `pool-${models}x${items}-c${clusterSize}-m${missing}`);
  const file = `${stem}.parquet`;
  if (!existsSync(file)) {
    const {execute, queryRows, sqlString} = await import("../loaders/tidy/duckdb.js");
    const t0 = performance.now();
    const normal = (a: string, k: number) => `sqrt(-2 * ln((hash(${a}, ${k}) % 1000000 + 1) / 1000001.0)) * cos(2 * pi() * (hash(${a}, ${k + 1}) % 1000000) / 1000000.0)`;
    await execute(`CREATE OR REPLACE TEMP TABLE pool_m AS SELECT m, 'm' || lpad(CAST(m AS VARCHAR), 5, '0') AS model, ${normal("m", 1)} AS theta FROM range(${models}) t(m)`);
    await execute(`CREATE OR REPLACE TEMP TABLE pool_i AS SELECT i, 'q' || lpad(CAST(i AS VARCHAR), 6, '0') AS item, 'p' || lpad(CAST(i // ${clusterSize} AS VARCHAR), 5, '0') AS passage, ${normal("i", 3)} AS b, 0.5 * ${normal("i // " + clusterSize, 5)} AS passage_effect FROM range(${items}) t(i)`);
    await execute(`COPY (
        SELECT model, 'synthetic' AS benchmark, item, passage, 'acc' AS metric,
          CASE WHEN (hash(m, i, 7) % 1000000) / 1e6 < ${missing} THEN 'NaN'::DOUBLE
               WHEN (hash(m, i, 8) % 1000000) / 1e6 < 1 / (1 + exp(b - passage_effect - theta)) THEN 1.0 ELSE 0.0 END AS value
        FROM pool_m, pool_i
      ) TO ${sqlString(`${file}.tmp`)} (FORMAT parquet, ROW_GROUP_SIZE 1048576)`);
    const truth = {
      abilities: (await queryRows("SELECT theta FROM pool_m ORDER BY model")).map((r) => Number(r.theta)),
      difficulties: (await queryRows("SELECT b - passage_effect AS b FROM pool_i ORDER BY item")).map((r) => Number(r.b))
    };
    const {writeFileSync} = await import("node:fs");
    writeFileSync(`${stem}.truth.json`, JSON.stringify(truth));
    renameSync(`${file}.tmp`, file);
    log(`wrote ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return {
    file,
    rows: models * items,
    bytes: statSync(file).size,
    truth: () => {
      const {abilities, difficulties} = JSON.parse(readFileSync(`${stem}.truth.json`, "utf8")) as {abilities: number[]; difficulties: number[]};
      return {abilities: Float64Array.from(abilities), difficulties: Float64Array.from(difficulties)};
    }
  };
}
