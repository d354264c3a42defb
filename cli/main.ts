// The benchstats command line: dispatch, shared options, output and exit codes.
import {parseArgs} from "node:util";
import {BenchstatsError} from "../lib/index.js";
import {formatOption, intOption, stringOption, UsageError} from "./args.js";
import {COMMON_HELP, COMMON_OPTIONS, type Command} from "./command.js";
import {COMMANDS} from "./commands/index.js";
import {withColumnMapping} from "./inputs.js";
import {writeRows} from "./output.js";
import {createProgress} from "./progress.js";

/** Exit statuses: 0 success, 1 bad input data or option value (located message), 2 usage error. */
export const EXIT = {ok: 0, input: 1, usage: 2} as const;

export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `benchstats: statistics for reliable conclusions from ML experiments and benchmarks

Usage: benchstats <command> [options] <input...>

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run "benchstats <command> --help" for a command's options.
${COMMON_HELP}

Exit status: 0 success, 1 bad input (the message names file, line and field), 2 usage error.`;
}

/**
 * Runs the CLI on `argv` (without node and script) and returns the exit status. Output goes to
 * `streams.stdout` (or --output), messages and progress to `streams.stderr`.
 */
export async function main(argv: string[], streams: Streams = {stdout: process.stdout, stderr: process.stderr}): Promise<number> {
  const write = (stream: NodeJS.WritableStream, text: string) => new Promise<void>((resolve) => stream.write(text, () => resolve()));
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    await write(name ? streams.stdout : streams.stderr, usage() + "\n");
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === "--version" || name === "-v") {
    await write(streams.stdout, (await version()) + "\n");
    return EXIT.ok;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(", ")}`);
    let parsed;
    try {
      parsed = parseArgs({args: rest, options: {...COMMON_OPTIONS, ...command.options}, allowPositionals: true, strict: true});
    } catch (error) {
      throw new UsageError(parseArgsMessage(error as Error & {code?: string}, {...COMMON_OPTIONS, ...command.options}));
    }
    const {values, positionals} = parsed;
    if (values.help) {
      await write(streams.stdout, `${command.help}\n\n${COMMON_HELP}\n`);
      return EXIT.ok;
    }
    const format = formatOption(values);
    const output = stringOption(values, "output");
    const quiet = Boolean(values.quiet);
    const rows = await withColumnMapping(stringOption(values, "columns"), () => command.run({
      values,
      positionals,
      progress: (label) => createProgress(label, quiet, streams.stderr as NodeJS.WriteStream),
      note: (message) => {
        if (!quiet) streams.stderr.write(`benchstats ${name}: ${message}\n`);
      }
    }));
    const toTerminal = (!output || output === "-") && Boolean((streams.stdout as NodeJS.WriteStream).isTTY);
    const digits = values.digits === undefined ? (toTerminal ? 12 : undefined) : intOption(values, "digits", 12, 1, 17);
    await writeRows(rows, format, output, streams.stdout, digits);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      await write(streams.stderr, `benchstats: ${error.message}\n${command ? `Run "benchstats ${command.name} --help".` : `Run "benchstats --help".`}\n`);
      return EXIT.usage;
    }
    if (error instanceof BenchstatsError) {
      await write(streams.stderr, `benchstats ${name}: error [${error.code}] ${forTheCommandLine(error.message)}\n`);
      return EXIT.input;
    }
    throw error;
  }
}

/**
 * A library message as the command line says it: the library's `{format}` option is the CLI's
 * `--input-format`, and bytes that are not printable text (a binary file's header quoted back) are shown
 * as `\u{fffd}` runs cut to one, so the terminal gets no control characters.
 */
export function forTheCommandLine(message: string): string {
  return message
    .replace(/pass \{format\}/g, "pass --input-format FORMAT")
    .replace(/\{format\}/g, "--input-format")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]+/g, "\ufffd");
}

/**
 * node:util parseArgs's messages rewritten for a reader: an unknown option gets the nearest known one
 * ("did you mean --seed?", by edit distance ≤ 2 or a shared prefix), Node's advice about `--` is dropped.
 */
export function parseArgsMessage(error: Error & {code?: string}, options: Record<string, unknown>): string {
  const known = Object.keys(options);
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const given = /option '(-{1,2}[^']*)'/.exec(error.message)?.[1] ?? "";
    const bare = given.replace(/^-+/, "").replace(/=.*$/, "");
    const near = known
      .map((name) => ({name, distance: editDistance(bare, name)}))
      .filter(({name, distance}) => distance <= Math.max(1, Math.min(2, bare.length - 2)) || (bare.length >= 3 && name.startsWith(bare)))
      .sort((a, b) => a.distance - b.distance);
    return `unknown option ${given}${near.length ? `; did you mean --${near[0].name}?` : ""}`;
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return error.message.replace(/\.?\s*To specify.*$/s, "");
  return error.message.split("\n")[0];
}

/** Levenshtein distance between two short strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; ++i) {
    const row = [i];
    for (let j = 1; j <= b.length; ++j) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

async function version(): Promise<string> {
  const {readFile} = await import("node:fs/promises");
  const pkg = JSON.parse(await readFile(new URL("../lib/package.json", import.meta.url), "utf8")) as {version: string};
  return pkg.version;
}
