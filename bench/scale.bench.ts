// Issue 14: 10⁸-sample result pools on one machine. A synthetic pool of binary results is built in
// memory as one byte per cell, then (a) a Rasch fit (fitIrt) and (b) ONEBench's Plackett–Luce top-1
// fit of the same pool (matrixToGroupedTop1 + plackettLuce) are timed. Prints wall and CPU time and
// the peak resident set size; nothing is asserted. Targets: each ≤ 10 min at 2,000 × 50,000, peak RSS
// well under 3 GiB.
//
//   node --import tsx bench/scale.bench.ts                               # 2,000 models × 50,000 items
//   node --import tsx bench/scale.bench.ts --models 200 --items 5000     # a small pool, a few seconds
//   node --import tsx bench/scale.bench.ts --part pl --method mm         # one part, in this process
//
// Flags: --models N, --items N, --missing P (share of cells not run, default 0.03), --seed N (default 1),
// --part rasch|pl (default: both, each in its own child process so that each peak RSS is its own),
// --method ilsr|mm|lsr (Plackett–Luce method, default ilsr).
//
// Pool (seeded, reproducible): abilities θ_m ~ N(0, 1) per model, difficulties b_t ~ N(0, 1) per item;
// each cell is not run with probability P (255), else 1 with probability σ(θ_m − b_t) (a Rasch model).
// The Rasch fit should recover b (printed: correlation and RMSE against the truth) and both fits should
// order the models as θ (printed: correlations).
//
// The sections below are functions so that other pool sources (e.g. a Parquet file read back into a
// ResponseMatrix) can reuse the timed parts: syntheticPool → ResponseMatrix → benchRasch / benchPlackettLuce.
import {spawnSync} from "node:child_process";
import {resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {createRandom, fitIrt, matrixToGroupedTop1, plackettLuce, type ResponseMatrix} from "../lib/index.js";
import {correlation} from "../test/irt/fixtures.js";

export interface PoolOptions {
  models: number;
  items: number;
  /** Share of cells not run (byte 255). */
  missing: number;
  seed: number;
}

/** A seeded Rasch-generated models × items byte matrix with the true abilities and difficulties. */
export function syntheticPool({models, items, missing, seed}: PoolOptions): {
  matrix: ResponseMatrix;
  abilities: Float64Array;
  difficulties: Float64Array;
} {
  const rng = createRandom(seed);
  const abilities = Float64Array.from({length: models}, () => rng.normal());
  const difficulties = Float64Array.from({length: items}, () => rng.normal());
  const data = new Uint8Array(models * items);
  // P(1) = σ(θ − b) = 1/(1 + e^b·e^−θ), so u < P ⇔ u·(1 + e^b·e^−θ) < 1: no exponential per cell.
  const expB = difficulties.map(Math.exp);
  for (let m = 0; m < models; ++m) {
    const expMinusTheta = Math.exp(-abilities[m]);
    const off = m * items;
    for (let t = 0; t < items; ++t) {
      if (rng.float() < missing) data[off + t] = 255;
      else data[off + t] = rng.float() * (1 + expB[t] * expMinusTheta) < 1 ? 1 : 0;
    }
  }
  return {matrix: {nRespondents: models, nItems: items, data}, abilities, difficulties};
}

/** Wall and CPU seconds of `f`, and its result. */
export function timed<T>(f: () => T): {result: T; wall: number; cpu: number} {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return {result, wall, cpu: (c.user + c.system) / 1e6};
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** (a) Rasch fit of the pool: EM on the byte matrix, block-diagonal standard errors. */
export function benchRasch(matrix: ResponseMatrix, difficulties?: Float64Array): void {
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  const {result: fit, wall, cpu} = timed(() => fitIrt(matrix, {model: "rasch"}));
  console.log(
    `fitIrt rasch, ${matrix.nRespondents} x ${matrix.nItems}`.padEnd(44) +
      ` wall ${wall.toFixed(1)} s  cpu ${cpu.toFixed(1)} s  peak RSS ${peakRssMiB().toFixed(0)} MiB (RSS before the fit ${rssBefore.toFixed(0)} MiB)`,
  );
  console.log(
    `    EM iterations ${fit.iterations}, converged ${fit.converged}, latent variance ${fit.latentVariance.toFixed(4)}, ` +
      `SEs ${fit.standardErrors}, logLik ${fit.logLik.toFixed(1)}${fit.warnings.length ? `, ${fit.warnings.length} warning(s)` : ""}`,
  );
  if (difficulties) {
    const b = fit.items.map((item) => item.b);
    const kept = b.map((v, t) => [v, difficulties[t]]).filter(([v]) => Number.isFinite(v));
    const rmse = Math.sqrt(kept.reduce((s, [v, truth]) => s + (v - truth) ** 2, 0) / kept.length);
    console.log(
      `    b vs true difficulty: correlation ${correlation(kept.map((k) => k[0]), kept.map((k) => k[1])).toFixed(4)}, ` +
        `RMSE ${rmse.toFixed(4)} (${kept.length} of ${b.length} items estimable)`,
    );
  }
}

/** (b) ONEBench Plackett–Luce top-1 from the binary pool: grouped conversion, then the fit. */
export function benchPlackettLuce(matrix: ResponseMatrix, abilities?: Float64Array, method: "ilsr" | "mm" | "lsr" = "ilsr"): void {
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  const convert = timed(() => matrixToGroupedTop1(matrix));
  const grouped = convert.result.groupedTop1;
  console.log(
    `matrixToGroupedTop1, ${matrix.nRespondents} x ${matrix.nItems}`.padEnd(44) +
      ` wall ${convert.wall.toFixed(1)} s  cpu ${convert.cpu.toFixed(1)} s  (${grouped.winners.length} winner + ${grouped.losers.length} loser entries)`,
  );
  const fit = timed(() => plackettLuce(convert.result, {method}));
  console.log(
    `plackettLuce ${method}, grouped top-1`.padEnd(44) +
      ` wall ${fit.wall.toFixed(1)} s  cpu ${fit.cpu.toFixed(1)} s  peak RSS ${peakRssMiB().toFixed(0)} MiB (RSS before ${rssBefore.toFixed(0)} MiB)`,
  );
  let top1Entries = 0;
  for (let t = 0; t < matrix.nItems; ++t) {
    const w = grouped.winnerOffsets[t + 1] - grouped.winnerOffsets[t];
    const l = grouped.loserOffsets[t + 1] - grouped.loserOffsets[t];
    if (l > 0) top1Entries += w * (l + 1);
  }
  console.log(
    `    iterations ${fit.result.iterations}, logLik ${fit.result.logLik.toFixed(1)}; ` +
      `the expanded top-1 list would hold ${top1Entries.toExponential(2)} entries` +
      (abilities ? `; correlation with true ability ${correlation(fit.result.params, abilities).toFixed(4)}` : ""),
  );
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function main(): void {
  const options: PoolOptions = {
    models: Number(flag("models", "2000")),
    items: Number(flag("items", "50000")),
    missing: Number(flag("missing", "0.03")),
    seed: Number(flag("seed", "1")),
  };
  const method = flag("method", "ilsr") as "ilsr" | "mm" | "lsr";
  const part = flag("part", "");
  if (part === "") {
    // Each part in a fresh process, so that the peak RSS printed is that part's (plus the pool's).
    console.log(
      `node ${process.version}; pool ${options.models} models x ${options.items} items, ` +
        `${(options.missing * 100).toFixed(1)}% not run, seed ${options.seed}`,
    );
    let failed = false;
    for (const p of ["rasch", "pl"]) {
      const args = ["--import", "tsx", fileURLToPath(import.meta.url), ...process.argv.slice(2), "--part", p];
      failed = spawnSync(process.execPath, args, {stdio: "inherit"}).status !== 0 || failed;
    }
    process.exit(failed ? 1 : 0);
  }
  const pool = timed(() => syntheticPool(options));
  console.log(
    `synthetic pool (${part})`.padEnd(44) +
      ` wall ${pool.wall.toFixed(1)} s  (${(pool.result.matrix.data.length / 2 ** 20).toFixed(0)} MiB of bytes; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB)`,
  );
  if (part === "rasch") benchRasch(pool.result.matrix, pool.result.difficulties);
  else if (part === "pl") benchPlackettLuce(pool.result.matrix, pool.result.abilities, method);
  else throw new Error(`--part must be rasch or pl, got ${part}`);
}

if (resolve(process.argv[1] ?? "") === fileURLToPath(import.meta.url)) main();
