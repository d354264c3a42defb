// `benchstats agree`: Benchmark Agreement Testing (BenchBench) across leaderboards.
import {readFile} from "node:fs/promises";
import {basename} from "node:path";
import {addAggregateReference, BenchstatsError, benchmarkAgreement, parseWideTable, type AgreementCorrelation, type ModelSelection, type ScoreRow} from "../../lib/index.js";
import {benchmarkRows} from "../../lib/engine.js";
import {choiceOption, intOption, listOption, seedOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import type {OutputRow} from "../output.js";

const CORRELATIONS = ["kendall", "spearman", "pearson"] as const;
const STRATEGIES = ["random", "top", "bottom", "middle", "adjacent"] as const;

export const agree: Command = {
  name: "agree",
  summary: "benchmark agreement testing (BenchBench): how well each benchmark agrees with an aggregate reference",
  help: `Usage: benchstats agree <leaderboard...> [--reference S1,S2,…] [--correlation kendall] [--seed S]

Each <leaderboard> is a wide CSV (model in the first column, one column per scenario/benchmark; the
file name is the source). Scores of all files are pooled (names normalised as BenchBench does); the
reference benchmark is the mean win rate over --reference scenarios; every scenario is correlated with
the reference on the models they share, and its agreement is reported as a z-score relative to the
other scenarios (Perlitz et al. 2024).

  --reference L    scenarios averaged into the reference (default: all)
  --correlation L  kendall (default), spearman, pearson; comma-separated for several
  --strategy L     model subsets: random (default), top, bottom, middle, adjacent
  --sizes L        subset sizes, 0 = all shared models (default 0)
  --reps N         repetitions of random/adjacent subsets (default 10)
  --min-models N   skip pairs sharing fewer models (default 5)
  --mode M         corrected (default) or faithful (reproduces BenchBench's quirks)
  --detail         output every agreement measurement instead of the z-scores

Output: one row per scenario: scenario, source, z_score, corr_with_reference, p_value, n_models.`,
  options: {
    reference: {type: "string"},
    correlation: {type: "string"},
    strategy: {type: "string"},
    sizes: {type: "string"},
    reps: {type: "string"},
    "min-models": {type: "string"},
    mode: {type: "string"},
    detail: {type: "boolean"}
  },
  async run({values, positionals, note}) {
    if (!positionals.length) throw new UsageError("agree needs at least one leaderboard CSV");
    let rows: ScoreRow[] = [];
    for (const path of positionals) {
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch {
        throw new BenchstatsError("io", "cannot read input file (does it exist?)", {file: path});
      }
      rows = rows.concat(benchmarkRows(parseWideTable(text, {file: path}), basename(path)));
    }
    const scenarios = [...new Set(rows.map((r) => r.scenario))];
    const reference = listOption(values, "reference") ?? scenarios;
    for (const s of reference) if (!scenarios.includes(s)) throw new BenchstatsError("option", `scenario "${s}" not in the input (has ${scenarios.slice(0, 12).join(", ")}${scenarios.length > 12 ? ", …" : ""})`, {field: "--reference"});
    const pick = <T extends string>(name: string, choices: readonly T[], fallback: T[]): T[] => {
      const list = listOption(values, name);
      if (!list) return fallback;
      for (const v of list) if (!choices.includes(v as T)) throw new BenchstatsError("option", `expected ${choices.join(", ")}, got "${v}"`, {field: `--${name}`});
      return list as T[];
    };
    const sizes = (listOption(values, "sizes") ?? ["0"]).map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0) throw new BenchstatsError("option", `expected non-negative integers, got "${s}"`, {field: "--sizes"});
      return n;
    });
    const withReference = addAggregateReference(rows, {scenarios: reference});
    note(`${positionals.length} file(s), ${scenarios.length} scenarios, ${new Set(rows.map((r) => r.model)).size} models; reference = mean win rate over ${reference.length} scenario(s)`);
    const result = benchmarkAgreement(withReference, {
      mode: choiceOption(values, "mode", ["corrected", "faithful"] as const, "corrected"),
      correlations: pick<AgreementCorrelation>("correlation", CORRELATIONS, ["kendall"]),
      strategies: pick<ModelSelection>("strategy", STRATEGIES, ["random"]),
      sizes,
      nExps: intOption(values, "reps", 10, 1),
      minModels: intOption(values, "min-models", 5, 2),
      seed: seedOption(values)
    });
    if (values.detail) return result.agreements as unknown as OutputRow[];
    return result.zScores.map((z): OutputRow => ({
      scenario: z.scenario,
      source: z.source,
      z_score: z.zScore,
      corr_with_reference: z.corrWithReference,
      p_value: z.pValue,
      n_models: z.nModels
    }));
  }
};
