// Bring your own data: what is in a folder of mixed files, by tidy-table kind and loader format.
// Detection reads names, headers and the first few KB only, never whole files.
import {open, readdir, stat} from "node:fs/promises";
import {basename, join, relative, sep} from "node:path";
import {gunzipSync} from "node:zlib";

export type DataKind = "runs" | "scores" | "samples" | "battles" | "gpu" | "reference" | "unknown";

export interface DataFile {
  /** Path relative to the folder, with `/` separators. */
  path: string;
  kind: DataKind;
  /** Loader format name (e.g. `tensorboard`, `lm-eval`, `kineto`) or `tidy` / `wide`; `""` when unknown. */
  format: string;
  /** Size in bytes (a folder store: 0). */
  bytes: number;
  /** Why a file is `unknown`, or what else to know. */
  note?: string;
}

const SKIP = new Set(["node_modules", ".git", ".observablehq"]);

/**
 * Lists the data files under `root` (recursively, hidden files and folders skipped) with the tidy table
 * each one feeds and the loader format that reads it. An MLflow store (`mlruns/` with `meta.yaml`) is one
 * entry; every other folder is walked. Unrecognised files are listed as `unknown` with a reason, so a user
 * sees what the site ignores.
 *
 * @example
 * await discoverData("my-results/"); // [{path: "ppo/events.out.tfevents.1", kind: "runs", format: "tensorboard", …}, …]
 */
export async function discoverData(root: string, maxDepth = 6): Promise<DataFile[]> {
  const out: DataFile[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    const entries = (await readdir(dir, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (entry.name.startsWith(".") || SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      const rel = relative(root, path).split(sep).join("/");
      if (entry.isDirectory()) {
        if (await isMlflowStore(path)) out.push({path: rel, kind: "runs", format: "mlflow", bytes: 0});
        else if (depth < maxDepth) await walk(path, depth + 1);
      } else if (entry.isFile()) {
        const bytes = (await stat(path)).size;
        out.push({path: rel, bytes, ...(await classify(path))});
      }
    }
  }
  await walk(root, 0);
  return out;
}

async function isMlflowStore(dir: string): Promise<boolean> {
  // mlruns/<experiment>/meta.yaml, or an experiment folder itself.
  try {
    const names = await readdir(dir, {withFileTypes: true});
    if (names.some((n) => n.isFile() && n.name === "meta.yaml") && names.some((n) => n.isDirectory())) return true;
    for (const n of names) {
      if (n.isDirectory()) {
        const inner = await readdir(join(dir, n.name)).catch(() => [] as string[]);
        if (inner.includes("meta.yaml") && /^\d+$|^[0-9a-f]{32}$/.test(n.name)) return true;
      }
    }
  } catch {
    return false;
  }
  return false;
}

/** First `n` bytes of a file (gunzipped when it is gzip), as text. */
async function head(path: string, n = 65536): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(n);
    const {bytesRead} = await handle.read(buffer, 0, n, 0);
    let bytes = buffer.subarray(0, bytesRead);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        bytes = gunzipSync(bytes, {finishFlush: 2 /* Z_SYNC_FLUSH: accept a truncated stream */});
      } catch {
        return "";
      }
    }
    return bytes.toString("utf8");
  } finally {
    await handle.close();
  }
}

function csvHeader(text: string, delimiter = ","): string[] {
  const line = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return line.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, "").toLowerCase());
}

type Classification = Omit<DataFile, "path" | "bytes">;

