#!/usr/bin/env node
// Same inputs and seed → same outputs in Node and in the browser. Bundles lib/index.ts once with
// esbuild, runs the probes below in Node and in headless Chromium, and compares the results exactly.
//
// Usage: node scripts/determinism-check.mjs [--chromium /usr/bin/chromium]
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {parseArgs} from "node:util";
import * as esbuild from "esbuild";
import {chromium} from "playwright-core";

const {values: args} = parseArgs({options: {chromium: {type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"}}});
const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// Each probe maps the lib namespace to JSON-able numbers; probes whose functions are not exported are skipped.
const probes = `
export function runProbes(lib) {
  const out = {};
  const seeds = [0, 42, 2 ** 40 + 7];
  out.random = seeds.map((seed) => {
    const rng = lib.createRandom(seed);
    return [rng.uint32(), rng.uint32(), rng.int(1000), rng.int(3000000000), rng.float(), rng.normal(), rng.normal()];
  });
  const scores = [[0.1, 0.5, 1.2], [0.2, 0.6, 1.5], [0.3, 0.7, 0.9], [0.4, 0.8, 2.0]];
  if (lib.intervalEstimates && lib.aggregateIqm) {
    const ci = lib.intervalEstimates({a: scores}, lib.aggregateIqm, {reps: 500, seed: 3});
    out.iqmInterval = [ci.a.point, ci.a.lower, ci.a.upper];
  }
  if (lib.kendallTau) out.kendall = lib.kendallTau([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]).tau;
  if (lib.pairedBootstrap && lib.pairedPermutationTest) {
    const x = Array.from({length: 60}, (_, i) => (i * 7) % 5 / 4);
    const y = Array.from({length: 60}, (_, i) => (i * 3) % 4 / 3);
    const clusters = x.map((_, i) => "c" + (i % 9));
    const boot = lib.pairedBootstrap(x, y, {reps: 500, seed: 5, clusters});
    out.pairedBootstrap = [boot.se, boot.lower, boot.upper, boot.pValue];
    out.pairedPermutation = lib.pairedPermutationTest(x, y, {reps: 500, seed: 5}).pValue;
  }
  // The claims report's rank stability and probability of improvement, recomputed in the browser.
  if (lib.rankIntervals) out.rankIntervals = lib.rankIntervals(scores, {method: "mean", reps: 200, seed: 7}).map((r) => [r.lower, r.upper, r.pFirst]);
  if (lib.probabilityOfImprovementIntervals) {
    const poi = lib.probabilityOfImprovementIntervals({a: scores, b: scores.map((run) => run.map((v) => v * 0.9))}, {reps: 300, seed: 9});
    out.poiInterval = [poi["a,b"].point[0], poi["a,b"].lower[0], poi["a,b"].upper[0]];
  }
  return out;
}`;

const scratch = mkdtempSync(join(tmpdir(), "benchstats-determinism-"));
try {
  const result = await esbuild.build({
    stdin: {contents: `import * as lib from "./lib/index.ts"; ${probes}; export const probe = () => runProbes(lib);`, resolveDir: projectDir, loader: "js"},
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent"
  });
  const code = result.outputFiles[0].text;
  const file = join(scratch, "probe.mjs");
  writeFileSync(file, code);
  const inNode = JSON.stringify((await import(pathToFileURL(file).href)).probe());

  const browser = await chromium.launch({executablePath: args.chromium, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]});
  const page = await browser.newPage();
  const inBrowser = await page.evaluate(async (source) => {
    const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
    return JSON.stringify((await import(url)).probe());
  }, code);
  await browser.close();

  if (inNode !== inBrowser) {
    console.error(`determinism check: Node and Chromium differ\n  node:     ${inNode}\n  chromium: ${inBrowser}`);
    process.exit(1);
  }
  console.log(`determinism check: Node and Chromium agree on ${Object.keys(JSON.parse(inNode)).join(", ")}`);
} finally {
  rmSync(scratch, {recursive: true, force: true});
}
