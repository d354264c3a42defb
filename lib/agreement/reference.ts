import {arrayArg, enumArg, intArg, objectArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {compareCodePoints, scoreRowsArg, type ScoreRow} from "./scores.js";

export interface AggregateReferenceOptions {
  /** Scenario name of the reference (default "aggregate"). */
  name?: string;
  /** Source name of the reference rows (default "aggregate"). */
  source?: string;
  /** Scenarios averaged into the reference (BenchBench's holistic whitelist); names absent from the data are ignored. */
  scenarios: readonly string[];
  /**
   * Models need scores in at least this many of the whitelisted scenarios present (capped at their
   * number). BenchBench's example: max(1, ⌊whitelist length / 3⌋), the default here.
   */
  minScenarios?: number;
  /** "mwr" (default): mean win rate; "mean": mean raw score. */
  statistic?: "mwr" | "mean";
  /**
   * How a tie counts in a win rate: "loss" (BenchBench: only strictly lower scores are beaten) or
   * "half" (½ win, the unbiased convention; corrected mode).
   */
  ties?: "loss" | "half";
}

/**
 * Builds BenchBench's aggregate reference benchmark (`Benchmark.add_aggregate`, default
 * `mean_or_mwr="mwr"`): keep the whitelisted scenarios, drop models scored in fewer than
 * `minScenarios` of them, compute in each scenario every model's win rate among the kept models —
 * #models with a strictly lower score (+ ½ per tie with `ties: "half"`) / (n − 1) — and average each
 * model's win rates over the scenarios where it has a score (no imputation). Returns the input rows
 * followed by one reference row per model (models in code-point order, as pandas' groupby).
 *
 * @example addAggregateReference(rows, {scenarios: ["Helm Lite", "LMSys Arena"], minScenarios: 1});
 */
export function addAggregateReference(rows: readonly ScoreRow[], options: AggregateReferenceOptions): ScoreRow[] {
  const fn = "addAggregateReference";
  scoreRowsArg(rows, fn);
  objectArg(options, "options", fn, "an object {scenarios, …}", "option");
  const {name = "aggregate", source = "aggregate", scenarios, statistic = "mwr", ties = "loss"} = options;
  stringArg(name, "name", fn, {code: "option"});
  stringArg(source, "source", fn, {empty: true, code: "option"});
  arrayArg(scenarios, "scenarios", fn, {minLength: 1}).forEach((s) => stringArg(s, "scenarios", fn, {code: "option"}));
  enumArg(statistic, "statistic", fn, ["mwr", "mean"]);
  enumArg(ties, "ties", fn, ["loss", "half"]);
  if (options.minScenarios !== undefined) intArg(options.minScenarios, "minScenarios", fn, {min: 1});
  const whitelist = new Set(scenarios);
  const selected = rows.filter((r) => whitelist.has(r.scenario));
  const present = new Set(selected.map((r) => r.scenario));
  if (present.size === 0) {
    throw new BenchstatsError("missing", `addAggregateReference: none of the reference scenarios is in the data (${scenarios.join(", ")})`, {field: "scenarios"});
  }
  const minScenarios = Math.min(options.minScenarios ?? Math.max(1, Math.floor(scenarios.length / 3)), present.size);
  const counts = new Map<string, number>();
  for (const r of selected) counts.set(r.model, (counts.get(r.model) ?? 0) + 1);
  const kept = selected.filter((r) => counts.get(r.model)! >= minScenarios);
  const byScenario = new Map<string, ScoreRow[]>();
  for (const r of kept) {
    const list = byScenario.get(r.scenario) ?? [];
    list.push(r);
    byScenario.set(r.scenario, list);
  }
  const sums = new Map<string, {value: number; n: number}>();
  for (const [scenario, list] of byScenario) {
    if (statistic === "mwr" && list.length < 2) {
      throw new BenchstatsError("degenerate", `addAggregateReference: scenario "${scenario}" has a single model; a win rate needs at least two`, {field: "scenarios"});
    }
    for (const r of list) {
      let value = r.score;
      if (statistic === "mwr") {
        let wins = 0;
        for (const other of list) {
          if (r.score > other.score) wins += 1;
          else if (ties === "half" && other !== r && r.score === other.score) wins += 0.5;
        }
        value = wins / (list.length - 1);
      }
      const acc = sums.get(r.model) ?? {value: 0, n: 0};
      acc.value += value;
      acc.n += 1;
      sums.set(r.model, acc);
    }
  }
  const reference = [...sums.entries()]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([model, {value, n}]) => ({model, scenario: name, score: value / n, source}));
  return [...rows, ...reference];
}
