// API reference extraction: the public names of lib/index.ts, grouped by the areas of lib/areas.ts, each
// with its declaration from TypeScript's declaration emit and its doc comment.
//
// Why not TypeDoc: TypeDoc drives the TypeScript compiler through its JavaScript API, which the native
// TypeScript 7 compiler this repository uses does not offer (typedoc 0.28 peers on typescript ≤ 6.0).
// Declaration emit (`tsc --emitDeclarationOnly`) gives exact signatures with the doc comments attached;
// lib/index.ts gives the public surface and lib/areas.ts its sections.
import {execFileSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, posix, resolve} from "node:path";
import {API_AREAS, type ApiArea} from "../../lib/areas.js";

export type ApiKind = "function" | "class" | "interface" | "type" | "const" | "enum";

export interface DocTag {
  tag: string;
  text: string;
}

export interface ApiEntry {
  name: string;
  kind: ApiKind;
  /** Declaration text from the .d.ts (all overloads), without doc comments. */
  signature: string;
  /** Doc comment body (Markdown) without the leading `*`s, and its block tags. */
  doc: string;
  tags: DocTag[];
  /** Module path inside lib/, e.g. `rl/aggregates`. */
  module: string;
}

export interface ApiSection {
  title: string;
  description: string;
  entries: ApiEntry[];
}

/** Runs the lib's declaration emit into a temporary folder and returns the folder (caller removes it). */
export function emitDeclarations(libDir: string, tscPath: string): string {
  const outDir = mkdtempSync(join(tmpdir(), "benchstats-apidoc-"));
  try {
    execFileSync(
      tscPath,
      ["-p", join(libDir, "tsconfig.build.json"), "--outDir", outDir, "--emitDeclarationOnly", "--declarationMap", "false", "--sourceMap", "false"],
      {stdio: "pipe"}
    );
  } catch {
    // Type errors elsewhere in lib still emit declarations (noEmitOnError is off); document what was emitted.
  }
  if (!existsSync(join(outDir, "index.d.ts"))) {
    rmSync(outDir, {recursive: true, force: true});
    throw new Error(`declaration emit produced no index.d.ts for ${libDir}`);
  }
  return outDir;
}

/**
 * The public API of the lib at `libDir`: the names `index.ts` exports, one section per area of
 * `lib/areas.ts` (API_AREAS) in its order. A name belongs to the area of the lib folder its export
 * statement points at (`./rl/…` → rl).
 */
export function extractApi(libDir: string, dtsDir: string, areas: readonly ApiArea[] = API_AREAS): ApiSection[] {
  const sections = new Map(areas.map((area) => [area.id, {title: area.title, description: area.description, entries: [] as ApiEntry[]}]));
  const seen = new Set<string>();
  for (const statement of barrelStatements(join(libDir, "index.ts"))) {
    const module = resolveModule("", statement.from);
    const area = module.split("/")[0];
    const section = sections.get(area);
    if (!section) throw new Error(`lib/index.ts exports from ${statement.from}, a folder that lib/areas.ts does not list`);
    const entries =
      statement.names === "*"
        ? moduleExports(libDir, dtsDir, module)
        : statement.names.map(([name, alias]) => findEntry(libDir, dtsDir, module, name, alias)).filter((e): e is ApiEntry => !!e);
    for (const entry of entries) {
      if (seen.has(entry.name)) continue;
      seen.add(entry.name);
      section.entries.push(entry);
    }
  }
  return [...sections.values()].filter((s) => s.entries.length);
}

interface BarrelStatement {
  from: string;
  names: [string, string][] | "*";
}

/** Export statements of a barrel source file (`//` comments skipped). */
function barrelStatements(file: string): BarrelStatement[] {
  const text = readFileSync(file, "utf8").replace(/\/\/[^\n]*/g, "");
  const statements: BarrelStatement[] = [];
  const re = /export\s+(?:type\s+)?(\*|\{[^}]*\})\s+from\s+["']([^"']+)["']\s*;?/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text))) {
    const names =
      match[1] === "*"
        ? "*"
        : match[1]
            .slice(1, -1)
            .split(",")
            .map((s) => s.trim().replace(/^type\s+/, ""))
            .filter(Boolean)
            .map((s) => {
              const [name, alias] = s.split(/\s+as\s+/);
              return [name, alias ?? name] as [string, string];
            });
    statements.push({from: match[2], names});
  }
  return statements;
}

function resolveModule(fromModule: string, specifier: string): string {
  return posix.normalize(posix.join(posix.dirname(fromModule || "index"), specifier.replace(/\.js$/, "")));
}

/** All exports of a module: a barrel (follow its statements) or a plain module (its declarations). */
function moduleExports(libDir: string, dtsDir: string, module: string, depth = 0): ApiEntry[] {
  if (depth > 8) return [];
  const source = join(libDir, `${module}.ts`);
  const entries: ApiEntry[] = [];
  if (existsSync(source)) {
    for (const statement of barrelStatements(source)) {
      const target = resolveModule(module, statement.from);
      if (statement.names === "*") entries.push(...moduleExports(libDir, dtsDir, target, depth + 1));
      else for (const [name, alias] of statement.names) {
        const entry = findEntry(libDir, dtsDir, target, name, alias, depth + 1);
        if (entry) entries.push(entry);
      }
    }
  }
  const dts = join(dtsDir, `${module}.d.ts`);
  if (existsSync(dts)) {
    const declarations = declarationsOf(readFileSync(dts, "utf8"));
    for (const [name, declaration] of declarations) entries.push({...declaration, name, module});
  }
  return entries;
}

