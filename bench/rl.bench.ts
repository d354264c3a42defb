// Speed of the rliable-family bootstrap (lib/rl) against rliable's own timings.
//
//   node --import tsx bench/rl.bench.ts            # full sizes, each case 3 times (about a minute of CPU)
//   node --import tsx bench/rl.bench.ts --quick    # a tenth of the reps, one run per case, for a smoke run
//   node --import tsx bench/rl.bench.ts --repeats 5   # runs per case (default 3; the median is the figure)
//   node --import tsx bench/rl.bench.ts --match IQM   # only the cases whose name contains the text
//   node --import tsx bench/rl.bench.ts --no-wasm  # the JavaScript draw loop only (what a host without
//                                                  # WebAssembly SIMD runs; same numbers, more CPU)
//
// Reference figures: rliable 3ccd9f4 + arch 7.2.0 + numpy 1.24 on the same
// kind of 2-vCPU machine, CPU seconds of the get_interval_estimates / create_performance_profile call.
// Data: the real Atari 100k human-normalised scores (test/fixtures/rl), 7 agents × 100 runs × 26 games,
// SimPLe's 5 runs tiled to 100 as in the reference measurement. CPU time (process.cpuUsage, all threads)
// is the figure to compare; wall time is inflated when other jobs share the cores (the load average is
// printed). CPU time is not immune either: on a shared host another tenant on the same physical core
// slows load/store-bound code such as the draw loop by up to ~1.7× (seen here within minutes, the
// load average showing nothing). Each case therefore prints a host check: the median CPU time of a
// fixed scatter-increment loop (the draw loop's kind of work) run just before each repeat, about 80 ms
// on an idle machine of the reference kind. When it reads well above that, the machine is shared and
// the figures alongside vary more than usual; it is an indicator, not a correction (the contention
// changes from second to second and slows the two loops by different amounts).
import {availableParallelism, loadavg} from "node:os";
import {
  aggregateIqm,
  aggregateMean,
  aggregateMedian,
  aggregateOptimalityGap,
  intervalEstimates,
  intervalEstimatesParallel,
  performanceProfiles,
  probabilityOfImprovementIntervals,
  type IntervalResult
} from "../lib/index.js";
import {useWasmDrawKernel} from "../lib/rl/engine/draw-kernel.js";
import {aggregateKernel, needsOf} from "../lib/rl/engine/counting-kernel.js";
import {IndexStream} from "../lib/bootstrap/index-stream.js";
import {planIntervalEstimates} from "../lib/rl/interval-estimates.js";
import {readFileSync} from "node:fs";
import {atariMatrices} from "../test/rl/atari-data.js";
import {sideBySide} from "./side-by-side.js";

// `--measure-parallel INPUT.json REPS WORKERS`: the side-by-side's worker-thread case (side-by-side.ts), in
// this fresh process: intervalEstimatesParallel on the harness's input, CPU and wall per replicate of the
// first call (the pool's start included) and of a second one (the pool kept).
if (process.argv[2] === "--measure-parallel") {
  const [input, repsArg, workersArg] = process.argv.slice(3);
  const dict = JSON.parse(readFileSync(input, "utf8"));
  const reps = Number(repsArg);
  const timed = async () => {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    await intervalEstimatesParallel(dict, aggregateIqm, {reps, seed: 1, workers: Number(workersArg)});
    const d = process.cpuUsage(cpu0);
    return [((d.user + d.system) / reps).toFixed(2), (((performance.now() - wall0) * 1000) / reps).toFixed(2)].map(Number);
  };
  const [cpu, wall] = await timed();
  const [, warmWall] = await timed();
  console.log(JSON.stringify({tool: "benchstats", workers: Number(workersArg), reps, us_per_rep: cpu, wall_us_per_rep: wall, warm_wall_us_per_rep: warmWall}));
  process.exit(0);
}

