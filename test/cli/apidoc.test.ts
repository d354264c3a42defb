import {rmSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {declarationsOf, emitDeclarations, extractApi, parseDoc, repositoryPaths, type ApiSection} from "../../scripts/apidoc/extract.js";
import {prose, renderApiMarkdown} from "../../scripts/apidoc/render.js";
import {API_AREAS} from "../../lib/areas.js";
import * as lib from "../../lib/index.js";

describe("declarationsOf(dts)", () => {
  const dts = `/** File header. */
/**
 * Adds.
 * @example add(1, 2) // 3
 */
export declare function add(a: number, b: number): number;
/**
 * Options.
 */
export interface Options {
    /** Number of reps. */
    reps?: number;
    nested: {a: number};
}
export type Method = "percentile" | "bca";
export declare function over(x: number): number;
export declare function over(x: string): string;
declare function internal(): void;
`;
  const declarations = declarationsOf(dts);

  it("finds each exported declaration with its own doc comment, not the file header", () => {
    expect([...declarations.keys()]).toEqual(["add", "Options", "Method", "over"]);
    expect(declarations.get("add")!.doc).toBe("Adds.");
    expect(declarations.get("add")!.tags).toEqual([{tag: "example", text: "add(1, 2) // 3"}]);
    expect(declarations.get("Method")!.doc).toBe("");
  });

  it("keeps interface bodies whole, with nested braces and member docs", () => {
    const options = declarations.get("Options")!;
    expect(options.kind).toBe("interface");
    expect(options.signature).toMatch(/^export interface Options \{[\s\S]*nested: \{a: number\};\n\}$/);
    expect(options.signature).toMatch(/Number of reps/);
  });

  it("joins overloads", () => {
    expect(declarations.get("over")!.signature.split("\n")).toHaveLength(2);
  });
});

describe("parseDoc(comment)", () => {
  it("splits body, @param and multi-line @example", () => {
    const {doc, tags} = parseDoc("\n * Mean of x.\n *\n * @param x values\n * @example\n * mean([1, 2]); // 1.5\n * mean([]); // NaN\n ");
    expect(doc).toBe("Mean of x.");
    expect(tags).toEqual([
      {tag: "param", text: "x values"},
      {tag: "example", text: "mean([1, 2]); // 1.5\nmean([]); // NaN"}
    ]);
  });
});

describe("prose(text, names)", () => {
  it("links known names and escapes Framework interpolation and raw HTML outside code", () => {
    const names = new Set(["quantile"]);
    expect(prose("see {@link quantile} and {@link other}", names)).toBe("see [`quantile`](#api-quantile) and `other`");
    expect(prose("cost ${x} for Record<string, T> but `${kept}` and `a<b`", names)).toBe(
      "cost &#36;{x} for Record&lt;string, T> but `${kept}` and `a<b`"
    );
  });
});

describe("the API reference of the real lib", () => {
  let sections: ApiSection[];
  let dtsDir: string;
  beforeAll(() => {
    const {libDir, tscPath} = repositoryPaths();
    dtsDir = emitDeclarations(libDir, tscPath);
    sections = extractApi(libDir, dtsDir);
  }, 60_000);
  afterAll(() => rmSync(dtsDir, {recursive: true, force: true}));

  it("takes its sections from lib/areas.ts, in that order, with every name of lib/index.ts", () => {
    expect(sections.map((s) => s.title)).toEqual(API_AREAS.map((a) => a.title));
    expect(sections[0].description).toBe(API_AREAS[0].description);
    const documented = sections.flatMap((s) => s.entries.map((e) => e.name));
    expect(new Set(documented).size).toBe(documented.length);
    for (const name of Object.keys(lib)) expect(documented, name).toContain(name);
    const rl = sections.find((s) => s.title === API_AREAS.find((a) => a.id === "rl")!.title)!;
    expect(rl.entries.map((e) => e.name)).toContain("intervalEstimates");
    expect(rl.entries.map((e) => e.name)).not.toContain("storeBlock");
  });

  it("lists the core names under their area's title with signatures and examples", () => {
    const core = sections.find((s) => s.title === "Core")!;
    const createRandom = core.entries.find((e) => e.name === "createRandom")!;
    expect(createRandom.signature).toBe("export function createRandom(seed?: number, stream?: number): Random;");
    expect(createRandom.tags.some((t) => t.tag === "example" && /createRandom\(42\)/.test(t.text))).toBe(true);
    const describeSection = sections.find((s) => s.entries.some((e) => e.name === "quantile"))!;
    expect(describeSection.title).toBe("Descriptive statistics");
  });

  it("renders a page whose code fences never run", () => {
    const markdown = renderApiMarkdown(sections, {version: "0.1.0"});
    expect(markdown).toMatch(/^---\ntitle: "API reference"/);
    expect(markdown).not.toMatch(/^```(js|ts)\s*$/m);
    expect(markdown).toMatch(/<h3 id="api-createRandom">/);
  });
});
