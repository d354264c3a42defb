import {readFileSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {aggregateIqm, aggregateMean, intervalEstimates} from "../../lib/index.js";
import {cli, cliJson, fixture} from "./helpers.js";

type Row = Record<string, number | string>;
const golden = JSON.parse(readFileSync(fixture("rliable_tiny.json"), "utf8"));
const tiny = fixture("rliable_tiny_runs.csv");
const atari = fixture("atari100k_hns_runs.csv");

describe("benchstats interval on rliable's golden tiny matrices", () => {
  it("gives rliable's point estimates for mean, median, IQM and optimality gap (1e-12)", async () => {
    const rows = await cliJson<Row[]>("interval", tiny, "--reps", "200", "-q");
    const names = {mean: "mean", median: "median", iqm: "iqm", og: "optimality_gap_gamma1"} as const;
    for (const algorithm of ["X", "Y"]) {
      for (const [statistic, key] of Object.entries(names)) {
        const row = rows.find((r) => r.algorithm === algorithm && r.statistic === statistic)!;
        expect(row.point as number).toBeCloseTo(golden.aggregates[algorithm][key], 12);
        expect(row.lower as number).toBeLessThanOrEqual(row.upper as number);
      }
    }
    const og = await cliJson<Row[]>("interval", tiny, "--statistic", "og", "--gamma", "0.5", "--reps", "200", "-q");
    expect(og.find((r) => r.algorithm === "X")!.point as number).toBeCloseTo(golden.aggregates.X["optimality_gap_gamma0.5"], 12);
  });

  it("gives rliable's score distributions at the golden taus (profile, strict >)", async () => {
    const taus = golden.tau.join(",");
    const runs = await cliJson<Row[]>("profile", tiny, "--taus", taus, "--reps", "200", "-q", "--algorithms", "X");
    expect(runs.map((r) => r.point)).toEqual(golden.score_distribution_X);
    const average = await cliJson<Row[]>("profile", tiny, "--taus", taus, "--average", "--reps", "200", "-q", "--algorithms", "X");
    average.forEach((r, i) => expect(r.point as number).toBeCloseTo(golden.average_score_distribution_X[i], 12));
  });

  it("gives rliable's probability of improvement both ways", async () => {
    const rows = await cliJson<Row[]>("poi", tiny, "--pairs", "X:Y,Y:X", "--reps", "200", "-q");
    expect(rows[0].point as number).toBeCloseTo(golden.probability_of_improvement.X_over_Y, 12);
    expect(rows[1].point as number).toBeCloseTo(golden.probability_of_improvement.Y_over_X, 12);
  });
});

describe("benchstats interval on real Atari 100k runs (DER, DrQ(ε), SPR; 10 runs × 26 games)", () => {
  it("has the IQM of the definition: 25% trimmed mean of all runs × tasks, floor cut", async () => {
    const rows = await cliJson<Row[]>("interval", atari, "--statistic", "iqm", "--reps", "100", "-q");
    const values = readFileSync(atari, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    for (const algorithm of ["DER", "DrQ_eps", "SPR"]) {
      const sorted = values.filter((v) => v[0] === algorithm).map((v) => Number(v[3])).sort((a, b) => a - b);
      const cut = Math.floor(sorted.length / 4);
      const kept = sorted.slice(cut, sorted.length - cut);
      const iqm = kept.reduce((s, v) => s + v, 0) / kept.length;
      expect(rows.find((r) => r.algorithm === algorithm)!.point as number).toBeCloseTo(iqm, 12);
    }
  });

  it("returns exactly the library's intervals for the same seed, and is reproducible", async () => {
    const args = ["interval", atari, "--statistic", "iqm,mean", "--method", "bca", "--reps", "1000", "--seed", "11", "-q"];
    const a = await cliJson<Row[]>(...args);
    expect(await cliJson(...args)).toEqual(a);
    const matrices: Record<string, number[][]> = {};
    const lines = readFileSync(atari, "utf8").trim().split("\n").slice(1);
    const tasks = [...new Set(lines.map((l) => l.split(",")[1]))].sort();
    for (const line of lines) {
      const [algorithm, task, seed, value] = line.split(",");
      (matrices[algorithm] ??= Array.from({length: 10}, () => new Array(tasks.length).fill(NaN)))[Number(seed)][tasks.indexOf(task)] = Number(value);
    }
    const lib = intervalEstimates(matrices, [aggregateIqm, aggregateMean], {method: "bca", reps: 1000, seed: 11});
    for (const algorithm of Object.keys(matrices)) {
      const iqm = a.find((r) => r.algorithm === algorithm && r.statistic === "iqm")!;
      expect([iqm.point, iqm.lower, iqm.upper]).toEqual([lib[algorithm].point[0], lib[algorithm].lower[0], lib[algorithm].upper[0]]);
    }
    const other = await cliJson<Row[]>("interval", atari, "--statistic", "iqm,mean", "--method", "bca", "--reps", "1000", "--seed", "12", "-q");
    expect(other.map((r) => r.lower)).not.toEqual(a.map((r) => r.lower));
  });

  it("reports bootstrap progress on stderr", async () => {
    const {status, stderr} = await cli("interval", atari, "--statistic", "iqm", "--reps", "2000");
    expect(status).toBe(0);
    expect(stderr).toMatch(/bootstrap: 100% \(6000\/6000\)/);
  });

  it("normalises raw rliable per-run JSON with a reference table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-cli-"));
    const raw = {Alien: [100, 200, 300], Pong: [0, 5, 10]};
    writeFileSync(join(dir, "agent.json"), JSON.stringify(raw));
    writeFileSync(join(dir, "ref.csv"), "game,random,human\nAlien,0,1000\nPong,-20,20\n");
    const rows = await cliJson<Row[]>("interval", join(dir, "agent.json"), "--normalize", join(dir, "ref.csv"), "--statistic", "mean", "--reps", "50", "-q");
    expect(rows[0].algorithm).toBe("agent");
    expect(rows[0].point as number).toBeCloseTo((0.2 + 0.625) / 2, 12);
    writeFileSync(join(dir, "ref2.csv"), "game,random,human\nAlien,0,1000\n");
    const missing = await cli("interval", join(dir, "agent.json"), "--normalize", join(dir, "ref2.csv"), "-q");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/task "Pong" has no reference scores in .*ref2\.csv/);
  });
});

