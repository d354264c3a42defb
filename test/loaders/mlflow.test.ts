import {cpSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readMlflowRuns, readMlflowSqlite, readRuns} from "../../loaders/index.js";
import {expectLocated, fixture} from "./helpers.js";

// The mlruns fixture is synthetic (no licensed real store was found), laid out as MLflow's FileStore writes it.
describe("readMlflowRuns(path)", () => {
  it("reads every live run of a store, labels from params, nested metric keys joined with '/'", async () => {
    const rows = (await readRuns(fixture("mlflow/mlruns"))).rows();
    expect(rows.map((r) => [r.seed, r.metric, r.step, r.value])).toEqual([
      ["1", "charts/episodic_return", 0, 9],
      ["1", "charts/episodic_return", 1000, 21.5],
      ["1", "charts/episodic_return", 2000, 48.25],
      ["1", "loss", 0, 0.9],
      ["1", "loss", 1000, NaN],
      ["2", "episodic_return", 0, 11] // a 2-field line (old MLflow): step 0
    ]);
    expect(rows[0]).toEqual({experiment: "cartpole-ppo", algorithm: "ppo", task: "CartPole-v1", seed: "1", step: 0, metric: "charts/episodic_return", value: 9, wall_time: 1700000101});
  });

  it("reads one experiment or one run folder", async () => {
    expect(await readMlflowRuns(fixture("mlflow/mlruns/1"))).toHaveLength(6);
    const run = (await readMlflowRuns(fixture("mlflow/mlruns/1/d4e5f6"))).rows();
    expect(run).toEqual([{experiment: "cartpole-ppo", algorithm: "ppo", task: "CartPole-v1", seed: "2", step: 0, metric: "episodic_return", value: 11, wall_time: 1700000131}]);
  });

  it("fails on a missing folder with its path", async () => {
    await expectLocated(readMlflowRuns(fixture("mlflow/nope")), /no such folder/, {file: fixture("mlflow/nope")});
  });

  it("fails on a malformed metric line with file and line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mlruns-"));
    cpSync(fixture("mlflow/mlruns"), dir, {recursive: true});
    const bad = join(dir, "1", "d4e5f6", "metrics", "episodic_return");
    writeFileSync(bad, "1700000131000 11.0 0\n1700000141000 twelve 1000\n");
    await expectLocated(readMlflowRuns(dir), /expected a number, got "twelve"/, {file: bad, line: 2, field: "value"});
  });
});

// An MLflow SQL store with the same content as the mlruns fixture, built with MLflow's table layout
// (mlflow/store/tracking/dbmodels/models.py; only the columns the reader uses plus the keys). Synthetic: no
// licensed real mlflow.db was found.
async function buildMlflowDb(file: string) {
  const initSqlJs = (await import("sql.js")).default;
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`
    CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name VARCHAR(256) UNIQUE NOT NULL, artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT);
    CREATE TABLE runs (run_uuid VARCHAR(32) PRIMARY KEY, name VARCHAR(250), source_type VARCHAR(20), user_id VARCHAR(256), status VARCHAR(9), start_time BIGINT, end_time BIGINT, lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER);
    CREATE TABLE metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL, step BIGINT DEFAULT 0 NOT NULL, is_nan BOOLEAN DEFAULT 0 NOT NULL, PRIMARY KEY (key, timestamp, step, run_uuid, value, is_nan));
    CREATE TABLE params (key VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid));
    CREATE TABLE tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY (key, run_uuid));
    INSERT INTO experiments VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', 1700000000000, 1700000000000), (1, 'cartpole-ppo', 'mlflow-artifacts:/1', 'active', 1700000100000, 1700000100000);
    INSERT INTO runs VALUES ('a1b2c3', 'ppo-seed1', 'LOCAL', 'user', 'FINISHED', 1700000100500, 1700000200000, 'active', 'mlflow-artifacts:/1/a1b2c3/artifacts', 1),
                            ('d4e5f6', 'ppo-seed2', 'LOCAL', 'user', 'FINISHED', 1700000100500, 1700000200000, 'active', 'mlflow-artifacts:/1/d4e5f6/artifacts', 1),
                            ('0badrun', 'ppo-seed1', 'LOCAL', 'user', 'FINISHED', 1700000100500, 1700000200000, 'deleted', 'mlflow-artifacts:/1/0badrun/artifacts', 1);
    INSERT INTO metrics VALUES ('charts/episodic_return', 9.0, 1700000101000, 'a1b2c3', 0, 0), ('charts/episodic_return', 21.5, 1700000111000, 'a1b2c3', 1000, 0),
                               ('charts/episodic_return', 48.25, 1700000121000, 'a1b2c3', 2000, 0), ('loss', 0.9, 1700000101000, 'a1b2c3', 0, 0),
                               ('loss', 0, 1700000111000, 'a1b2c3', 1000, 1), ('episodic_return', 11.0, 1700000131000, 'd4e5f6', 0, 0),
                               ('episodic_return', 5.0, 1700000101000, '0badrun', 0, 0);
    INSERT INTO params VALUES ('algorithm', 'ppo', 'a1b2c3'), ('env_id', 'CartPole-v1', 'a1b2c3'), ('seed', '1', 'a1b2c3'),
                              ('algorithm', 'ppo', 'd4e5f6'), ('env_id', 'CartPole-v1', 'd4e5f6'), ('seed', '2', 'd4e5f6');
    INSERT INTO tags VALUES ('mlflow.runName', 'ppo-seed1', 'a1b2c3');
  `);
  writeFileSync(file, db.export());
  db.close();
}

describe("readMlflowSqlite(file)", () => {
  it("reads the same rows from an mlflow.db as from the equivalent file store (is_nan → NaN, deleted runs skipped)", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "mlflow-db-")), "mlflow.db");
    await buildMlflowDb(file);
    expect((await readRuns(file)).rows()).toEqual((await readMlflowRuns(fixture("mlflow/mlruns"))).rows());
  });

  it("fails on a file that is not an SQLite database, and on one without MLflow's tables", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mlflow-db-"));
    const notDb = join(dir, "mlflow.db");
    writeFileSync(notDb, "key,value\n");
    await expectLocated(readMlflowSqlite(notDb), /expected an SQLite database/, {file: notDb, offset: 0});
    const initSqlJs = (await import("sql.js")).default;
    const db = new (await initSqlJs()).Database();
    db.run("CREATE TABLE other (x INTEGER)");
    const otherDb = join(dir, "other.db");
    writeFileSync(otherDb, db.export());
    await expectLocated(readMlflowSqlite(otherDb), /table\(s\) experiments, runs, metrics missing/, {file: otherDb});
  });
});
