import {existsSync} from "node:fs";
import {dirname, isAbsolute, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

/** The repository's bundled example data (data/ at the project root). */
export const bundledDataDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "data");

/**
 * The folder data loaders read from: `$BENCHSTATS_DATA` when set (bring your own data), else the
 * bundled `data/`. Relative values resolve against the current working directory.
 */
export function dataDir(): string {
  const user = process.env.BENCHSTATS_DATA;
  if (user) return isAbsolute(user) ? user : resolve(process.cwd(), user);
  return bundledDataDir;
}

/**
 * Path of `parts` inside {@link dataDir}, falling back to the bundled copy when a user folder is set
 * but lacks that file, so a user folder may hold only the inputs it wants to replace.
 */
export function dataPath(...parts: string[]): string {
  const user = join(dataDir(), ...parts);
  return existsSync(user) ? user : join(bundledDataDir, ...parts);
}
