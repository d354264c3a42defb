// `benchstats rank`: consensus rankings of systems over tasks (Kemeny, Borda, Copeland, mean, mean rank).
import {consensusOrder, kemeny, rankIntervals, type AggregationMethod} from "../../lib/index.js";
import {aggregationMethods, positions} from "../../lib/engine.js";
import {choiceOption, intOption, listOption, numberOption, seedOption, stringOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import type {OutputRow} from "../output.js";
import {loadScoreTable} from "../score-table.js";

export const rank: Command = {
  name: "rank",
  summary: "aggregate task rankings into one: Kemeny (exact), Borda, Copeland, mean score, mean rank; rank intervals",
  help: `Usage: benchstats rank <scores> [--method M] [--reps N] [--seed S] [--layout auto|tidy|wide] [--drop COLS]

<scores> is a tidy scores table (model, task, score; benchmark optional) or a wide CSV (system in the
first column, one numeric column per task; empty, "-" or "nan" = missing). Higher scores are better.

  --method M      ${aggregationMethods.join(", ")}, or all (default): one rank column per rule
  --reps N        bootstrap over tasks N times and add rank intervals (rank_lower, rank_upper) and
                  p_first for --method (default kemeny when --method is all); 0 = none (default)
  --confidence C  interval level (default 0.95)
  --layout L      auto (default), tidy or wide
  --drop COLS     comma-separated task columns to ignore (e.g. a leaderboard's own "Score")

Output: one row per system, best first by the first rule: system, rank per rule (1 = best), and for
Kemeny the consensus cost and whether it is proven optimal (in the notes on stderr).`,
  options: {
    method: {type: "string"},
    reps: {type: "string"},
    confidence: {type: "string"},
    layout: {type: "string"},
    drop: {type: "string"}
  },
  async run({values, positionals, note, progress}) {
    const [path] = positionals;
    if (!path || positionals.length > 1) throw new UsageError("rank needs exactly one <scores> file");
    const method = choiceOption(values, "method", [...aggregationMethods, "all"] as const, "all");
    const reps = intOption(values, "reps", 0, 0);
    const confidence = numberOption(values, "confidence", 0.95, 0, 1);
    const seed = seedOption(values);
    const layout = choiceOption(values, "layout", ["auto", "tidy", "wide"] as const, "auto");
    const table = await loadScoreTable(path, {layout, drop: listOption(values, "drop"), inputFormat: stringOption(values, "input-format")});
    const methods: AggregationMethod[] = method === "all" ? ["kemeny", "borda", "copeland", "mean", "meanRank"] : [method];
    const ranks = new Map<AggregationMethod, number[]>();
    for (const m of methods) {
      if (m === "kemeny") {
        const result = kemeny(table.values);
        note(`kemeny: cost ${result.cost}, ${result.optimal ? "proven optimal" : `heuristic (lower bound ${result.lowerBound})`}`);
        ranks.set(m, positions(result.order));
      } else ranks.set(m, positions(consensusOrder(table.values, m)));
    }
    note(`${table.systems.length} systems × ${table.tasks.length} tasks`);
    const rows: OutputRow[] = table.systems.map((system, s) => {
      const row: OutputRow = {system};
      for (const m of methods) row[methods.length === 1 ? "rank" : m] = ranks.get(m)![s];
      return row;
    });
    if (reps > 0) {
      const intervalMethod = method === "all" ? "kemeny" : method;
      const bar = progress(`rank intervals (${intervalMethod})`);
      bar.update(0, reps);
      const intervals = rankIntervals(table.values, {method: intervalMethod, reps, seed, confidence});
      bar.update(reps, reps);
      bar.end();
      for (const interval of intervals) {
        Object.assign(rows[interval.system], {rank_lower: interval.lower, rank_upper: interval.upper, p_first: interval.pFirst});
      }
    }
    const first = ranks.get(methods[0])!;
    return rows.map((row, s) => ({row, s})).sort((a, b) => first[a.s] - first[b.s]).map(({row}) => row);
  }
};
