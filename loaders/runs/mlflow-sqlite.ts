import {readFile} from "node:fs/promises";
import initSqlJs from "sql.js";
import type {Database, SqlValue} from "sql.js";
import {fail} from "../common/fail.js";
import type {RunLabels, RunRow} from "../types.js";

// MLflow stores ±Infinity as ±sys.float_info.max in SQL backends (mlflow/store/tracking/sqlalchemy_store.py).
const FLOAT_MAX = 1.7976931348623157e308;

/**
 * Reads an MLflow SQL tracking store exported as an SQLite file (`mlflow.db`, the `sqlite:///mlflow.db` backend)
 * into `runs` rows, with the same labelling as {@link readMlflowRuns} for file stores: `experiment` = the
 * experiment name; `algorithm` = param `algorithm`/`algo`, else the run name; `task` = param `task`/`env`/`env_id`;
 * `seed` = param `seed`, else the run id; `wall_time` = timestamp / 1000.
 *
 * Tables (mlflow/store/tracking/dbmodels/models.py): `experiments(experiment_id, name, …)`,
 * `runs(run_uuid, name, experiment_id, lifecycle_stage, …)`, `metrics(key, value, timestamp, step, is_nan,
 * run_uuid)`, `params(key, value, run_uuid)`, `tags(key, value, run_uuid)`. `is_nan` rows become NaN and the
 * stored ±float max become ±Infinity; runs with `lifecycle_stage = 'deleted'` are skipped. sql.js holds the
 * whole database in memory (as bytes, not text), which suits tracking databases of up to a few hundred MB.
 *
 * @example
 * await readMlflowSqlite("mlflow.db");
 * // [{experiment: "cartpole-ppo", algorithm: "ppo", task: "CartPole-v1", seed: "1", step: 0, metric: "episodic_return", value: 9, wall_time: 1700000101}, …]
 */
export async function readMlflowSqlite(file: string, labels: RunLabels = {}): Promise<RunRow[]> {
  const bytes = await readFile(file).catch((e: Error) => fail("io", `cannot read: ${e.message}`, {file}));
  if (!isSqlite(bytes)) fail("format", 'expected an SQLite database (MLflow "sqlite:///mlflow.db" store); the header does not match', {file, offset: 0});
  const SQL = await initSqlJs();
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (e) {
    fail("parse", `unreadable SQLite database: ${(e as Error).message}`, {file});
  }
  try {
    const tables = new Set(query(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r[0])));
    const missing = ["experiments", "runs", "metrics"].filter((t) => !tables.has(t));
    if (missing.length) fail("format", `not an MLflow tracking database: table(s) ${missing.join(", ")} missing`, {file});
    const params = new Map<string, Map<string, string>>();
    const lookup = (table: string) => {
      if (!tables.has(table)) return;
      for (const [run, key, value] of query(db, `SELECT run_uuid, key, value FROM ${table}`)) {
        const id = String(run);
        if (!params.has(id)) params.set(id, new Map());
        params.get(id)!.set(`${table}:${String(key)}`, String(value ?? ""));
      }
    };
    lookup("params");
    lookup("tags");
    const runs = new Map<string, Omit<RunRow, "step" | "metric" | "value" | "wall_time">>();
    for (const [runId, runName, experimentName] of query(
      db,
      "SELECT r.run_uuid, r.name, e.name FROM runs r JOIN experiments e ON r.experiment_id = e.experiment_id WHERE r.lifecycle_stage IS NULL OR r.lifecycle_stage != 'deleted'"
    )) {
      const id = String(runId);
      const p = params.get(id) ?? new Map<string, string>();
      const name = (runName ? String(runName) : undefined) || p.get("tags:mlflow.runName");
      runs.set(id, {
        experiment: labels.experiment ?? String(experimentName),
        algorithm: labels.algorithm ?? p.get("params:algorithm") ?? p.get("params:algo") ?? name ?? "",
        task: labels.task ?? p.get("params:task") ?? p.get("params:env") ?? p.get("params:env_id") ?? "",
        seed: labels.seed ?? p.get("params:seed") ?? id
      });
    }
    const rows: RunRow[] = [];
    for (const [runId, key, value, timestamp, step, isNan] of query(db, "SELECT run_uuid, key, value, timestamp, step, is_nan FROM metrics ORDER BY run_uuid, key, step, timestamp")) {
      const run = runs.get(String(runId));
      if (!run) continue;
      let v = Number(value);
      if (isNan) v = NaN;
      else if (v >= FLOAT_MAX) v = Infinity;
      else if (v <= -FLOAT_MAX) v = -Infinity;
      rows.push({...run, step: Number(step ?? 0), metric: String(key), value: v, wall_time: Number(timestamp) / 1000});
    }
    return rows;
  } catch (e) {
    if (e instanceof Error && e.name === "BenchstatsError") throw e;
    fail("parse", `corrupt or unexpected MLflow database: ${(e as Error).message}`, {file});
  } finally {
    db.close();
  }
}

/** Whether `bytes` start with the SQLite file header. */
export function isSqlite(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 16)).toString("latin1") === "SQLite format 3\u0000";
}

function query(db: Database, sql: string): SqlValue[][] {
  return db.exec(sql)[0]?.values ?? [];
}
