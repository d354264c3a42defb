// scripts/loader-prerun.mjs: the loaders a build needs run several at a time, into the file Framework reads
// as fresh; a failed one is named with its message. Small .js loaders in a scratch project stand in for the
// site's.
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
// @ts-ignore plain JavaScript build scripts
import {loaderMessage, prerunLoaders, staleLoaders} from "../../scripts/loader-prerun.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A project whose page loads data/a.json, data/b.json and data/c.json; data/d.json.js is loaded by no page. */
function project(loaders: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "benchstats-prerun-"));
  mkdirSync(join(dir, "src", "data"), {recursive: true});
  writeFileSync(join(dir, "src", "index.md"), '```js\nFileAttachment("data/a.json"); FileAttachment("./data/b.json"); FileAttachment("data/c.json")\n```\n');
  for (const [name, text] of Object.entries(loaders)) writeFileSync(join(dir, "src", "data", name), text);
  return dir;
}

/** A loader that waits (up to 20 s) for `other`'s start mark, so that two of them end only when run together. */
const waitsFor = (me: string, other: string) => `import {spawn} from "node:child_process";
import {existsSync, writeFileSync} from "node:fs";
writeFileSync("${me}.started", "");
const until = Date.now() + 20000;
while (!existsSync("${other}.started")) {
  if (Date.now() > until) throw new Error("ran alone");
  await new Promise((resolve) => setTimeout(resolve, 20));
}
process.stdout.write(JSON.stringify("${me}"));
`;