const quick = process.argv.includes("--quick");
const repeatsArg = process.argv.indexOf("--repeats");
/** Runs per case (same process: the first includes WebAssembly compilation and JIT warm-up). */
const repeats = repeatsArg > 0 ? Number(process.argv[repeatsArg + 1]) : quick ? 1 : 3;
const scale = quick ? 0.1 : 1;
if (process.argv.includes("--no-wasm")) useWasmDrawKernel(false);
const matchArg = process.argv.indexOf("--match");
const match = matchArg > 0 ? process.argv[matchArg + 1] : "";

const raw = atariMatrices();
const full: Record<string, number[][]> = {};
for (const [k, m] of Object.entries(raw)) full[k] = Array.from({length: 100}, (_, i) => m[i % m.length]);
const first10: Record<string, number[][]> = {};
for (const [k, m] of Object.entries(raw)) first10[k] = m.slice(0, 10);
const sixAgents = Object.fromEntries(Object.entries(full).filter(([k]) => k !== "SimPLe"));

interface Case {
  name: string;
  reps: number;
  /** rliable's CPU seconds for the same work at full size (scaled linearly in reps for --quick). */
  rliableCpu: number;
  /** Random run-index draws per replicate, summed over keys. */
  drawsPerRep: number;
  run: (reps: number) => IntervalResult | Promise<IntervalResult>;
}

const cases: Case[] = [
  {
    name: "IQM interval, 7 agents × 100 runs × 26 games",
    reps: 50000,
    rliableCpu: 62.0,
    drawsPerRep: 7 * 2600,
    run: (reps) => intervalEstimates(full, aggregateIqm, {reps, seed: 1})
  },
  {
    // The same IQM as a function the engine does not recognise: the generic path, which materialises each
    // resample and calls it (what any new statistic costs before it gets a counting path).
    name: "generic path: IQM interval, 7 agents × 100 runs × 26 games",
    reps: 2000,
    rliableCpu: 62.0 * (2000 / 50000),
    drawsPerRep: 7 * 2600,
    run: (reps) => intervalEstimates(full, (scores: number[][]) => aggregateIqm(scores), {reps, seed: 1})
  },
  {
    name: "median + IQM + mean + optimality gap, 7 agents × 100 runs",
    reps: 50000,
    rliableCpu: 109.4,
    drawsPerRep: 7 * 2600,
    run: (reps) => intervalEstimates(full, [aggregateMedian, aggregateIqm, aggregateMean, aggregateOptimalityGap], {reps, seed: 1})
  },
  {
    name: "score-distribution CIs, 6 agents × 100 runs, 201 taus",
    reps: 2000,
    rliableCpu: 34.6,
    drawsPerRep: 6 * 2600,
    run: (reps) => performanceProfiles(sixAgents, Array.from({length: 201}, (_, i) => i / 100), {reps, seed: 1})
  },
  {
    name: "probability of improvement, 1 pair × 26 games × 10 runs",
    reps: 1000,
    rliableCpu: 26.0, // ~26 ms CPU per resample (26 scipy Mann-Whitney calls)
    drawsPerRep: 2 * 260,
    run: (reps) => probabilityOfImprovementIntervals(first10, {reps, seed: 1, pairs: [["SPR", "DER"]]})
  },
  {
    name: "probability of improvement, all 21 pairs × 26 games × 100 runs",
    reps: 2000,
    rliableCpu: NaN, // rliable would need ~26 ms × 21 × 2000 ≈ 1,100 s (its per-resample cost grows with runs)
    drawsPerRep: 21 * 2 * 2600,
    run: (reps) => probabilityOfImprovementIntervals(full, {reps, seed: 1})
  },
  {
    // The workers run JavaScript (bundled once per process from the sources) and are pooled across
    // calls, so after the first call two workers use about the CPU of one thread; see the scaling below.
    name: "IQM interval, 7 agents × 100 runs, 2 worker threads",
    reps: 50000,
    rliableCpu: 62.0,
    drawsPerRep: 7 * 2600,
    run: (reps) => intervalEstimatesParallel(full, aggregateIqm, {reps, seed: 1, workers: 2})
  }
];

