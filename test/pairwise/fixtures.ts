// Loads the real-data fixtures of the pairwise tests (see test/fixtures/pairwise/SOURCE.md).
import {readFileSync} from "node:fs";
import {csvParse} from "d3";
import type {BattleRow, SampleRow} from "../../lib/index.js";

const dir = new URL("../fixtures/pairwise/", import.meta.url);

export function readCsv(name: string): Record<string, string>[] {
  // d3-dsv reads a blank line as a row of empty cells: those are not records.
  return csvParse(readFileSync(new URL(name, dir), "utf8")).filter((row) => Object.values(row).some((cell) => cell !== "")) as Record<string, string>[];
}

/** Arena verdict label → tidy winner (FastChat counts both tie kinds as ties). */
export function tidyWinner(label: string): "a" | "b" | "tie" {
  if (label === "model_a") return "a";
  if (label === "model_b") return "b";
  if (label === "tie" || label === "tie (bothbad)") return "tie";
  throw new Error(`unexpected verdict ${label}`);
}

export function arenaBattles(judge = "winner_human"): BattleRow[] {
  return readCsv("arena_every6th.csv").map((r) => ({model_a: r.model_a, model_b: r.model_b, winner: tidyWinner(r[judge])}));
}

export function chembenchSamples(): SampleRow[] {
  const rows: SampleRow[] = [];
  for (const r of readCsv("chembench_22x600.csv")) {
    for (const [item, value] of Object.entries(r)) if (item !== "model") rows.push({model: r.model, item, value: Number(value), benchmark: "chembench"});
  }
  return rows;
}