function findEntry(libDir: string, dtsDir: string, module: string, name: string, alias: string, depth = 0): ApiEntry | undefined {
  if (depth > 8) return undefined;
  const dts = join(dtsDir, `${module}.d.ts`);
  if (existsSync(dts)) {
    const declaration = declarationsOf(readFileSync(dts, "utf8")).get(name);
    if (declaration) return {...declaration, name: alias, module};
  }
  const source = join(libDir, `${module}.ts`);
  if (!existsSync(source)) return undefined;
  for (const statement of barrelStatements(source)) {
    const target = resolveModule(module, statement.from);
    if (statement.names === "*") {
      const found = findEntry(libDir, dtsDir, target, name, alias, depth + 1);
      if (found) return found;
    } else {
      const pair = statement.names.find(([, a]) => a === name);
      if (pair) return findEntry(libDir, dtsDir, target, pair[0], alias, depth + 1);
    }
  }
  return undefined;
}

type Declaration = Omit<ApiEntry, "name" | "module">;

/**
 * Top-level exported declarations of a .d.ts text, keyed by name; overloads are joined and keep the
 * doc comment of the first overload that has one.
 */
export function declarationsOf(text: string): Map<string, Declaration> {
  const out = new Map<string, Declaration>();
  const head = /^export\s+(?:declare\s+)?(?:abstract\s+)?(function|class|interface|type|const|let|enum)\s+([A-Za-z_$][\w$]*)/;
  let i = 0;
  let lastDoc: string | undefined;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) ++i;
    if (text.startsWith("/**", i)) {
      const end = text.indexOf("*/", i + 3);
      lastDoc = text.slice(i + 3, end);
      i = end + 2;
      continue;
    }
    if (text.startsWith("//", i) || text.startsWith("/*", i)) {
      i = text.startsWith("//", i) ? lineEnd(text, i) : text.indexOf("*/", i + 2) + 2;
      continue;
    }
    const end = statementEnd(text, i);
    const statement = text.slice(i, end).trim();
    const match = head.exec(statement);
    if (match) {
      const kind = (match[1] === "let" ? "const" : match[1]) as ApiKind;
      const name = match[2];
      const {doc, tags} = parseDoc(lastDoc ?? "");
      const previous = out.get(name);
      if (previous) {
        previous.signature += "\n" + stripComments(statement);
        if (!previous.doc && doc) Object.assign(previous, {doc, tags});
      } else out.set(name, {kind, signature: stripComments(statement), doc, tags});
    }
    lastDoc = undefined;
    i = end;
  }
  return out;
}

function lineEnd(text: string, i: number): number {
  const end = text.indexOf("\n", i);
  return end < 0 ? text.length : end + 1;
}

/**
 * End of the statement starting at i, skipping strings and comments: the matching `}` of the body of a
 * class/interface/enum/namespace, else the first `;` at bracket depth 0.
 */
function statementEnd(text: string, i: number): number {
  const block = /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:class|interface|enum|namespace)\b/.test(text.slice(i, i + 80));
  let depth = 0;
  for (let j = i; j < text.length; ++j) {
    const c = text[j];
    if (c === '"' || c === "'" || c === "`") {
      for (++j; j < text.length && text[j] !== c; ++j) if (text[j] === "\\") ++j;
    } else if (text.startsWith("/*", j)) j = text.indexOf("*/", j + 2) + 1;
    else if (text.startsWith("//", j)) j = lineEnd(text, j) - 1;
    else if (c === "(" || c === "[" || c === "{") ++depth;
    else if (c === ")" || c === "]" || c === "}") {
      if (--depth === 0 && c === "}" && block) return j + 1;
    } else if (c === ";" && depth === 0) return j + 1;
  }
  return text.length;
}

function stripComments(statement: string): string {
  // Member doc comments inside interfaces/classes are useful: keep them, but drop leading indentation noise.
  return statement.replace(/^export\s+declare\s+/, "export ").replace(/\n {4}/g, "\n  ");
}

/** Splits a doc comment into Markdown body and block tags (`@param`, `@returns`, `@example`, …). */
export function parseDoc(raw: string): {doc: string; tags: DocTag[]} {
  const lines = raw
    .split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, ""))
    .join("\n")
    .trim()
    .split("\n");
  const body: string[] = [];
  const tags: DocTag[] = [];
  let inFence = false;
  for (const line of lines) {
    if (/^```/.test(line.trim())) inFence = !inFence;
    const tag = inFence ? null : /^@(\w+)\s?(.*)$/.exec(line);
    if (tag) tags.push({tag: tag[1], text: tag[2]});
    else if (tags.length) tags[tags.length - 1].text += "\n" + line;
    else body.push(line);
  }
  return {doc: body.join("\n").trim(), tags: tags.map((t) => ({tag: t.tag, text: t.tag === "example" ? t.text.replace(/^\n+|\s+$/g, "") : t.text.trim()}))};
}

/** Repository paths the generator needs, from this file's location. */
export function repositoryPaths(): {libDir: string; tscPath: string} {
  const root = resolve(dirname(new URL(import.meta.url).pathname), "..", "..");
  return {libDir: join(root, "lib"), tscPath: join(root, "node_modules", ".bin", "tsc")};
}
