// scripts/build.mjs: a failed build keeps the previous output folder, a good one replaces it; a bad
// BENCHSTATS_DATA is refused in a sentence; loader cache hashes follow code and data. Framework itself is
// replaced by small stand-in scripts (BENCHSTATS_OBSERVABLE), so that these tests take seconds.
import {spawnSync} from "node:child_process";
import {existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import * as esbuild from "esbuild";
import {describe, expect, it} from "vitest";
// @ts-ignore plain JavaScript build scripts
import {explainBuildFailure, pagesMentioning} from "../../scripts/build-errors.mjs";
// @ts-ignore plain JavaScript build scripts
import {cachedImportGraphs, dataDependency, dataFingerprint, invalidateLoaderCache, loaderHashes, partsFingerprint} from "../../scripts/loader-cache.mjs";
// @ts-ignore plain JavaScript build scripts
import {bundleOptions, bundlePageLib, pageLibEntries} from "../../scripts/page-lib.mjs";
// @ts-ignore plain JavaScript build scripts
import {compiledConfig} from "../../scripts/framework-config.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "benchstats-build-"));

// --jobs 0: no loader is run ahead of the stand-in (scripts/loader-prerun.mjs has tests of its own).
function build(out: string, stand_in: string, env: Record<string, string> = {}, jobs = "0") {
  const script = join(scratch, `${stand_in}.mjs`);
  return spawnSync(process.execPath, [join(root, "scripts/build.mjs"), "--out", out, "--skip-vendor", "--keep-loader-cache", "--jobs", jobs], {
    cwd: root,
    env: {...process.env, BENCHSTATS_OBSERVABLE: script, ...env},
    encoding: "utf8"
  });
}

writeFileSync(
  join(scratch, "fails.mjs"),
  `import {mkdirSync, writeFileSync} from "node:fs";
mkdirSync(process.env.BENCHSTATS_DIST, {recursive: true});
writeFileSync(process.env.BENCHSTATS_DIST + "/half.html", "half a site");
console.error("copy src/data/my-scores.json → Error: ENOENT: no such file or directory, open '/x/src/data/my-scores.json'");
console.error("    at async open (node:internal/fs/promises:639:25)");
process.exit(1);`
);
writeFileSync(
  join(scratch, "succeeds.mjs"),
  `import {mkdirSync, writeFileSync} from "node:fs";
mkdirSync(process.env.BENCHSTATS_DIST, {recursive: true});
writeFileSync(process.env.BENCHSTATS_DIST + "/index.html", "new site");`
);

describe("npm run build (scripts/build.mjs)", () => {
  const out = join(scratch, "dist");
  mkdirSync(out);
  writeFileSync(join(out, "index.html"), "previous site");

  it("leaves the previous output as it was when the build fails, and names the page", () => {
    const result = build(out, "fails");
    expect(result.status).toBe(1);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("previous site");
    expect(existsSync(join(out, "half.html"))).toBe(false);
    expect(result.stderr).toMatch(/src\/my-agents\.md: data\/my-scores\.json could not be read/);
    expect(result.stderr).toMatch(/the previous dist\/ is unchanged/);
  }, 60_000);

  it("swaps the new output in when the build succeeds", () => {
    const result = build(out, "succeeds");
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("new site");
  }, 60_000);

  it("refuses a --jobs that is not a whole number, in one sentence, before building", () => {
    const result = build(out, "succeeds", {}, "two");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--jobs two: expected a whole number of loaders/);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("new site");
  });

  it("refuses a BENCHSTATS_DATA that is not a folder, in one sentence, before building", () => {
    const result = build(out, "succeeds", {BENCHSTATS_DATA: join(scratch, "no-such-folder")});
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/BENCHSTATS_DATA=.*no-such-folder does not exist .*Point it at a folder/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("new site");
  });
});

describe("the config Framework reads (scripts/framework-config.mjs)", () => {
  it("is observablehq.config.ts compiled to JavaScript: the same settings", async () => {
    const compiled = (await import(pathToFileURL(await compiledConfig(root)).href)).default;
    const source = (await import(pathToFileURL(join(root, "observablehq.config.ts")).href)).default;
    expect(JSON.stringify(compiled)).toBe(JSON.stringify(source));
    expect(compiled.pages.length).toBeGreaterThan(0);
  });
});

describe("build error messages", () => {
  it("find the pages that load a missing file", () => {
    expect(pagesMentioning(root, "my-scores.json")).toEqual(["src/my-agents.md"]);
  });
  it("name a failed data loader with its message", () => {
    const said = explainBuildFailure("load /data/own-inventory.json → [missing] error in 1.2s: command exited with code 1\n", root);
    expect(said).toMatch(/the data loader for \/data\/own-inventory\.json failed/);
  });
});

