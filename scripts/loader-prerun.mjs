// Runs the data loaders that a build will need, several at a time, into Framework's loader cache.
//
// Framework 1.13 runs data loaders one after another during `observable build`: build.js copies each file a
// page references in a `for … await loader.load()` loop, so on a 2-core machine half the CPU idles while the
// slow loaders (bootstraps, IRT fits) run. While Framework renders the pages, scripts/build.mjs has this module
// run the loaders that Framework would find missing or stale, `parallel` at a time (default
// os.availableParallelism()), longest first (by the time each took last, kept in cache/.loader-times.json),
// and write each output where and as Framework does (node_modules/@observablehq/framework/dist/loader.js,
// AbstractLoader.load and CommandLoader):
//
// - the output of `ROOT/data/NAME.EXT.ts` is `ROOT/.observablehq/cache/data/NAME.EXT`, written to a temporary
//   file in the same folder and renamed into place once the loader exits with status 0;
// - Framework calls an output fresh while its modification time is not older than the loader file's, so a
//   file written now is fresh and Framework copies it instead of running the loader again;
// - the loader runs from the project folder with the environment Framework gives it.
//
// Framework runs a .ts loader with `tsx LOADER`, which costs ~0.5 s of CPU to start and, in the heavy
// loaders, 10–20% more CPU than the same code as plain JavaScript (measured 8 Dec: irt-chembench 16.0 s →
// 14.9 s, judges 10.0 → 8.2, arena-ratings 8.2 → 6.5, bat-example 0.36 → 0.08; outputs byte-identical).
// Here the stale .ts loaders are bundled first, in one esbuild pass (as tsx transforms them: ESM, names
// kept, packages left to node_modules), with every `import.meta.url` replaced by the URL of the file it is
// written in, so paths built from it (loaders/data-dir.ts's data folder, the bootstrap worker's entry) are
// those of the sources; each bundle runs with `node --enable-source-maps` (errors name the .ts lines). Should
// the bundling fail, the loaders run with tsx as Framework would. .js loaders run with Framework's
// `node --no-warnings=ExperimentalWarning LOADER`.
//
// Only loaders whose output file name appears in one of the root's pages are run here (a subset build with
// `--pages` runs only what its pages load); anything else Framework still runs itself when it needs it. A
// loader's stderr is printed once it ends, so that two loaders' messages do not interleave. A failed loader
// is reported as "the data loader for /data/NAME.EXT failed: MESSAGE" (MESSAGE: the first error line it
// printed); Framework, waiting on it through scripts/loader-wait.mjs, fails the build.
import {spawn} from "node:child_process";
import {closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {availableParallelism} from "node:os";
import {dirname, join, resolve} from "node:path";
import {pathToFileURL} from "node:url";
import * as esbuild from "esbuild";

/** Framework's default interpreters for the loader extensions this project uses (loader.js defaultInterpreters). */
const interpreters = {ts: ["tsx"], js: [process.execPath, "--no-warnings=ExperimentalWarning"]};
const loaderPattern = /^(.+\.[a-z0-9]+)\.(ts|js)$/i;

/** The text of every page (`*.md`) under `rootDir`, following the links of a `--pages` scratch root. */
function pagesText(rootDir) {
  let text = "";
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".") || name === "node_modules") continue;
      const path = join(dir, name);
      const info = statSync(path, {throwIfNoEntry: false});
      if (info?.isDirectory()) {
        if (name !== "data" && name !== "components" && name !== "lib") walk(path);
      } else if (info && name.endsWith(".md")) text += readFileSync(path, "utf8") + "\n";
    }
  };
  walk(rootDir);
  return text;
}

/**
 * The loaders in `root/data/` (root relative to `projectDir`) that the root's pages name, and the page
 * loaders `root/NAME.md.ts`, whose cached output is missing or older than the loader file, as {loader,
 * target, command, args, cachePath}.
 */
