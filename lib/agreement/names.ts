import {objectArg, stringArg} from "../core/check.js";
/**
 * BenchBench's name normalisation (IBM/benchbench `Benchmark.standardize_model_name` and
 * `standardize_scenario_name` @ 1dfd46a), so that scores of the same model from different
 * leaderboards line up. Reproduced literally, quirks included (e.g. "ul2" → "flan-ul2" after the
 * "-" → "_" step, so the hyphen survives).
 */

function replaceAll(text: string, from: string, to: string): string {
  return text.split(from).join(to);
}

/**
 * Normalised model name: lower case, spaces → "-", parentheses dropped, a few aliases, "-hf"
 * dropped, "-" → "_", organisation prefix ("org/") dropped, "." → "_", "v01" → "v0_1".
 *
 * @example standardizeModelName("meta-llama/Meta-Llama-3-8B-Instruct"); // "llama3_8b_instruct"
 */
export function standardizeModelName(name: string): string {
  stringArg(name, "name", "standardizeModelName", {empty: true});
  let s = name.trim().toLowerCase();
  for (const [from, to] of [
    ["   ", "-"],
    ["  ", "-"],
    [" ", "-"],
    ["(", ""],
    [")", ""],
    ["β", "beta"],
    ["command-r+", "command-r-plus"],
    ["dbrx-inst", "dbrx-instruct"],
    ["-hf", ""],
    ["-", "_"],
    ["llama_3", "llama3"],
    ["ul2", "flan-ul2"]
  ]) {
    s = replaceAll(s, from, to);
  }
  s = s.split("/").pop()!;
  for (const [from, to] of [
    ["meta_", ""],
    [".", "_"],
    ["v01", "v0_1"],
    ["v02", "v0_2"],
    ["v03", "v0_3"],
    ["wml/", ""]
  ]) {
    s = replaceAll(s, from, to);
  }
  return s;
}

/**
 * Normalised scenario name: lower case, spaces → "-", parentheses dropped, aliases
 * (gsm-8k, open-book, agi-eval, hswag, obqa, winogrande, alpacaeval), "-" → "_", then the display
 * name from BenchBench's prettified-name table when it has one.
 *
 * @example standardizeScenarioName("arena_elo", {arena_elo: "LMSys Arena"}); // "LMSys Arena"
 */
export function standardizeScenarioName(name: string, prettyNames: Readonly<Record<string, string>> = {}): string {
  stringArg(name, "name", "standardizeScenarioName", {empty: true});
  objectArg(prettyNames, "prettyNames", "standardizeScenarioName", "an object {raw name: pretty name}");
  let s = name.trim().toLowerCase();
  for (const [from, to] of [
    ["   ", "-"],
    ["  ", "-"],
    [" ", "-"],
    ["(", ""],
    [")", ""],
    ["gsm-8k", "gsm8k"],
    ["open-book", "open"],
    ["closed-book", "closed"],
    ["agi-eval", "agieval"],
    ["alpacaeval2-wr", "alpacav2"],
    ["alpacav2,-len-adj", "alpacaeval2-lc"],
    ["hswag", "hellaswag"],
    ["obqa", "openbookqa"],
    ["winogrande", "winog"],
    ["winog", "winogrande"],
    ["-", "_"]
  ]) {
    s = replaceAll(s, from, to);
  }
  return Object.prototype.hasOwnProperty.call(prettyNames, s) ? prettyNames[s] : s;
}
