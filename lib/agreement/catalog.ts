import {arrayArg, booleanArg, objectArg, optionsArg, reject, rowsArg, stringArg} from "../core/check.js";
import {BenchstatsError} from "../core/errors.js";
import {parseWideTable} from "../ranking/wide-table.js";
import {benchmarkRows, type ScoreRow} from "./scores.js";

export interface CatalogFile {
  /** File name, used as the rows' source (BenchBench: the catalogue file name). */
  name: string;
  text: string;
}

export interface CatalogResult {
  rows: ScoreRow[];
  /** Files left out with the reason (only with `skipInvalid`). */
  skipped: Array<{name: string; reason: string}>;
}

/**
 * Loads a BenchBench catalogue (`Benchmark.load_local_catalog`) from wide CSV texts: each file's
 * first column must be headed "model" (BenchBench asserts it), and its rows become long score rows
 * with `source` = file name (see benchmarkRows). Files are taken in the order given — BenchBench uses
 * `os.listdir` order, which is platform dependent; pass them sorted for reproducible output.
 * With `skipInvalid`, a bad file (e.g. the catalogue's `lvbench_241189_longcontext.csv`, headed
 * "llm_model", which makes BenchBench itself raise) is reported in `skipped` instead of throwing.
 *
 * @example catalogRows([{name: "helm_lite_240829_holistic.csv", text}], {prettyNames}).rows;
 */
export function catalogRows(
  files: readonly CatalogFile[],
  options: {prettyNames?: Readonly<Record<string, string>>; skipInvalid?: boolean; lowerIsBetter?: readonly string[]} = {}
): CatalogResult {
  const fn = "catalogRows";
  const {prettyNames = {}, skipInvalid = false, lowerIsBetter = []} = optionsArg(options, fn);
  objectArg(prettyNames, "prettyNames", fn, "an object {raw name: pretty name}", "option");
  booleanArg(skipInvalid, "skipInvalid", fn);
  arrayArg(lowerIsBetter, "lowerIsBetter", fn).forEach((name) => stringArg(name, "lowerIsBetter", fn, {code: "option"}));
  rowsArg(files, "files", fn).forEach((file, i) => {
    stringArg(file.name, "files.name", fn);
    if (typeof file.text !== "string") reject("type", fn, "files.text", "the CSV text of the file", file.text, {row: i});
  });
  const rows: ScoreRow[] = [];
  const skipped: Array<{name: string; reason: string}> = [];
  for (const file of files) {
    try {
      const table = parseWideTable(file.text, {file: file.name});
      if (table.label !== "model") {
        throw new BenchstatsError("format", `the first column must be headed "model", got ${JSON.stringify(table.label)}`, {file: file.name, line: 1});
      }
      for (const row of benchmarkRows(table, file.name, {prettyNames, lowerIsBetter: lowerIsBetter.includes(file.name)})) rows.push(row);
    } catch (error) {
      if (!skipInvalid || !(error instanceof BenchstatsError)) throw error;
      skipped.push({name: file.name, reason: error.message});
    }
  }
  return {rows, skipped};
}
