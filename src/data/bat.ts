// The BenchBench catalogue (data/bat/) prepared for the "Which benchmarks agree?" report, shared by its data
// loaders (no double extension, so Framework does not treat this file as a loader): the long score rows of
// every scenario with BenchBench's holistic aggregate as the reference, in faithful and corrected mode.
import {readdirSync, readFileSync} from "node:fs";
import {dataPath} from "../../loaders/data-dir.js";
import {addAggregateReference} from "../../lib/index.js";
import {catalogRows, clearRepeatedScenarios} from "../../lib/engine.js";

// BenchBench lists these sources as lower-is-better (assets/lower_is_better_benchmarks.txt) but its check compares
// "<name>.csv" with the full file name, so it never flips them; corrected mode does.
export const LOWER_IS_BETTER = ["helm_airbench_240916_safety.csv", "llm_trustworthy_241001_safety.csv"];

// BenchBench's example aggregate: the holistic leaderboards (the last two names match no scenario).
export const HOLISTIC = ["Helm Lite", "HF OpenLLM v2", "OpenCompass Academic", "LMSys Arena", "Helm Classic", "AlphacaEval v2lc", "LiveBench 240829", "WildBench Elo LC"];

/** A model needs scores in this many holistic leaderboards to get an aggregate score. */
export const MIN_SCENARIOS = Math.max(1, Math.floor(HOLISTIC.length / 3));

/**
 * The catalogue's score rows `{model, scenario, score, source}` with the aggregate reference added, in
 * BenchBench's faithful mode and in corrected mode (ties as half wins, lower-is-better sources flipped),
 * and the files the catalogue left out.
 *
 * @example
 * batCatalogue().faithfulRows.length // 4411
 */
export function batCatalogue() {
  const prettyNames = JSON.parse(readFileSync(dataPath("bat", "prettified_bencmark_names.json"), "utf8"));
  const dir = dataPath("bat", "benchmarks");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((name) => ({name, text: readFileSync(`${dir}/${name}`, "utf8")}));
  const {rows, skipped} = catalogRows(files, {prettyNames, skipInvalid: true});
  const flipped = catalogRows(files, {prettyNames, skipInvalid: true, lowerIsBetter: LOWER_IS_BETTER}).rows;
  const faithfulRows = clearRepeatedScenarios(addAggregateReference(rows, {scenarios: HOLISTIC, minScenarios: MIN_SCENARIOS}));
  const correctedRows = clearRepeatedScenarios(addAggregateReference(flipped, {scenarios: HOLISTIC, minScenarios: MIN_SCENARIOS, ties: "half"}));
  return {skipped, faithfulRows, correctedRows};
}
