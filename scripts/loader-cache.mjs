// Invalidates Framework's data-loader cache (src/.observablehq/cache/data/) by what each loader depends on.
//
// Framework treats a cached output as fresh while it is newer than the loader file; an edit to lib/ or
// loaders/, or another BENCHSTATS_DATA folder, goes unseen. For each loader `src/data/NAME.EXT.(ts|js|mjs)`
// this hashes (SHA-256) the contents of every local file in its import graph (esbuild's metafile, one build
// for all loaders) and a fingerprint (each file's path, size and modification time) of the data it reads:
//
// - a loader whose graph calls `dataDir()` reads the whole folder ($BENCHSTATS_DATA, or the bundled data/):
//   the folder's path and every file in it count;
// - a loader that only calls `dataPath("gpu", …)` reads data/gpu/ or, where the user folder has that file,
//   the user's copy: the bundled data/gpu/ and the user folder's gpu/ (when there is one) count, so pointing
//   BENCHSTATS_DATA at a folder without gpu/ re-runs none of the GPU loaders; a dataPath whose first part is
//   not a string literal counts as the whole folder;
// - a loader whose graph does not import loaders/data-dir reads no data folder.
//
// A loader that bundles another module at run time (the bootstrap worker's loader names its entry as
// `new URL("../components/rl-worker-entry.ts", import.meta.url)`) depends on that module's import graph
// too, so those entries are built alongside and their files count in the loader's hash.
//
// The hashes are kept in `cache/data/.loader-hashes.json`; where one changed, the loader's cached output is
// deleted so that Framework runs it again. Nothing else is cleared. Page loaders (src/NAME.md.ts, the API
// reference built from lib/'s declarations) are hashed the same way, with the files of the folders they name
// as read at run time (`// loader-cache: reads lib/`); their hashes are kept in `cache/.page-loader-hashes.json`
// next to their outputs (cache/NAME.md).
//
// The import graphs are esbuild's work (2–3 s on 2 cores); they are kept in `cache/data/.loader-graphs.json`
// with the SHA-256 of every file in them and the modification time of every folder holding one, and reused
// while the loaders are the same files and none of those changed: a graph changes only when one of its files
// does (an import added or removed), or when a file appears beside them (a new module an import may now
// resolve to). The files are read for the hashes anyway, so checking them costs no more than that.
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import * as esbuild from "esbuild";

const loaderPattern = /^(.+\.[a-z0-9]+)\.(ts|js|mjs)$/i;
const pageLoaderPattern = /^(.+\.md)\.(ts|js|mjs)$/i;
const dataModule = /(^|\/)loaders\/data-dir\.(ts|js)$/;
/** A module a loader names relative to itself, to bundle or read at run time. */
const runtimeEntry = /new URL\(\s*["'`]([^"'`]+\.(?:ts|js|mjs))["'`]\s*,\s*import\.meta\.url\s*\)/g;

/** The folders named in a loader's `// loader-cache: reads A/, B/` line. */
export function readsFolders(text) {
  const line = /^\/\/ loader-cache: reads (.+)$/m.exec(text ?? "");
  return line ? line[1].split(",").map((folder) => folder.trim().replace(/\/$/, "")).filter(Boolean) : [];
}

/** Every file under `folder` (sorted; node_modules, dist and dot-entries left out). */
function filesUnder(folder) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) continue;
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.isFile()) files.push(join(dir, entry.name));
    }
  };
  if (existsSync(folder)) walk(folder);
  return files;
}

/** {entry file (absolute) → its local import graph's files (relative to projectDir)}, one esbuild pass. */
async function importGraphs(projectDir, entries) {
  if (entries.length === 0) return {};
  const result = await esbuild.build({
    entryPoints: entries,
    absWorkingDir: projectDir,
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    external: ["node:*"],
    outdir: join(projectDir, ".loader-graph"),
    logLevel: "silent"
  });
  const graphs = {};
  for (const output of Object.values(result.metafile.outputs)) {
    if (output.entryPoint) graphs[resolve(projectDir, output.entryPoint)] = Object.keys(output.inputs);
  }
  return graphs;
}

/**
 * {entry (absolute) → its import graph}: the graphs kept in `cacheFile` while they are current (see above),
 * else esbuild's, which are then kept there. `read(path)` reads a file (relative to projectDir) once.
 * Returns {graphs, reused}.
 */
