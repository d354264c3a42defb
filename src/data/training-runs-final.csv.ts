// Final scores of the four state-based algorithms per task and seed at each task's common step budget, raw and
// normalised to 0–1: the runs × tasks matrices handed to the rliable-style analyses.
import {dataPath} from "../../loaders/data-dir.js";
import {readRuns} from "../../loaders/index.js";
import {finalScores, toCsv} from "./training-runs.js";

const rows = (await readRuns(dataPath("runs", "tdmpc2", "tdmpc2_results_long.csv"))).rows();
process.stdout.write(toCsv(finalScores(rows) as unknown as Record<string, unknown>[], ["algorithm", "suite", "task", "seed", "metric", "budget", "step", "value", "normalized"]));
