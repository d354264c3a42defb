#!/usr/bin/env node
// Pre-fills Observable Framework's npm cache (<root>/.observablehq/cache/_npm/<name>@<version>/_esm.js)
// from node_modules, so that `observable build` and `observable preview` never reach for the CDN.
// Framework checks for these files before fetching (see RECIPE.md, pitfalls 4–5).
//
// Usage: node scripts/vendor-npm.mjs [root=src]
import {existsSync} from "node:fs";
import {copyFile, mkdir, readFile, writeFile} from "node:fs/promises";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";
import {lazyPackages, vendoredPackages} from "./vendored-packages.mjs";

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const root = resolve(projectDir, process.argv[2] ?? "src");
const npmDir = join(root, ".observablehq", "cache", "_npm");

async function packageVersion(name) {
  const json = JSON.parse(await readFile(join(projectDir, "node_modules", name, "package.json"), "utf8"));
  return json.version;
}

const versions = new Map();
for (const name of vendoredPackages) versions.set(name, await packageVersion(name));

/** Where a vendored package's bundle lives, relative to the cache root `_npm/`. */
const bundlePath = (name) => `${name}@${versions.get(name)}/_esm.js`;

/** Keeps one copy of each vendored package: imports of another one become relative paths to its bundle. */
function sharedVendoredPackages(self) {
  return {
    name: "shared-vendored-packages",
    setup(build) {
      build.onResolve({filter: /^[^./]/}, (args) => {
        if (args.kind === "entry-point") return undefined;
        const name = vendoredPackages.find((p) => args.path === p);
        if (!name || name === self) return undefined;
        const from = dirname(bundlePath(self));
        return {path: relative(from, bundlePath(name)), external: true};
      });
    }
  };
}

async function bundle(name, withDefault) {
  const contents = `export * from ${JSON.stringify(name)};` + (withDefault ? `export {default} from ${JSON.stringify(name)};` : "");
  return esbuild.build({
    stdin: {contents, resolveDir: projectDir, loader: "js"},
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
    define: {"process.env.NODE_ENV": '"production"'},
    plugins: [sharedVendoredPackages(name)]
  });
}

async function vendor(name) {
  const output = join(npmDir, bundlePath(name));
  if (existsSync(output)) return false;
  let result;
  try {
    result = await bundle(name, true);
  } catch {
    result = await bundle(name, false); // packages without a default export (most ESM libraries)
  }
  await mkdir(dirname(output), {recursive: true});
  await writeFile(output, result.outputFiles[0].contents);
  return true;
}

/** parquet-wasm's WebAssembly module, where Framework's `FileAttachment(…).parquet()` asks for it. */
async function copyParquetWasmAssets() {
  const name = "parquet-wasm";
  const source = join(projectDir, "node_modules", name, "esm", "parquet_wasm_bg.wasm");
  const target = join(npmDir, `${name}@${versions.get(name)}`, "esm");
  await mkdir(target, {recursive: true});
  if (!existsSync(join(target, "parquet_wasm_bg.wasm"))) await copyFile(source, join(target, "parquet_wasm_bg.wasm"));
}

const started = performance.now();
let built = 0;
for (const name of vendoredPackages) if (await vendor(name)) ++built;
await copyParquetWasmAssets();
// Framework's client refers to these lazily; an empty cached version stops it asking the registry.
for (const name of lazyPackages) await mkdir(join(npmDir, `${name}@0.0.0-offline`), {recursive: true});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`vendor-npm: ${vendoredPackages.length} packages (${built} bundled) in ${relative(projectDir, npmDir)} (${seconds} s)`);
