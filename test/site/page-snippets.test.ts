// The site's own how-to code is run, as the READMEs' is (readme-snippets.test.ts): the `js run=false` blocks of
// src/*.md (code a reader copies into a page of their own, which Framework shows but does not run) are run
// as Framework would run them as cells of one page — each block one cell, a promise or generator defined in
// one block seen as its value in the next (never within its own block) — on real runs, with the bootstrap
// worker in-process and Plot drawing into jsdom. The `sh` blocks' commands must name npm scripts, files and
// options that exist. (The `js echo` blocks of the own-data page are live cells: the build runs them and the
// browser check opens the page on three data folders.)
import {existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
// @ts-ignore jsdom ships no types and @types/jsdom is not installed
import {JSDOM} from "jsdom";
import {bundledDataDir} from "../../loaders/data-dir.js";
import {atari100kRuns} from "../../loaders/runs/atari100k.js";
import {InProcessWorker} from "../rl-page/in-process-worker.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const pages = readdirSync(join(root, "src")).filter((name) => name.endsWith(".md"));
const read = (page: string) => readFileSync(join(root, "src", page), "utf8");

/** Fenced blocks whose info string is `lang` followed by `rest` (e.g. "js", "run=false"). */
function blocks(markdown: string, lang: string, rest = ""): string[] {
  const pattern = /^(`{3,})(\S*)([^\n]*)\n([\s\S]*?)^\1\s*$/gm;
  const out: string[] = [];
  for (let m = pattern.exec(markdown); m; m = pattern.exec(markdown)) if (m[2] === lang && m[3].trim() === rest) out.push(m[4]);
  return out;
}

/** A value as another cell sees it: a promise's value, a generator's last yield. */
async function settle(value: unknown): Promise<unknown> {
  if (value && typeof (value as AsyncGenerator)[Symbol.asyncIterator] === "function" && typeof (value as AsyncGenerator).next === "function") {
    let last: unknown;
    for await (const state of value as AsyncGenerator) last = state;
    return last;
  }
  return await value;
}

/** Where a page's `./components/FILE` or `./lib/FILE` import lives (lib's modules are TypeScript). */
function modulePath(folder: string, file: string): string {
  const path = resolve(root, folder === "lib" ? "lib" : "src/components", file);
  const ts = path.replace(/\.js$/, ".ts");
  return !existsSync(path) && existsSync(ts) ? ts : path;
}

/**
 * One module running `cells` in order: imports from ./components and ./lib point at src/components and lib/,
 * the cells' top-level `const`s are shared, and between cells each is replaced by its settled value.
 */
function pageModule(cells: string[]): string {
  const imports: string[] = [];
  const bodies = cells.map((cell) => {
    const lines: string[] = [];
    const names: string[] = [];
    for (const line of cell.split("\n")) {
      if (/^import /.test(line)) {
        imports.push(line.replace(/from "\.\/(components|lib)\/([^"]+)"/, (_, folder, file) => `from ${JSON.stringify(modulePath(folder, file))}`));
        continue;
      }
      const declared = /^const (\w+) =/.exec(line);
      if (declared) names.push(declared[1]);
      lines.push(declared ? line.replace(/^const /, "") : line);
    }
    return {names, code: lines.join("\n")};
  });
  const all = bodies.flatMap((b) => b.names);
  return [
    ...imports,
    "export async function run({FileAttachment, display, width, settle}) {",
    all.length ? `  let ${all.join(", ")};` : "",
    ...bodies.map((b) => `  {\n${b.code}\n  }\n${b.names.map((n) => `  ${n} = await settle(${n});`).join("\n")}`),
    "}"
  ].join("\n");
}

describe.each(pages.filter((page) => blocks(read(page), "js", "run=false").length))("src/%s: the code to copy into your own page", (page) => {
  const document = new JSDOM("<!DOCTYPE html><body></body>").window.document;
  const scope = globalThis as {Worker?: unknown; document?: unknown};
  const before = {Worker: scope.Worker, document: scope.document};
  beforeAll(() => Object.assign(scope, {Worker: InProcessWorker, document}));
  afterAll(() => Object.assign(scope, before));

  it("runs as cells of a page on real runs and displays its chart", async () => {
    // A tidy runs table (algorithm, task, seed, step, metric, value): ten runs of three Atari 100k agents.
    const runs = (await atari100kRuns(join(bundledDataDir, "rl", "atari100k"))).rows().filter((r) => ["DER", "SPR", "DrQ"].includes(r.algorithm) && Number(r.seed) < 10);
    const files: Record<string, unknown> = {"data/bootstrap-worker.js": "bootstrap-worker.js"};
    const FileAttachment = (name: string) => ({
      csv: async () => (name in files ? files[name] : runs),
      json: async () => files[name],
      url: async () => files[name] ?? name
    });
    const shown: unknown[] = [];
    const file = join(mkdtempSync(join(tmpdir(), "benchstats-page-snippet-")), "page.mjs");
    writeFileSync(file, pageModule(blocks(read(page), "js", "run=false")));
    const {run} = await import(pathToFileURL(file).href);
    await run({FileAttachment, display: (value: unknown) => shown.push(value), width: 640, settle});
    expect(shown.length).toBeGreaterThan(0);
    for (const value of shown) {
      expect(value, "a cell displayed an error or nothing").toBeTruthy();
      const html = (value as Element).outerHTML ?? String(value);
      expect(html).toMatch(/<svg/);
      expect(html).not.toMatch(/undefined|NaN|Error/);
    }
  }, 120_000);
});

describe("the site's shell commands", () => {
  const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<string, string>;
  const lines = pages.flatMap((page) => blocks(read(page), "sh").flatMap((code) => code.split("\n").map((line) => [page, line.replace(/#.*$/, "").trim()] as const)));
  it.each(lines.filter(([, line]) => line))("%s: `%s` names scripts, files and options that exist", (_, line) => {
    const words = line.split(/\s+/).filter((word) => !/^[A-Z_]+=/.test(word));
    if (words[0] === "npm" && words[1] === "run") expect(Object.keys(scripts)).toContain(words[2]);
    else if (words[0] === "node") {
      const script = words.find((word) => /\.(m?js|ts)$/.test(word));
      expect(script && existsSync(join(root, script)), `${script} exists`).toBe(true);
      const source = readFileSync(join(root, script!), "utf8");
      for (const option of words.filter((word) => word.startsWith("--") && word !== "--import")) {
        expect([option, `"${option.slice(2)}"`, `'${option.slice(2)}'`].some((form) => source.includes(form)), `${script} reads ${option}`).toBe(true);
      }
    } else throw new Error(`a command this test does not know how to check: ${line}`);
  });
});
