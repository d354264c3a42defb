// The one folder walker of the loaders: run-log folders, lm-eval output folders, TensorBoard log dirs and
// the data-folder inventory all list files the same way (sorted by name at every level, so results never
// depend on the file system's order).
import {readdir} from "node:fs/promises";
import {join} from "node:path";

/** Options of {@link walkFolder}. */
export interface WalkOptions {
  /** Which files to list, by name (default: every file). */
  match?: RegExp | ((name: string) => boolean);
  /** Entries (files or folders) to leave out entirely, by name, e.g. hidden ones (default: none). */
  skip?: (name: string) => boolean;
  /** A folder to list as one entry instead of walking into it (an MLflow store). */
  isUnit?: (path: string) => boolean | Promise<boolean>;
  /** Folder levels to descend below `dir` (default: no limit). */
  maxDepth?: number;
}

/** One entry found by {@link walkFolder}: a file, or a folder that `isUnit` claimed. */
export interface WalkEntry {
  path: string;
  folder: boolean;
}

/**
 * Lists the files below `dir` (recursively, names sorted at every level, folders walked where they sort),
 * keeping files whose name `match`es, skipping what `skip` names and listing `isUnit` folders as one entry.
 *
 * @example
 * await walkFolder("logs", {match: /tfevents/}); // [{path: "logs/run1/events.out.tfevents.1.host", folder: false}, …]
 */
export async function walkFolder(dir: string, options: WalkOptions = {}, depth = 0): Promise<WalkEntry[]> {
  const {match, skip, isUnit, maxDepth = Infinity} = options;
  const keep = match === undefined ? () => true : typeof match === "function" ? match : (name: string) => match.test(name);
  const out: WalkEntry[] = [];
  const entries = (await readdir(dir, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (skip?.(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (isUnit && (await isUnit(path))) out.push({path, folder: true});
      else if (depth < maxDepth) for (const found of await walkFolder(path, options, depth + 1)) out.push(found);
    } else if (entry.isFile() && keep(entry.name)) out.push({path, folder: false});
  }
  return out;
}

/**
 * The paths of the files below `dir` whose name matches `match`, sorted by path ({@link walkFolder}).
 *
 * @example
 * await findFiles("lm-eval-output", /^results_.*\.json(\.gz)?$/i); // ["lm-eval-output/pythia/results_2024.json"]
 */
export async function findFiles(dir: string, match: RegExp | ((name: string) => boolean)): Promise<string[]> {
  return (await walkFolder(dir, {match})).map((entry) => entry.path);
}
