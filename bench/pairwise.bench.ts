// Plackett–Luce / Bradley–Terry speed on sparse data (issue 5).
// Run: node --import tsx bench/pairwise.bench.ts
// Workload (ONEBench-like sparse samples, Ghosh et al. 2024): 100 models × 100,000 samples, 95% of cells missing (each cell
// observed with probability 0.05, seeded), tol 1e-8, alpha 0. choix 0.4.1 on the reference VM:
// ilsr_rankings 20.1 s, ilsr_top1 26.1 s, ilsr_pairwise 9.8 s (median of 3; pure-Python loops).
// Target: ≤ 1 s per fit. CPU time (process.cpuUsage) is printed beside wall time because the
// machine is shared; contention inflates wall figures.
import {
  bradleyTerryFit,
  createRandom,
  plackettLuce,
  type SampleRow,
  samplesToTop1,
} from "../lib/index.js";
import {kendallTau} from "../lib/correlation/kendall.js";
import {sideBySide} from "./side-by-side.js";

const N_MODELS = 100;
const N_SAMPLES = 100_000;
const OBSERVED = 0.05;
const REPEATS = 3;

function time<T>(label: string, fn: () => T, reference?: string): T {
  const walls: number[] = [];
  const cpus: number[] = [];
  let result!: T;
  for (let r = 0; r < REPEATS; ++r) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    walls.push((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1e6);
  }
  const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];
  console.log(
    `${label.padEnd(44)} wall ${median(walls).toFixed(3)} s  cpu ${median(cpus).toFixed(3)} s  (median of ${REPEATS})` +
      (reference ? `  | choix: ${reference}` : ""),
  );
  return result;
}

const rng = createRandom(0);
const theta = Array.from({length: N_MODELS}, () => rng.normal());
const rankings: number[][] = [];
const binaryRows: SampleRow[] = [];
let observed = 0;
for (let s = 0; s < N_SAMPLES; ++s) {
  const present: number[] = [];
  for (let m = 0; m < N_MODELS; ++m) if (rng.float() < OBSERVED) present.push(m);
  observed += present.length;
  // Numeric scores: θ + Gumbel noise, so the induced ranking is an exact Plackett–Luce draw.
  const keyed = present.map((m) => ({m, key: theta[m] - Math.log(-Math.log(rng.float() || 1e-300))}));
  if (present.length >= 2) rankings.push(keyed.sort((a, b) => b.key - a.key).map((k) => k.m));
  // Binary outcome of the same cell: 1PL with a sample difficulty.
  const difficulty = rng.normal();
  for (const m of present) {
    binaryRows.push({model: `m${m}`, item: s, value: rng.float() < 1 / (1 + Math.exp(difficulty - theta[m])) ? 1 : 0});
  }
}
const pairs = rankings.flatMap((r) => r.flatMap((w, i) => r.slice(i + 1).map((l) => [w, l] as [number, number])));
console.log(
  `data: ${N_MODELS} models × ${N_SAMPLES} samples, ${((100 * observed) / (N_MODELS * N_SAMPLES)).toFixed(2)}% observed; ` +
    `${rankings.length} rankings, ${pairs.length} pairs, ${binaryRows.length} binary measurements`,
);

const fitRankings = time("plackettLuce rankings (ilsr)", () => plackettLuce({nItems: N_MODELS, rankings}), "ilsr_rankings 20.1 s");
console.log(`  iterations ${fitRankings.iterations}, τ-b vs true θ ${kendallTau(fitRankings.params, theta).tau.toFixed(3)} (choix: 0.987)`);
const fitPairs = time("plackettLuce pairs (ilsr)", () => plackettLuce({nItems: N_MODELS, pairs}), "ilsr_pairwise 9.8 s");
console.log(`  iterations ${fitPairs.iterations}, τ-b vs true θ ${kendallTau(fitPairs.params, theta).tau.toFixed(3)} (choix: 0.986)`);
const choices = time("samplesToTop1 (ONEBench binary conversion)", () => samplesToTop1(binaryRows), "python prep 7–17 s");
const modelTheta = choices.models.map((m) => theta[Number(m.slice(1))]);
const fitTop1 = time("plackettLuce top1 (ilsr)", () => plackettLuce({nItems: choices.nItems, top1: choices.top1}), "ilsr_top1 26.1 s");
console.log(`  ${choices.top1.length} top-1 events, iterations ${fitTop1.iterations}, τ-b vs true θ ${kendallTau(fitTop1.params, modelTheta).tau.toFixed(3)} (choix: 0.974)`);
time("plackettLuce rankings (mm, tol 1e-8)", () => plackettLuce({nItems: N_MODELS, rankings}, {method: "mm"}), "mm_rankings not measured");

// Bradley–Terry on an arena-sized log: 27k battles among 20 models, 1,000 bootstrap replicates.
const arenaRng = createRandom(1);
const arenaTheta = Array.from({length: 20}, () => arenaRng.normal() * 0.5);
const battles = Array.from({length: 26_919}, () => {
  const a = arenaRng.int(20);
  let b = arenaRng.int(19);
  if (b >= a) b++;
  const u = arenaRng.float();
  const p = 1 / (1 + Math.exp(arenaTheta[b] - arenaTheta[a]));
  return {model_a: `m${a}`, model_b: `m${b}`, winner: u < 0.15 ? "tie" : u < 0.15 + 0.85 * p ? "a" : "b"};
});
time("bradleyTerry 26,919 battles, 1,000 bootstrap reps", () => bradleyTerryFit(battles, {reps: 1000, seed: 1}), "FastChat: 15 min → 10 s after PR #3523");

sideBySide("pl");
