import {readFile} from "node:fs/promises";
import {BenchstatsError} from "../../lib/core/errors.js";
import {fail} from "../common/fail.js";
import {openSqlite, sqliteError, sqliteRows} from "../common/sqlite.js";
import {SkipCounter} from "../common/warn.js";
import {TidyTableBuilder} from "../tidy/builder.js";
import type {RunRow} from "../tidy/rows.js";
import type {TidyTable} from "../tidy/table.js";
import type {MlflowOptions} from "./mlflow.js";

// MLflow stores ±Infinity as ±sys.float_info.max in SQL backends (mlflow/store/tracking/sqlalchemy_store.py).
const FLOAT_MAX = 1.7976931348623157e308;

/**
 * Reads an MLflow SQL tracking store exported as an SQLite file (`mlflow.db`, the `sqlite:///mlflow.db` backend)
 * into a `runs` table, with the same labelling as {@link readMlflowRuns} for file stores: `experiment` = the
 * experiment name; `algorithm` = param `algorithm`/`algo`, else the run name; `task` = param `task`/`env`/`env_id`;
 * `seed` = param `seed`, else the run id; `wall_time` = timestamp / 1000.
 *
 * Tables (mlflow/store/tracking/dbmodels/models.py): `experiments(experiment_id, name, …)`,
 * `runs(run_uuid, name, experiment_id, lifecycle_stage, …)`, `metrics(key, value, timestamp, step, is_nan,
 * run_uuid)`, `params(key, value, run_uuid)`, `tags(key, value, run_uuid)`. `is_nan` rows become NaN and the
 * stored ±float max (MLflow's ±Infinity) fail, naming the run and step, since a tidy table holds finite
 * numbers; runs with `lifecycle_stage = 'deleted'` are skipped and counted in one warning (`onWarning`). A
 * file that is not SQLite, or is cut short, fails with its byte offset ({@link openSqlite}). sql.js holds the
 * whole database in memory (as bytes, not text), which suits tracking databases of up to a few hundred MB.
 *
 * @example
 * (await readMlflowSqlite("mlflow.db")).rows();
 * // [{experiment: "cartpole-ppo", algorithm: "ppo", task: "CartPole-v1", seed: "1", step: 0, metric: "episodic_return", value: 9, wall_time: 1700000101}, …]
 */
export async function readMlflowSqlite(file: string, options: MlflowOptions = {}): Promise<TidyTable<RunRow>> {
  const bytes = await readFile(file).catch((e: Error) => fail("io", `cannot read: ${e.message}`, {file}));
  const sqlite = await openSqlite(bytes, file, 'an MLflow "sqlite:///mlflow.db" store');
  const {db} = sqlite;
  try {
    const tables = new Set(sqliteRows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r[0])));
    const missing = ["experiments", "runs", "metrics"].filter((t) => !tables.has(t));
    if (missing.length) fail("format", `not an MLflow tracking database: table(s) ${missing.join(", ")} missing`, {file});
    const params = new Map<string, Map<string, string>>();
    const lookup = (table: string) => {
      if (!tables.has(table)) return;
      for (const [run, key, value] of sqliteRows(db, `SELECT run_uuid, key, value FROM ${table}`)) {
        const id = String(run);
        if (!params.has(id)) params.set(id, new Map());
        params.get(id)!.set(`${table}:${String(key)}`, String(value ?? ""));
      }
    };
    lookup("params");
    lookup("tags");
    const runs = new Map<string, Pick<RunRow, "experiment" | "algorithm" | "task" | "seed">>();
    const skipped = new SkipCounter();
    for (const [runId, runName, experimentName, stage] of sqliteRows(db, "SELECT r.run_uuid, r.name, e.name, r.lifecycle_stage FROM runs r JOIN experiments e ON r.experiment_id = e.experiment_id")) {
      const id = String(runId);
      if (stage === "deleted") {
        skipped.add("deleted runs (lifecycle_stage = 'deleted', as MLflow hides them)", {file, field: `runs.${id}`});
        continue;
      }
      const p = params.get(id) ?? new Map<string, string>();
      const name = (runName ? String(runName) : undefined) || p.get("tags:mlflow.runName");
      runs.set(id, {
        experiment: options.experiment ?? String(experimentName),
        algorithm: options.algorithm ?? p.get("params:algorithm") ?? p.get("params:algo") ?? name ?? "",
        task: options.task ?? p.get("params:task") ?? p.get("params:env") ?? p.get("params:env_id") ?? "",
        seed: options.seed ?? p.get("params:seed") ?? id
      });
    }
    const builder = new TidyTableBuilder<RunRow>("runs", {source: file, emptyAllowed: ["algorithm", "task"]});
    for (const [runId, key, value, timestamp, step, isNan] of sqliteRows(db, "SELECT run_uuid, key, value, timestamp, step, is_nan FROM metrics ORDER BY run_uuid, key, step, timestamp")) {
      const run = runs.get(String(runId));
      if (!run) continue;
      const v = isNan ? NaN : Number(value);
      const at = {file, field: `metrics.${String(key)}`};
      if (Math.abs(v) >= FLOAT_MAX || !(Number.isFinite(v) || Number.isNaN(v))) {
        fail("value", `expected a finite number, got ${v > 0 ? "+" : "-"}Infinity (stored as ±float max) in run ${String(runId)} at step ${String(step)}`, at);
      }
      builder.add({...run, step: Number(step ?? 0), metric: String(key), value: v, wall_time: Number(timestamp) / 1000}, at);
    }
    skipped.report(options, file);
    if (builder.size === 0) throw new BenchstatsError("empty", "no metric values: the store's live runs logged no metrics", {file});
    return builder.finish();
  } catch (e) {
    throw sqliteError(e, sqlite, "corrupt or unexpected MLflow database");
  } finally {
    db.close();
  }
}
