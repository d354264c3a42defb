// The shape every CLI command module has, and the options all of them share.
import type {ParseArgsConfig} from "node:util";
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
  quiet: {type: "boolean", short: "q"},
  help: {type: "boolean", short: "h"}
};

export const COMMON_HELP = `Common options:
  --seed N             seed for every random draw (default 0); same inputs + seed → same output
  -f, --format F       output format: json, csv, tsv, jsonl or parquet (default: from the --output
                       extension, else json)
  -o, --output FILE    write the result to FILE instead of stdout
  --input-format F     input format: tidy, or a loader format name (default: detect)
  -q, --quiet          no progress on stderr
  -h, --help           this help`;
