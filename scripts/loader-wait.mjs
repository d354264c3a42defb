#!/usr/bin/env node
// Framework's runner for .ts and .js loaders while scripts/build.mjs runs loaders alongside it
// (observablehq.config.ts sets it when BENCHSTATS_LOADER_WAIT names the folder of the run's markers).
//
// Framework 1.13 runs a loader when it reaches the file in its build (loader.js: the cached output is missing)
// and writes the runner's stdout to the output. The build runs the stale loaders itself, in parallel, while
// Framework renders the pages, and marks each loader it has taken with `NAME.pending` in that folder
// (scripts/loader-prerun.mjs), replaced by `NAME.failed` (the error) when it fails. So this runner:
// - waits while the build is running the loader, then copies its output to stdout, or prints its error and
//   exits 1 (Framework then reports the loader as failed);
// - otherwise runs the loader itself with Framework's own command (tsx for .ts, node for .js).
//
// Usage (by Framework): node scripts/loader-wait.mjs ROOT/data/NAME.EXT.ts
import {spawn} from "node:child_process";
import {createReadStream, existsSync, readFileSync} from "node:fs";
import {basename, join, relative, resolve} from "node:path";

const loader = process.argv[2];
const markers = process.env.BENCHSTATS_LOADER_WAIT;
const root = process.env.BENCHSTATS_ROOT ?? "src";
const name = basename(loader);
const output = join(root, ".observablehq", "cache", relative(resolve(root), resolve(loader)).replace(/\.(ts|js)$/, ""));

if (markers) {
  while (existsSync(join(markers, `${name}.pending`))) await new Promise((done) => setTimeout(done, 50));
  if (existsSync(join(markers, `${name}.failed`))) {
    process.stderr.write(readFileSync(join(markers, `${name}.failed`), "utf8"));
    process.exit(1);
  }
  if (existsSync(join(markers, `${name}.done`)) && existsSync(output)) {
    createReadStream(output).pipe(process.stdout);
  } else runItself();
} else runItself();

function runItself() {
  const [command, ...args] = loader.endsWith(".ts") ? ["tsx"] : [process.execPath, "--no-warnings=ExperimentalWarning"];
  const child = spawn(command, [...args, loader], {stdio: "inherit"});
  child.on("error", (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
  child.on("close", (code) => process.exit(code ?? 1));
}