export async function cachedImportGraphs(projectDir, entries, cacheFile, read = (path) => readFileSync(resolve(projectDir, path), "utf8")) {
  const names = entries.map((entry) => relative(projectDir, entry)).sort();
  const digest = (path) => {
    try {
      return createHash("sha256").update(read(path)).digest("hex");
    } catch {
      return null;
    }
  };
  const folderTime = (dir) => statSync(resolve(projectDir, dir), {throwIfNoEntry: false})?.mtimeMs ?? null;
  let kept;
  try {
    kept = cacheFile && JSON.parse(readFileSync(cacheFile, "utf8"));
  } catch {}
  const current =
    kept?.version === 1 &&
    kept.esbuild === esbuild.version &&
    JSON.stringify(kept.entries) === JSON.stringify(names) &&
    Object.entries(kept.files).every(([path, hash]) => digest(path) === hash) &&
    Object.entries(kept.folders).every(([dir, time]) => folderTime(dir) === time);
  if (current) return {graphs: Object.fromEntries(Object.entries(kept.graphs).map(([entry, inputs]) => [resolve(projectDir, entry), inputs])), reused: true};
  const graphs = await importGraphs(projectDir, entries);
  if (cacheFile) {
    const inputs = [...new Set(Object.values(graphs).flat())].sort();
    const files = Object.fromEntries(inputs.map((path) => [path, digest(path)]));
    const folders = Object.fromEntries([...new Set(inputs.map((path) => dirname(path)))].sort().map((dir) => [dir, folderTime(dir)]));
    const relativeGraphs = Object.fromEntries(Object.entries(graphs).map(([entry, inputs]) => [relative(projectDir, entry), inputs]));
    mkdirSync(dirname(cacheFile), {recursive: true});
    writeFileSync(cacheFile, JSON.stringify({version: 1, esbuild: esbuild.version, entries: names, graphs: relativeGraphs, files, folders}));
  }
  return {graphs, reused: false};
}

/** A cheap fingerprint of `folder`'s files (relative path, size, modification time); "" when it does not exist. */
function folderFingerprint(folder) {
  const hash = createHash("sha256");
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const info = statSync(path, {throwIfNoEntry: false});
        if (info) hash.update(`${relative(folder, path)}\t${info.size}\t${info.mtimeMs}\n`);
      }
    }
  };
  if (!existsSync(folder)) return "";
  walk(folder);
  return hash.digest("hex");
}

/** The whole data folder the loaders read ($BENCHSTATS_DATA or the bundled data/), fingerprinted cheaply. */
export function dataFingerprint(projectDir, env = process.env) {
  const folder = env.BENCHSTATS_DATA ? resolve(process.cwd(), env.BENCHSTATS_DATA) : join(projectDir, "data");
  return createHash("sha256").update(`BENCHSTATS_DATA=${env.BENCHSTATS_DATA ?? ""}\n${folderFingerprint(folder)}`).digest("hex");
}

/**
 * The fingerprint of the subfolders `parts` (first parts of dataPath calls) as dataPath resolves them: the
 * bundled data/PART and, when BENCHSTATS_DATA is set and has PART, the user's PART with its path.
 */
export function partsFingerprint(projectDir, parts, env = process.env) {
  const hash = createHash("sha256");
  const user = env.BENCHSTATS_DATA ? resolve(process.cwd(), env.BENCHSTATS_DATA) : undefined;
  for (const part of [...parts].sort()) {
    hash.update(`${part}\t${folderFingerprint(join(projectDir, "data", part))}\n`);
    if (user && existsSync(join(user, part))) hash.update(`user ${join(user, part)}\t${folderFingerprint(join(user, part))}\n`);
  }
  return hash.digest("hex");
}

/**
 * What a loader's source files read of the data folder: "none" (no loaders/data-dir import), "all"
 * (dataDir(), or a dataPath whose first part is computed) or the set of first parts of its dataPath calls.
 */
