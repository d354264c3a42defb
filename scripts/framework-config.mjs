// observablehq.config.ts compiled to JavaScript for `observable build --config`.
//
// Framework imports a TypeScript config through tsx: it registers tsx's loader hooks in its own process, a
// worker thread that every later import then passes through — about half a second of CPU a build, a tenth
// of a page edit's rebuild. Compiled beforehand by esbuild (a few milliseconds; local imports bundled,
// packages left to Node), the same config is plain ESM that Framework imports as it is. The file lives in a
// scratch folder removed when this process exits.
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import * as esbuild from "esbuild";

/** The path of observablehq.config.ts (in projectDir) compiled to an ES module. */
export async function compiledConfig(projectDir) {
  const dir = mkdtempSync(join(tmpdir(), "benchstats-config-"));
  process.on("exit", () => rmSync(dir, {recursive: true, force: true}));
  const file = join(dir, "observablehq.config.mjs");
  await esbuild.build({
    entryPoints: [join(projectDir, "observablehq.config.ts")],
    absWorkingDir: projectDir,
    outfile: file,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent"
  });
  return file;
}
