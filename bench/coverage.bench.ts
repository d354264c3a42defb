// Validity study: empirical coverage of benchstats' 95% intervals on simulated data with known truth.
// Part "rl": stratified-bootstrap intervals (percentile, BCa, basic, expanded and study-only variants) for IQM, mean,
// median, optimality gap and probability of improvement
// on benchmark-like runs × tasks scores. Part "paired": the paired-difference intervals of two models on
// the same items (pairedDifference: plain SE, and clustered CR0 / CR1) on item-level evals whose items
// come in clusters (bench/coverage/paired.ts).
//
//   node --import tsx bench/coverage.bench.ts          # a small version (60 experiments per cell); prints figures
//   node --import tsx bench/coverage.bench.ts --full   # the published study → data/coverage/coverage.json
//                                                      #   and data/coverage/paired-coverage.json
//   Part "other": Bradley–Terry ratings and CI-aware ranks, correlationInterval, rankIntervals and the
//   learning-curve bands (bench/coverage/other-study.ts) → data/coverage/other-coverage.json.
//   options: --part rl|paired|other|all (default all)
//            --datasets N (simulated experiments per rl cell; full: 2000) --reps B (bootstrap reps; 500)
//            --paired-datasets N (simulated evals per paired cell; small: 400, full: 4000)
//            --seed S --out FILE / --out-paired FILE (write the JSON there, also for the small version)
//
// Prints one line per cell and CPU/wall time. CPU time is the better figure: the machine is shared, so wall
// time may be inflated by contention.
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import type {Family} from "./coverage/simulate.js";
import {RL_METHODS, RL_STATISTICS, runRlStudy, type RlCell} from "./coverage/rl-study.js";
import {runPairedStudy, type PairedCell} from "./coverage/paired-study.js";
import {runOtherStudy} from "./coverage/other-study.js";

const {values} = parseArgs({
  options: {
    full: {type: "boolean"},
    datasets: {type: "string"},
    reps: {type: "string"},
    tasks: {type: "string"},
    seed: {type: "string"},
    out: {type: "string"},
    part: {type: "string"},
    "paired-datasets": {type: "string"},
    "out-paired": {type: "string"},
    "out-other": {type: "string"}
  }
});
const PART = values.part ?? "all";
if (!["rl", "paired", "other", "all"].includes(PART)) throw new Error(`--part must be rl, paired, other or all, got ${PART}`);
const quick = !values.full;
const DATASETS = Number(values.datasets ?? (quick ? 60 : 2000));
const REPS = Number(values.reps ?? 500);
const SEED = Number(values.seed ?? 20261129);
const CONFIDENCE = 0.95;
const FAMILIES: Family[] = ["lognormal", "bimodal"];
// 60 tasks (the former study's largest) cost 5× the rest together: the expanded interval's jackknife grows
// with (tasks × runs)²; pass --tasks 5,20,60 to include them.
const TASKS = values.tasks ? values.tasks.split(",").map(Number) : [5, 20];
const RUNS = quick ? [3, 10] : [3, 5, 10];
const out = values.out ?? resolve(dirname(fileURLToPath(import.meta.url)), "..", "data", "coverage", "coverage.json");
const outPaired = values["out-paired"] ?? resolve(dirname(fileURLToPath(import.meta.url)), "..", "data", "coverage", "paired-coverage.json");
const PAIRED_DATASETS = Number(values["paired-datasets"] ?? (quick ? 400 : 4000));
const outOther = values["out-other"] ?? resolve(dirname(fileURLToPath(import.meta.url)), "..", "data", "coverage", "other-coverage.json");

