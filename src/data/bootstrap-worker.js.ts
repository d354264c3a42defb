// Bundles the bootstrap Web Worker (src/components/rl-worker-entry.ts + the lib it imports) into one
// browser ES module, so pages can do `new Worker(await FileAttachment("data/bootstrap-worker.js").url(), {type: "module"})`.
// Node-only lib modules (worker_threads) are only reachable through dynamic `node:` imports, left external.
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";

const result = await esbuild.build({
  entryPoints: [fileURLToPath(new URL("../components/rl-worker-entry.ts", import.meta.url))],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  external: ["node:*"],
  legalComments: "none",
  logLevel: "silent",
  write: false
});
process.stdout.write(result.outputFiles[0].text);
