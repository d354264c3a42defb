// Page loader: the API reference of the benchstats library, generated from lib/'s declarations and doc
// comments at build time (see scripts/apidoc/). Prints Markdown to stdout (Framework page-loader convention).
// loader-cache: reads lib/
import {readFileSync, rmSync} from "node:fs";
import {join} from "node:path";
import {emitDeclarations, extractApi, repositoryPaths} from "../scripts/apidoc/extract.js";
import {renderApiMarkdown} from "../scripts/apidoc/render.js";

const {libDir, tscPath} = repositoryPaths();
const dtsDir = emitDeclarations(libDir, tscPath);
try {
  const {version} = JSON.parse(readFileSync(join(libDir, "package.json"), "utf8")) as {version: string};
  process.stdout.write(renderApiMarkdown(extractApi(libDir, dtsDir), {version}));
} finally {
  rmSync(dtsDir, {recursive: true, force: true});
}
