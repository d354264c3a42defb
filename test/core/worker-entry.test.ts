import {readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it, vi} from "vitest";

const caller = new URL("../../loaders/gpu/kineto-pool.ts", import.meta.url).href;
const entry = fileURLToPath(new URL("../../loaders/gpu/kineto-worker.ts", import.meta.url));
const codeOf = (url: URL) => decodeURIComponent(url.href.slice("data:text/javascript,".length));

describe("workerEntryUrl", () => {
  it("the built .js entry beside a .js caller; a bundle of the .ts entry, cached with its sources' hashes", async () => {
    const {workerEntryUrl} = await import("../../lib/core/worker-entry.js");
    expect((await workerEntryUrl("file:///x/lib/pool.js", "./worker")).href).toBe("file:///x/lib/worker.js");
    const first = codeOf(await workerEntryUrl(caller, "./kineto-worker"));
    expect(first).toMatch(/parentPort/);
    const dir = join(tmpdir(), "benchstats-workers");
    const file = readdirSync(dir).map((f) => join(dir, f)).find((f) => f.endsWith(".json") && JSON.parse(readFileSync(f, "utf8")).inputs[entry]);
    expect(file).toBeDefined();
    const cached = JSON.parse(readFileSync(file!, "utf8"));
    // A stale hash makes a fresh process bundle again rather than start stale code.
    writeFileSync(file!, JSON.stringify({inputs: {...cached.inputs, [entry]: "0".repeat(64)}, code: "stale"}));
    vi.resetModules();
    const again = await import("../../lib/core/worker-entry.js");
    expect(codeOf(await again.workerEntryUrl(caller, "./kineto-worker"))).toBe(first);
    expect(JSON.parse(readFileSync(file!, "utf8")).code).toBe(first);
  }, 30_000);
});

describe("workerExecArgv", () => {
  it("drops module-loader flags and their values, keeps the rest", async () => {
    const {workerExecArgv} = await import("../../lib/core/worker-entry.js");
    expect(workerExecArgv(["--import", "tsx", "--cpu-prof", "--require=x.cjs", "-r", "y", "--loader", "z", "--experimental-loader=w", "--max-old-space-size=512"])).toEqual([
      "--cpu-prof",
      "--max-old-space-size=512"
    ]);
    expect(workerExecArgv([])).toEqual([]);
    expect(Array.isArray(workerExecArgv())).toBe(true);
  });
});
