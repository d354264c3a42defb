// Static checks of src/judges.md against the code it wires together, so that a renamed lib export,
// component or data loader fails a unit test rather than only the rendered page.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import * as lib from "../../lib/index.js";
import config from "../../observablehq.config.js";
import {pageCells, pageImports, projectRoot as root} from "./page-cells.js";

const cells = pageCells("judges.md");
const code = cells.join("\n");
const loader = readFileSync(join(root, "src", "data", "judges.json.ts"), "utf8");

describe("src/judges.md", () => {
  it("its data loader computes with lib functions that lib/index.ts exports", () => {
    const names = [...loader.matchAll(/import \{([^}]*)\} from "\.\.\/\.\.\/lib\/index\.js"/g)].flatMap((m) => m[1].split(",").map((n) => n.trim()).filter((n) => n && !n.startsWith("type ")));
    expect(names).toEqual(expect.arrayContaining(["lengthControlledWinRate", "preferenceDispersion", "verbosityGap", "lengthRule", "replayTopK", "bradleyTerryFit", "separability", "agreementWithConfidence"]));
    for (const name of names) expect(typeof (lib as Record<string, unknown>)[name], name).toBe("function");
  });

  it("imports components that exist and export those names", () => {
    const imports = pageImports(cells, /^\.\/components\//);
    expect(imports.flatMap((i) => i.names)).toEqual(expect.arrayContaining(["LcAgreementPlot", "DispersionPlot", "TieRatingsPlot", "LengthRulePlot", "ReplayPlot"]));
    for (const {names, path} of imports) {
      const source = readFileSync(join(root, "src", path), "utf8");
      for (const name of names) expect(source, `${path} exports ${name}`).toMatch(new RegExp(`export (async )?(function\\*?|const) ${name}\\b`));
    }
  });

  it("reads only files that a data loader in src/data produces", () => {
    const files = [...code.matchAll(/FileAttachment\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(files).toEqual(["data/judges.json"]);
    for (const file of files) expect(existsSync(join(root, "src", `${file}.ts`)), file).toBe(true);
  });

  it("reports the agreement with the published LC column from the data, not typed-in numbers", () => {
    expect(code + readFileSync(join(root, "src", "judges.md"), "utf8")).toMatch(/alpaca\.lcAgreement\.plain\.mae/);
    expect(loader).toMatch(/lcAgreement/);
  });

  it("is listed among the reports", () => {
    const reports = (config.pages as {name: string; pages: {path: string}[]}[]).find((g) => g.name === "Reports")!;
    expect(reports.pages.map((p) => p.path)).toContain("/judges");
  });
});
