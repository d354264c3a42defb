// `benchstats convert`: any supported input (tidy or a loader's format) → a tidy table.
import {BenchstatsError} from "../../lib/index.js";
import {stringOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import {loadTable, type InputKind} from "../inputs.js";

const KINDS: InputKind[] = ["runs", "scores", "samples", "battles", "gpu"];

export const convert: Command = {
  name: "convert",
  summary: "read any supported file or folder and write it as a tidy table (runs, scores, samples, battles, gpu)",
  help: `Usage: benchstats convert <kind> <path> [--input-format F] [-f json|csv|tsv|jsonl|parquet] [-o FILE]

Reads <path> (a tidy CSV/TSV/JSON/JSONL table, or any format the loaders know: TensorBoard event
files, W&B exports, MLflow stores, lm-eval results, arena battle logs, Kineto traces...) as a tidy
<kind> table (${KINDS.join(", ")}) and writes it out. Useful to check what the other commands will see,
and to turn a large table into Parquet (-o table.parquet, or -f parquet to stdout): labels become
dictionary-encoded strings, numbers doubles, missing values nulls.`,
  options: {},
  async run({values, positionals}) {
    const [kind, path] = positionals;
    if (!kind || !path) throw new UsageError("convert needs <kind> and <path>");
    if (!KINDS.includes(kind as InputKind)) {
      throw new BenchstatsError("option", `expected a table kind (${KINDS.join(", ")}), got "${kind}"`, {field: "<kind>"});
    }
    // The columnar table goes to the writer as it is: no row objects, whatever its size.
    return loadTable(path, kind as InputKind, stringOption(values, "input-format"));
  }
};