describe("rliable-style commands on several inputs and raw run logs", () => {
  it("pools files and names the tasks an algorithm lacks", async () => {
    const {status, stderr} = await cli("interval", tiny, fixture("byod/atari/SimPLe.json"), "-q");
    expect(status).toBe(1);
    expect(stderr).toMatch(/algorithm "X" has no runs on 26 of 29 task\(s\): Alien, Amidar, Assault, Asterix, BankHeist, …/);
  });

  it("reads a TensorBoard event file through the loaders, labelling the run by its folder", async () => {
    const rows = await cliJson<Row[]>("interval", fixture("byod/logs/ppo/lingvo_mt_dev_eval.events.out.tfevents.test"), "--metric", "bleu/dev", "--statistic", "mean", "--reps", "50", "-q");
    expect(rows).toHaveLength(1);
    expect(rows[0].algorithm).toBe("ppo");
    expect(rows[0].runs).toBe(1);
    expect(rows[0].lower).toBe(rows[0].point);
  });
});

describe("rliable-style commands reject bad input with located messages", () => {
  it("names both lines of a duplicate (algorithm, task, seed) value", async () => {
    const {status, stderr} = await cli("interval", fixture("duplicate_cell.csv"), "-q");
    expect(status).toBe(1);
    expect(stderr).toMatch(/duplicate_cell\.csv:5: two values for algorithm "A", task "t1", seed 1 \(also on line 3\)/);
  });

  it("rejects an unknown statistic, method and algorithm naming the option", async () => {
    expect((await cli("interval", tiny, "--statistic", "iqm,mode")).stderr).toMatch(/--statistic: expected statistics among median, iqm, mean, og, got "mode"/);
    expect((await cli("interval", tiny, "--method", "student-t")).stderr).toMatch(/--method: expected one of auto, percentile, basic, bc, bca, norm/);
    expect((await cli("poi", tiny, "--versus", "Z")).stderr).toMatch(/--versus.*algorithm "Z" not in the input \(has X, Y\)/);
    expect((await cli("interval", tiny, "--reps", "1")).stderr).toMatch(/--reps: expected an integer ≥ 2, got "1"/);
  });
});