export function dataDependency(sources) {
  if (!sources.some(({path}) => dataModule.test(path))) return "none";
  const parts = new Set();
  for (const {path, text} of sources) {
    if (dataModule.test(path)) continue;
    if (/\bdataDir\s*\(/.test(text)) return "all";
    for (const call of text.matchAll(/\bdataPath\s*\(\s*(?:(["'])([^"'\\/]+)\1)?/g)) {
      if (call[2] === undefined) return "all";
      parts.add(call[2]);
    }
  }
  return parts;
}

/**
 * {loader file (relative to `folder`, default src/data) → hash of its code and data}. `graphCache`: the file
 * that keeps the import graphs between builds (cachedImportGraphs); without it esbuild works them out every
 * time. With `pattern`, only the loaders whose names match it (the page loaders of src/: NAME.md.ts).
 */
export async function loaderHashes(projectDir, env = process.env, {graphCache, folder = join("src", "data"), pattern = loaderPattern} = {}) {
  const dataDir = join(projectDir, folder);
  const loaders = readdirSync(dataDir).filter((name) => pattern.test(name));
  const loaderFiles = loaders.map((name) => join(dataDir, name));
  const texts = new Map();
  const read = (path) => {
    if (!texts.has(path)) texts.set(path, readFileSync(resolve(projectDir, path), "utf8"));
    return texts.get(path);
  };
  const extra = new Map(); // loader → entries it bundles at run time
  for (const file of loaderFiles) {
    const entries = [...read(relative(projectDir, file)).matchAll(runtimeEntry)].map((m) => resolve(dataDir, m[1])).filter((path) => existsSync(path));
    if (entries.length) extra.set(file, entries);
  }
  const {graphs} = await cachedImportGraphs(projectDir, [...new Set([...loaderFiles, ...[...extra.values()].flat()])], graphCache, read);
  const hashes = {};
  for (const file of loaderFiles) {
    const inputs = new Set(graphs[file] ?? [relative(projectDir, file)]);
    for (const entry of extra.get(file) ?? []) for (const input of graphs[entry] ?? []) inputs.add(input);
    const sources = [...inputs].sort().map((input) => ({path: input, text: read(input)}));
    // `// loader-cache: reads lib/, …`: folders of the project the loader reads at run time (not by import).
    for (const folder of readsFolders(read(relative(projectDir, file)))) {
      for (const path of filesUnder(join(projectDir, folder))) sources.push({path: relative(projectDir, path), text: readFileSync(path, "utf8")});
    }
    const reads = dataDependency(sources);
    const data = reads === "none" ? "no data" : reads === "all" ? dataFingerprint(projectDir, env) : partsFingerprint(projectDir, reads, env);
    const hash = createHash("sha256").update(`${data}\n`);
    for (const {path, text} of sources) hash.update(`${path}\n`).update(text);
    hashes[relative(dataDir, file)] = hash.digest("hex");
  }
  return hashes;
}

/**
 * Deletes the cached outputs of the loaders whose hash changed; returns their names. The data loaders'
 * hashes (and import graphs) are kept in `cacheDir` (cache/data/), the page loaders' (src/NAME.md.ts, whose
 * outputs are cache/NAME.md: the API reference, generated from lib/) in the folder above it.
 */
export async function invalidateLoaderCache(projectDir, env = process.env, cacheDir = join(projectDir, "src", ".observablehq", "cache", "data")) {
  const changed = [];
  const pages = dirname(cacheDir);
  const sets = [
    {manifest: join(cacheDir, ".loader-hashes.json"), outputs: cacheDir, hashes: await loaderHashes(projectDir, env, {graphCache: join(cacheDir, ".loader-graphs.json")})},
    {
      manifest: join(pages, ".page-loader-hashes.json"),
      outputs: pages,
      hashes: await loaderHashes(projectDir, env, {graphCache: join(pages, ".page-loader-graphs.json"), folder: "src", pattern: pageLoaderPattern})
    }
  ];
  for (const {manifest, outputs, hashes} of sets) {
    const previous = existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")) : {};
    for (const [loader, hash] of Object.entries(hashes)) {
      const output = join(outputs, loader.replace(loaderPattern, "$1"));
      if (previous[loader] === hash) continue;
      if (existsSync(output)) changed.push(loader);
      rmSync(output, {force: true});
    }
    mkdirSync(outputs, {recursive: true});
    writeFileSync(manifest, JSON.stringify(hashes, null, 2));
  }
  return changed;
}
