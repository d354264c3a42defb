// The data folder the site reads (BENCHSTATS_DATA, or the bundled data/), file by file, with what reading its
// runs found (files that could not be read, rows left out): the inventory of the "Write your own analysis page"
// report. The final scores themselves are own-final-scores.parquet.
import {dataDir, bundledDataDir} from "../../loaders/data-dir.js";
import {discoverData} from "../../loaders/discover.js";
import {finalScores} from "../../loaders/final-scores.js";

const root = dataDir();
const files = await discoverData(root);
const {scores, problems, skippedSummaryRows, repeatedRows} = await finalScores(root, files);
process.stdout.write(
  JSON.stringify({
    folder: root === bundledDataDir ? "data/ (bundled)" : root,
    userFolder: root !== bundledDataDir,
    files,
    problems,
    skippedSummaryRows,
    repeatedRows,
    finalScores: scores.length
  })
);
