// Speed figures for issue 6 (item response theory). Prints wall and CPU time; the machine is shared
// (2 cores, ~8 engineers), so wall figures may be inflated by contention — CPU time is the fairer one.
// Run: node --import tsx bench/irt.bench.ts
// Data: data/irt/sim_2pl_responses.txt.gz (the simulated 1000 × 2000 2PL set, see data/irt/SOURCE.md).
import {readFileSync} from "node:fs";
import {gunzipSync} from "node:zlib";
import {join} from "node:path";
import {fitIrt, irtAbilities} from "../lib/index.js";
import {measure as measureIn} from "./measure.js";
import {sideBySide} from "./side-by-side.js";

const measure = <T>(label: string, reference: string, f: () => T, repeats = 3): T => measureIn(label, reference, f, repeats, "s");

function correlation(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const n = u.length;
  let mu = 0, mv = 0;
  for (let i = 0; i < n; ++i) { mu += u[i]; mv += v[i]; }
  mu /= n; mv /= n;
  let suv = 0, su = 0, sv = 0;
  for (let i = 0; i < n; ++i) { suv += (u[i] - mu) * (v[i] - mv); su += (u[i] - mu) ** 2; sv += (v[i] - mv) ** 2; }
  return suv / Math.sqrt(su * sv);
}

const dir = join(import.meta.dirname, "..", "data", "irt");
const lines = gunzipSync(readFileSync(join(dir, "sim_2pl_responses.txt.gz"))).toString("utf8").trim().split("\n");
const responses = lines.map((l) => Float64Array.from(l, (c) => (c === "1" ? 1 : 0)));
const truth = readFileSync(join(dir, "sim_2pl_items.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
const trueTheta = readFileSync(join(dir, "sim_2pl_theta.csv"), "utf8").trim().split("\n").slice(1).map((l) => Number(l.split(",")[1]));

console.log(`node ${process.version}; ${responses.length} respondents x ${responses[0].length} items`);
const fit = measure(
  "fitIrt 2PL, 1000 x 2000 (EM + SQUAREM, tol 1e-7, latent-scale search)",
  "numpy L-BFGS: measured side by side below",
  () => fitIrt(responses, {model: "2pl", standardErrors: false})
);
console.log(`    iterations ${fit.iterations}, converged ${fit.converged}, logLik ${fit.logLik.toFixed(2)} (numpy L-BFGS from a = 1, d = logit p: -1061680.36)`);
console.log(`    corr(a^, a) ${correlation(fit.items.map((i) => i.a), truth.map((r) => r[1])).toFixed(4)} (numpy: 0.959), ` +
  `corr(d^, d) ${correlation(fit.items.map((i) => i.d), truth.map((r) => r[3])).toFixed(4)} (numpy: 0.996)`);
const withSe = measure("fitIrt 2PL, 1000 x 2000, with block-diagonal SEs", "-", () => fitIrt(responses, {model: "2pl"}), 1);
console.log(`    median SE(a) ${withSe.items.map((i) => i.se.a).sort((x, y) => x - y)[1000].toFixed(4)}`);
const eap = measure("irtAbilities EAP (auto-refined), 1000 x 2000", "-", () => irtAbilities(fit, responses), 1);
console.log(`    refined ${eap.filter((s) => s.refined).length} of ${eap.length}; corr(theta^, theta) ${correlation(eap.map((s) => s.theta), trueTheta).toFixed(4)}`);
measure("fitIrt Rasch, 1000 x 2000", "-", () => fitIrt(responses, {model: "rasch", standardErrors: false}), 1);

sideBySide("irt");
