// Every TypeScript snippet and every `benchstats` command in README.md and lib/README.md is run, and the
// README's page example is the page src/my-agents.md (which the build and the browser check open).
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {cli} from "../cli/helpers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsx = join(root, "node_modules", ".bin", "tsx");
const read = (file: string) => readFileSync(join(root, file), "utf8");

/** Fenced blocks of `lang` (info string starting with it), with the rest of their info string. */
function blocks(markdown: string, lang: string): {info: string; code: string}[] {
  const out: {info: string; code: string}[] = [];
  const pattern = /^(`{3,})(\S*)([^\n]*)\n([\s\S]*?)^\1\s*$/gm;
  for (let m = pattern.exec(markdown); m; m = pattern.exec(markdown)) if (m[2] === lang) out.push({info: m[3].trim(), code: m[4]});
  return out;
}

/** Splits a shell command line into words (single and double quotes; no expansion), up to a comment. */
function words(line: string): string[] {
  const out: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(#.*$)|(\S+)/g;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
    if (m[3] !== undefined) break;
    out.push(m[1] ?? m[2] ?? m[4]);
  }
  return out;
}

const docs = ["README.md", "lib/README.md"];

describe.each(docs)("%s", (doc) => {
  const markdown = read(doc);
  // `run=false` only keeps Framework from running a block when it renders lib/README.md as a site page.
  const snippets = blocks(markdown, "ts");
  it.each(snippets.map((s, i) => [i + 1, s.code] as const))("TypeScript snippet %i runs against lib/", (_, code) => {
    const dir = mkdtempSync(join(tmpdir(), "benchstats-readme-"));
    const file = join(dir, "snippet.ts");
    writeFileSync(file, code.replace(/from "benchstats"/g, `from ${JSON.stringify(resolve(root, "lib/index.ts"))}`) + "\nexport {};\n");
    execFileSync(tsx, [file], {cwd: root, stdio: ["ignore", "pipe", "pipe"]});
  }, 60_000);

  const commands = blocks(markdown, "sh")
    .flatMap((b) => b.code.split("\n"))
    .map(words)
    .map((w) => {
      const at = w.findIndex((x, i) => (x === "benchstats" && w[i - 1] === "npx") || (x === "bin/benchstats.js" && w[i - 1] === "node"));
      return at < 0 ? null : w.slice(at + 1);
    })
    .filter((w): w is string[] => w !== null);
  it.each(commands.map((args) => [args.join(" "), args] as const))("benchstats %s is a valid command, and runs where its files exist", async (_, args) => {
    // Long bootstraps are shortened: the command and its options are what is checked here.
    const quick = args.map((a, i) => (args[i - 1] === "--reps" && Number(a) > 500 ? "500" : a));
    const files = quick.filter((a) => /\.(csv|tsv|json|jsonl|parquet)(\.gz)?$/i.test(a));
    const runnable = files.every((f) => {
      try {
        readFileSync(join(root, f));
        return true;
      } catch {
        return false;
      }
    });
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const {status, stderr} = await cli(...quick, "-q");
      expect(status, stderr).not.toBe(2); // 2 = unknown command or option
      if (runnable) expect(status, stderr).toBe(0);
      else expect(stderr).toMatch(/cannot read input|no such file/);
    } finally {
      process.chdir(cwd);
    }
  }, 120_000);
});

describe("the README's page example", () => {
  it("is src/my-agents.md, whose data a loader ships", () => {
    const example = /````md\n([\s\S]*?)````\n/.exec(read("README.md"))?.[1];
    expect(example).toBe(read("src/my-agents.md"));
    expect(example).toMatch(/FileAttachment\("data\/my-scores\.json"\)/);
    expect(read("src/data/my-scores.json.ts")).toMatch(/DER.*SPR/);
  });
});
