// `benchstats ratings`: Bradley–Terry (Elo-scale) ratings with bootstrap intervals from pairwise battles.
import {REPS} from "../../lib/bootstrap/index.js";
import {BenchstatsError, bradleyTerryFit} from "../../lib/index.js";
import {BATTLE_HELP, BATTLE_OPTIONS, loadBattleRows} from "../battles-input.js";
import {choiceOption, intOption, numberOption, seedOption, stringOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import type {OutputRow} from "../output.js";

export const ratings: Command = {
  name: "ratings",
  summary: "Bradley–Terry / Elo-scale ratings with bootstrap intervals from pairwise battles (arena logs)",
  help: `Usage: benchstats ratings <battles> [--winner-column C] [--reps N] [--seed S] [--anchor MODEL=RATING]

<battles> is a tidy battles table (model_a, model_b, winner ∈ a | b | tie; "model_a"/"model_b"/
"tie (bothbad)" are accepted too) as CSV/JSON/JSONL, or any arena log the battles loader reads.

  --reps N           bootstrap replicates for the intervals (default ${REPS.bradleyTerry}, FastChat's; 0 = none)
  --confidence C     interval level (default 0.95)
  --scale S --base B --init I   Elo scale (400), base (10) and mean rating (1000)
  --anchor M=R       fix model M at rating R instead of centring the mean at --init
  --ties T           half (default: half a win each way), drop, davidson (Davidson's tie parameter ν)
                     or rao-kupper (Rao & Kupper's θ); the tie parameter and its interval go to stderr
${BATTLE_HELP}

Output: one row per model, best first: model, rating, lower, upper, rank, ci_rank, se, battles.`,
  options: {
    reps: {type: "string"},
    confidence: {type: "string"},
    scale: {type: "string"},
    base: {type: "string"},
    init: {type: "string"},
    anchor: {type: "string"},
    ties: {type: "string"},
    ...BATTLE_OPTIONS
  },
  async run({values, positionals, progress, note}) {
    const [path] = positionals;
    if (!path || positionals.length > 1) throw new UsageError("ratings needs exactly one <battles> file");
    const battles = await loadBattleRows(path, values, note);
    let anchor: {model: string; rating: number} | undefined;
    const anchorText = stringOption(values, "anchor");
    if (anchorText !== undefined) {
      const match = /^(.+)=(-?[\d.eE+-]+)$/.exec(anchorText);
      if (!match || !Number.isFinite(Number(match[2]))) throw new BenchstatsError("option", `expected MODEL=RATING, got ${JSON.stringify(anchorText)}`, {field: "--anchor"});
      anchor = {model: match[1], rating: Number(match[2])};
    }
    const reps = intOption(values, "reps", REPS.bradleyTerry, 0);
    const bar = progress("Bradley-Terry bootstrap");
    if (reps) bar.update(0, reps);
    const fit = bradleyTerryFit(battles, {
      reps,
      seed: seedOption(values),
      confidence: numberOption(values, "confidence", 0.95, 0, 1),
      scale: numberOption(values, "scale", 400, 0),
      base: numberOption(values, "base", 10, 1),
      init: numberOption(values, "init", 1000),
      anchor,
      ties: choiceOption(values, "ties", ["half", "drop", "davidson", "rao-kupper"] as const, "half")
    });
    const result = fit.ratings;
    if (fit.tie) note(`${fit.tie.model}: ${fit.tie.name} = ${fit.tie.estimate.toFixed(4)} [${fit.tie.lower.toFixed(4)}, ${fit.tie.upper.toFixed(4)}], P(tie | equal models) = ${fit.tie.tieProbabilityEqual.toFixed(4)}`);
    if (reps) bar.update(reps, reps);
    bar.end();
    note(`${battles.length} battles, ${result.length} models`);
    return result.map(({model, rating, lower, upper, rank, ciRank, se, battles: n}): OutputRow => ({model, rating, lower, upper, rank, ci_rank: ciRank, se, battles: n}));
  }
};