const cells: RlCell[] = [];
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
if (PART === "rl" || PART === "all") {
  console.log(`coverage study: ${DATASETS} simulated experiments per cell, ${REPS} bootstrap reps, ${CONFIDENCE * 100}% intervals, seed ${SEED}`);
  console.log("family     tasks runs statistic      method           truth   coverage ± mcse  miss↑  miss↓  width   bias    fail");
  const settings = {datasets: DATASETS, reps: REPS, confidence: CONFIDENCE, seed: SEED, families: FAMILIES, tasks: TASKS, runs: RUNS};
  runRlStudy(settings, (cell) => {
    cells.push(cell);
    console.log(
      [
        cell.family.padEnd(10),
        String(cell.tasks).padStart(5),
        String(cell.runs).padStart(4),
        cell.statistic.padEnd(14),
        cell.method.padEnd(15),
        cell.truth.toFixed(4).padStart(8),
        `${(100 * cell.coverage).toFixed(1).padStart(6)}% ± ${(100 * cell.mcse).toFixed(1)}`,
        (100 * cell.missHigh).toFixed(1).padStart(5),
        (100 * cell.missLow).toFixed(1).padStart(5),
        cell.meanWidth.toFixed(4).padStart(7),
        cell.bias.toFixed(4).padStart(7),
        String(cell.failures).padStart(5)
      ].join(" ")
    );
  });
}
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const wallSeconds = (performance.now() - wall0) / 1000;
const intervalsComputed = cells.reduce((s, c) => s + c.datasets + c.failures, 0);

if (PART === "rl" || PART === "all") {
  console.log(
    `${cells.length} cells, ${intervalsComputed} intervals (${REPS} reps each): CPU ${cpuSeconds.toFixed(1)} s, wall ${wallSeconds.toFixed(1)} s` +
      " (wall time may be inflated by other jobs on this shared machine)"
  );
}

if ((PART === "rl" || PART === "all") && (!quick || values.out)) {
  mkdirSync(dirname(out), {recursive: true});
  writeFileSync(
    out,
    JSON.stringify(
      {
        study: "empirical coverage of 95% stratified-bootstrap intervals",
        generatedBy: "node --import tsx bench/coverage.bench.ts" + (quick ? "" : " --full") + (values.datasets ? ` --datasets ${DATASETS}` : "") + (values.reps ? ` --reps ${REPS}` : "") + (values.tasks ? ` --tasks ${values.tasks}` : ""),
        settings: {datasets: DATASETS, reps: REPS, confidence: CONFIDENCE, seed: SEED, families: FAMILIES, tasks: TASKS, runs: RUNS, methods: RL_METHODS, statistics: RL_STATISTICS},
        timing: {cpuSeconds: Math.round(cpuSeconds * 10) / 10, wallSeconds: Math.round(wallSeconds * 10) / 10},
        cells
      },
      null,
      1
    ) + "\n"
  );
  console.log(`wrote ${out}`);
}