const hostTable = new Int32Array(4096);
const hostIndex = Int32Array.from({length: 4096}, (_, i) => (Math.imul(i, 0x9e3779b1) >>> 20) & 4095);

/** CPU seconds of a fixed loop of 2^26 increments at scattered indices of a 16 KB table. */
function hostCheck(): number {
  const cpu0 = process.cpuUsage();
  for (let pass = 0; pass < 16384; ++pass) {
    for (let i = 0; i < 4096; i += 4) {
      hostTable[hostIndex[i]]++;
      hostTable[hostIndex[i + 1]]++;
      hostTable[hostIndex[i + 2]]++;
      hostTable[hostIndex[i + 3]]++;
    }
  }
  const d = process.cpuUsage(cpu0);
  return (d.user + d.system) / 1e6;
}

const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`lib/rl bootstrap bench${quick ? " (--quick: reps ÷ 10)" : ""} — node ${process.version}, load average ${loadavg().map((v) => v.toFixed(1)).join(" ")}`);
console.log("CPU = user + system of all threads; wall may be inflated by other jobs on the 2 shared cores.\n");
let check: IntervalResult | undefined;
hostCheck(); // compiled before it counts
for (const c of cases.filter((c) => c.name.includes(match))) {
  const reps = Math.max(2, Math.round(c.reps * scale));
  const hosts: number[] = [];
  const cpus: number[] = [];
  const walls: number[] = [];
  let result!: IntervalResult;
  for (let r = 0; r < repeats; ++r) {
    hosts.push(hostCheck()); // just before each run: the contention changes within seconds
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    result = await c.run(reps);
    walls.push((performance.now() - wall0) / 1000);
    const d = process.cpuUsage(cpu0);
    cpus.push((d.user + d.system) / 1e6);
  }
  const cpu = median(cpus);
  const wall = median(walls);
  const ref = c.rliableCpu * (reps / c.reps);
  const keys = Object.keys(result);
  const speedup = Number.isFinite(ref) ? `${(ref / cpu).toFixed(1)}× rliable (${ref.toFixed(1)} s CPU)` : "rliable: see note";
  // The floor of the draw loop: one scattered increment of the host check (2^26 of them) per run draw.
  const floorNs = (median(hosts) * 1e9) / 2 ** 26;
  console.log(`${c.name}, ${reps} reps (host check ${(median(hosts) * 1000).toFixed(0)} ms = ${floorNs.toFixed(2)} ns per scattered increment)`);
  console.log(
    `  CPU ${cpu.toFixed(2)} s (median of ${repeats}: ${cpus.map((x) => x.toFixed(2)).join(", ")}; min ${Math.min(...cpus).toFixed(2)}), wall ${wall.toFixed(2)} s, ` +
      `${((cpu * 1e9) / (reps * c.drawsPerRep)).toFixed(2)} ns CPU per run draw (${((cpu * 1e9) / (reps * c.drawsPerRep) / floorNs).toFixed(2)}× the increment floor) — ${speedup}`
  );
  const first = result[keys[0]];
  console.log(`  e.g. ${keys[0]}: point ${first.point[0].toFixed(4)}, 95% CI [${first.lower[0].toFixed(4)}, ${first.upper[0].toFixed(4)}]`);
  if (c.name.startsWith("IQM")) {
    if (check && JSON.stringify(check) !== JSON.stringify(result)) console.log("  !! parallel result differs from the single-thread result");
    else if (check) console.log("  (identical to the single-thread result)");
    check = result;
  }
}

