// Speed figures for issue 4 (rank aggregation and correlations). Prints wall and CPU time; the
// machine is shared, so wall figures may be inflated by contention — CPU time is the fairer figure.
// Run: node --import tsx bench/ranking.bench.ts
import {readdirSync, readFileSync} from "node:fs";
import {addAggregateReference, benchmarkAgreement, borda, createRandom, kemeny, kendallTau, parseWideTable, spearman} from "../lib/index.js";
import {catalogRows} from "../lib/engine.js";
import {measure} from "./measure.js";


/** Random correlated scores like the methods-file benchmark: a latent quality plus task noise. */
function correlatedTable(n: number, nTasks: number, seed: number): number[][] {
  const rng = createRandom(seed);
  const quality = Array.from({length: n}, () => rng.normal());
  return quality.map((q) => Array.from({length: nTasks}, () => Math.round((q + rng.normal()) * 100) / 100));
}

console.log(`node ${process.version}`);
{
  // Machine-speed calibration: a plain sequential sum over 10^8 doubles (≈ 0.05–0.1 s on an idle modern core).
  const a = new Float64Array(1_000_000).fill(1);
  measure("calibration: sequential sum of 10^8 doubles", "idle modern core: ~0.05-0.1 s", () => {
    let s = 0;
    for (let r = 0; r < 100; ++r) for (let i = 0; i < a.length; ++i) s += a[i];
    return s;
  });
}
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
{
  const glue = parseWideTable(readFileSync(new URL("../data/ranking/data_task_glue.csv", import.meta.url), "utf8"), {drop: ["Score"]}).values;
  const r = measure("kemeny, GLUE 105 x 14 (blocks of 38 and 52: heuristic + bound)", "-", () => kemeny(glue));
  console.log(`    cost ${r.cost}, lower bound ${r.lowerBound}, optimal ${r.optimal}, blocks ${r.blocks.join(" ")}`);
}
{
  const dir = new URL("../data/bat/", import.meta.url);
  const prettyNames = JSON.parse(readFileSync(new URL("prettified_bencmark_names.json", dir), "utf8"));
  const files = readdirSync(new URL("benchmarks/", dir)).sort().map((name) => ({name, text: readFileSync(new URL(`benchmarks/${name}`, dir), "utf8")}));
  const holistic = ["Helm Lite", "HF OpenLLM v2", "OpenCompass Academic", "LMSys Arena", "Helm Classic", "AlphacaEval v2lc", "LiveBench 240829", "WildBench Elo LC"];
  const rows = addAggregateReference(catalogRows(files, {prettyNames, skipInvalid: true}).rows, {scenarios: holistic, minScenarios: 2});
  measure("benchmarkAgreement faithful, 71 scenarios, all pairs, size 0", "BenchBench (pandas) on this machine: minutes", () => benchmarkAgreement(rows, {mode: "faithful", sizes: [0], nExps: 1}));
  measure("benchmarkAgreement faithful, all pairs, random 8 models x 3 exps", "BenchBench (pandas): ~12 min wall here", () => benchmarkAgreement(rows, {mode: "faithful", sizes: [8], nExps: 3}), 1);
}