describe("loader cache fingerprints", () => {
  it("change with the data folder setting and its files, not otherwise", () => {
    const folder = mkdtempSync(join(tmpdir(), "benchstats-data-"));
    const a = dataFingerprint(root, {BENCHSTATS_DATA: folder});
    expect(dataFingerprint(root, {BENCHSTATS_DATA: folder})).toBe(a);
    writeFileSync(join(folder, "runs.csv"), "algorithm,task,value\nA,t,1\n");
    expect(dataFingerprint(root, {BENCHSTATS_DATA: folder})).not.toBe(a);
    expect(dataFingerprint(root, {})).not.toBe(a);
  });

  it("of a loader that reads data/gpu/ do not change with a user folder that has no gpu/", () => {
    const folder = mkdtempSync(join(tmpdir(), "benchstats-data-"));
    const bundled = partsFingerprint(root, new Set(["gpu"]), {});
    mkdirSync(join(folder, "runs"));
    writeFileSync(join(folder, "runs", "runs.csv"), "algorithm,task,value\nA,t,1\n");
    expect(partsFingerprint(root, new Set(["gpu"]), {BENCHSTATS_DATA: folder})).toBe(bundled);
    expect(partsFingerprint(root, new Set(["runs"]), {BENCHSTATS_DATA: folder})).not.toBe(partsFingerprint(root, new Set(["runs"]), {}));
    mkdirSync(join(folder, "gpu"));
    writeFileSync(join(folder, "gpu", "trace.json"), "{}");
    expect(partsFingerprint(root, new Set(["gpu"]), {BENCHSTATS_DATA: folder})).not.toBe(bundled);
  });

  it("cover the modules a loader bundles at run time (new URL(…, import.meta.url)), not only its imports", async () => {
    const project = mkdtempSync(join(tmpdir(), "benchstats-graph-"));
    mkdirSync(join(project, "src", "data"), {recursive: true});
    mkdirSync(join(project, "src", "components"));
    writeFileSync(join(project, "src", "data", "worker.js.ts"), 'const entry = new URL("../components/entry.ts", import.meta.url);\nprocess.stdout.write(String(entry));\n');
    writeFileSync(join(project, "src", "data", "plain.json.ts"), "process.stdout.write('{}');\n");
    writeFileSync(join(project, "src", "components", "entry.ts"), 'import {f} from "./dep.ts";\nf();\n');
    writeFileSync(join(project, "src", "components", "dep.ts"), "export function f() { return 1; }\n");
    const before = await loaderHashes(project, {});
    writeFileSync(join(project, "src", "components", "dep.ts"), "export function f() { return 2; }\n");
    const after = await loaderHashes(project, {});
    expect(after["worker.js.ts"]).not.toBe(before["worker.js.ts"]);
    expect(after["plain.json.ts"]).toBe(before["plain.json.ts"]);
  });

  it("of a page loader follow the folders it names as read at run time (the API page reads lib/)", async () => {
    const project = mkdtempSync(join(tmpdir(), "benchstats-pages-"));
    mkdirSync(join(project, "src", "data"), {recursive: true});
    mkdirSync(join(project, "lib"));
    writeFileSync(join(project, "src", "api.md.ts"), "// loader-cache: reads lib/\nprocess.stdout.write('# API');\n");
    writeFileSync(join(project, "lib", "a.ts"), "/** One. */\nexport const a = 1;\n");
    const cache = join(project, "src", ".observablehq", "cache");
    const cached = () => existsSync(join(cache, "api.md"));
    await invalidateLoaderCache(project, {}, join(cache, "data"));
    writeFileSync(join(cache, "api.md"), "# API");
    expect(await invalidateLoaderCache(project, {}, join(cache, "data"))).toEqual([]);
    expect(cached()).toBe(true);
    writeFileSync(join(project, "lib", "a.ts"), "/** One, documented better. */\nexport const a = 1;\n");
    expect(await invalidateLoaderCache(project, {}, join(cache, "data"))).toEqual(["api.md.ts"]);
    expect(cached()).toBe(false);
    expect(existsSync(join(cache, ".page-loader-hashes.json"))).toBe(true);
  });

  it("keep the import graphs between builds while their files are the same, and follow a changed lib file", async () => {
    const project = mkdtempSync(join(tmpdir(), "benchstats-graph-cache-"));
    mkdirSync(join(project, "src", "data"), {recursive: true});
    mkdirSync(join(project, "lib"));
    writeFileSync(join(project, "src", "data", "a.json.ts"), 'import {f} from "../../lib/dep.ts";\nprocess.stdout.write(String(f()));\n');
    writeFileSync(join(project, "src", "data", "b.json.ts"), "process.stdout.write('{}');\n");
    writeFileSync(join(project, "lib", "dep.ts"), "export function f() { return 1; }\n");
    const cacheDir = join(project, "src", ".observablehq", "cache", "data");
    const graphCache = join(cacheDir, ".loader-graphs.json");
    const entries = [join(project, "src", "data", "a.json.ts")];
    const output = (name: string) => join(cacheDir, name);
    const outputs = () => ["a.json", "b.json"].filter((name) => existsSync(output(name)));
    const loaderOutputs = () => ["a.json", "b.json"].forEach((name) => writeFileSync(output(name), "cached"));
    await invalidateLoaderCache(project, {}, cacheDir);
    loaderOutputs();
    const first = await loaderHashes(project, {}, {graphCache});
    expect((await cachedImportGraphs(project, entries, graphCache)).reused).toBe(false); // other entries than the build's
    expect((await cachedImportGraphs(project, entries, graphCache)).reused).toBe(true);
    await loaderHashes(project, {}, {graphCache}); // the build's entries again
    // An unchanged tree: the graphs are reused and no cached output is deleted.
    expect(await invalidateLoaderCache(project, {}, cacheDir)).toEqual([]);
    expect(outputs()).toEqual(["a.json", "b.json"]);
    expect(await loaderHashes(project, {}, {graphCache})).toEqual(first);
    // A lib file that now imports a new module: a's output is deleted, and the new module is in a's graph.
    writeFileSync(join(project, "lib", "more.ts"), "export const g = 2;\n");
    writeFileSync(join(project, "lib", "dep.ts"), 'import {g} from "./more.ts";\nexport function f() { return g; }\n');
    expect(await invalidateLoaderCache(project, {}, cacheDir)).toEqual(["a.json.ts"]);
    expect(outputs()).toEqual(["b.json"]);
    loaderOutputs();
    writeFileSync(join(project, "lib", "more.ts"), "export const g = 3;\n");
    expect(await invalidateLoaderCache(project, {}, cacheDir)).toEqual(["a.json.ts"]);
    expect(outputs()).toEqual(["b.json"]);
    // A file that appears beside a graph's files (an import may resolve to it now) sets the graphs aside.
    await new Promise((done) => setTimeout(done, 50));
    await loaderHashes(project, {}, {graphCache});
    expect((await cachedImportGraphs(project, entries, graphCache)).reused).toBe(false);
    expect((await cachedImportGraphs(project, entries, graphCache)).reused).toBe(true);
    await new Promise((done) => setTimeout(done, 50));
    writeFileSync(join(project, "lib", "dep.js"), "export function f() { return 4; }\n");
    expect((await cachedImportGraphs(project, entries, graphCache)).reused).toBe(false);
  });

  it("follow what a loader's import graph reads: nothing, some subfolders, or the whole folder", () => {
    const dataDir = {path: "loaders/data-dir.ts", text: "export function dataDir() {}\nexport function dataPath() { return join(dataDir(), ...parts); }"};
    expect(dataDependency([{path: "src/data/a.json.ts", text: "process.stdout.write('{}')"}])).toBe("none");
    expect(dataDependency([{path: "src/data/g.json.ts", text: 'read(dataPath("gpu", "a.json.gz")); read(dataPath(\'gpu\', file))'}, dataDir])).toEqual(new Set(["gpu"]));
    expect(dataDependency([{path: "src/data/o.json.ts", text: "const root = dataDir();"}, dataDir])).toBe("all");
    expect(dataDependency([{path: "src/data/c.json.ts", text: "read(dataPath(folder, 'x.csv'))"}, dataDir])).toBe("all");
  });
});

