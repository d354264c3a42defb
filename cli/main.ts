// The benchstats command line: dispatch, shared options, output and exit codes.
import {parseArgs} from "node:util";
import {BenchstatsError} from "../lib/index.js";
import {formatOption, stringOption, UsageError} from "./args.js";
import {COMMON_HELP, COMMON_OPTIONS, type Command} from "./command.js";
import {COMMANDS} from "./commands/index.js";
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
      throw new UsageError((error as Error).message);
    }
    const {values, positionals} = parsed;
    if (values.help) {
      await write(streams.stdout, `${command.help}\n\n${COMMON_HELP}\n`);
      return EXIT.ok;
    }
    const format = formatOption(values);
    const output = stringOption(values, "output");
    const quiet = Boolean(values.quiet);
    const rows = await command.run({
      values,
      positionals,
      progress: (label) => createProgress(label, quiet, streams.stderr as NodeJS.WriteStream),
      note: (message) => {
        if (!quiet) streams.stderr.write(`benchstats ${name}: ${message}\n`);
      }
    });
    await writeRows(rows, format, output, streams.stdout);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      await write(streams.stderr, `benchstats: ${error.message}\n${command ? `Run "benchstats ${command.name} --help".` : `Run "benchstats --help".`}\n`);
      return EXIT.usage;
    }
    if (error instanceof BenchstatsError) {
      await write(streams.stderr, `benchstats ${name}: error [${error.code}] ${error.message}\n`);
      return EXIT.input;
    }
    throw error;
  }
}

async function version(): Promise<string> {
  const {readFile} = await import("node:fs/promises");
  const pkg = JSON.parse(await readFile(new URL("../lib/package.json", import.meta.url), "utf8")) as {version: string};
  return pkg.version;
}
