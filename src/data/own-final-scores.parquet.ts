// The final score of every run in the site's data folder (loaders/final-scores.ts): source, algorithm, task,
// seed, metric, step, value and the reference-normalised value, in Parquet.
import {dataDir} from "../../loaders/data-dir.js";
import {discoverData} from "../../loaders/discover.js";
import {finalScores} from "../../loaders/final-scores.js";
import {writeTable} from "../../loaders/tidy/write.js";

const root = dataDir();
const {scores} = await finalScores(root, await discoverData(root));
await writeTable(scores, "-", {format: "parquet", columns: ["source", "algorithm", "task", "seed", "metric", "step", "value", "normalized"]});
