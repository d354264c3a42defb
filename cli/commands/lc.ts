// `benchstats lc`: AlpacaEval 2's length-controlled win rate from per-instruction preference and length matrices.
import {BenchstatsError, lengthControlledWinRate} from "../../lib/index.js";
import {readAlpacaEvalLeaderboard, readAlpacaEvalMatrices} from "../../loaders/index.js";
import {stringOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import type {OutputRow} from "../output.js";

export const lc: Command = {
  name: "lc",
  summary: "AlpacaEval 2 length-controlled win rates (Dubois et al. 2024) from preference and output-length matrices",
  help: `Usage: benchstats lc <folder> [--baseline MODEL] [--length-prior MEAN:WEIGHT] [--published LEADERBOARD.csv]

<folder> holds the wide AlpacaEval 2 matrices as in data/samples/alpaca_eval/: the preference CSV
(ae2_weighted_gpt4turbo_preference.csv, model × i000…, values in [1, 2]), the output-length CSV
(ae2_weighted_gpt4turbo_output_len.csv, same layout) and items.csv (baseline output lengths).

  --baseline M         the row that is the baseline judged against itself (LC 50; default gpt4_1106_preview
                       when present)
  --length-prior M:W   pull each model's length weight toward M with weight W (a stand-in for upstream's
                       regularisation toward its gamed baselines; e.g. -1.6:10)
  --published FILE     an AlpacaEval leaderboard CSV: adds published_lc and difference columns and prints
                       the mean absolute difference (baseline left out) and the worst model on stderr

Output: one row per model: model, win_rate, lc_win_rate, n, w_length, w_difficulty, w_intercept
(+ published_lc, difference), by LC win rate.`,
  options: {baseline: {type: "string"}, "length-prior": {type: "string"}, published: {type: "string"}},
  async run({values, positionals, note}) {
    const [folder] = positionals;
    if (!folder || positionals.length > 1) throw new UsageError("lc needs exactly one <folder>");
    const ae = readAlpacaEvalMatrices(folder);
    const baseline = stringOption(values, "baseline") ?? (ae.models.includes("gpt4_1106_preview") ? "gpt4_1106_preview" : undefined);
    let lengthPrior: {mean: number; weight: number} | undefined;
    const priorText = stringOption(values, "length-prior");
    if (priorText !== undefined) {
      const [mean, weight] = priorText.split(":").map(Number);
      if (!Number.isFinite(mean) || !(weight >= 0)) throw new BenchstatsError("option", `expected MEAN:WEIGHT (weight ≥ 0), got ${JSON.stringify(priorText)}`, {field: "--length-prior"});
      lengthPrior = {mean, weight};
    }
    const result = lengthControlledWinRate(ae, {baseline, lengthPrior});
    const published = new Map<string, number>();
    const publishedFile = stringOption(values, "published");
    if (publishedFile) {
      for (const row of (await readAlpacaEvalLeaderboard(publishedFile)).rows()) if (row.metric === "length_controlled_winrate") published.set(row.model, row.score);
    }
    const rows = result.models
      .map((r): OutputRow => {
        const out: OutputRow = {model: r.model, win_rate: r.winRate, lc_win_rate: r.lcWinRate, n: r.n, w_length: r.weights.length, w_difficulty: r.weights.difficulty, w_intercept: r.weights.intercept};
        if (publishedFile) {
          const p = published.get(r.model);
          out.published_lc = p ?? NaN;
          out.difference = p === undefined ? NaN : r.lcWinRate - p;
        }
        return out;
      })
      .sort((p, q) => (q.lc_win_rate as number) - (p.lc_win_rate as number));
    if (publishedFile) {
      const matched = rows.filter((r) => Number.isFinite(r.difference as number) && r.model !== baseline);
      const mae = matched.reduce((s, r) => s + Math.abs(r.difference as number), 0) / matched.length;
      const worst = matched.reduce((w, r) => (Math.abs(r.difference as number) > Math.abs(w.difference as number) ? r : w), matched[0]);
      note(`${matched.length} models on the published leaderboard (baseline left out): mean absolute difference ${mae.toFixed(3)} points; worst ${worst.model} (${(worst.difference as number).toFixed(2)})`);
    }
    note(`${ae.models.length} models × ${ae.items.length} instructions; baseline ${baseline ?? "(none)"}`);
    return rows;
  }
};
