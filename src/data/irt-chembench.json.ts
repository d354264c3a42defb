// IRT page data: a 2PL (with a log-normal slope prior, as recommended for ~20 respondents) and a Rasch
// calibration of the real ChemBench matrix (22 LLMs × 2854 questions), model abilities, item flags,
// and a leave-one-model-out study of "how many items do you need?". Computed at build time with
// benchstats' lib (about 18 s of CPU on the 2-core machine: 24 calibrations).
import {readFileSync} from "node:fs";
import {dataPath} from "../../loaders/data-dir.js";
import {createRandom, estimateAccuracy, fitIrt, irtAbilities, selectIrtItems} from "../../lib/index.js";
import {irtItemFlags} from "../../lib/engine.js";

const text = readFileSync(dataPath("irt", "chembench_models_x_items.csv"), "utf8").trim().split("\n");
const header = text[0].split(",").slice(1);
const models: string[] = [];
const x = text.slice(1).map((line) => {
  const cells = line.split(",");
  models.push(cells[0]);
  return cells.slice(1).map(Number);
});
const nItems = header.length;
const accuracyOf = (row: number[]) => row.reduce((s, v) => s + v, 0) / row.length;

const priors = {a: {dist: "lognormal" as const, meanlog: 0, sdlog: 0.5}};
const fit = fitIrt(x, {model: "2pl", priors});
const rasch = fitIrt(x, {model: "rasch", standardErrors: false});
const abilities = irtAbilities(fit, x);
const flags = irtItemFlags(fit);
const pCorrect = header.map((_, j) => x.reduce((s, row) => s + row[j], 0) / x.length);

// Leave one model out: calibrate on the other 21, pick k items, estimate the held-out model's accuracy
// on all 2854 items from its answers to those k, compare with its real accuracy.
// Each held-out calibration starts as fitIrt always does (from the proportions correct), as a calibration
// without the model would. Starting it from the full fit instead (which saw the held-out model) was tried
// (8 Dec): it saved ~20% of the EM iterations but under 1 s of the loader's ~18 s, and it ended on another
// local maximum in 10 of the 22 fits (higher log-posterior in 7, lower in 3, by at most 3.3 on ~−28,000):
// with ~2,850 items each model's posterior is narrower than the quadrature spacing, and the likelihood
// ripples along the latent scale (lib/irt/scale-search.ts). The cold fits do not stop early: tolerance 1e-7
// instead of 1e-4 gives the same log-posterior to 3 decimals in 21 of 22 (the other +0.03).
const ks = [10, 25, 50, 100, 200, 400];
const errors: {k: number; method: string; model: string; error: number; covered: boolean | null}[] = [];
for (let h = 0; h < x.length; ++h) {
  const train = x.filter((_, i) => i !== h);
  const looFit = fitIrt(train, {model: "2pl", priors, tolerance: 1e-4, standardErrors: false});
  const thetas = irtAbilities(looFit, train).map((s) => s.theta);
  const truth = accuracyOf(x[h]);
  for (const k of ks) {
    const {items} = selectIrtItems(looFit, k, {thetas});
    const seen = [items.map((j) => x[h][j])];
    const [pirt] = estimateAccuracy(looFit, seen, {items});
    const [irt] = estimateAccuracy(looFit, seen, {items, method: "irt"});
    errors.push({k, method: "p-IRT, informative items", model: models[h], error: pirt.accuracy - truth, covered: Math.abs(pirt.accuracy - truth) <= 1.96 * pirt.se});
    errors.push({k, method: "IRT, informative items", model: models[h], error: irt.accuracy - truth, covered: null});
    // Random items: their plain mean (the baseline) and p-IRT on them (tinyBenchmarks' recipe).
    const rng = createRandom(1000 * h + k);
    const order = Array.from({length: nItems}, (_, j) => j);
    for (let draw = 0; draw < 4; ++draw) {
      for (let i = 0; i < k; ++i) {
        const r = i + rng.int(nItems - i);
        [order[i], order[r]] = [order[r], order[i]];
      }
      const picked = order.slice(0, k);
      const mean = picked.reduce((s, j) => s + x[h][j], 0) / k;
      errors.push({k, method: "mean of random items", model: models[h], error: mean - truth, covered: null});
      if (draw < 2) {
        const [r] = estimateAccuracy(looFit, [picked.map((j) => x[h][j])], {items: picked});
        errors.push({k, method: "p-IRT, random items", model: models[h], error: r.accuracy - truth, covered: Math.abs(r.accuracy - truth) <= 1.96 * r.se});
      }
    }
  }
}
const subsetSummary = ks.flatMap((k) =>
  [...new Set(errors.map((e) => e.method))].map((method) => {
    const rows = errors.filter((e) => e.k === k && e.method === method);
    const mae = rows.reduce((s, e) => s + Math.abs(e.error), 0) / rows.length;
    const rmse = Math.sqrt(rows.reduce((s, e) => s + e.error * e.error, 0) / rows.length);
    const covered = rows.filter((e) => e.covered !== null);
    return {k, method, mae, rmse, coverage: covered.length ? covered.filter((e) => e.covered).length / covered.length : null};
  })
);

const round = (v: number, digits = 5) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);
process.stdout.write(
  JSON.stringify({
    nModels: x.length,
    nItems,
    fits: [
      {model: "2PL, log-normal(0, 0.5) slope prior", logLik: fit.logLik, nParameters: fit.nParameters, aic: fit.aic, bic: fit.bic, iterations: fit.iterations, converged: fit.converged},
      {model: "Rasch", logLik: rasch.logLik, nParameters: rasch.nParameters, aic: rasch.aic, bic: rasch.bic, iterations: rasch.iterations, converged: rasch.converged}
    ],
    warnings: fit.warnings,
    models: models.map((model, i) => ({
      model,
      accuracy: accuracyOf(x[i]),
      theta: abilities[i].theta,
      se: abilities[i].se,
      lower: abilities[i].theta - 1.96 * abilities[i].se,
      upper: abilities[i].theta + 1.96 * abilities[i].se,
      refined: abilities[i].refined === true
    })),
    items: fit.items.map((item, j) => ({
      item: header[j],
      a: round(item.a),
      d: round(item.d),
      b: round(item.b),
      seA: round(item.se.a),
      seB: round(item.se.b),
      estimated: item.estimated,
      pCorrect: pCorrect[j],
      flags: flags[j].flags
    })),
    subset: subsetSummary,
    subsetErrors: errors.filter((e) => e.method.endsWith("informative items")).map((e) => ({...e, error: round(e.error, 6)}))
  })
);
