// `benchstats inventory`: what a data folder holds, file by file, and which table each one feeds.
import {stat} from "node:fs/promises";
import {BenchstatsError} from "../../lib/index.js";
import {UsageError} from "../args.js";
import type {Command} from "../command.js";
import {discoverData} from "../../loaders/discover.js";

export const inventory: Command = {
  name: "inventory",
  summary: "list the data files of a folder (e.g. your BENCHSTATS_DATA folder) with their kind and format",
  help: `Usage: benchstats inventory <folder>

Walks <folder> and classifies each file by the tidy table it feeds (runs, scores, samples, battles,
gpu) and the loader format that reads it (tensorboard, wandb, mlflow, long-csv, rliable-json,
lm-eval, alpaca-eval, arena-hard, kineto, nsys, nvidia-smi, tidy, wide …), from names and the first
KB only. Files it cannot place are listed as "unknown" with the reason. This is what the site's
"Write your own analysis page" report shows for the folder in BENCHSTATS_DATA.`,
  options: {},
  async run({positionals, note}) {
    const [folder] = positionals;
    if (!folder || positionals.length > 1) throw new UsageError("inventory needs exactly one <folder>");
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) throw new BenchstatsError("io", "expected a folder", {file: folder});
    const files = await discoverData(folder);
    const known = files.filter((f) => f.kind !== "unknown").length;
    note(`${known} data file(s) recognised, ${files.length - known} not`);
    return files.map(({path, kind, format, bytes, note}) => ({path, kind, format, bytes, note: note ?? ""}));
  }
};
