// The data folder the site reads (BENCHSTATS_DATA, or the bundled data/), file by file, plus the final
// score of every run found there: the data of the "Write your own analysis page" report.
import {dataDir, bundledDataDir} from "../../loaders/data-dir.js";
import {discoverData} from "../../loaders/discover.js";
import {finalScores} from "../../loaders/final-scores.js";

const root = dataDir();
const files = await discoverData(root);
const {scores, problems, skippedSummaryRows} = await finalScores(root, files);
process.stdout.write(
  JSON.stringify({
    folder: root === bundledDataDir ? "data/ (bundled)" : root,
    userFolder: root !== bundledDataDir,
    files,
    problems,
    skippedSummaryRows,
    // Columnar with dictionary-coded labels, so that thousands of runs stay small.
    scores: columnar(scores)
  }, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value))
);

function columnar(rows: typeof scores) {
  const out: Record<string, unknown> = {length: rows.length};
  for (const column of ["source", "algorithm", "task", "seed", "metric"] as const) {
    const values: string[] = [];
    const index = new Map<string, number>();
    const codes = rows.map((row) => {
      const value = row[column];
      if (!index.has(value)) index.set(value, values.push(value) - 1);
      return index.get(value)!;
    });
    out[column] = {values, codes};
  }
  for (const column of ["step", "value", "normalized"] as const) out[column] = rows.map((row) => row[column]);
  return out;
}
