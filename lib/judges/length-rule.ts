import {optionsArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {tableColumns, type LabelColumn} from "../core/columns.js";
import type {BattleRow, BattlesTable} from "../pairwise/battles.js";

export interface LengthRuleOptions {
  /** Length margin K in characters (WildBench's default 500); a win by an answer longer by more than K becomes a tie. */
  k?: number;
  /** Columns with each side's answer length. Default `len_a`, `len_b`. */
  lengthA?: string;
  lengthB?: string;
  /**
   * Column saying how strong a win is: `slight` or `strong` (WildBench's A+ vs A++). Only slight wins
   * are turned into ties. Without it every decisive verdict counts as slight — the largest effect the
   * rule can have on three-way verdicts.
   */
  strength?: string;
}

/**
 * WildBench's length rule (Lin et al. 2024, "WildBench: Benchmarking LLMs with Challenging Tasks from
 * Real Users in the Wild", WB-Reward): a *slight* win by an answer more than K characters longer than the
 * loser's counts as a tie, so a judge's taste for longer answers cannot decide close calls. Returns new
 * battle rows (every column kept, `winner` rewritten) and how many verdicts changed. Missing or
 * negative lengths, and a strength other than slight/strong, throw with the row.
 *
 * @example
 * lengthRule([{model_a: "x", model_b: "y", winner: "a", len_a: 1900, len_b: 600}], {k: 500});
 * // {battles: [{…, winner: "tie"}], changed: 1}
 */
export function lengthRule(battles: BattlesTable, options: LengthRuleOptions = {}): {battles: BattleRow[]; changed: number} {
  options = optionsArg(options, "lengthRule");
  const k = options.k ?? 500;
  if (!(k >= 0 && k < Infinity)) throw new BenchstatsError("option", `lengthRule: k must be a finite number ≥ 0, got ${k}`, {field: "k"});
  const lengthA = options.lengthA ?? "len_a";
  const lengthB = options.lengthB ?? "len_b";
  const labels = ["model_a", "model_b", "winner", ...(options.strength ? [options.strength] : [])];
  const {length, columns} = tableColumns(battles, {labels, numbers: [lengthA, lengthB]}, "lengthRule");
  const label = (name: string, r: number): string => {
    const c = columns[name] as LabelColumn;
    return c.labels[c.codes[r]];
  };
  const la = columns[lengthA] as Float64Array;
  const lb = columns[lengthB] as Float64Array;
  const rows = Array.isArray(battles) ? (battles as readonly BattleRow[]) : undefined;
  const out: BattleRow[] = [];
  let changed = 0;
  for (let r = 0; r < length; ++r) {
    const winner = label("winner", r);
    if (winner !== "a" && winner !== "b" && winner !== "tie") {
      throw new BenchstatsError("range", `lengthRule: winner must be "a", "b" or "tie", got ${JSON.stringify(winner)}`, {field: "winner", row: r});
    }
    for (const [name, v] of [[lengthA, la[r]], [lengthB, lb[r]]] as const) {
      if (!(v >= 0 && v < Infinity)) throw new BenchstatsError("missing", `lengthRule: ${name} must be a length ≥ 0, got ${v}`, {field: name, row: r});
    }
    let slight = true;
    if (options.strength) {
      const s = label(options.strength, r);
      if (winner !== "tie" && s !== "slight" && s !== "strong") {
        throw new BenchstatsError("range", `lengthRule: ${options.strength} must be "slight" or "strong", got ${JSON.stringify(s)}`, {field: options.strength, row: r});
      }
      slight = s === "slight";
    }
    const margin = winner === "a" ? la[r] - lb[r] : winner === "b" ? lb[r] - la[r] : 0;
    const tie = winner !== "tie" && slight && margin > k;
    if (tie) changed++;
    const base: BattleRow = rows ? {...rows[r]} : {model_a: label("model_a", r), model_b: label("model_b", r), winner, [lengthA]: la[r], [lengthB]: lb[r]};
    out.push({...base, winner: tie ? "tie" : winner});
  }
  return {battles: out, changed};
}
