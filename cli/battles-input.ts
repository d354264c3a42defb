// Reads a battles file for the CLI's pairwise commands: verdict labels mapped, --winner-column, --drop-invalid,
// and WildBench's length rule (--length-rule K) applied when asked.
import {BenchstatsError, lengthRule, type BattleRow} from "../lib/index.js";
import {numberOption, stringOption} from "./args.js";
import type {RawOptions} from "./args.js";
import {loadTable} from "./inputs.js";

const WINNERS: Record<string, "a" | "b" | "tie"> = {a: "a", b: "b", model_a: "a", model_b: "b", tie: "tie", "tie (bothbad)": "tie", draw: "tie"};

export const BATTLE_OPTIONS = {
  "winner-column": {type: "string"},
  "drop-invalid": {type: "boolean"},
  "length-rule": {type: "string"},
  "length-columns": {type: "string"}
} as const;

export const BATTLE_HELP = `  --winner-column C  take the verdict from column C (e.g. winner_human, winner_gpt4_0125)
  --drop-invalid     skip battles whose verdict is not a/b/tie (counted on stderr) instead of failing
  --length-rule K    WildBench's length rule: a win by an answer more than K characters longer becomes a tie
  --length-columns A,B  the two answer-length columns for --length-rule (default len_a,len_b)`;

/** The battles of `path` as tidy rows (winner a | b | tie), in file order. */
export async function loadBattleRows(path: string, values: RawOptions, note: (message: string) => void): Promise<BattleRow[]> {
  const winnerColumn = stringOption(values, "winner-column");
  const inputFormat = stringOption(values, "input-format");
  // FastChat's verdict labels (model_a, tie (bothbad)) are mapped below, so the reader leaves winners unchecked.
  const table = await loadTable(path, "battles", inputFormat, {rename: winnerColumn ? {[winnerColumn]: "winner"} : undefined, checkValues: false});
  const winner = table.column("winner");
  if (winnerColumn && (winner === undefined || !table.columnNames.includes("winner"))) {
    throw new BenchstatsError("columns", `no column "${winnerColumn}"`, {file: path});
  }
  const dropInvalid = Boolean(values["drop-invalid"]);
  let battles: BattleRow[] = [];
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
  if (stringOption(values, "length-rule") !== undefined) {
    const k = numberOption(values, "length-rule", 500, 0);
    const [lengthA, lengthB] = (stringOption(values, "length-columns") ?? "len_a,len_b").split(",");
    if (!lengthB) throw new BenchstatsError("option", "expected two column names A,B", {field: "--length-columns"});
    const ruled = lengthRule(battles, {k, lengthA, lengthB});
    battles = ruled.battles;
    note(`length rule (K = ${k}): ${ruled.changed} wins by a longer answer counted as ties`);
  }
  return battles;
}
