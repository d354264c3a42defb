// The options of the runs- and scores-table converters (finalRunRows, runsToScoreMatrices,
// runsToScoreCurves, scoresToScoreMatrices), checked in one place.
import {arrayArg, booleanArg, enumArg, numberArg, numbersArg, objectArg, optionsArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";

/** Every option any of the converters takes; each converter passes the ones it reads. */
interface ConverterOptions {
  metric?: unknown;
  step?: unknown;
  experiment?: unknown;
  eachMetric?: unknown;
  maxStep?: unknown;
  repeatedRows?: unknown;
  tasks?: unknown;
  algorithms?: unknown;
  steps?: unknown;
  benchmark?: unknown;
}

/**
 * Checks a converter's options and returns them (`{}` for none): names are strings, `step` is `"last"`
 * or a finite number, `maxStep` maps tasks to numbers, `repeatedRows` is `"error"` or `"first"`, name
 * lists hold distinct strings, `steps` finite numbers.
 *
 * @example const o = converterOptions(options, "runsToScoreMatrices");
 */
export function converterOptions<T extends object>(options: T | undefined, fn: string): T {
  const o = optionsArg(options, fn) as ConverterOptions;
  for (const name of ["metric", "experiment", "benchmark"] as const) if (o[name] !== undefined) stringArg(o[name], name, fn, {empty: true, code: "option"});
  if (o.step !== undefined && o.step !== "last") numberArg(o.step, "step", fn);
  if (o.eachMetric !== undefined) booleanArg(o.eachMetric, "eachMetric", fn);
  if (o.repeatedRows !== undefined) enumArg(o.repeatedRows, "repeatedRows", fn, ["error", "first"]);
  if (o.maxStep !== undefined) {
    const limits = objectArg<Record<string, unknown>>(o.maxStep, "maxStep", fn, "an object {task: largest step}", "option");
    for (const task of Object.keys(limits)) numberArg(limits[task], `maxStep["${task}"]`, fn, {infinite: true});
  }
  for (const name of ["tasks", "algorithms"] as const) {
    if (o[name] === undefined) continue;
    const list = arrayArg(o[name], name, fn);
    list.forEach((v) => stringArg(v, name, fn, {code: "option"}));
    if (new Set(list).size !== list.length) throw new BenchstatsError("option", `${fn}: ${name} names an entry twice`, {field: name});
  }
  if (o.steps !== undefined) numbersArg(o.steps, "steps", fn, {missing: false});
  return o as T;
}