async function classify(path: string): Promise<Classification> {
  const name = basename(path).toLowerCase();
  const stripped = name.replace(/\.gz$/, "");
  if (/tfevents/.test(name)) return {kind: "runs", format: "tensorboard"};
  if (/\.sqlite$/.test(stripped)) return {kind: "gpu", format: "nsys"};
  if (/\.(md|txt|yaml|yml|py|ipynb|png|jpg|pdf|html)$/.test(stripped) && !/dmon/.test(stripped)) {
    return {kind: "unknown", format: "", note: "documentation or other non-data file"};
  }
  const text = await head(path);
  if (!text) return {kind: "unknown", format: "", note: "empty or unreadable"};

  if (/\.json$/.test(stripped)) {
    if (/"traceEvents"\s*:/.test(text) || /"schemaVersion"\s*:/.test(text)) return {kind: "gpu", format: "kineto"};
    if (/"results"\s*:/.test(text) && (/"versions"\s*:|"config"\s*:|"n-shot"\s*:/.test(text) || /^results_/.test(stripped))) {
      return {kind: "scores", format: "lm-eval"};
    }
    if (/"generator_2"\s*:/.test(text)) return {kind: "samples", format: "alpaca-eval"};
    if (/"model_a"\s*:/.test(text)) return {kind: "battles", format: "tidy"};
    if (/^\s*\{\s*"[^"]+"\s*:\s*\[\s*-?[\d.]/.test(text)) return {kind: "runs", format: "rliable-json"};
    return tidyByKeys(jsonKeys(text)) ?? {kind: "unknown", format: "", note: "JSON without traceEvents, lm-eval results, {task: [run scores]} or tidy row keys"};
  }
  if (/\.(jsonl|ndjson)$/.test(stripped)) {
    const first = text.split(/\r?\n/, 1)[0];
    if (/"doc_id"\s*:/.test(first)) return {kind: "samples", format: "lm-eval"};
    if (/"generator_2"\s*:/.test(first)) return {kind: "samples", format: "alpaca-eval"};
    if (/"model_a"\s*:/.test(first)) return {kind: "battles", format: "tidy"};
    if (/"_step"\s*:/.test(first)) return {kind: "runs", format: "wandb"};
    return tidyByKeys(jsonKeys(first)) ?? {kind: "unknown", format: "", note: "JSONL whose first record has no known keys"};
  }
  if (/\.(csv|tsv)$/.test(stripped)) {
    const header = csvHeader(text, stripped.endsWith(".tsv") ? "\t" : ",");
    const has = (...columns: string[]) => columns.every((c) => header.includes(c));
    if (has("model_a", "model_b")) return {kind: "battles", format: "tidy"};
    if (has("start_us", "dur_us")) return {kind: "gpu", format: "tidy"};
    if (header.some((h) => h.startsWith("utilization.gpu") || h.startsWith("memory.used")) || (has("timestamp") && header.some((h) => h.includes("[%]")))) {
      return {kind: "gpu", format: "nvidia-smi"};
    }
    if (has("random", "human") || has("min", "max") || has("low", "high")) return {kind: "reference", format: "min-max"};
    if (header.includes("length_controlled_winrate") || has("win_rate", "n_total")) return {kind: "scores", format: "alpaca-eval"};
    if (header.includes("rating_q025")) return {kind: "scores", format: "arena-hard"};
    if (header.includes("_step") || header[0] === "step") return {kind: "runs", format: "wandb"};
    if (header[0] === "" && header.length > 1) return {kind: "runs", format: "openrlbenchmark"};
    const tidy = tidyByKeys(header);
    if (tidy) return tidy;
    // A wide table: a label column, then numeric columns (0/1 only: item responses).
    if (header.some((h) => LONG_COLUMNS.has(h))) {
      return {kind: "unknown", format: "", note: `long table without the columns a runs/scores table needs (header ${JSON.stringify(header.slice(0, 5))})`};
    }
    const cells = text.split(/\r?\n/).slice(1, 6).filter(Boolean).slice(0, -1).flatMap((r) => r.split(",").slice(1)).map((c) => c.trim()).filter((c) => c !== "" && c !== "-" && c.toLowerCase() !== "nan");
    if (header.length >= 2 && cells.length && cells.every((c) => Number.isFinite(Number(c)))) {
      return cells.every((c) => c === "0" || c === "1") && header.length > 3 ? {kind: "samples", format: "wide"} : {kind: "scores", format: "wide"};
    }
    return {kind: "unknown", format: "", note: `CSV header ${JSON.stringify(header.slice(0, 5))} matches no known table`};
  }
  if (/dmon/.test(stripped) || /^#\s*gpu\s+/m.test(text)) return {kind: "gpu", format: "dmon"};
  return {kind: "unknown", format: "", note: "unrecognised file type"};
}

/** Column names of long tables; a CSV with them is not a wide score table. */
const LONG_COLUMNS = new Set(["seed", "run", "run_number", "step", "iteration", "epoch", "frame", "frames"]);

function jsonKeys(text: string): string[] {
  return [...text.slice(0, 2000).matchAll(/"([A-Za-z_][\w.]*)"\s*:/g)].map((m) => m[1].toLowerCase());
}

/** Tidy tables by their columns (DESIGN.md), aliases included. */
function tidyByKeys(keys: string[]): Classification | undefined {
  const has = (...columns: string[]) => columns.every((c) => keys.includes(c));
  const any = (...columns: string[]) => columns.some((c) => keys.includes(c));
  if (any("algorithm", "method", "agent") && any("task", "game", "env") && any("value", "score")) {
    return {kind: "runs", format: keys.includes("step") ? "long-csv" : "tidy"};
  }
  if (has("model", "score") && any("task", "benchmark", "scenario")) return {kind: "scores", format: "tidy"};
  if (has("model", "item") && any("value", "score", "correct")) return {kind: "samples", format: "tidy"};
  return undefined;
}
