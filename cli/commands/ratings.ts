// `benchstats ratings`: Bradley–Terry (Elo-scale) ratings with bootstrap intervals from pairwise battles.
import {BenchstatsError, bradleyTerry, type BattleRow} from "../../lib/index.js";
import {choiceOption, intOption, numberOption, seedOption, stringOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import {loadTable} from "../inputs.js";
import type {OutputRow} from "../output.js";

const WINNERS: Record<string, "a" | "b" | "tie"> = {a: "a", b: "b", model_a: "a", model_b: "b", tie: "tie", "tie (bothbad)": "tie", draw: "tie"};

export const ratings: Command = {
  name: "ratings",
  summary: "Bradley–Terry / Elo-scale ratings with bootstrap intervals from pairwise battles (arena logs)",
  help: `Usage: benchstats ratings <battles> [--winner-column C] [--reps N] [--seed S] [--anchor MODEL=RATING]

<battles> is a tidy battles table (model_a, model_b, winner ∈ a | b | tie; "model_a"/"model_b"/
"tie (bothbad)" are accepted too) as CSV/JSON/JSONL, or any arena log the battles loader reads.

  --winner-column C  take the verdict from column C (e.g. winner_human, winner_gpt4_0125)
  --reps N           bootstrap replicates for the intervals (default 100, FastChat's; 0 = none)
  --confidence C     interval level (default 0.95)
  --scale S --base B --init I   Elo scale (400), base (10) and mean rating (1000)
  --anchor M=R       fix model M at rating R instead of centring the mean at --init
  --ties T           half (default: half a win each way) or drop
  --drop-invalid     skip battles whose verdict is not a/b/tie (counted on stderr) instead of failing

Output: one row per model, best first: model, rating, lower, upper, rank, ci_rank, se, battles.`,
  options: {
    "winner-column": {type: "string"},
    reps: {type: "string"},
    confidence: {type: "string"},
    scale: {type: "string"},
    base: {type: "string"},
    init: {type: "string"},
    anchor: {type: "string"},
    ties: {type: "string"},
    "drop-invalid": {type: "boolean"}
  },
  async run({values, positionals, progress, note}) {
    const [path] = positionals;
    if (!path || positionals.length > 1) throw new UsageError("ratings needs exactly one <battles> file");
    const winnerColumn = stringOption(values, "winner-column");
    const inputFormat = stringOption(values, "input-format");
    // FastChat's verdict labels (model_a, tie (bothbad)) are mapped below, so the reader leaves winners unchecked.
    const table = await loadTable(path, "battles", inputFormat, {rename: winnerColumn ? {[winnerColumn]: "winner"} : undefined, checkValues: false});
    const winner = table.column("winner");
    if (winnerColumn && (winner === undefined || !table.columnNames.includes("winner"))) {
      throw new BenchstatsError("columns", `no column "${winnerColumn}"`, {file: path});
    }
    const dropInvalid = Boolean(values["drop-invalid"]);
    const battles: BattleRow[] = [];
    const rows = table.rows();
    for (let i = 0; i < rows.length; ++i) {
      const row = rows[i];
      const verdict = WINNERS[String(row.winner).trim().toLowerCase()];
      if (!verdict && dropInvalid) continue;
      if (!verdict) {
        throw new BenchstatsError("value", `expected winner a, b or tie (or model_a, model_b, tie (bothbad)), got ${JSON.stringify(row.winner)}`, {
          ...(await table.locate(i)),
          field: winnerColumn ? `column "${winnerColumn}"` : `column "winner"`
        });
      }
      battles.push({...row, model_a: String(row.model_a), model_b: String(row.model_b), winner: verdict});
    }
    if (battles.length < rows.length) note(`dropped ${rows.length - battles.length} battles without a valid verdict (--drop-invalid)`);
    let anchor: {model: string; rating: number} | undefined;
    const anchorText = stringOption(values, "anchor");
    if (anchorText !== undefined) {
      const match = /^(.+)=(-?[\d.eE+-]+)$/.exec(anchorText);
      if (!match || !Number.isFinite(Number(match[2]))) throw new BenchstatsError("option", `expected MODEL=RATING, got ${JSON.stringify(anchorText)}`, {field: "--anchor"});
      anchor = {model: match[1], rating: Number(match[2])};
    }
    const reps = intOption(values, "reps", 100, 0);
    const bar = progress("Bradley-Terry bootstrap");
    if (reps) bar.update(0, reps);
    const result = bradleyTerry(battles, {
      reps,
      seed: seedOption(values),
      confidence: numberOption(values, "confidence", 0.95, 0, 1),
      scale: numberOption(values, "scale", 400, 0),
      base: numberOption(values, "base", 10, 1),
      init: numberOption(values, "init", 1000),
      anchor,
      ties: choiceOption(values, "ties", ["half", "drop"] as const, "half")
    });
    if (reps) bar.update(reps, reps);
    bar.end();
    note(`${battles.length} battles, ${result.length} models`);
    return result.map(({model, rating, lower, upper, rank, ciRank, se, battles: n}): OutputRow => ({model, rating, lower, upper, rank, ci_rank: ciRank, se, battles: n}));
  }
};
