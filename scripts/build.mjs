#!/usr/bin/env node
// `npm run build`: a safe, incremental build of the site.
//
// - Safe: Framework builds into a fresh folder next to dist/ (dist.building-PID); only when it succeeds is
//   that folder swapped in for dist/. A failed build leaves the previous dist/ as it was and says which page
//   or data loader failed, in one readable paragraph.
// - Incremental: Framework re-runs a data loader only when the loader file itself is newer than its cached
//   output; it does not see the code the loader imports (lib/, loaders/) or the data folder it reads. This
//   script hashes, for each loader in src/data/, the source of every file it imports (esbuild's import graph)
//   and a fingerprint (paths, sizes, modification times) of the part of the data folder that loader reads (the
//   whole folder, the subfolders it names, or none), and deletes that loader's cached output when the hash
//   changed (scripts/loader-cache.mjs). A page edit thus re-runs no loader, and another BENCHSTATS_DATA
//   re-runs only the loaders that read what that folder holds. The library reaches the pages bundled
//   (src/lib/, scripts/page-lib.mjs), rebundled only when lib/ changed, so that Framework copies a few
//   modules rather than lib/'s ~200, and Framework reads the config compiled to JavaScript
//   (scripts/framework-config.mjs) rather than through tsx.
// - Parallel: Framework runs data loaders one at a time; the stale loaders the pages load run instead
//   --jobs at a time (default: the machine's cores) while Framework renders the pages, into Framework's cache
//   (scripts/loader-prerun.mjs); Framework finds them fresh or waits for them (scripts/loader-wait.mjs).
// - Readable errors: a BENCHSTATS_DATA that is not a folder is refused before anything runs.
//
// - A subset: `--pages own-page,my-agents` builds only those pages (and the home page) from a scratch root
//   (.build-root-OUT/) whose entries link to src/'s; it has its own loader cache and shares src/'s npm
//   cache, so only the loaders those pages load run, and the main build's cache is left alone.
//
// Usage: node scripts/build.mjs [--out dist] [--pages a,b] [--jobs N] [--skip-vendor] [--keep-loader-cache]
//        (--jobs, or BENCHSTATS_LOADER_JOBS: loaders run at once ahead of Framework; 0 leaves them all to it)
//        (BENCHSTATS_DIST also names the output folder; --keep-loader-cache trusts every cached loader output)
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync} from "node:fs";
import {basename, delimiter, dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {explainBuildFailure} from "./build-errors.mjs";
import {compiledConfig} from "./framework-config.mjs";
import {invalidateLoaderCache} from "./loader-cache.mjs";
import {prerunLoaders, staleLoaders} from "./loader-prerun.mjs";
import {bundlePageLib} from "./page-lib.mjs";

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const {values: args} = parseArgs({options: {out: {type: "string", default: process.env.BENCHSTATS_DIST ?? "dist"}, "skip-vendor": {type: "boolean", default: false}, "keep-loader-cache": {type: "boolean", default: false}, jobs: {type: "string"}, pages: {type: "string"}}});
const out = resolve(projectDir, args.out);

const dataEnv = process.env.BENCHSTATS_DATA;
if (dataEnv) {
  const folder = resolve(process.cwd(), dataEnv);
  const problem = !existsSync(folder) ? "does not exist" : !statSync(folder).isDirectory() ? "is a file, not a folder" : null;
  if (problem) fail(`BENCHSTATS_DATA=${dataEnv} ${problem} (${folder}). Point it at a folder of data files, or unset it to build on the bundled data/.`);
}

if (!args["skip-vendor"]) await run(process.execPath, [resolve(projectDir, "scripts/vendor-npm.mjs"), "src"]);
// src/lib/: lib/ bundled for the pages (scripts/page-lib.mjs), unless the bundle there is current.
const pageLib = await bundlePageLib(projectDir).catch((error) => fail(error.message));
console.log(`page-lib: src/lib/ ${pageLib.rebuilt ? "bundled" : "is current"} (${(pageLib.ms / 1000).toFixed(1)} s)`);
const root = args.pages ? subsetRoot(args.pages.split(",").map((page) => page.trim().replace(/^\/|\.md$/g, ""))) : "src";
const cacheDir = resolve(projectDir, root, ".observablehq", "cache", "data");
const invalidated = args["keep-loader-cache"] ? [] : await invalidateLoaderCache(projectDir, process.env, cacheDir);
if (args["keep-loader-cache"]) console.log("data loaders: cache left as it is (--keep-loader-cache)");
else if (invalidated.length) console.log(`data loaders to re-run (their code or data changed): ${invalidated.join(", ")}`);
else console.log("data loaders: every cached output is current");

const fresh = `${out}.building-${process.pid}`;
rmSync(fresh, {recursive: true, force: true});
// node_modules/.bin on the PATH as under npm run: Framework runs the .ts data loaders with tsx.
const env = {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", BENCHSTATS_DIST: fresh, BENCHSTATS_ROOT: root, PATH: `${resolve(projectDir, "node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`};
const jobs = args.jobs ?? process.env.BENCHSTATS_LOADER_JOBS;
if (jobs !== undefined && !/^\d+$/.test(jobs)) fail(`--jobs ${jobs}: expected a whole number of loaders to run at once (0: none ahead of Framework)`);
const stale = jobs === "0" ? [] : staleLoaders(projectDir, root);
// The stale loaders run while Framework renders the pages; Framework waits for each (loader-wait.mjs).
const markers = join(dirname(cacheDir), `.loaders-running-${process.pid}`);
rmSync(markers, {recursive: true, force: true});
const ahead = stale.length ? prerunLoaders({projectDir, cacheRoot: dirname(cacheDir), jobs: stale, env, markers, ...(jobs ? {parallel: Number(jobs)} : {})}) : Promise.resolve([]);
// BENCHSTATS_OBSERVABLE: another build command (a script run with node), for the tests of this script.
const framework = process.env.BENCHSTATS_OBSERVABLE ?? resolve(projectDir, "node_modules/@observablehq/framework/dist/bin/observable.js");
// A young generation of 64 MB (V8's default is 16): Framework's pass over the pages allocates much and briefly
// (jsdom per page, acorn trees of every module), and collects a third as often (~1 s of CPU less, +90 MB).
const [{code, output}, failed] = await Promise.all([
  run(process.execPath, ["--max-semi-space-size=64", framework, "build", "--config", await compiledConfig(projectDir)], {env: stale.length ? {...env, BENCHSTATS_LOADER_WAIT: markers} : env, capture: true}),
  ahead
]);
rmSync(markers, {recursive: true, force: true});
if (code !== 0 || failed.length || !existsSync(resolve(fresh, "index.html"))) {
  rmSync(fresh, {recursive: true, force: true});
  const why = failed.length ? failed.map(({target, message}) => `the data loader for ${target} failed: ${message}`).join("\n") : explainBuildFailure(output, projectDir);
  fail(`${why}\nThe build failed; ${kept()}.`);
}
const old = `${out}.old-${process.pid}`;
if (existsSync(out)) renameSync(out, old);
renameSync(fresh, out);
rmSync(old, {recursive: true, force: true});
console.log(`built ${basename(out)}/`);

/**
 * A scratch root (relative to the project) holding `pages` and the home page as links to src/'s, every
 * other entry of src/ but its pages and page loaders (components/, data/, lib/) as links too, and a cache
 * of its own whose npm packages are src/'s (the offline copies vendor-npm.mjs put there).
 */
function subsetRoot(pages) {
  const src = join(projectDir, "src");
  for (const page of pages) if (!["", ".ts", ".js"].some((loader) => existsSync(join(src, `${page}.md${loader}`)))) fail(`--pages: there is no page src/${page}.md`);
  const name = `.build-root-${basename(out)}`;
  const dir = join(projectDir, name);
  const wanted = new Set(["index", ...pages].map((page) => `${page}.md`));
  for (const entry of existsSync(dir) ? readdirSync(dir) : []) {
    if (entry !== ".observablehq") rmSync(join(dir, entry), {recursive: true, force: true});
  }
  mkdirSync(join(dir, ".observablehq", "cache"), {recursive: true});
  for (const entry of readdirSync(src)) {
    if (entry === ".observablehq" || (/\.md(\.[a-z]+)?$/.test(entry) && !wanted.has(entry.replace(/(\.md)\.[a-z]+$/, "$1")))) continue;
    symlinkSync(join(src, entry), join(dir, entry));
  }
  const npm = join(dir, ".observablehq", "cache", "_npm");
  rmSync(npm, {recursive: true, force: true});
  if (existsSync(join(src, ".observablehq", "cache", "_npm"))) symlinkSync(join(src, ".observablehq", "cache", "_npm"), npm);
  return name;
}

/** Runs a command, echoing its output; with `capture` also returns the output for the error report. */
function run(command, argv, {env = process.env, capture = false} = {}) {
  return new Promise((done) => {
    const child = spawn(command, argv, {cwd: projectDir, env, stdio: ["ignore", "pipe", "pipe"]});
    let output = "";
    const keep = (stream, sink) =>
      child[stream].on("data", (chunk) => {
        sink.write(chunk);
        if (capture) output = (output + chunk).slice(-200_000);
      });
    keep("stdout", process.stdout);
    keep("stderr", process.stderr);
    child.on("close", (code) => {
      if (!capture && code !== 0) fail(`${basename(argv[0])} exited with status ${code}`);
      done({code, output});
    });
  });
}

function kept() {
  return existsSync(out) ? `the previous ${basename(out)}/ is unchanged` : `no ${basename(out)}/ was written`;
}

function fail(message) {
  console.error(`\nbuild: ${message}`);
  process.exit(1);
}
