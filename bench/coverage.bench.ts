// Validity study: empirical coverage of benchstats' 95% intervals on simulated data with known truth.
// Part "rl": stratified-bootstrap intervals (percentile, BCa) for IQM, mean and probability of improvement
// on benchmark-like runs × tasks scores. Part "paired": the paired-difference intervals of two models on
// the same items (pairedDifference: plain SE, and clustered CR0 / CR1) on item-level evals whose items
// come in clusters (bench/coverage/paired.ts).
//
//   node --import tsx bench/coverage.bench.ts          # a small version (8 of the 18 rl configurations); prints figures
//   node --import tsx bench/coverage.bench.ts --full   # the published study → data/coverage/coverage.json
//                                                      #   and data/coverage/paired-coverage.json
//   options: --part rl|paired|all (default all)
//            --datasets N (simulated experiments per rl cell; full: 500) --reps B (bootstrap reps; full: 1000)
//            --paired-datasets N (simulated evals per paired cell; small: 400, full: 4000)
//            --seed S --out FILE / --out-paired FILE (write the JSON there, also for the small version)
//
// Prints one line per cell and CPU/wall time. CPU time is the better figure: the machine is shared, so wall
// time may be inflated by contention.
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {aggregateIqm, aggregateMean, BenchstatsError, createRandom, intervalEstimates, probabilityOfImprovement} from "../lib/index.js";
import {makeScenario, sampleMatrix, trueIqm, trueMean, trueProbabilityOfImprovement, type Family} from "./coverage/simulate.js";
import {runPairedStudy, type PairedCell} from "./coverage/paired-study.js";

const {values} = parseArgs({
  options: {
    full: {type: "boolean"},
    datasets: {type: "string"},
    reps: {type: "string"},
    seed: {type: "string"},
    out: {type: "string"},
    part: {type: "string"},
    "paired-datasets": {type: "string"},
    "out-paired": {type: "string"}
  }
});
const PART = values.part ?? "all";
if (!["rl", "paired", "all"].includes(PART)) throw new Error(`--part must be rl, paired or all, got ${PART}`);
const quick = !values.full;
const DATASETS = Number(values.datasets ?? (quick ? 60 : 500));
const REPS = Number(values.reps ?? (quick ? 500 : 1000));
const SEED = Number(values.seed ?? 20261129);
const CONFIDENCE = 0.95;
const FAMILIES: Family[] = ["lognormal", "bimodal"];
const TASKS = quick ? [5, 20] : [5, 20, 60];
const RUNS = quick ? [3, 10] : [3, 5, 10];
const METHODS = ["percentile", "bca"] as const;
const STATISTICS = ["IQM", "mean", "P(X > Y)"] as const;
const out = values.out ?? resolve(dirname(fileURLToPath(import.meta.url)), "..", "data", "coverage", "coverage.json");
const outPaired = values["out-paired"] ?? resolve(dirname(fileURLToPath(import.meta.url)), "..", "data", "coverage", "paired-coverage.json");
const PAIRED_DATASETS = Number(values["paired-datasets"] ?? (quick ? 400 : 4000));

type Method = (typeof METHODS)[number];
type Statistic = (typeof STATISTICS)[number];

interface Cell {
  family: Family;
  tasks: number;
  runs: number;
  statistic: Statistic;
  method: Method;
  truth: number;
  /** Datasets whose interval could be computed (BCa can be undefined on degenerate resamples). */
  datasets: number;
  failures: number;
  coverage: number;
  /** Monte-Carlo standard error of `coverage`: √(c(1 − c)/datasets). */
  mcse: number;
  /** Share of datasets whose interval lies entirely above / below the truth. */
  missHigh: number;
  missLow: number;
  meanWidth: number;
  /** Mean point estimate minus truth (the estimator's bias at this run count). */
  bias: number;
}

/** The 95% interval(s) of one statistic on one simulated experiment; `undefined` when the method fails. */
function intervals(x: number[][], y: number[][], method: Method, seed: number): Record<Statistic, {point: number; lower: number; upper: number} | undefined> {
  const options = {reps: REPS, confidence: CONFIDENCE, method, seed};
  const result: Record<Statistic, {point: number; lower: number; upper: number} | undefined> = {IQM: undefined, mean: undefined, "P(X > Y)": undefined};
  const guard = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (error) {
      if (error instanceof BenchstatsError && error.code === "degenerate") return undefined;
      throw error;
    }
  };
  const aggregates = guard(() => intervalEstimates({x}, [aggregateIqm, aggregateMean], options).x);
  if (aggregates) {
    result.IQM = {point: aggregates.point[0], lower: aggregates.lower[0], upper: aggregates.upper[0]};
    result.mean = {point: aggregates.point[1], lower: aggregates.lower[1], upper: aggregates.upper[1]};
  } else {
    // One output failing must not hide the other: retry them one by one.
    const iqm = guard(() => intervalEstimates({x}, aggregateIqm, options).x);
    const mean = guard(() => intervalEstimates({x}, aggregateMean, options).x);
    if (iqm) result.IQM = {point: iqm.point[0], lower: iqm.lower[0], upper: iqm.upper[0]};
    if (mean) result.mean = {point: mean.point[0], lower: mean.lower[0], upper: mean.upper[0]};
  }
  const poi = guard(() => intervalEstimates({xy: [x, y]}, probabilityOfImprovement, options).xy);
  if (poi) result["P(X > Y)"] = {point: poi.point[0], lower: poi.lower[0], upper: poi.upper[0]};
  return result;
}

