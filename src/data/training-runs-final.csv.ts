// Final scores of the four state-based algorithms per task and seed at each task's common step budget, raw and
// normalised to 0–1: the runs × tasks matrices handed to the rliable-style analyses (1,248 rows: plain CSV).
import {dataPath} from "../../loaders/data-dir.js";
import {readRuns} from "../../loaders/index.js";
import {writeTable} from "../../loaders/tidy/write.js";
import {finalScores} from "./training-runs.js";

const runs = await readRuns(dataPath("runs", "tdmpc2", "tdmpc2_results_long.csv"));
await writeTable(finalScores(runs), "-", {format: "csv", columns: ["algorithm", "suite", "task", "seed", "metric", "budget", "step", "value", "normalized"]});