export function staleLoaders(projectDir, root) {
  const rootDir = resolve(projectDir, root);
  const dataDir = join(rootDir, "data");
  const pages = pagesText(rootDir);
  const stale = [];
  const consider = (folder, name, target) => {
    const cachePath = resolve(rootDir, ".observablehq", "cache", ...target.split("/").filter(Boolean));
    const cached = statSync(cachePath, {throwIfNoEntry: false});
    if (cached && cached.mtimeMs >= statSync(join(rootDir, folder, name)).mtimeMs) return;
    const [command, ...args] = interpreters[loaderPattern.exec(name)[2].toLowerCase()];
    stale.push({loader: name, target, command, args: [...args, join(root, folder, name)], cachePath});
  };
  for (const name of existsSync(dataDir) ? readdirSync(dataDir).sort() : []) {
    const match = loaderPattern.exec(name);
    if (!match) continue;
    const output = match[1];
    const named = new RegExp(`(^|[^\\w.-])${output.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w.-])`);
    if (named.test(pages)) consider("data", name, `/data/${output}`);
  }
  for (const name of readdirSync(rootDir).sort()) {
    const match = loaderPattern.exec(name);
    if (match && match[1].endsWith(".md")) consider("", name, `/${match[1]}`);
  }
  return stale;
}

/**
 * What a loader's stderr says went wrong: its first "NameError: message" line (what Node prints for an
 * uncaught error, after the source line that threw), else its first line that mentions an error, else its last
 * line; never a stack frame.
 */
export function loaderMessage(stderr, code) {
  const lines = stderr.replace(/\x1b\[[0-9;]*m/g, "").split("\n").map((line) => line.trim()).filter((line) => line && !/^at /.test(line));
  const said = lines.find((line) => /^[\w.$]*(Error|Exception)\b[^:]{0,40}:/.test(line)) ?? lines.find((line) => /error/i.test(line)) ?? lines.at(-1);
  return `${said ? `${said.slice(0, 300)} ` : ""}(exit status ${code})`;
}

function runLoader(projectDir, job, env) {
  return new Promise((done) => {
    const temp = `${job.cachePath}.prerun-${process.pid}`;
    rmSync(temp, {force: true});
    const start = performance.now();
    let fd;
    try {
      mkdirSync(dirname(job.cachePath), {recursive: true});
      fd = openSync(temp, "w");
    } catch (error) {
      return done({...job, code: 1, stderr: String(error), seconds: 0});
    }
    const child = spawn(job.command, job.args, {cwd: projectDir, env, stdio: ["ignore", fd, "pipe"], windowsHide: true});
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-100_000)));
    const finish = (code) => {
      closeSync(fd);
      if (code === 0) renameSync(temp, job.cachePath);
      else rmSync(temp, {force: true});
      done({...job, code, stderr, seconds: (performance.now() - start) / 1000});
    };
    child.on("error", (error) => ((stderr += `${error.message}\n`), finish(1)));
    child.on("close", (code) => finish(code ?? 1));
  });
}

/** An esbuild plugin that writes each source file's own URL where it says `import.meta.url`. */
const ownUrl = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({filter: /\.(ts|js|mjs)$/}, (args) => {
      if (args.path.includes("/node_modules/")) return undefined;
      const text = readFileSync(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      return {contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith(".ts") ? "ts" : "js"};
    });
  }
};

/**
 * Bundles the .ts loaders among `jobs` into `outDir` (one esbuild pass) and points their jobs at the
 * bundles; leaves the jobs as they are (tsx) when esbuild fails. Returns the jobs.
 */
