// Static checks of src/atari.md against the code it wires together, so a renamed lib export, component
// or data loader breaks a unit test rather than only the rendered page.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import * as main from "../../lib/index.js";
import * as engine from "../../lib/engine.js";
import {pageCells, pageImports, projectRoot as root} from "../site/page-cells.js";

// Executed cells only: ```js blocks without run=false.
const cells = pageCells("atari.md");
const imports = (from: RegExp) => pageImports(cells, from);

describe("src/atari.md", () => {
  it("imports only names that lib/index.ts or lib/engine.ts exports", () => {
    const entries: Record<string, Record<string, unknown>> = {"./lib/index.js": main, "./lib/engine.js": engine};
    const found = imports(/^\.\/lib\//);
    expect(found.flatMap((i) => i.names).length).toBeGreaterThan(5);
    for (const {names, path} of found) for (const name of names) expect(typeof entries[path]?.[name], `${name} from ${path}`).toBe("function");
  });

  it("imports components that exist and export those names", async () => {
    for (const {names, path} of imports(/^\.\/components\//)) {
      const file = join(root, "src", path);
      expect(existsSync(file), file).toBe(true);
      const source = readFileSync(file, "utf8");
      for (const name of names) expect(source, `${path} exports ${name}`).toMatch(new RegExp(`export (async )?(function\\*?|const) ${name}\\b`));
    }
  });

  it("reads only files that a data loader in src/data produces", () => {
    const files = cells.flatMap((cell) => [...cell.matchAll(/FileAttachment\("([^"]+)"\)/g)].map((m) => m[1]));
    expect(files).toEqual(["data/atari100k-runs.parquet", "data/atari100k-der-curves.parquet", "data/bootstrap-worker.js"]);
    for (const file of files) expect(existsSync(join(root, "src", `${file}.ts`)), file).toBe(true);
  });

  it("offers the controls the issue asks for: agents, first 10 vs all runs, CI method, confidence, reps", () => {
    const code = cells.join("\n");
    expect(code).toMatch(/Inputs\.checkbox\(allAgents/);
    expect(code).toMatch(/Inputs\.radio\(\["First 10 runs \(paper\)", "All runs"\]/);
    expect(code).toMatch(/Inputs\.select\(\["auto", "expanded", "studentized", "percentile", "basic", "bc", "bca", "norm"\], \{label: "CI method", value: "auto"\}/);
    expect(code).toMatch(/Inputs\.range\(\[0\.5, 0\.99\]/);
    expect(code).toMatch(/const defaultReps = 2000;/);
  });
});
