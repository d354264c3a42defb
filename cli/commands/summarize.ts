// `benchstats summarize`: per-model (or per-group) mean with its standard error and confidence interval,
// from item-level samples, computed in DuckDB so that files of any size work (Miller 2024).
import {BenchstatsError} from "../../lib/index.js";
import {FEW_CLUSTERS} from "../../lib/engine.js";
import {summarizeFile} from "../../loaders/tidy/summarize.js";
import {choiceOption, listOption, numberOption, stringOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import type {OutputRow} from "../output.js";

export const summarize: Command = {
  name: "summarize",
  summary: "per-model mean of item-level samples with standard error (plain or clustered) and normal interval",
  help: `Usage: benchstats summarize <samples> [--by model[,benchmark]] [--metric M] [--cluster COLUMN]
                           [--cluster-correction cr0|cr1] [--confidence 0.95]

<samples> is a tidy samples table (columns model, item, value; optional benchmark, metric) as CSV, TSV,
JSON, JSONL or Parquet, plain or gzipped. It is summarised inside DuckDB, so its size is bounded by the
disk, not by memory. For each group (--by columns and the metric) the mean of value, with missing values
(empty, NA, NaN, null) left out, and its error bar as in Miller (2024), "Adding Error Bars to Evals":

  se = s / sqrt(n)                          items independent (s with n − 1)
  se = sqrt(sum_c (sum_{i in c} (x_i − mean))^2) / n   with --cluster (CR0): items in one cluster
                                            (questions on one passage, prompts from one template)
                                            share their errors
  lower, upper = mean ∓ z·se                z the normal quantile of --confidence

  --by L                   group columns, comma-separated (default model); may name columns beyond the
                           samples schema (a topic column of the file)
  --metric M               only the rows of metric M (default: each metric its own group)
  --cluster COLUMN         the file's column of cluster ids: clustered standard errors
  --cluster-correction C   cr0 (default) or cr1 = cr0 · sqrt(G/(G − 1)) (statsmodels' and Stata's
                           default small-sample factor for a mean)
  --confidence C           interval level (default 0.95)

Output: one row per group, sorted by its labels: the --by columns, metric, n, mean, se, lower, upper
(n_clusters with --cluster), warning. se is empty (NaN) with a warning for n = 1 or one cluster; fewer
than ${FEW_CLUSTERS} clusters keep se and warn that it is itself noisy.`,
  options: {
    by: {type: "string"},
    metric: {type: "string"},
    cluster: {type: "string"},
    "cluster-correction": {type: "string"},
    confidence: {type: "string"}
  },
  async run({values, positionals, note}) {
    if (positionals.length !== 1) throw new UsageError(`summarize needs one samples file, got ${positionals.length}`);
    const inputFormat = stringOption(values, "input-format");
    if (inputFormat !== undefined && inputFormat !== "tidy") {
      throw new BenchstatsError("option", `summarize reads tidy samples files (CSV, TSV, JSON, JSONL, Parquet); got --input-format ${inputFormat}`, {field: "--input-format"});
    }
    const by = listOption(values, "by") ?? ["model"];
    const cluster = stringOption(values, "cluster");
    const summaries = await summarizeFile(positionals[0], {
      by,
      metric: stringOption(values, "metric"),
      cluster,
      clusterCorrection: choiceOption(values, "cluster-correction", ["cr0", "cr1"] as const, "cr0"),
      confidence: numberOption(values, "confidence", 0.95, 0, 1)
    });
    const warned = summaries.filter((s) => s.warning);
    note(`${summaries.length} group(s)${cluster ? ` clustered by ${cluster}` : ""}${warned.length ? `; ${warned.length} with a warning (first: ${warned[0].warning})` : ""}`);
    return summaries.map((s): OutputRow => {
      const row: OutputRow = {};
      for (const name of by) row[name] = s[name] as string;
      Object.assign(row, {metric: s.metric, n: s.n, mean: s.mean, se: s.se, lower: s.lower, upper: s.upper});
      if (cluster) row.n_clusters = s.n_clusters;
      row.warning = s.warning ?? "";
      return row;
    });
  }
};
