import {execFileSync} from "node:child_process";
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}lib/package.json`, "utf8")) as {version: string; files: string[]};

describe("the benchstats package (lib/)", () => {
  it("has a semantic version whose release is the latest entry of its CHANGELOG", () => {
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    const changelog = readFileSync(`${root}lib/CHANGELOG.md`, "utf8");
    const releases = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+[^\]]*)\]/gm)].map((m) => m[1]);
    expect(releases[0]).toBe(pkg.version);
  });

  it("packs its README, CHANGELOG and sources (for the declaration maps) but no tests", () => {
    const [report] = JSON.parse(execFileSync("npm", ["pack", "-w", "lib", "--dry-run", "--json", "--ignore-scripts"], {cwd: root, encoding: "utf8"})) as [{files: {path: string}[]}];
    const files = report.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(["README.md", "CHANGELOG.md", "package.json", "index.ts", "core/random.ts"]));
    expect(files.filter((f) => /\.test\.|(^|\/)test\//.test(f))).toEqual([]);
  }, 30_000);
});