const cells: Cell[] = [];
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
if (PART !== "paired") {
  console.log(`coverage study: ${DATASETS} simulated experiments per cell, ${REPS} bootstrap reps, ${CONFIDENCE * 100}% intervals, seed ${SEED}`);
  console.log("family     tasks runs statistic method      truth   coverage ± mcse  miss↑  miss↓  width   bias    fail");
}
for (const family of PART === "paired" ? [] : FAMILIES) {
  for (const nTasks of TASKS) {
    const scenario = makeScenario(family, nTasks, SEED);
    const truth: Record<Statistic, number> = {
      IQM: trueIqm(scenario.x),
      mean: trueMean(scenario.x),
      "P(X > Y)": trueProbabilityOfImprovement(scenario.x, scenario.y)
    };
    for (const nRuns of RUNS) {
      const tally = new Map<string, {n: number; fail: number; cover: number; high: number; low: number; width: number; point: number}>();
      for (let d = 0; d < DATASETS; ++d) {
        // One stream per (cell, dataset): results do not depend on the order cells run in.
        const rng = createRandom(SEED, (FAMILIES.indexOf(family) * 1000 + nTasks) * 100000 + nRuns * 10000 + d);
        const x = sampleMatrix(scenario.x, nRuns, rng);
        const y = sampleMatrix(scenario.y, nRuns, rng);
        for (const method of METHODS) {
          const result = intervals(x, y, method, SEED + d);
          for (const statistic of STATISTICS) {
            const key = `${statistic}|${method}`;
            const t = tally.get(key) ?? {n: 0, fail: 0, cover: 0, high: 0, low: 0, width: 0, point: 0};
            tally.set(key, t);
            const ci = result[statistic];
            if (!ci) {
              ++t.fail;
              continue;
            }
            ++t.n;
            const truthValue = truth[statistic];
            if (ci.lower > truthValue) ++t.high;
            else if (ci.upper < truthValue) ++t.low;
            else ++t.cover;
            t.width += ci.upper - ci.lower;
            t.point += ci.point;
          }
        }
      }
      for (const statistic of STATISTICS) {
        for (const method of METHODS) {
          const t = tally.get(`${statistic}|${method}`)!;
          const coverage = t.n ? t.cover / t.n : NaN;
          const cell: Cell = {
            family,
            tasks: nTasks,
            runs: nRuns,
            statistic,
            method,
            truth: truth[statistic],
            datasets: t.n,
            failures: t.fail,
            coverage,
            mcse: t.n ? Math.sqrt((coverage * (1 - coverage)) / t.n) : NaN,
            missHigh: t.n ? t.high / t.n : NaN,
            missLow: t.n ? t.low / t.n : NaN,
            meanWidth: t.n ? t.width / t.n : NaN,
            bias: t.n ? t.point / t.n - truth[statistic] : NaN
          };
          cells.push(cell);
          console.log(
            [
              family.padEnd(10),
              String(nTasks).padStart(5),
              String(nRuns).padStart(4),
              statistic.padEnd(9),
              method.padEnd(10),
              cell.truth.toFixed(4).padStart(8),
              `${(100 * coverage).toFixed(1).padStart(6)}% ± ${(100 * cell.mcse).toFixed(1)}`,
              (100 * cell.missHigh).toFixed(1).padStart(5),
              (100 * cell.missLow).toFixed(1).padStart(5),
              cell.meanWidth.toFixed(4).padStart(7),
              cell.bias.toFixed(4).padStart(7),
              String(t.fail).padStart(5)
            ].join(" ")
          );
        }
      }
    }
  }
}
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const wallSeconds = (performance.now() - wall0) / 1000;
const intervalsComputed = cells.reduce((s, c) => s + c.datasets + c.failures, 0);
if (PART !== "paired") {
  console.log(
    `${cells.length} cells, ${intervalsComputed} intervals (${REPS} reps each): CPU ${cpuSeconds.toFixed(1)} s, wall ${wallSeconds.toFixed(1)} s` +
      " (wall time may be inflated by other jobs on this shared machine)"
  );
}

if (PART !== "paired" && (!quick || values.out)) {
  mkdirSync(dirname(out), {recursive: true});
  writeFileSync(
    out,
    JSON.stringify(
      {
        study: "empirical coverage of 95% stratified-bootstrap intervals",
        generatedBy: "node --import tsx bench/coverage.bench.ts" + (quick ? "" : " --full") + (values.datasets ? ` --datasets ${DATASETS}` : "") + (values.reps ? ` --reps ${REPS}` : ""),
        settings: {datasets: DATASETS, reps: REPS, confidence: CONFIDENCE, seed: SEED, families: FAMILIES, tasks: TASKS, runs: RUNS, methods: METHODS},
        timing: {cpuSeconds: Math.round(cpuSeconds * 10) / 10, wallSeconds: Math.round(wallSeconds * 10) / 10},
        cells
      },
      null,
      1
    ) + "\n"
  );
  console.log(`wrote ${out}`);
}

if (PART !== "rl") {
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
