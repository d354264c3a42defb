import {cpSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {readMlflowRuns, readRuns} from "../../loaders/index.js";
import {expectLocated, fixture} from "./helpers.js";

// The mlruns fixture is synthetic (no licensed real store was found), laid out as MLflow's FileStore writes it.
describe("readMlflowRuns(path)", () => {
  it("reads every live run of a store, labels from params, nested metric keys joined with '/'", async () => {
    const rows = await readRuns(fixture("mlflow/mlruns"));
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
    const run = await readMlflowRuns(fixture("mlflow/mlruns/1/d4e5f6"));
    expect(run).toEqual([{experiment: "cartpole-ppo", algorithm: "ppo", task: "CartPole-v1", seed: "2", step: 0, metric: "episodic_return", value: 11, wall_time: 1700000131}]);
  });

  it("fails on a malformed metric line with file and line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mlruns-"));
    cpSync(fixture("mlflow/mlruns"), dir, {recursive: true});
    const bad = join(dir, "1", "d4e5f6", "metrics", "episodic_return");
    writeFileSync(bad, "1700000131000 11.0 0\n1700000141000 twelve 1000\n");
    await expectLocated(readMlflowRuns(dir), /expected a number, got "twelve"/, {file: bad, line: 2, field: "value"});
  });
});
