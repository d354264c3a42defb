/**
 * The URL a worker thread starts from, always JavaScript (Node only; internal): the built `.js` entry beside
 * the calling module, or, when the caller runs from its TypeScript source (tests, tsx scripts, the CLI), the
 * `.ts` entry and its imports bundled once per process by esbuild (a development dependency of the repository)
 * and handed over as a data: URL. A TypeScript loader in every worker would cost each thread a fraction of a
 * second of CPU and its own copy of the transformed sources before it does any work.
 *
 * @example
 * new Worker(await workerEntryUrl(import.meta.url, "./worker-thread"));
 */

// Imported through a variable so that bundlers for the browser leave it alone.
const ESBUILD = "esbuild";
const bundles = new Map<string, Promise<URL>>();

/** The entry `name` (a path relative to `caller`, without extension) as a JavaScript URL a Worker accepts. */
export function workerEntryUrl(caller: string, name: string): Promise<URL> {
  if (!caller.endsWith(".ts")) return Promise.resolve(new URL(`${name}.js`, caller));
  const entry = decodeURIComponent(new URL(`${name}.ts`, caller).pathname);
  let url = bundles.get(entry);
  if (!url) {
    url = (async () => {
      const esbuild = await import(ESBUILD);
      const out = await esbuild.build({entryPoints: [entry], bundle: true, format: "esm", platform: "node", target: "es2022", write: false, logLevel: "silent"});
      return new URL(`data:text/javascript,${encodeURIComponent(out.outputFiles[0].text)}`);
    })();
    bundles.set(entry, url);
  }
  return url;
}