describe("loaders run ahead of Framework", () => {
  it("are those the pages load whose cached output is missing or older than the loader", () => {
    const dir = project({"a.json.js": "", "b.json.js": "", "d.json.js": "", "notes.js": ""});
    writeFileSync(join(dir, "src", "guide.md.js"), "process.stdout.write('# Guide');\n");
    expect(staleLoaders(dir, "src").map((job: {loader: string; target: string}) => `${job.loader} ${job.target}`)).toEqual(["a.json.js /data/a.json", "b.json.js /data/b.json", "guide.md.js /guide.md"]);
    mkdirSync(join(dir, "src", ".observablehq", "cache"), {recursive: true});
    writeFileSync(join(dir, "src", ".observablehq", "cache", "guide.md"), "# Guide");
    const cached = join(dir, "src", ".observablehq", "cache", "data");
    mkdirSync(cached, {recursive: true});
    writeFileSync(join(cached, "a.json"), "{}");
    expect(staleLoaders(dir, "src").map((job: {loader: string}) => job.loader)).toEqual(["b.json.js"]);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, "src", "data", "a.json.js"), later, later);
    expect(staleLoaders(dir, "src").map((job: {loader: string}) => job.loader)).toEqual(["a.json.js", "b.json.js"]);
  });

  it("run at the same time and leave outputs Framework finds fresh, where it would write them", async () => {
    const dir = project({"a.json.js": waitsFor("a", "b"), "b.json.js": waitsFor("b", "a")});
    const jobs = staleLoaders(dir, "src");
    const failed = await prerunLoaders({projectDir: dir, cacheRoot: join(dir, "src", ".observablehq", "cache"), jobs, parallel: 2, log: () => {}});
    expect(failed).toEqual([]);
    for (const name of ["a", "b"]) {
      const output = join(dir, "src", ".observablehq", "cache", "data", `${name}.json`);
      expect(JSON.parse(readFileSync(output, "utf8"))).toBe(name);
      expect(statSync(output).mtimeMs).toBeGreaterThanOrEqual(statSync(join(dir, "src", "data", `${name}.json.js`)).mtimeMs);
    }
    expect(staleLoaders(dir, "src")).toEqual([]);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, "src", ".observablehq", "cache", ".loader-times.json"), "utf8"))).sort()).toEqual(["a.json.js", "b.json.js"]);
  }, 60_000);

  it("name a failed loader with the error it printed, and write no output for it", async () => {
    const dir = project({"c.json.js": 'process.stdout.write("{");\nthrow new Error("c.csv line 3: expected a number");\n'});
    const failed = await prerunLoaders({projectDir: dir, cacheRoot: join(dir, "src", ".observablehq", "cache"), jobs: staleLoaders(dir, "src"), log: () => {}});
    expect(failed).toEqual([{target: "/data/c.json", message: expect.stringMatching(/^Error: c\.csv line 3: expected a number \(exit status 1\)$/)}]);
    expect(staleLoaders(dir, "src").map((job: {loader: string}) => job.loader)).toEqual(["c.json.js"]);
  }, 60_000);

  it("written in TypeScript run bundled, with import.meta.url still the URL of each source file", async () => {
    const dir = project({
      "a.json.ts": 'import {words} from "../../helpers/words.ts";\nconst n: number = words().length;\nprocess.stdout.write(JSON.stringify({n, here: new URL("../components/entry.ts", import.meta.url).pathname}));\n',
      "b.json.ts": 'throw new Error("b.csv line 2: expected 3 columns");\n'
    });
    mkdirSync(join(dir, "helpers"));
    writeFileSync(join(dir, "helpers", "words.ts"), 'import {readFileSync} from "node:fs";\nexport const words = (): string[] => readFileSync(new URL("./words.txt", import.meta.url), "utf8").split(" ");\n');
    writeFileSync(join(dir, "helpers", "words.txt"), "one two three");
    const jobs = staleLoaders(dir, "src");
    const failed = await prerunLoaders({projectDir: dir, cacheRoot: join(dir, "src", ".observablehq", "cache"), jobs, log: () => {}});
    expect(failed).toEqual([{target: "/data/b.json", message: expect.stringMatching(/^Error: b\.csv line 2: expected 3 columns \(exit status 1\)$/)}]);
    expect(JSON.parse(readFileSync(join(dir, "src", ".observablehq", "cache", "data", "a.json"), "utf8"))).toEqual({n: 3, here: join(dir, "src", "components", "entry.ts")});
    expect(existsSync(join(dir, "src", ".observablehq", "cache", ".loader-bundles"))).toBe(false);
  }, 60_000);

  it("are waited for by Framework's runner, which copies their output or reports their failure", async () => {
    const dir = project({"a.json.js": waitsFor("a", "x"), "b.json.js": 'throw new Error("b.csv: no rows");\n', "c.json.js": 'process.stdout.write("[3]");\n'});
    const markers = join(dir, "src", ".observablehq", "cache", ".running");
    const [a, b] = staleLoaders(dir, "src");
    const wait = (loader: string) =>
      new Promise<{code: number | null; stdout: string; stderr: string}>((done) => {
        const child = spawn(process.execPath, [join(root, "scripts", "loader-wait.mjs"), join("src", "data", loader)], {cwd: dir, env: {...process.env, BENCHSTATS_LOADER_WAIT: markers, BENCHSTATS_ROOT: "src"}});
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("close", (code) => done({code, stdout, stderr}));
      });
    // a waits for x.started (written below, once the runners wait), so the runners see it pending.
    const running = prerunLoaders({projectDir: dir, cacheRoot: join(dir, "src", ".observablehq", "cache"), jobs: [a, b], parallel: 1, markers, log: () => {}});
    expect(existsSync(join(markers, "a.json.js.pending"))).toBe(true);
    const waits = Promise.all([wait("a.json.js"), wait("b.json.js"), wait("c.json.js")]);
    writeFileSync(join(dir, "x.started"), "");
    const [forA, forB, forC] = await waits;
    await running;
    expect(forA).toMatchObject({code: 0, stdout: '"a"'});
    expect(forB.code).toBe(1);
    expect(forB.stderr).toMatch(/the data loader for \/data\/b\.json failed: Error: b\.csv: no rows/);
    // c was not run ahead: the runner runs it itself.
    expect(forC).toMatchObject({code: 0, stdout: "[3]"});
  }, 60_000);

  it("quote no stack frame as the message", () => {
    expect(loaderMessage("file:///x.js:2\nthrow new Error('x');\n\nBenchstatsError: data/x.csv line 4: bad\n    at f (x.js:1:1)\n", 1)).toBe("BenchstatsError: data/x.csv line 4: bad (exit status 1)");
    expect(loaderMessage("", 2)).toBe("(exit status 2)");
  });
});
