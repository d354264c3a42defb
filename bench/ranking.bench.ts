// Speed figures for issue 4 (rank aggregation and correlations). Prints wall and CPU time; the
// machine is shared, so wall figures may be inflated by contention — CPU time is the fairer figure.
// Run: node --import tsx bench/ranking.bench.ts
import {createRandom, kemeny, kendallTau, spearman, borda} from "../lib/index.js";

function measure<T>(label: string, reference: string, f: () => T, repeats = 3): T {
  let result!: T;
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < repeats; ++r) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = f();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const median = (a: number[]) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log(`${label.padEnd(58)} wall ${median(walls).toFixed(1).padStart(9)} ms  cpu ${median(cpus).toFixed(1).padStart(9)} ms  (median of ${repeats}; ${reference})`);
  return result;
}

/** Random correlated scores like the methods-file benchmark: a latent quality plus task noise. */
function correlatedTable(n: number, nTasks: number, seed: number): number[][] {
  const rng = createRandom(seed);
  const quality = Array.from({length: n}, () => rng.normal());
  return quality.map((q) => Array.from({length: nTasks}, () => Math.round((q + rng.normal()) * 100) / 100));
}

console.log(`node ${process.version}`);
for (const n of [12, 16, 18, 20]) {
  const table = correlatedTable(n, 14, n);
  // decompose: false forces one DP over all 2^n subsets (the worst case the target is about).
  const r = measure(`kemeny exact, ${n} systems x 14 tasks, one DP over 2^${n}`, n === 16 ? "pure-Python subset DP: 14.8 s; target <= 0.5 s" : n === 20 ? "target: well under a minute" : "Python DP n=12: 0.60 s", () => kemeny(table, {decompose: false}), n === 20 ? 1 : 3);
  console.log(`    cost ${r.cost}, optimal ${r.optimal}`);
}
{
  const table = correlatedTable(16, 14, 16);
  measure("kemeny exact, 16 x 14 with dominance blocks (default)", "same optimum", () => kemeny(table));
  measure("borda, 16 x 14", "-", () => borda(table));
}
{
  const rng = createRandom(1);
  const n = 1_000_000;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    x[i] = rng.normal();
    y[i] = x[i] + rng.normal();
  }
  measure("kendallTau b, 10^6 continuous pairs", "target: well under a second", () => kendallTau(x, y));
  const xt = x.map((v) => Math.round(v * 10));
  const yt = y.map((v) => Math.round(v * 10));
  measure("kendallTau b, 10^6 pairs with heavy ties (~100 levels)", "target: well under a second", () => kendallTau(xt, yt));
  measure("spearman, 10^6 pairs", "-", () => spearman(x, y));
}
