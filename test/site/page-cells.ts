// The executed code of a Framework page, for the static page tests: its ```js cells (not `run=false`) and
// the names each imports from a path.
import {readFileSync} from "node:fs";
import {join} from "node:path";

export const projectRoot = join(import.meta.dirname, "..", "..");

/** The ```js cells of src/<page>, without the display-only ```js run=false blocks. */
export function pageCells(page: string): string[] {
  const text = readFileSync(join(projectRoot, "src", page), "utf8");
  return [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** Named imports of the cells from paths that `from` matches: `import {a, b} from "./lib/index.js"` → {names: [a, b], path}. */
export function pageImports(cells: readonly string[], from: RegExp): {names: string[]; path: string}[] {
  return cells.flatMap((cell) =>
    [...cell.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)]
      .filter((m) => from.test(m[2]))
      .map((m) => ({names: m[1].split(",").map((n) => n.trim()).filter(Boolean), path: m[2]}))
  );
}
