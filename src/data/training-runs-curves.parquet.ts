// Learning curves of TD-MPC2, TD-MPC, SAC, DreamerV3 (and TD-MPC2 from pixels) on 104 tasks × 3 seeds, summarised
// across seeds at every evaluation step, with the three seeds' values kept (columns seed_1..seed_3), in Parquet.
import {dataPath} from "../../loaders/data-dir.js";
import {readRuns} from "../../loaders/index.js";
import {writeTable} from "../../loaders/tidy/write.js";
import {curveSummaries} from "./training-runs.js";

const rows = (await readRuns(dataPath("runs", "tdmpc2", "tdmpc2_results_long.csv"))).rows();
const seedLabels = [...new Set(rows.map((r) => r.seed))].sort();
const table = curveSummaries(rows).map(({seeds, ...p}) => ({...p, ...Object.fromEntries(seedLabels.map((s) => [`seed_${s}`, seeds[s] ?? NaN]))}));
await writeTable(table, "-", {format: "parquet", columns: ["algorithm", "suite", "task", "metric", "step", "n", "mean", "sd", ...seedLabels.map((s) => `seed_${s}`)]});
