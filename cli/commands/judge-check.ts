// `benchstats judge-check`: sanity checks of a judge-scored leaderboard (uniform preferences, verbosity variants).
import {lengthControlledWinRate, preferenceDispersion, verbosityGap} from "../../lib/index.js";
import {readAlpacaEvalMatrices} from "../../loaders/index.js";
import {numberOption, stringOption, UsageError} from "../args.js";
import type {Command} from "../command.js";
import type {OutputRow} from "../output.js";

export const judgeCheck: Command = {
  name: "judge-check",
  summary: "judge sanity checks on AlpacaEval-style matrices: implausibly uniform preferences, verbosity variants",
  help: `Usage: benchstats judge-check <folder> [--threshold Z] [--baseline MODEL]

<folder> as for \`benchstats lc\`. Per model: mean preference, dispersion sd/√(p̄(1−p̄)), correlation with the
other models' per-instruction mean, robust z-scores, and a flag when the dispersion z is below −threshold
(default 3.5): a judge verdict that barely depends on the instruction (a null model, Zheng et al. 2024).
Models with _concise/_verbose variants get their family's raw and LC spread and the models it crosses.

Output: one row per model: model, mean, dispersion, consensus, z_dispersion, z_consensus, flagged,
verbosity_spread_raw, verbosity_spread_lc, verbosity_crossed_raw, verbosity_crossed_lc (empty without variants).`,
  options: {threshold: {type: "string"}, baseline: {type: "string"}},
  async run({values, positionals, note}) {
    const [folder] = positionals;
    if (!folder || positionals.length > 1) throw new UsageError("judge-check needs exactly one <folder>");
    const ae = readAlpacaEvalMatrices(folder);
    const baseline = stringOption(values, "baseline") ?? (ae.models.includes("gpt4_1106_preview") ? "gpt4_1106_preview" : undefined);
    const rows = preferenceDispersion(ae, {threshold: numberOption(values, "threshold", 3.5, 0), exclude: baseline ? [baseline] : []});
    const lc = lengthControlledWinRate(ae, {baseline}).models;
    const raw = verbosityGap(lc.map((r) => ({model: r.model, score: r.winRate})));
    const controlled = verbosityGap(lc.map((r) => ({model: r.model, score: r.lcWinRate})));
    const familyOf = (model: string) => raw.findIndex((f) => model in f.scores);
    note(`flagged: ${rows.filter((r) => r.flagged).map((r) => r.model).join(", ") || "none"}`);
    return rows.map((r): OutputRow => {
      const f = familyOf(r.model);
      return {
        model: r.model, mean: r.mean, dispersion: r.dispersion, consensus: r.consensus, z_dispersion: r.zDispersion, z_consensus: r.zConsensus, flagged: r.flagged,
        verbosity_spread_raw: f >= 0 ? raw[f].spread : NaN,
        verbosity_spread_lc: f >= 0 ? controlled.find((c) => c.base === raw[f].base)!.spread : NaN,
        verbosity_crossed_raw: f >= 0 ? raw[f].modelsCrossed : NaN,
        verbosity_crossed_lc: f >= 0 ? controlled.find((c) => c.base === raw[f].base)!.modelsCrossed : NaN
      };
    });
  }
};
