// The shape every CLI command module has, and the options all of them share.
import type {ParseArgsConfig} from "node:util";
import {SCHEMAS, type TableKind} from "../loaders/tidy/schema.js";
import type {RawOptions} from "./args.js";
import type {ColumnarTable} from "../lib/core/columns.js";
import type {OutputRow} from "./output.js";
import type {ProgressCallback} from "./progress.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export interface CommandContext {
  values: RawOptions;
  positionals: string[];
  /** Progress reporter for long work (stderr; silent with --quiet). */
  progress(label: string): {update: ProgressCallback; end(): void};
  /** A note for the user on stderr (warnings, fit summaries); never mixed into the output table. */
  note(message: string): void;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage line and option help, shown by `benchstats <command> --help`. */
  help: string;
  options: OptionSpec;
  /**
   * Computes the result as a tidy table: rows, or a columnar table (a `TidyTable`) for long results,
   * written by the caller in the `--format` asked for (JSON, CSV, TSV, JSONL, Parquet).
   */
  run(context: CommandContext): Promise<OutputRow[] | ColumnarTable>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpec = {
  seed: {type: "string"},
  format: {type: "string", short: "f"},
  output: {type: "string", short: "o"},
  "input-format": {type: "string"},
  columns: {type: "string"},
  digits: {type: "string"},
  quiet: {type: "boolean", short: "q"},
  help: {type: "boolean", short: "h"}
};

/** One line per input table: its columns, required ones marked *, each with the other names it accepts. */
export function columnAliasHelp(kinds: readonly TableKind[] = ["runs", "scores", "samples", "battles"]): string {
  return kinds
    .map((kind) => {
      const columns = SCHEMAS[kind].columns.map((c) => `${c.name}${c.required ? "*" : ""}${c.aliases?.length ? ` (${c.aliases.join(", ")})` : ""}`);
      return `  ${kind.padEnd(9)} ${columns.join(", ")}`;
    })
    .join("\n");
}

export const COMMON_HELP = `Common options:
  --seed N             seed for every random draw (default 0); same inputs + seed → same output
  -f, --format F       output format: json, csv, tsv, jsonl or parquet (default: from the --output
                       extension, else json)
  -o, --output FILE    write the result to FILE instead of stdout
  --digits N           round numbers to N significant digits (default: 12 on a terminal, which drops
                       floating-point noise; files and pipes get full precision)
  --input-format F     input format: tidy, or a loader format name (default: detect)
  --columns MAP        name your file's columns: table column = file column, comma-separated,
                       e.g. --columns algorithm=method,task=env,value=final_return
  -q, --quiet          no progress on stderr
  -h, --help           this help
Column names each input table recognises (any case; map others with --columns):
${columnAliasHelp()}`;
