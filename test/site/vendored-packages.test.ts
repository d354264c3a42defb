import {readdirSync, readFileSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {describe, expect, it} from "vitest";
// @ts-expect-error plain ESM list shared with scripts/vendor-npm.mjs (no type declarations)
import {vendoredPackages} from "../../scripts/vendored-packages.mjs";

const srcDir = join(import.meta.dirname, "..", "..", "src");

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(".") || entry === "lib") continue; // src/lib is lib/ bundled for the pages (scripts/page-lib.mjs)
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(md|js|ts|mjs|jsx|tsx)$/.test(entry)) files.push(path);
  }
  return files;
}

/** Package name of an `npm:` specifier: `npm:@scope/name@1/sub` → `@scope/name`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  const nameWithRange = specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  const at = nameWithRange.indexOf("@", 1);
  return at > 0 ? nameWithRange.slice(0, at) : nameWithRange;
}

describe("the offline npm cache", () => {
  it("covers every npm: specifier used under src/", () => {
    const missing: string[] = [];
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/["'`]npm:([^"'`\s]+)["'`]/g)) {
        const name = packageName(match[1]);
        if (!vendoredPackages.includes(name)) missing.push(`${relative(srcDir, file)}: npm:${match[1]}`);
      }
    }
    expect(missing, "add these packages to scripts/vendored-packages.mjs and package.json").toEqual([]);
  });

  it("lists only packages that are installed", () => {
    const pkg = JSON.parse(readFileSync(join(srcDir, "..", "package.json"), "utf8"));
    const declared = {...pkg.dependencies, ...pkg.devDependencies};
    const transitive = ["d3-dsv", "isoformat", "@observablehq/inputs"]; // installed via d3, Plot, Framework
    for (const name of vendoredPackages as string[]) {
      if (!transitive.includes(name)) expect(declared, `${name} must be a declared dependency`).toHaveProperty([name]);
    }
  });
});