describe("a data loader's failure", () => {
  it("is not mistaken for a page's missing file", () => {
    const said = explainBuildFailure("copy src/data/bat-agreement.json → load /data/bat-agreement.json → [missing] error in 35ms: spawn tsx ENOENT\n", root);
    expect(said).toBe("the data loader for /data/bat-agreement.json failed: spawn tsx ENOENT");
  });
});

describe("the library as pages import it (scripts/page-lib.mjs)", () => {
  /** A project with lib/ (index, engine and a shared module), a page, a component and a data loader. */
  function project() {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-page-lib-"));
    mkdirSync(join(dir, "lib", "deep"), {recursive: true});
    mkdirSync(join(dir, "src", "components"), {recursive: true});
    mkdirSync(join(dir, "src", "data"));
    writeFileSync(join(dir, "lib", "shared.ts"), "export class Counter { n = 1; }\nexport const version: number = 1;\n");
    writeFileSync(join(dir, "lib", "index.ts"), 'export {Counter, version} from "./shared.js";\n');
    writeFileSync(join(dir, "lib", "engine.ts"), 'export {Counter} from "./shared.js";\nexport function twice(x: number) { return 2 * x; }\n');
    writeFileSync(join(dir, "lib", "deep", "tool.ts"), 'import {version} from "../shared.js";\nexport const tool = () => version;\n');
    writeFileSync(join(dir, "lib", "unused.ts"), "export const unused = 1;\n");
    writeFileSync(join(dir, "lib", "README.md"), "# lib\n");
    writeFileSync(join(dir, "src", "page.md"), '```js\nimport {version} from "./lib/index.js";\n```\n');
    writeFileSync(join(dir, "src", "components", "plot.js"), 'import {tool} from "../lib/deep/tool.js";\nexport const plot = tool;\n');
    writeFileSync(join(dir, "src", "data", "x.json.ts"), 'import {unused} from "../../lib/unused.js";\nprocess.stdout.write(String(unused));\n');
    return dir;
  }

  it("bundles index, engine and every lib module src/ names, with each lib module defined once", async () => {
    const dir = project();
    expect(pageLibEntries(dir)).toEqual({"deep/tool": "lib/deep/tool.ts", engine: "lib/engine.ts", index: "lib/index.ts"});
    expect((await bundlePageLib(dir)).rebuilt).toBe(true);
    const lib = join(dir, "src", "lib");
    expect(readFileSync(join(lib, "README.md"), "utf8")).toBe("# lib\n");
    const index = await import(pathToFileURL(join(lib, "index.js")).href);
    const engine = await import(pathToFileURL(join(lib, "engine.js")).href);
    const deep = await import(pathToFileURL(join(lib, "deep", "tool.js")).href);
    expect(index.Counter).toBe(engine.Counter);
    expect(index.Counter.name).toBe("Counter");
    expect(deep.tool()).toBe(1);
  });

  it("is rebuilt when a lib file changes, and left alone when nothing did", async () => {
    const dir = project();
    await bundlePageLib(dir);
    expect((await bundlePageLib(dir)).rebuilt).toBe(false);
    writeFileSync(join(dir, "lib", "shared.ts"), "export class Counter { n = 2; }\nexport const version: number = 2;\n");
    expect((await bundlePageLib(dir)).rebuilt).toBe(true);
    expect((await bundlePageLib(dir)).rebuilt).toBe(false);
    expect(readdirSync(join(dir, "src", "lib", "_chunks")).map((f) => readFileSync(join(dir, "src", "lib", "_chunks", f), "utf8")).join("")).toMatch(/version = 2/);
    writeFileSync(join(dir, "src", "components", "plot.js"), 'import {tool} from "../lib/deep/tool.js";\nimport {twice} from "../lib/engine.js";\n');
    expect((await bundlePageLib(dir)).rebuilt).toBe(false); // the same entries
    writeFileSync(join(dir, "src", "components", "other.js"), 'export {unused} from "../lib/unused.js";\n');
    expect((await bundlePageLib(dir)).rebuilt).toBe(true);
    expect(existsSync(join(dir, "src", "lib", "unused.js"))).toBe(true);
  });

  it("names the lib file that does not compile, and keeps the bundle it had", async () => {
    const dir = project();
    await bundlePageLib(dir);
    writeFileSync(join(dir, "lib", "shared.ts"), "export class Counter { n = ; }\n");
    await expect(bundlePageLib(dir)).rejects.toThrow(/bundling lib\/ for the pages failed:\s+lib\/shared\.ts:1:/);
    expect(readFileSync(join(dir, "src", "lib", "README.md"), "utf8")).toBe("# lib\n");
    expect(readdirSync(join(dir, "src")).filter((name) => name.startsWith(".lib-"))).toEqual([]);
  });

  it("replaces an old src/lib link to ../lib without touching lib/", async () => {
    const dir = project();
    symlinkSync("../lib", join(dir, "src", "lib"));
    expect((await bundlePageLib(dir)).rebuilt).toBe(true);
    expect(lstatSync(join(dir, "src", "lib")).isDirectory()).toBe(true);
    expect(readdirSync(join(dir, "lib")).sort()).toEqual(["README.md", "deep", "engine.ts", "index.ts", "shared.ts", "unused.ts"]);
  });

  it("exports from src/lib/index.js and engine.js what lib/index.ts and lib/engine.ts export", async () => {
    const out = mkdtempSync(join(tmpdir(), "benchstats-page-lib-real-"));
    await esbuild.build(bundleOptions(root, pageLibEntries(root), out));
    for (const name of ["index", "engine"]) {
      const bundled = await import(pathToFileURL(join(out, `${name}.js`)).href);
      const source = await import(pathToFileURL(join(root, "lib", `${name}.ts`)).href);
      expect(Object.keys(bundled).sort(), name).toEqual(Object.keys(source).sort());
    }
  }, 60_000);
});
