// API reference rendering: Markdown for an Observable Framework page (code fences never run).
import type {ApiEntry, ApiSection} from "./extract.js";

export interface RenderOptions {
  title?: string;
  version?: string;
}

/** Renders the sections as one Markdown page: an index of names, then one entry per public name. */
export function renderApiMarkdown(sections: ApiSection[], {title = "API reference", version}: RenderOptions = {}): string {
  const names = new Set(sections.flatMap((s) => s.entries.map((e) => e.name)));
  const out: string[] = [
    "---",
    `title: ${JSON.stringify(title)}`,
    "toc: true",
    "---",
    "",
    `# ${title}`,
    "",
    `Every public name of the \`benchstats\` package${version ? ` (version ${version})` : ""}, as exported by \`lib/index.ts\`. ` +
      "Generated at build time from the TypeScript declarations and their doc comments, so it always matches the code " +
      "(`src/api.md.ts`, using `scripts/apidoc/`). Import names from `benchstats` in scripts, or from `./lib/index.js` in a page. " +
      "Lower-level names (the bootstrap engine's plans and blocks, special functions, table builders) are exported by " +
      "`benchstats/engine` (`lib/engine.ts`) and are not listed here.",
    ""
  ];
  for (const section of sections) {
    const link = (e: ApiEntry) => `[${e.name}](#${anchor(e.name)})`;
    const values = section.entries.filter((e) => e.kind !== "interface" && e.kind !== "type");
    const types = section.entries.filter((e) => e.kind === "interface" || e.kind === "type");
    out.push(`- **${prose(section.title, names)}**: ${values.map(link).join(", ")}${types.length ? `${values.length ? " · " : ""}<small>types: ${types.map(link).join(", ")}</small>` : ""}`);
  }
  for (const section of sections) {
    out.push("", `## ${prose(section.title, names)}`, "");
    if (section.description) out.push(prose(capitalise(section.description), names), "");
    for (const entry of section.entries) out.push(...renderEntry(entry, names), "");
  }
  return out.join("\n") + "\n";
}

function renderEntry(entry: ApiEntry, names: Set<string>): string[] {
  const out = [
    `<h3 id="${anchor(entry.name)}"><code>${escapeHtml(entry.name)}</code> <small>${entry.kind} · <code>lib/${entry.module}.ts</code></small></h3>`,
    "",
    fence(entry.signature)
  ];
  if (entry.doc) out.push("", prose(entry.doc, names));
  const params = entry.tags.filter((t) => t.tag === "param");
  if (params.length) {
    out.push("", "**Parameters**", "");
    for (const p of params) {
      const [, name, text] = /^(\S+)\s*(?:-\s*)?([\s\S]*)$/.exec(p.text) ?? [, p.text, ""];
      out.push(`- \`${name}\`${text ? ` — ${prose(text.replace(/\n/g, " "), names)}` : ""}`);
    }
  }
  for (const t of entry.tags) {
    if (t.tag === "returns" || t.tag === "return") out.push("", `**Returns** ${prose(t.text, names)}`);
    else if (t.tag === "throws") out.push("", `**Throws** ${prose(t.text, names)}`);
    else if (t.tag === "see") out.push("", `**See** ${prose(t.text, names)}`);
    else if (t.tag === "deprecated") out.push("", `**Deprecated** ${prose(t.text, names)}`);
  }
  const examples = entry.tags.filter((t) => t.tag === "example");
  for (const example of examples) out.push("", "**Example**", "", fence(example.text.replace(/^```\w*\n?|```\s*$/g, "").trim()));
  return out;
}

/** A TypeScript fence Framework shows but does not run. Backtick runs inside are lengthened past. */
function fence(code: string): string {
  const ticks = "`".repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${ticks}ts run=false\n${code}\n${ticks}`;
}

/**
 * Doc-comment Markdown made safe for a Framework page: `{@link x}` becomes a link, and outside code
 * spans and fences `${` (a Framework inline expression) and `<` (raw HTML) are escaped.
 */
export function prose(text: string, names: Set<string>): string {
  const linked = text.replace(/\{@link\s+([^}\s|]+)(?:\s*\|?\s*([^}]*))?\}/g, (_, target: string, label: string) => {
    const name = target.replace(/\(\)$/, "");
    const shown = label?.trim() || name;
    return names.has(name) ? `[\`${shown}\`](#${anchor(name)})` : `\`${shown}\``;
  });
  const parts = linked.split(/(```[\s\S]*?```|`[^`\n]*`)/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) {
        // Fenced examples inside prose must not run either.
        return part.startsWith("```") ? part.replace(/^```(js|ts|javascript|typescript)?\s*\n/, "```ts run=false\n") : part;
      }
      return part.replace(/\$\{/g, "&#36;{").replace(/</g, "&lt;");
    })
    .join("");
}

function anchor(name: string): string {
  return `api-${name}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
