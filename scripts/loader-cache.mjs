// Invalidates Framework's data-loader cache (src/.observablehq/cache/data/) by what each loader depends on.
//
// Framework treats a cached output as fresh while it is newer than the loader file; an edit to lib/ or
// loaders/, or another BENCHSTATS_DATA folder, goes unseen. For each loader `src/data/NAME.EXT.(ts|js|mjs)`
// this hashes (SHA-256) the contents of every local file in its import graph (esbuild's metafile, one build
// for all loaders), the BENCHSTATS_DATA setting, and a fingerprint of the data folder (each file's path,
// size and modification time). The hashes are kept in `cache/data/.loader-hashes.json`; where one changed,
// the loader's cached output is deleted so that Framework runs it again. Nothing else is cleared.
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import * as esbuild from "esbuild";

const loaderPattern = /^(.+\.[a-z0-9]+)\.(ts|js|mjs)$/i;

/** The data folder the loaders read ($BENCHSTATS_DATA or the bundled data/), fingerprinted cheaply. */
export function dataFingerprint(projectDir, env = process.env) {
  const folder = env.BENCHSTATS_DATA ? resolve(process.cwd(), env.BENCHSTATS_DATA) : join(projectDir, "data");
  const hash = createHash("sha256").update(`BENCHSTATS_DATA=${env.BENCHSTATS_DATA ?? ""}\n`);
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
  walk(folder);
  return hash.digest("hex");
}

/** {loader file (relative to src/data) → hash of its code and data}; also the output each loader writes. */
export async function loaderHashes(projectDir, env = process.env) {
  const dataDir = join(projectDir, "src", "data");
  const loaders = readdirSync(dataDir).filter((name) => loaderPattern.test(name));
  const result = await esbuild.build({
    entryPoints: loaders.map((name) => join(dataDir, name)),
    absWorkingDir: projectDir,
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outdir: join(projectDir, ".loader-graph"),
    logLevel: "silent"
  });
  const data = dataFingerprint(projectDir, env);
  const hashes = {};
  for (const output of Object.values(result.metafile.outputs)) {
    if (!output.entryPoint) continue;
    const name = relative(dataDir, resolve(projectDir, output.entryPoint));
    const hash = createHash("sha256").update(data);
    for (const input of Object.keys(output.inputs).sort()) {
      hash.update(`${input}\n`).update(readFileSync(resolve(projectDir, input)));
    }
    hashes[name] = hash.digest("hex");
  }
  return hashes;
}

/** Deletes the cached outputs of the loaders whose hash changed; returns their names. */
export async function invalidateLoaderCache(projectDir, env = process.env) {
  const cacheDir = join(projectDir, "src", ".observablehq", "cache", "data");
  const manifest = join(cacheDir, ".loader-hashes.json");
  const previous = existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")) : {};
  const current = await loaderHashes(projectDir, env);
  const changed = [];
  for (const [loader, hash] of Object.entries(current)) {
    const output = join(cacheDir, loader.replace(loaderPattern, "$1"));
    if (previous[loader] === hash) continue;
    if (existsSync(output)) changed.push(loader);
    rmSync(output, {force: true});
  }
  mkdirSync(cacheDir, {recursive: true});
  writeFileSync(manifest, JSON.stringify(current, null, 2));
  return changed;
}
