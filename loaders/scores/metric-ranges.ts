import type {NumberRule} from "../tidy/cells.js";

/**
 * The ranges that score formats define for their metrics, by metric name: a value outside is an error, not
 * a row. lm-eval's `acc`, `acc_norm` and `exact_match` are proportions (per item 0/1, aggregated a mean);
 * AlpacaEval's `preference` is in [1, 2] (1 = the baseline `generator_1` preferred, 2 = the model
 * `generator_2` preferred, the weighted annotator's expectation in between; data/scores/SOURCE.md).
 *
 * @example
 * metricRange("preference"); // {min: 1, max: 2, what: "an AlpacaEval preference: …"}
 * metricRange("f1"); // undefined
 */
export function metricRange(metric: string): NumberRule | undefined {
  const name = metric.split(",")[0];
  if (name === "preference") return {min: 1, max: 2, what: "an AlpacaEval preference: 1 = baseline preferred, 2 = model preferred"};
  if (PROPORTIONS.has(name)) return {min: 0, max: 1, what: `${name} is a proportion`};
  return undefined;
}

const PROPORTIONS = new Set(["acc", "acc_norm", "exact_match"]);
