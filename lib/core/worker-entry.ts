/**
 * The URL a worker thread starts from, always JavaScript (Node only; internal): the built `.js` entry beside
 * the calling module, or, when the caller runs from its TypeScript source (tests, tsx scripts, the CLI), the
 * `.ts` entry and its imports bundled by esbuild (a development dependency of the repository) and handed over
 * as a data: URL. A TypeScript loader in every worker would cost each thread a fraction of a second of CPU and
 * its own copy of the transformed sources before it does any work.
 *
 * A bundle is made once per process, and kept between processes in `$TMPDIR/benchstats-workers/` with the
 * SHA-256 of every source file it holds: a later process checks those (about a millisecond) instead of
 * bundling again (~0.25 s of CPU), and bundles afresh when any of them changed.
 *
 * A Worker inherits the process's `execArgv`, and with it the module loaders it was started with: under
 * `node --import tsx` every thread would load tsx and register its hooks before running the plain
 * JavaScript entry, about 60–80 ms of CPU per thread plus round trips to the loader's hooks thread
 * (measured on the 2-core machine: the first 50,000-replicate IQM call with 2 workers took 43 µs of CPU
 * per replicate with the loader in each worker, 30 without). {@link workerExecArgv} is `execArgv` without
 * those flags; the others (`--cpu-prof`, memory limits) still reach the workers.
 *
 * @example
 * new Worker(await workerEntryUrl(import.meta.url, "./worker-thread"), {execArgv: workerExecArgv()});
 */

// Imported through variables so that bundlers for the browser leave them alone.
const ESBUILD = "esbuild";
const FS = "node:fs/promises";
const CRYPTO = "node:crypto";
const OS = "node:os";
const PATH = "node:path";
const bundles = new Map<string, Promise<URL>>();

/** The entry `name` (a path relative to `caller`, without extension) as a JavaScript URL a Worker accepts. */
export function workerEntryUrl(caller: string, name: string): Promise<URL> {
  if (!caller.endsWith(".ts")) return Promise.resolve(new URL(`${name}.js`, caller));
  const entry = decodeURIComponent(new URL(`${name}.ts`, caller).pathname);
  let url = bundles.get(entry);
  if (!url) {
    url = bundle(entry).then((code) => new URL(`data:text/javascript,${encodeURIComponent(code)}`));
    bundles.set(entry, url);
  }
  return url;
}

/** Node options that load modules before the entry (`--import tsx`, `-r ts-node/register`, `--loader …`). */
const LOADER_FLAGS = new Set(["--import", "--require", "-r", "--loader", "--experimental-loader"]);

/**
 * The process's `execArgv` without module-loader flags and their values, for a Worker whose entry is
 * JavaScript already (from {@link workerEntryUrl}).
 *
 * @example
 * // node --import tsx --cpu-prof script.ts
 * workerExecArgv(); // ["--cpu-prof"]
 */
export function workerExecArgv(execArgv: readonly string[] = (globalThis as {process?: {execArgv?: string[]}}).process?.execArgv ?? []): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; ++i) {
    const arg = execArgv[i];
    if (LOADER_FLAGS.has(arg)) ++i; // the flag and its value
    else if (!LOADER_FLAGS.has(arg.split("=")[0])) kept.push(arg);
  }
  return kept;
}

interface CachedBundle {
  /** Absolute path → SHA-256 (hex) of each source file in the bundle. */
  inputs: Record<string, string>;
  code: string;
}

async function bundle(entry: string): Promise<string> {
  const fs = await import(FS);
  const {createHash} = await import(CRYPTO);
  const {tmpdir} = await import(OS);
  const {join, resolve} = await import(PATH);
  const sha = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
  const dir = join(tmpdir(), "benchstats-workers");
  const file = join(dir, `${sha(entry).slice(0, 16)}.json`);
  try {
    const cached: CachedBundle = JSON.parse(await fs.readFile(file, "utf8"));
    let fresh = true;
    for (const [path, hash] of Object.entries(cached.inputs)) {
      if (sha(await fs.readFile(path)) !== hash) {
        fresh = false;
        break;
      }
    }
    if (fresh) return cached.code;
  } catch {
    // No cache yet, or an unreadable one: bundle below.
  }
  const esbuild = await import(ESBUILD);
  const out = await esbuild.build({entryPoints: [entry], bundle: true, format: "esm", platform: "node", target: "es2022", write: false, logLevel: "silent", metafile: true});
  const code: string = out.outputFiles[0].text;
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(out.metafile.inputs)) {
    const path = resolve(input);
    inputs[path] = sha(await fs.readFile(path));
  }
  try {
    await fs.mkdir(dir, {recursive: true});
    // Written under a unique name and renamed, so that a process reading the cache never sees half a file.
    const pid = (globalThis as {process?: {pid?: number}}).process?.pid ?? 0;
    const partial = `${file}.${pid}.${Date.now()}.${Math.random().toString(36).slice(2)}`;
    await fs.writeFile(partial, JSON.stringify({inputs, code} satisfies CachedBundle));
    await fs.rename(partial, file);
  } catch {
    // A read-only or full temporary folder only costs the next process a bundling.
  }
  return code;
}