export async function bundleLoaders(projectDir, jobs, outDir) {
  const typescript = jobs.filter((job) => job.loader.endsWith(".ts"));
  if (!typescript.length) return jobs;
  rmSync(outDir, {recursive: true, force: true});
  try {
    await esbuild.build({
      entryPoints: Object.fromEntries(typescript.map((job) => [job.loader.replace(/\.ts$/, ""), resolve(projectDir, job.args.at(-1))])),
      absWorkingDir: projectDir,
      outdir: outDir,
      outExtension: {".js": ".mjs"},
      bundle: true,
      format: "esm",
      platform: "node",
      target: `node${process.versions.node.split(".")[0]}`,
      packages: "external",
      keepNames: true,
      sourcemap: true,
      plugins: [ownUrl],
      logLevel: "silent"
    });
  } catch (error) {
    console.log(`data loaders: bundling failed, they run with tsx (${String(error.message ?? error).split("\n")[0]})`);
    return jobs;
  }
  return jobs.map((job) =>
    job.loader.endsWith(".ts") ? {...job, command: process.execPath, args: ["--enable-source-maps", join(outDir, `${job.loader.replace(/\.ts$/, "")}.mjs`)]} : job
  );
}

/**
 * Runs `jobs` (from staleLoaders) `parallel` at a time, longest first by the times recorded under
 * `cacheRoot/.loader-times.json`; returns the failed ones as {target, message}. Stops starting loaders after
 * a failure (those already running finish, and their outputs are kept).
 *
 * `markers`: a folder where, before this function first awaits, every job is marked `LOADER.pending`; each
 * then ends as `LOADER.done` (its output in place) or `LOADER.failed` (its message), so that Framework,
 * running at the same time, waits for it instead of running it again (scripts/loader-wait.mjs). Jobs left
 * unstarted after a failure end as failed too ("not run: …").
 */
export async function prerunLoaders({projectDir, cacheRoot, jobs, env = process.env, parallel = availableParallelism(), log = console.log, bundle = true, markers}) {
  const mark = (job, state, text = "") => {
    if (!markers) return;
    writeFileSync(join(markers, `${job.loader}.${state}`), text);
    if (state !== "pending") rmSync(join(markers, `${job.loader}.pending`), {force: true});
  };
  if (markers) {
    mkdirSync(markers, {recursive: true});
    for (const job of jobs) mark(job, "pending");
  }
  const bundles = join(cacheRoot, ".loader-bundles");
  if (bundle) jobs = await bundleLoaders(projectDir, jobs, bundles);
  const timesFile = join(cacheRoot, ".loader-times.json");
  let times = {};
  try {
    times = JSON.parse(readFileSync(timesFile, "utf8"));
  } catch {}
  // A loader not timed here yet (a fresh clone) is ordered by the CPU seconds in scripts/loader-times.json
  // (measured 8 Dec on the 2-core machine; only the order depends on them), else first.
  let estimates = {};
  try {
    estimates = JSON.parse(readFileSync(new URL("./loader-times.json", import.meta.url), "utf8"));
  } catch {}
  const expected = (job) => times[job.loader] ?? estimates[job.loader] ?? Infinity;
  const queue = [...jobs].sort((a, b) => expected(b) - expected(a) || (a.loader < b.loader ? -1 : 1));
  const failed = [];
  const worker = async () => {
    while (queue.length && !failed.length) {
      const job = queue.shift();
      const result = await runLoader(projectDir, job, env);
      if (result.stderr.trim()) process.stderr.write(result.stderr.endsWith("\n") ? result.stderr : `${result.stderr}\n`);
      if (result.code === 0) {
        times[job.loader] = Math.round(result.seconds * 10) / 10;
        mark(job, "done");
        log(`load ${job.target} → [run ahead] success ${statSync(job.cachePath).size} bytes in ${result.seconds.toFixed(1)} s`);
      } else {
        const message = loaderMessage(result.stderr, result.code);
        failed.push({target: job.target, message});
        mark(job, "failed", `the data loader for ${job.target} failed: ${message}\n`);
        log(`load ${job.target} → [run ahead] error in ${result.seconds.toFixed(1)} s`);
      }
    }
  };
  await Promise.all(Array.from({length: Math.max(1, Math.min(parallel, jobs.length))}, worker));
  for (const job of queue) mark(job, "failed", `not run: the data loader for ${failed[0]?.target} failed\n`);
  try {
    writeFileSync(timesFile, JSON.stringify(times, null, 2));
  } catch {}
  rmSync(bundles, {recursive: true, force: true});
  return failed;
}
