// Static checks of src/claims.md against the code it wires together, so that a renamed lib export,
// component or data loader fails a unit test rather than only the rendered page.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import * as lib from "../../lib/index.js";
import config from "../../observablehq.config.js";
import {pageCells, pageImports, projectRoot as root} from "./page-cells.js";

const cells = pageCells("claims.md");
const code = cells.join("\n");
const imports = (from: RegExp) => pageImports(cells, from);

describe("src/claims.md", () => {
  it("imports only functions that lib/index.ts exports", () => {
    const names = imports(/^\.\/lib\//).flatMap((i) => i.names);
    expect(names).toEqual(expect.arrayContaining(["adjustPValues", "minimumDetectableEffect", "itemsNeeded", "separability", "agreementWithConfidence", "pairRankBrier"]));
    for (const name of names) expect(typeof (lib as Record<string, unknown>)[name], name).toBe("function");
  });

  it("imports components that exist and export those names", () => {
    for (const {names, path} of imports(/^\.\/components\//)) {
      const source = readFileSync(join(root, "src", path), "utf8");
      for (const name of names) expect(source, `${path} exports ${name}`).toMatch(new RegExp(`export (async )?(function\\*?|const) ${name}\\b`));
    }
  });

  it("reads only files that a data loader in src/data produces", () => {
    const files = [...code.matchAll(/FileAttachment\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(files).toEqual(expect.arrayContaining(["data/claims-leaderboards.json", "data/claims-pairs.parquet", "data/claims-samples.parquet"]));
    for (const file of files) expect(existsSync(join(root, "src", `${file}.ts`)), file).toBe(true);
  });

  it("recomputes the paired view in the browser with a seed the reader controls", () => {
    expect(code).toMatch(/compareOnItems\(itemData, modelA, modelB, \{reps, seed/);
    expect(code).toMatch(/compareOnRuns\(runs\.matrices, modelA, modelB, \{[^}]*reps, seed\}/);
    expect(code).toMatch(/Inputs\.number\(\[0, 2 \*\* 32 - 1\], \{label: "Seed"/);
  });

  it("is listed among the reports", () => {
    const reports = (config.pages as {name: string; pages: {path: string}[]}[]).find((g) => g.name === "Reports")!;
    expect(reports.pages.map((p) => p.path)).toContain("/claims");
  });
});
