#!/usr/bin/env node
// Packs the lib workspace (`npm pack -w lib`), installs the tarball into a scratch project, then
// type-checks and runs a small consumer of both entries (`benchstats` and `benchstats/engine`) there:
// the published package must work with its types.
import {execFileSync} from "node:child_process";
import {mkdtempSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const scratch = mkdtempSync(join(tmpdir(), "benchstats-pack-"));
const run = (command, args, cwd) => execFileSync(command, args, {cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8"});

try {
  run("npm", ["pack", "-w", "lib", "--silent", "--pack-destination", scratch], projectDir);
  const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack produced no tarball");
  const consumer = join(scratch, "consumer");
  run("mkdir", ["-p", consumer], scratch);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({name: "consumer", private: true, type: "module"}));
  run("npm", ["install", "--no-audit", "--no-fund", "--offline", join(scratch, tarball)], consumer);
  writeFileSync(
    join(consumer, "index.ts"),
    `import {aggregateIqm, createRandom, BenchstatsError, quantile, type Random} from "benchstats";
import {blockCount, planIntervalEstimates, type BootstrapPlan} from "benchstats/engine";
const rng: Random = createRandom(1);
const q: number = quantile([1, 2, 3, 4], 0.5);
if (!(new BenchstatsError("value", "y") instanceof Error)) throw new Error("BenchstatsError is not an Error");
const plan: BootstrapPlan = planIntervalEstimates({A: [[1, 2], [3, 4], [5, 6]]}, aggregateIqm, {reps: 10});
const blocks: number = blockCount(plan);
console.log("consumer ok", rng.int(10) >= 0, q, blocks > 0);
`
  );
  writeFileSync(
    join(consumer, "tsconfig.json"),
    JSON.stringify({compilerOptions: {target: "es2022", module: "nodenext", moduleResolution: "nodenext", strict: true, outDir: "out", types: []}, include: ["index.ts"]})
  );
  run(join(projectDir, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], consumer);
  process.stdout.write(run("node", ["out/index.js"], consumer));
  console.log(`pack check: ${tarball} installs, type-checks and runs in a scratch project`);
} finally {
  rmSync(scratch, {recursive: true, force: true});
}