// The draw loop's floor on the IQM case: per replicate, the CPU of drawing every task's runs and
// counting them (the kernel's draw alone: the least any resampling scheme must do), of the whole kernel
// (draws, trimmed-mean walk, clearing the counts) and of the whole warm intervalEstimates call.
if (!match || "floor".includes(match)) {
  const reps = Math.max(500, Math.round(50000 * scale));
  const plan = planIntervalEstimates(full, aggregateIqm, {reps, seed: 1});
  const kernels = plan.entries.map((_, e) => aggregateKernel(plan, e, needsOf(plan.statistics!)));
  const pooled = plan.entries.map((entry) => entry.samples[0].offsets[entry.samples[0].tasks]);
  const out = new Float64Array(500);
  const cpuOf = (f: () => void) => {
    const c = process.cpuUsage();
    f();
    const d = process.cpuUsage(c);
    return ((d.user + d.system) / reps);
  };
  const drawOnly = () => kernels.forEach((k, e) => {
    const stream = new IndexStream(1, e);
    for (let done = 0; done < reps; done += 500) {
      for (let r = 0; r < 500; ++r) k.draw!(stream);
      k.counts.forEach((c) => c.fill(0));
    }
  });
  const kernel = () => kernels.forEach((k, e) => {
    const stream = new IndexStream(1, e);
    for (let done = 0; done < reps; done += 500) k.iqmBlock!(stream, pooled[e], 500, out);
  });
  const call = () => void intervalEstimates(full, aggregateIqm, {reps, seed: 1});
  const rows: number[][] = [[], [], []];
  for (let r = 0; r < repeats + 1; ++r) {
    const round = [cpuOf(drawOnly), cpuOf(kernel), cpuOf(call)];
    if (r > 0) round.forEach((v, i) => rows[i].push(v)); // the first round compiles and warms
  }
  const [floor, whole, all] = rows.map(median);
  console.log(`\nDraw-loop floor, IQM interval, 7 agents × 100 runs × 26 games (${reps} reps; CPU µs per replicate, median of ${repeats}, load average ${loadavg()[0].toFixed(1)})`);
  console.log(`  draw + count only (the floor): ${floor.toFixed(2)} µs (${((floor * 1000) / (7 * 2600)).toFixed(2)} ns per run draw)`);
  console.log(`  the kernel (draw, count, trimmed-mean walk): ${whole.toFixed(2)} µs = ${(whole / floor).toFixed(2)}× the floor`);
  console.log(`  the whole warm intervalEstimates call: ${all.toFixed(2)} µs = ${(all / floor).toFixed(2)}× the floor`);
}

// Worker scaling: wall time of the 50,000-replicate IQM interval with 1, 2 and all cores, alternating in
// rounds so that a change in the machine's load hits every count alike; the first round warms the pool
// and the JIT and is dropped. A speed-up needs idle cores: the load average is printed.
if (!match || "workers".includes(match)) {
  const counts = [...new Set([1, 2, availableParallelism()])];
  const reps = Math.max(2, Math.round(50000 * scale));
  const walls = new Map<number, number[]>(counts.map((w) => [w, []]));
  const rounds = repeats + 1;
  const load0 = loadavg()[0];
  for (let r = 0; r < rounds; ++r) {
    for (const workers of counts) {
      const t0 = performance.now();
      await intervalEstimatesParallel(full, aggregateIqm, {reps, seed: 1, workers});
      if (r > 0) walls.get(workers)!.push((performance.now() - t0) / 1000);
    }
  }
  const base = median(walls.get(1)!);
  console.log(`\nWorker scaling, IQM interval, ${reps} reps (median wall of ${rounds - 1} alternating rounds; load average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`);
  for (const w of counts) {
    const m = median(walls.get(w)!);
    console.log(`  ${w} worker${w > 1 ? "s" : ""}: ${m.toFixed(2)} s (${walls.get(w)!.map((x) => x.toFixed(2)).join(", ")}) → ${(base / m).toFixed(2)}×`);
  }
}

sideBySide("rl");