if (PART === "paired" || PART === "all") {
  const settings = {datasets: PAIRED_DATASETS, seed: SEED, clusters: [10, 30, 100], perCluster: [5, 20], affinitySd: [0, 0.5, 1]};
  console.log(
    `\npaired-difference intervals: ${PAIRED_DATASETS} simulated evals per cell, 95% normal intervals of pairedDifference, two models (θ 0.3 vs 0 logits) on clusters × items, seed ${SEED}`
  );
  console.log("clusters items/cluster  τ    method        truth   coverage ± mcse  miss↑  miss↓  width");
  const cpuPaired = process.cpuUsage();
  const wallPaired = performance.now();
  const pairedCells: PairedCell[] = runPairedStudy({
    ...settings,
    onCell: (c) =>
      console.log(
        [
          String(c.clusters).padStart(8),
          String(c.perCluster).padStart(14),
          c.affinitySd.toFixed(1).padStart(4),
          c.method.padEnd(12),
          c.truth.toFixed(4).padStart(7),
          `${(100 * c.coverage).toFixed(1).padStart(6)}% ± ${(100 * c.mcse).toFixed(1)}`,
          (100 * c.missHigh).toFixed(1).padStart(5),
          (100 * c.missLow).toFixed(1).padStart(5),
          c.meanWidth.toFixed(4).padStart(7)
        ].join(" ")
      )
  });
  const cpu = process.cpuUsage(cpuPaired);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const wallSeconds = (performance.now() - wallPaired) / 1000;
  console.log(`${pairedCells.length} cells, ${(pairedCells.length / 3) * PAIRED_DATASETS} simulated evals: CPU ${cpuSeconds.toFixed(1)} s, wall ${wallSeconds.toFixed(1)} s`);
  if (!quick || values["out-paired"]) {
    mkdirSync(dirname(outPaired), {recursive: true});
    writeFileSync(
      outPaired,
      JSON.stringify(
        {
          study: "empirical coverage of 95% paired-difference intervals (pairedDifference: plain, clustered CR0 and CR1)",
          generatedBy: "node --import tsx bench/coverage.bench.ts" + (quick ? "" : " --full") + (PART !== "all" ? ` --part ${PART}` : "") + (values["paired-datasets"] ? ` --paired-datasets ${PAIRED_DATASETS}` : ""),
          settings: {...settings, confidence: CONFIDENCE, thetaA: 0.3, thetaB: 0, clusterSd: 1, itemSd: 1},
          timing: {cpuSeconds: Math.round(cpuSeconds * 10) / 10, wallSeconds: Math.round(wallSeconds * 10) / 10},
          cells: pairedCells
        },
        null,
        1
      ) + "\n"
    );
    console.log(`wrote ${outPaired}`);
  }
}

if (PART === "other" || PART === "all") {
  const settings = quick
    ? {seed: SEED, confidence: CONFIDENCE, arenas: 10, correlations: 60, rankings: 30, leaderboards: 10, curves: 2000}
    : {seed: SEED, confidence: CONFIDENCE, arenas: 150, correlations: 400, rankings: 200, leaderboards: 150, curves: 20000};
  console.log(`\nother intervals (ratings, ranks, correlations, curve bands), seed ${SEED}`);
  console.log("interval                                   setting                                   size  data sets coverage ± mcse  miss↑  miss↓  width");
  const cpuOther = process.cpuUsage();
  const wallOther = performance.now();
  const otherCells = runOtherStudy(settings, (c) =>
    console.log(
      [
        c.interval.padEnd(42),
        c.setting.padEnd(41),
        String(c.size).padStart(5),
        String(c.datasets).padStart(9),
        `${(100 * c.coverage).toFixed(1).padStart(6)}% ± ${(100 * c.mcse).toFixed(1)}`,
        (100 * c.missHigh).toFixed(1).padStart(5),
        (100 * c.missLow).toFixed(1).padStart(5),
        c.meanWidth.toPrecision(3).padStart(7),
        c.familywise !== undefined ? `familywise ${(100 * c.familywise).toFixed(1)}%` : ""
      ].join(" ")
    )
  );
  const cpu = process.cpuUsage(cpuOther);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const wallSeconds = (performance.now() - wallOther) / 1000;
  console.log(`${otherCells.length} cells: CPU ${cpuSeconds.toFixed(1)} s, wall ${wallSeconds.toFixed(1)} s`);
  if (!quick || values["out-other"]) {
    mkdirSync(dirname(outOther), {recursive: true});
    writeFileSync(
      outOther,
      JSON.stringify(
        {
          study: "empirical coverage of the other 95% intervals benchstats prints (Bradley–Terry ratings and CI-aware ranks, correlationInterval, rankIntervals, learning-curve bands)",
          generatedBy: "node --import tsx bench/coverage.bench.ts" + (quick ? "" : " --full") + (PART !== "all" ? ` --part ${PART}` : ""),
          settings,
          timing: {cpuSeconds: Math.round(cpuSeconds * 10) / 10, wallSeconds: Math.round(wallSeconds * 10) / 10},
          cells: otherCells
        },
        null,
        1
      ) + "\n"
    );
    console.log(`wrote ${outOther}`);
  }
}
