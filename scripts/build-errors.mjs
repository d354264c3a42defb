// Turns the output of a failed `observable build` into one paragraph a reader can act on: which page or
// data loader failed, the first error line Framework printed for it, and no stack trace.
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";

const ansi = /\x1b\[[0-9;]*m/g;

/** Pages (src/**.md) whose text mentions `file`, as `src/NAME.md`. */
export function pagesMentioning(projectDir, file) {
  const found = [];
  const walk = (dir, prefix) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      if (entry.name.startsWith(".")) continue;
      if (entry.isDirectory()) {
        if (entry.name !== "data" && entry.name !== "components" && entry.name !== "lib") walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      } else if (entry.name.endsWith(".md") && readFileSync(join(dir, entry.name), "utf8").includes(file)) found.push(`src/${prefix}${entry.name}`);
    }
  };
  if (existsSync(join(projectDir, "src"))) walk(join(projectDir, "src"), "");
  return found;
}

/** A readable account of a failed build from its captured output. */
export function explainBuildFailure(output, projectDir) {
  const lines = output.replace(ansi, "").split("\n");
  const said = [];
  // A page's FileAttachment that names a file with no loader and no file behind it.
  for (const line of lines) {
    if (/load \S+ .*?error in /.test(line)) continue; // a data loader's own failure, reported below
    const missing = /(?:ENOENT|not found|no such file)[^'"]*['"]([^'"]+)['"]/i.exec(line);
    if (missing) {
      const file = missing[1].replace(/^.*\/src\//, "").replace(/^\//, "");
      const pages = pagesMentioning(projectDir, file.replace(/^.*\//, ""));
      said.push(`${pages.length ? `${pages.join(", ")}: ` : ""}${file} could not be read (${line.trim().slice(0, 200)}). Create the file (or a data loader for it) under src/, or change the page to load a file that exists.`);
    }
  }
  // Data loaders that failed: Framework logs "load /data/x → … error in …: message".
  for (const line of lines) {
    const failed = /load (\S+) .*?error in [^:]+: (.*)$/.exec(line);
    if (failed) said.push(`the data loader for ${failed[1]} failed: ${failed[2].trim().slice(0, 300)}`);
  }
  if (!said.length) {
    const first = lines.find((line) => /error/i.test(line) && !/^\s+at /.test(line)) ?? lines.filter((l) => l.trim()).at(-1) ?? "";
    said.push(first.trim().slice(0, 400) || "observable build exited with an error");
  }
  return [...new Set(said)].join("\n");
}
